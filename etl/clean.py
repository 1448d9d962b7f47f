"""Page text → cleaned text: the one text every offset in Dyad points into.

Reads the text ingest produced (HTML already flattened to lines, PDF pages
joined) and writes a normalised copy: spaces collapsed, lines stripped, and
lines that a PDF or a narrow column wrapped mid-sentence joined again, so a
sentence, a compound like "узбекско-казахстанского" or an amount like
"4 млрд долларов" is never cut by a newline. Paragraphs and list items stay
on lines of their own because the segmenter reads the page's layout from
them. The doc_id is the hash of this text, so the same text gets the same id
whatever file or encoding it came in.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# runs of spaces (not U+00A0/U+202F: "1 200"); a single plain space is left alone
_SP = r"\t\f\v\u2000-\u200a\u3000"
_SPACES = re.compile(rf" [ {_SP}]+|[{_SP}][ {_SP}]*")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_BLANKS = re.compile(r"\n{3,}")
# a no-break space not between two digits ("1 200" keeps it); the class comes first so the
# engine skips to candidates instead of trying a lookbehind at every position
_LONE_NBSP = re.compile(r"[\u00a0\u202f](?:(?<!\d.)|(?!\d))")
_TERMINAL = tuple(".!?…:;»\"”)۔؟")
_BULLET = re.compile(r"^\s*(?:[•\-–—*·▪►]|\d{1,2}[.)])\s")


def _is_wrapped(lines: list[str]) -> bool:
    """True for text hard-wrapped at a column (PDF, e-mail): many long lines end mid-sentence,
    and the word after such a break is often lower case. A short page of a headline, a
    dateline and a tag line ends them open too, but each next line starts a new block."""
    long = [i for i, ln in enumerate(lines) if len(ln) >= 50]
    if len(long) < 4:
        return False
    open_ended = [i for i in long if not lines[i].endswith(_TERMINAL)]
    lengths = sorted(len(lines[i]) for i in long)
    median = lengths[len(lengths) // 2]
    at_column = sum(1 for n in lengths if 0.75 * median <= n <= 1.15 * median)
    if not (median <= 140 and len(open_ended) / len(long) >= 0.4
            and at_column / len(long) >= 0.6):
        return False
    lower = sum(1 for i in open_ended if i + 1 < len(lines) and lines[i + 1][:1].islower())
    return lower * 4 >= len(open_ended)


def _joins(prev: str, nxt: str, wrapped: bool) -> str | None:
    """How two adjacent lines join when the first was wrapped mid-sentence.

    Returns the separator ('' or ' ') or None when they are separate lines.
    A line ending in a hyphen joins without space ("узбекско-" + "казахстанского",
    "Касым-" + "Жомарт"); a line that does not end a sentence joins a next line
    that starts in lower case. On a hard-wrapped page any line that does not end
    a sentence joins the next one. Elsewhere headlines stay apart from the
    paragraph below them (it starts upper-case or with a digit: "15 ноября ..."),
    and list items always stay apart.
    """
    if not prev or not nxt or _BULLET.match(nxt):
        return None
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and nxt[0].isalpha():
        return ""
    if prev.endswith(_TERMINAL):
        return None
    if nxt[0].islower() or (wrapped and len(prev) >= 50):
        return " "
    return None


def clean_text(raw: str) -> str:
    """Normalise a page's text; see the module docstring for why each rule exists."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _LONE_NBSP.sub(" ", _ZERO_WIDTH.sub("", text))
    lines = [line.strip() for line in _SPACES.sub(" ", text).split("\n")]
    wrapped = _is_wrapped(lines)
    out: list[str] = []
    for line in lines:
        if out and line:
            sep = _joins(out[-1], line, wrapped)
            if sep is not None:
                out[-1] = out[-1] + sep + line
                continue
        out.append(line)
    return _MANY_BLANKS.sub("\n\n", "\n".join(out)).strip("\n")


def doc_id(cleaned: str) -> str:
    """Stable id of a document's content: same cleaned text, same id."""
    return hashlib.sha1(cleaned.encode("utf-8")).hexdigest()[:16]
