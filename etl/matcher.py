"""A vocabulary table compiled into a fast matcher: literal prefilter, then one regex.

One alternation of ~100 patterns tried at every position of every sentence
was the ETL's largest cost. Nearly every pattern contains a literal it cannot
match without ("товарооборот", " в неделю", "export"), so a sentence is first
checked for those literals (C-speed substring search on its lower-cased
text) and only the rows that can match are compiled into the alternation
(cached per combination). Rows with no usable literal are always tried.

A literal that starts its pattern must also start a word of the text: it is
looked up by its first four letters in the set of the text's word heads
(`_read`, one regex pass per text, shared by every table that reads the same
sentence), so only a handful of literals are searched for in each text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_META = set(".^$*+?{}[]\\|()")
_PREFIX = 4  # letters of a word that index the literals starting there
# a word (a run of letters) and its first letters; no lookbehind, which costs 2:1 here
_HEAD = re.compile(rf"([^\W\d_]{{1,{_PREFIX}}})[^\W\d_]*")
_QUANT = set("*?{")


def _split_top(pattern: str) -> list[str]:
    """The pattern's top-level alternatives (a '|' outside any group or class)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _required_literal(alternative: str) -> str | None:
    """The longest literal run outside groups that every match must contain, lower-cased."""
    runs, cur, depth, i, in_class = [], "", 0, 0, False
    while i < len(alternative):
        ch = alternative[i]
        nxt = alternative[i + 1] if i + 1 < len(alternative) else ""
        if ch == "\\":
            runs.append(cur)
            cur = ""
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            runs.append(cur)
            cur = ""
        elif ch == "{":  # a counted quantifier: "{0,3}" is no literal
            runs.append(cur)
            cur = ""
            i = alternative.find("}", i) if "}" in alternative[i:] else len(alternative)
        elif ch == "(":
            depth += 1
            runs.append(cur)
            cur = ""
        elif ch == ")":
            depth -= 1
        elif depth == 0 and ch not in _META:
            if nxt in _QUANT:  # "x?" or "x*": the char is optional
                runs.append(cur)
                cur = ""
            else:
                cur += ch
        elif depth == 0:
            runs.append(cur)
            cur = ""
        i += 1
    runs.append(cur)
    best = max(runs, key=len).lower()
    return best if len(best.strip()) >= 2 else None


@lru_cache(maxsize=256)
def _read(text: str) -> tuple[str, frozenset[str]]:
    """The text lower-cased, and the first _PREFIX letters of each of its words: read once
    per text and shared by every table that looks at it (metric words, count nouns, kind
    and context cues all read the same sentence)."""
    low = text.lower()
    return low, frozenset(_HEAD.findall(low))


def _leading_group(alternative: str) -> str | None:
    """The body of a non-optional group the alternative starts with: "(?:проект|соглашени)\\w*"."""
    if not alternative.startswith("(?:"):
        return None
    depth, i = 0, 0
    while i < len(alternative):
        ch = alternative[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            after = alternative[i + 1:i + 2]
            return None if after in ("?", "*", "{") else alternative[3:i]
        i += 1
    return None


def anchored_literals(pattern: str) -> list[tuple[str, bool]] | None:
    """Literals one of which every match contains, each with whether a match starts with
    it; None when the pattern has no such literals."""
    keys: list[tuple[str, bool]] = []
    for alt in _split_top(pattern):
        key = _required_literal(alt)
        if key is not None:
            keys.append((key, alt.lower().startswith(key)))
            continue
        inner = _leading_group(alt)
        sub = anchored_literals(inner) if inner else None
        if sub is None:
            return None
        keys.extend(sub)
    return keys


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Literals one of which every match of the pattern contains; None when there are none."""
    keys = anchored_literals(pattern)
    return None if keys is None else tuple(k for k, _ in keys)


@dataclass(frozen=True)
class Hit:
    row: int
    start: int
    end: int


class Matcher:
    """Finds where any row's pattern matches; `rows` are (label, pattern) in priority order."""

    def __init__(self, patterns: list[str], flags: int = re.I) -> None:
        self.patterns = patterns
        self.flags = flags
        self.keys: list[tuple[str, ...] | None] = []
        for p in patterns:
            self.keys.append(required_literals(p))
        self.always = tuple(i for i, k in enumerate(self.keys) if k is None)
        literals = sorted({k for ks in self.keys if ks for k in ks}, key=len, reverse=True)
        self.rows_of: dict[str, set[int]] = {}
        for lit in literals:
            self.rows_of[lit] = {i for i, ks in enumerate(self.keys) if ks and lit in ks}
        # A literal that starts its pattern starts a word (the engine anchors patterns at a
        # word start): it counts when the text contains it and some word of the text starts
        # with its first letters (up to _PREFIX of them; "рейс" in "(?:авиа)?рейс" and
        # " в неделю" are not anchored and count wherever they are). `in` per literal beat
        # one regex alternation of all literals 2:1.
        floating = {k for p in patterns for k, at_start in (anchored_literals(p) or ())
                    if not at_start or not k[:1].isalpha()}
        self._floating = [(lit, frozenset(self.rows_of[lit]))
                          for lit in literals if lit in floating]
        self._by_head: dict[str, list[tuple[str, frozenset[int]]]] = {}
        self._short: list[tuple[str, re.Pattern[str], frozenset[int]]] = []
        for lit in literals:
            if lit not in floating:
                head = re.match(r"[^\W\d_]+", lit)
                key = (head.group() if head else lit)[:_PREFIX]
                if len(key) == _PREFIX:
                    self._by_head.setdefault(key, []).append((lit, frozenset(self.rows_of[lit])))
                else:  # "со странами", "шос": some word must start with the whole short key
                    self._short.append((lit, re.compile(r"(?<![^\W\d_])" + re.escape(key)),
                                        frozenset(self.rows_of[lit])))
        self._heads = frozenset(self._by_head)
        self._compile = lru_cache(maxsize=4096)(self._build)

    def _build(self, rows: tuple[int, ...]) -> re.Pattern[str]:
        parts = [f"(?P<g{i}>{self.patterns[i]})" for i in rows]
        return re.compile(r"(?<![\w])(?:" + "|".join(parts) + ")", self.flags)

    def candidates(self, text: str) -> tuple[int, ...]:
        low, heads = _read(text)
        rows = set(self.always)
        for lit, its_rows in self._floating:
            if lit in low:
                rows |= its_rows
        by_head = self._by_head
        for head in self._heads & heads:
            for lit, its_rows in by_head[head]:
                if lit in low:
                    rows |= its_rows
        for lit, word_start, its_rows in self._short:
            if lit in low and word_start.search(low):
                rows |= its_rows
        return tuple(sorted(rows))

    def finditer(self, text: str) -> list[Hit]:
        rows = self.candidates(text)
        if not rows:
            return []
        return [Hit(int(m.lastgroup[1:]) if m.lastgroup else rows[0], m.start(), m.end())
                for m in self._compile(rows).finditer(text)]
