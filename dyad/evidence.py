"""A fact's sentence highlighted in its document, as escaped HTML.

Reads a document's cleaned text and the fact's (start, end) offsets into it.
Article text is untrusted: every character of it goes through `html.escape`,
so a `<script>` in an article shows as text. Only the <mark>/<strong> tags
written here are markup.
"""
from __future__ import annotations

import html
import re

_NUMBER_WORDS = {
    "один": 1, "одна": 1, "одного": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
    "трёх": 3, "четыре": 4, "четырех": 4, "четырёх": 4, "пять": 5, "пяти": 5, "шесть": 6,
    "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9,
    "десять": 10, "десяти": 10, "двадцать": 20, "двадцати": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "сто": 100,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twenty": 20,
}
_SCALES = (
    (r"трлн|триллион\w*|trillion|tn", 1e12),
    (r"млрд|миллиард\w*|billion|bn|milliard\w*|mlrd", 1e9),
    (r"млн|миллион\w*|million|mn|mln", 1e6),
    (r"тыс\.?|тысяч\w*|thousand", 1e3),
)
_SCALE_RE = "|".join(p for p, _ in _SCALES)
_FIGURE = re.compile(
    r"(?<!\w)(?P<num>\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?:\s+(?P<scale>" + _SCALE_RE + r"))?(?!\w)",
    re.IGNORECASE,
)

STYLE = (
    "white-space: pre-wrap; line-height: 1.6; font-size: 0.95rem; padding: 0.75rem 1rem;"
    " border-left: 3px solid #1f6f8b; background: #f6f8fa; border-radius: 4px;"
)
MARK = "background: #fff3b0; padding: 0 2px; border-radius: 2px;"
FIGURE = "background: #ffd24d; font-weight: 700;"


def _value(m: re.Match[str]) -> float:
    num = m.group("num").lower()
    if num in _NUMBER_WORDS:
        x = float(_NUMBER_WORDS[num])
    else:
        x = float(re.sub(r"[ \u00a0]", "", num).replace(",", "."))
    scale = (m.group("scale") or "").lower()
    for pattern, factor in _SCALES:
        if scale and re.fullmatch(pattern, scale):
            return x * factor
    return x


def figure_span(sentence: str, value: float | None) -> tuple[int, int] | None:
    """Where in the sentence the fact's figure is written: the number that reads as `value`,
    else the first number with a scale word, else the first number; None when there is none."""
    found = list(_FIGURE.finditer(sentence))
    if not found:
        return None
    if value:
        for m in found:
            if abs(_value(m) - value) <= 0.01 * abs(value):
                return m.span()
    scaled = [m for m in found if m.group("scale")]
    m = (scaled or found)[0]
    return m.span()


def highlight(text: str, start: int, end: int, value: float | None = None,
              context: int | None = 400) -> str:
    """HTML: the document around the sentence (all of it when `context` is None), the
    sentence in <mark>, the figure in it in <strong>; everything else escaped."""
    start, end = max(0, int(start)), min(len(text), int(end))
    if start >= end:
        return f'<div style="{STYLE}">{html.escape(text[: context or None])}</div>'
    lo = 0 if context is None else max(0, start - context)
    hi = len(text) if context is None else min(len(text), end + context)
    before, sentence, after = text[lo:start], text[start:end], text[end:hi]
    span = figure_span(sentence, value)
    if span:
        a, b = span
        inner = (html.escape(sentence[:a]) + f'<strong style="{FIGURE}">'
                 + html.escape(sentence[a:b]) + "</strong>" + html.escape(sentence[b:]))
    else:
        inner = html.escape(sentence)
    return (f'<div style="{STYLE}">' + ("…" if lo > 0 else "") + html.escape(before)
            + f'<mark style="{MARK}">{inner}</mark>' + html.escape(after)
            + ("…" if hi < len(text) else "") + "</div>")


def sentence_html(sentence: str, value: float | None = None) -> str:
    """Just the evidence sentence with its figure highlighted (when the text is missing)."""
    return highlight(sentence, 0, len(sentence), value, context=0)
