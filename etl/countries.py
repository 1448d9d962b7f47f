"""Country mentions in text: every ISO 3166-1 country, in the forms news use.

Reads the vocabularies in etl/vocab/: countries.csv (names, capitals and
adjectives of all 249 countries, English and Russian), country_forms.csv
(Kazakh, Kyrgyz, Uzbek, Urdu/Persian/Arabic forms, old names, abbreviations,
demonyms, phrases that block a reading), country_leaders.csv (leaders who
stand for their state, with their years), country_endings.csv (inflection
classes) and country_stopcontext.csv (currency contexts: "долларов США").

At import every dictionary form is inflected into all its surface forms
(etl/inflect.py) and indexed by its lowercased first word. `find_countries` turns
every separator into a space (one regex pass); str.split, a set intersection and
running sums (all in C) then give the few candidate words and their offsets, and only
those are checked in Python: a 5 KB article takes a fraction of a
millisecond. Matching is by whole words, so "грузоперевозки" never meets
"Грузия"; case rules per form keep "того", "РК" inside words and "us" out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, pairwise

from etl.inflect import inflect, spellings, word_classes
from etl.vocab import load_table

TYPES = ("name", "abbr", "capital", "leader", "adj", "demonym")


@dataclass(frozen=True)
class Mention:
    code: str  # ISO3
    start: int  # char offsets into the text given
    end: int
    form: str  # the matched text
    type: str  # name | adj | capital | abbr | leader | demonym


@dataclass(frozen=True, slots=True)
class _Entry:
    """One dictionary form, as seen from the surface form of its first word."""

    code: str  # '-' for a blocking phrase
    type: str
    mode: str  # any | cap | strict | exact
    comb: bool  # a combining form: counts only before a hyphen (узбекско-)
    nohyph: bool  # must not touch a hyphen (РТ-Инвест is a company)
    rest: tuple[frozenset[str], ...]  # surface forms of the phrase's other words
    gaps: tuple[str, ...]  # what separates the words (' ', '-', '.', "'")
    exact: tuple[str, ...]  # the words as written, for mode 'exact'
    cap_at: int  # the word whose capital letter counts (-1: none)
    quick: str  # 'any' / 'cap' when only that case rule applies (one plain word), else ''


# Words are runs of anything but spaces and punctuation (an explicit class is
# faster than \w). Apostrophes and hyphens of every kind separate words too:
# O'zbekiston is the phrase o + zbekiston with the gap "'", Russia's gives
# Russia, and _gap() reads what stands between two words of a phrase.
_APOS = "'`´ʹʻʼʽ‘’′"
_HYPHENS = "-‐‑"
_SEP = r"\s!-/:-@\[-`{-~" + re.escape("«»‹›“”„‟‚…№°•·€£¥₽₸§©®™،؛؟۔‐‑–—−" + _APOS)
# In the search copy of a text every separator becomes a plain space.
_OTHER_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCT = re.compile(f"[{_SEP[2:]}{_OTHER_SPACE}]")
_FORM_WORD = re.compile(f"([^{_SEP}]+)(\\{{[^}}]*\\}})?")
_SPACE = re.compile(r"\s+")
_GAP_FOLD = str.maketrans({**dict.fromkeys(_APOS, "'"), **dict.fromkeys("‐‑–—−", "-")})
_GAP1 = {**dict.fromkeys(" \t\n\r\xa0\u2009\u202f", " "), **dict.fromkeys(_APOS, "'"),
         **dict.fromkeys("-‐‑–—−", "-")}


def _gap(g: str) -> str:
    """What separates two words of a phrase: ' ', '-', '.', "'"; a blank line
    ends the phrase (a heading is not the first word of the next paragraph)."""
    if len(g) == 1:
        return _GAP1.get(g, g)
    if g.count("\n") > 1:
        return "\n"
    g = g.strip()
    return _SPACE.sub("", g.translate(_GAP_FOLD)) if g else " "


# ---------------------------------------------------------------- the index
_INDEX: dict[str, list[_Entry]] = {}
_COUNTRIES: dict[str, dict[str, str]] = {}
_NAMES: dict[tuple[str, str], str] = {}
_CANON: dict[_Entry, _Entry] = {}


def _mode(type_: str, lang: str, flags: set[str]) -> str:
    for m in ("exact", "strict", "cap", "any"):
        if m in flags:
            return m
    if type_ == "abbr":
        return "exact"
    return "any" if type_ in ("adj", "demonym") and lang != "en" else "cap"


def _add(code: str, lang: str, form: str, type_: str, infl: str = "", flags: str = "") -> None:
    if type_ not in TYPES:
        raise ValueError(f"{code} {form!r}: unknown type {type_!r}")
    form = form.replace("ё", "е").replace("Ё", "Е")
    found = list(_FORM_WORD.finditer(form))
    words = [m.group(1) for m in found]
    gaps = tuple(_gap(form[a.end():b.start()]) for a, b in pairwise(found))
    flagset = set(flags.split())
    mode = _mode(type_, lang, flagset)
    arabic = lang in ("ar", "fa", "ur")
    surfaces = []
    for m, classes in zip(found, word_classes(words, lang, type_, infl), strict=True):
        word, braces = m.groups()
        forms: dict[str, bool] = {}
        if braces:  # stem{a b c}: the endings spelled out
            forms = {(word + e).lower(): False for e in braces[1:-1].split()}
        else:
            for cls in classes:
                forms.update(inflect(word, cls, type_ == "adj" and len(words) == 1))
        surfaces.append(forms)
    cap_at = next((i for i, w in enumerate(words) if w[:1].isupper()), -1)
    rest = tuple(frozenset(v for w in s for v in spellings(w, arabic)) for s in surfaces[1:])
    nohyph = "nohyph" in flagset
    plain = not rest and not nohyph and (mode == "any" or (mode == "cap" and cap_at == 0))
    entries = {}
    for c in (False, True):  # one object per distinct entry, so buckets compare by identity
        e = _Entry(code, type_, mode, c, nohyph, rest, gaps, tuple(words), cap_at,
                   mode if plain and not c else "")
        entries[c] = _CANON.setdefault(e, e)
    for first, comb in surfaces[0].items():
        for surface in spellings(first, arabic):
            bucket = _INDEX.setdefault(surface, [])
            if not any(x is entries[comb] for x in bucket):
                bucket.append(entries[comb])
    if type_ == "name" and code != "-":
        _NAMES.setdefault((code, lang), form)


def _cells(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _build() -> None:
    for r in load_table("countries"):
        code, flags = r["iso3"], set(r["flags"].split())
        _COUNTRIES[code] = r
        _add(code, "en", r["name_en"], "name", "", "strict" if "en:strict" in flags else "")
        if r["ru_infl"] != "-":
            abbr = "ru:abbr" in flags
            _add(code, "ru", r["name_ru"], "abbr" if abbr else "name", r["ru_infl"],
                 "strict" if "ru:strict" in flags else "")
        for col, lang, type_ in (("capital_en", "en", "capital"), ("capital_ru", "ru", "capital"),
                                 ("adj_en", "en", "adj"), ("adj_ru", "ru", "adj")):
            for form in _cells(r[col]):
                _add(code, lang, form, type_)
    for r in load_table("country_forms"):
        _add(r["iso3"], r["lang"], r["form"], r["type"], r["infl"], r["flags"])
    for r in load_table("country_leaders"):
        _add(r["iso3"], r["lang"], r["form"], "leader", r["infl"], r["flags"])
    order = {t: i for i, t in enumerate(TYPES)}
    for bucket in _INDEX.values():  # longest phrase first, then exact case, then type
        bucket.sort(key=lambda e: (-len(e.rest), e.mode != "exact", order[e.type], e.code))


def _stop_patterns() -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    sides: dict[str, dict[str, list[str]]] = {"before": {}, "after": {}}
    for r in load_table("country_stopcontext"):
        pattern = re.escape(r["pattern"]) if r["iso3"] == "*" else r["pattern"]
        sides[r["side"]].setdefault(r["iso3"], []).append(pattern)
    before = {k: re.compile(rf"(?:{'|'.join(v)})\s*$") for k, v in sides["before"].items()}
    # an abbreviation's own dot may stand between: "U.S. dollars" (the form ends at "U.S")
    after = {k: re.compile(rf"\.?\s*(?:{'|'.join(v)})") for k, v in sides["after"].items()}
    return before, after


_build()
_BEFORE, _AFTER = _stop_patterns()
_AFTER_ANY = _AFTER.get("*")
# '*' rules are plain words: a text without any of them skips those rules
_ANY_WORDS = tuple(r["pattern"] for r in load_table("country_stopcontext") if r["iso3"] == "*")
_STOP_CODES = (set(_BEFORE) | set(_AFTER)) - {"*"}
_KEYS = frozenset(_INDEX)


# ---------------------------------------------------------------- matching
def _next_word(parts: list[str], k: int) -> int:
    """Index of the first non-empty part after k (len(parts) if none)."""
    k += 1
    while k < len(parts) and not parts[k]:
        k += 1
    return k


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t«\"'(„“”":
        i -= 1
    return i < 0 or text[i] in ".!?…\n\r"


def _case_ok(e: _Entry, text: str, spans: list[tuple[int, int]]) -> bool:
    if e.mode == "any":
        return True
    if e.mode == "exact":
        return all(text[a:b] == w for (a, b), w in zip(spans, e.exact, strict=True))
    if e.cap_at < 0:
        return True
    a, b = spans[e.cap_at]
    if text[a].islower():
        return False
    if e.mode == "strict":
        return (b - a == 1 or text[a + 1:b].islower()) and not _sentence_start(text, a)
    return True


def _match(e: _Entry, k: int, parts: list[str], cum: list[int], text: str,
           low: str) -> int | None:
    """Where entry `e`, whose first word is parts[k], ends; None if it fails."""
    start = cum[k] + k
    spans = [(start, start + len(parts[k]))]
    for allowed, gap in zip(e.rest, e.gaps, strict=True):
        k = _next_word(parts, k)
        if k == len(parts) or parts[k] not in allowed:
            return None
        s = cum[k] + k
        if _gap(low[spans[-1][1]:s]) != gap:
            return None
        spans.append((s, s + len(parts[k])))
    end = spans[-1][1]
    if not _case_ok(e, text, spans):
        return None
    if e.comb and not (end < len(low) and low[end] in _HYPHENS):
        return None
    if e.nohyph and any(0 <= p < len(low) and low[p] in _HYPHENS for p in (start - 1, end)):
        return None
    return end


def _currency(code: str, low: str, start: int, end: int, any_rule: bool) -> bool:
    if any_rule and _AFTER_ANY is not None and _AFTER_ANY.match(low, end, end + 40):
        return True
    if code not in _STOP_CODES:
        return False
    before, after = _BEFORE.get(code), _AFTER.get(code)
    return bool((before and before.search(low, max(0, start - 40), start))
                or (after and after.match(low, end, end + 40)))


def find_countries(text: str) -> list[Mention]:
    """Every country mention in `text`, sorted by start; "узбекско-казахстанский"
    gives two. Currency uses ("долларов США", "US$") are left out."""
    low = text.lower()
    if len(low) != len(text):  # 'İ'.lower() is two chars
        low = "".join(c.lower()[0] for c in text)
    if "ё" in low:
        low = low.replace("ё", "е")
    # Every separator -> one space keeps every offset; then str.split(" "), a
    # set intersection and running sums (all in C) give the candidate words
    # and where they stand: part k starts at cum[k] + k.
    parts = _PUNCT.sub(" ", low).split(" ")
    hits = _KEYS.intersection(parts)
    if not hits:
        return []
    cum = list(accumulate(map(len, parts), initial=0))
    any_rule = any(w in low for w in _ANY_WORDS)
    out: list[Mention] = []
    free = 0
    for k in [k for k, w in enumerate(parts) if w in hits]:
        start = cum[k] + k
        if start < free:  # inside a phrase already matched
            continue
        end = start + len(parts[k])
        following = None  # the next word, read once for all phrases of this word
        for e in _INDEX[parts[k]]:
            if e.quick:  # one plain word: the common case, inline
                if e.quick == "cap" and text[start].islower():
                    continue
                stop = end
            else:
                if e.rest:
                    if following is None:
                        j = _next_word(parts, k)
                        following = parts[j] if j < len(parts) else ""
                    if following not in e.rest[0]:
                        continue
                matched = _match(e, k, parts, cum, text, low)
                if matched is None:
                    continue
                stop = matched
            free = stop
            if e.code != "-" and not _currency(e.code, low, start, stop, any_rule):
                out.append(Mention(e.code, start, stop, text[start:stop], e.type))
            break
    return out


def country_name(code: str, lang: str = "en") -> str:
    """'Kazakhstan' / 'Казахстан' (other languages: the first name form listed,
    else English); an unknown code comes back as given."""
    row = _COUNTRIES.get(code)
    if row is None:
        return code
    if lang in ("en", "ru"):
        return row[f"name_{lang}"]
    return _NAMES.get((code, lang), row["name_en"])


def all_codes() -> list[str]:
    return sorted(_COUNTRIES)
