"""A dictionary form of a country word → every surface form news spell it in.

Russian nouns and adjectives decline (Казахстан, Казахстана, Казахстаном; казахстанский,
казахстанско-), Kazakh and Kyrgyz suffixes follow the stem's last vowel, Uzbek has one
set, Arabic takes prefixes (ل, ال). The endings are data (etl/vocab/country_endings.csv:
a class, what to strip, the endings, a class chained after them); this module picks a
word's class from its ending and type, and spells the forms out. etl/countries.py
indexes every form this gives, once at import.
"""
from __future__ import annotations

import re

from etl.vocab import load_table

# Arabic and Persian/Urdu spell some letters differently; forms are written
# in their own script and indexed in both spellings.
_ARABIC_FOLD = str.maketrans({"ی": "ي", "ک": "ك"})
_PERSIAN_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "أ": "ا", "إ": "ا"})


def spellings(surface: str, arabic_script: bool) -> set[str]:
    """A form in Arabic script in its Arabic and its Persian/Urdu spelling: a text in
    either finds it."""
    if not arabic_script:
        return {surface}
    return {surface, surface.translate(_ARABIC_FOLD), surface.translate(_PERSIAN_FOLD)}


def _endings() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], str, str]]:
    out = {}
    for r in load_table("country_endings"):
        strip = tuple(s for s in r["strip"].split("|") if s)
        ends = tuple("" if e == "_" else e for e in r["endings"].split())
        out[r["class"]] = (strip, ends, r["then"], r["kind"] or "suffix")
    return out


_ENDINGS = _endings()
_ADJ_END = ("ий", "ый", "ой", "ая", "ое", "ие", "ые", "яя")


def _ru_class(word: str, type_: str, n_words: int) -> str:
    """The Russian inflection class a dictionary form's ending implies."""
    w = word.lower()
    if type_ == "abbr" or word.isupper() or not w[-1].isalpha():
        return "0"
    if type_ == "leader" and w.endswith(("ов", "ев", "ин", "ын")):
        return "sur"
    if type_ == "demonym" and w.endswith("ец"):
        return "ec"
    if w.endswith(("анин", "янин")):
        return "anin"
    if w.endswith("ия"):
        return "ija"
    if w.endswith(_ADJ_END):
        lone_noun = type_ != "adj" and n_words == 1 and not w.endswith(("ский", "цкий"))
        return "j" if lone_noun and w.endswith(("ий", "ой", "ый")) else "adj"  # Ханой
    if w.endswith(("овы", "евы")):
        return "poss"
    for end, cls in (("ы", "pl"), ("я", "ja"), ("а", "a"), ("й", "j"), ("ь", "sm")):
        if w.endswith(end):
            return cls
    return "0" if w[-1] in "оеиуюэ" else "m"


_KK = {**dict.fromkeys("аоұыя", ("kk.b",)), **dict.fromkeys("әөүіеэ", ("kk.f",))}
_KY = {**dict.fromkeys("аыя", ("ky.a",)), **dict.fromkeys("еиэ", ("ky.e",)),
       **dict.fromkeys("оуюё", ("ky.o",)), **dict.fromkeys("өү", ("ky.oe",))}


def _turkic_classes(word: str, lang: str, type_: str) -> tuple[str, ...]:
    """Kazakh/Kyrgyz suffixes follow the stem's last vowel; Uzbek has one set."""
    w = word.lower()
    if type_ == "abbr" or word.isupper():
        return ("0",)
    if lang == "uz":
        return ("uzl",) if re.search("[a-z]", w) else ("uz",)
    table = _KK if lang == "kk" else _KY
    if type_ != "leader":  # Тоқаев takes back and front suffixes alike
        for ch in reversed(w):
            if ch in table:
                return table[ch]
            if ch in "иую":
                break
    return tuple(sorted({c for cs in table.values() for c in cs}))


def word_classes(words: list[str], lang: str, type_: str, infl: str) -> list[tuple[str, ...]]:
    given = infl.split()
    if len(given) == 1:
        given = given * len(words)
    if given:
        if len(given) != len(words):
            raise ValueError(f"infl {infl!r} does not fit {' '.join(words)!r}")
        return [(c,) for c in given]
    last = len(words) - 1
    if lang == "ru":
        return [(_ru_class(w, type_, len(words)),) for w in words]
    if lang in ("kk", "ky", "uz"):
        return [_turkic_classes(w, lang, type_) if i == last else ("0",)
                for i, w in enumerate(words)]
    if lang == "ar":
        return [("ar",) if i == 0 else ("0",) for i in range(len(words))]
    return [("0",)] * len(words)


def inflect(word: str, cls: str, comb_ok: bool) -> dict[str, bool]:
    """Surface forms (lowercase) of one word -> whether each is a combining form."""
    w = word.lower()
    if cls == "comb":
        return {w: True}
    strip, ends, then, kind = _ENDINGS[cls]
    if kind == "prefix":
        out = {p + w: False for p in ends}
        if w.startswith("ال"):  # ل + ال -> لل
            out.update({"لل" + w[2:]: False, "ولل" + w[2:]: False})
        return out
    stem = next((w[: -len(s)] for s in strip if w.endswith(s)), w)
    out = {w: False}
    chained = _ENDINGS[then][1] if then else ("",)
    for e in ends:
        for e2 in chained:
            out.setdefault(stem + e + e2, False)
    if cls == "adj" and comb_ok:
        out.setdefault(stem + "о", True)
    return out


