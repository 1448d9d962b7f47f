"""Blocks → sentences with offsets into the cleaned text.

razdel splits Russian well inside a block, but cuts after abbreviations
that end a sentence-internal amount ("4 млрд. долл. США."): a piece that
starts in lower case, with a digit, or with "США"/"USD" is glued back to the
one before it. Each line of a block is split on its own: lines are paragraphs,
list items or headlines, never halves of one sentence (etl.clean joined those).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from razdel import sentenize

_CONTINUES = re.compile(r"^(?:[a-zа-яёәғқңөұүһіўҳ\d(«\"]|США|USD|РФ\b)")
_ENDS_ABBR = re.compile(r"(?:\b(?:млрд|млн|трлн|тыс|долл|руб|евро|г|гг|им|ул|т\.е|т\.к)\.)$", re.I)


_URDU_STOP = re.compile(r"[۔؟]\s+")


def _split_urdu(line: str, a: int, b: int) -> list[tuple[int, int]]:
    """razdel does not know the Urdu full stop '۔'; split on it."""
    if "۔" not in line and "؟" not in line:  # the common case: nothing to split
        return [(a, b)] if line[a:b].strip() else []
    out, start = [], a
    for m in _URDU_STOP.finditer(line, a, b):
        out.append((start, m.start() + 1))
        start = m.end()
    out.append((start, b))
    return [(x, y) for x, y in out if line[x:y].strip()]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=2048)
def _pieces(line: str) -> tuple[tuple[int, int], ...]:
    """The sentences of one line as (start, end) in it. Cached: an article about a signing
    is split whole after its figure lines were split one by one."""
    pieces: list[list[int]] = []
    for s in sentenize(line):
        before = line[pieces[-1][0]:pieces[-1][1]] if pieces else ""
        if pieces and (_CONTINUES.match(s.text) or _ENDS_ABBR.search(before)):
            pieces[-1][1] = s.stop
        else:
            pieces.append([s.start, s.stop])
    return tuple(xy for a, b in pieces for xy in _split_urdu(line, a, b))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end], line by line, with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            out.extend(Sentence(pos + x, pos + y, line[x:y]) for x, y in _pieces(line))
        pos += len(line) + 1
    return out
