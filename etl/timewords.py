"""The word tables and grammar that dates and periods share: months, numbers, ordinals.

Read once from etl/vocab/months.csv and etl/vocab/time_*.csv and compiled as
tries (see etl/dates.py for why): etl.dates finds datelines and the document's
date with them, etl.periods the time a figure covers.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from etl.vocab import load_table

# --- the word tables, as regex tries ----------------------------------------

L = r"[^\W\d_]"  # one letter of any script
YEAR = r"(?:19|20)[0-9]{2}(?![0-9])"
TIME = r"(?<![0-9:.,+])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?![0-9:%])"
APOSTROPHES = "'ʻʼ‘’`"
# how many years before the document's a time_phrases meaning is ("в позапрошлом году": 2,
# "в следующем году": -1)
YEARS_BACK = {"last_year": 1, "year_before_last": 2, "next_year": -1}
YEAR_PHRASES = ("this_year", *YEARS_BACK)


def _lower(text: str) -> str:
    """Lower case with the same offsets (a few letters, like 'İ', grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _norm(s: str) -> str:
    """Lower case, one space, one apostrophe: the key a matched phrase is looked up by."""
    return " ".join(s.lower().split()).translate(_APOSTROPHE_KEY)


_APOSTROPHE_KEY = {ord(c): "'" for c in APOSTROPHES}


def _trie(forms: Iterable[str]) -> str:
    """A regex matching any of `forms` (normalized), built as a character trie so a
    mismatch costs one comparison; a space matches any whitespace."""
    root: dict = {}
    for form in forms:
        node = root
        for ch in _norm(form):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else f"[{APOSTROPHES}]" if ch == "'" else re.escape(ch))
                + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")" if len(alts) > 1 or "" in node else alts[0]
        return body + "?" if "" in node else body

    return "(?:" + emit(root) + ")"


def _month(name: str, trie: str) -> str:
    """A month word: a listed form plus the letters after it (checked by `_month_no`)."""
    return rf"(?P<{name}>{trie})(?P<{name}_sfx>{L}*)(?:\.(?=\s*[0-9]))?"


def _branches(**branches: str) -> re.Pattern:
    """One scanning regex: each branch a named group, tried in the order given."""
    return re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in branches.items()) + ")")


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, tuple[int, bool]]  # form -> (month, takes suffixes)
    phrases: dict[str, tuple[str, str]]  # phrase -> (meaning, role)
    numbers: dict[str, int]
    ordinals: dict[str, int]
    year_pre: dict[str, tuple[str, bool]]  # phrase -> (kind, needs a year word after it)
    year_post: dict[str, str]
    rel_days: dict[str, int]
    ago_units: dict[str, int]  # unit stem -> days ("дн" 1, "hour" 0, "week" 7)
    datelines: re.Pattern
    month_day_tail: re.Pattern
    year_tail: re.Pattern
    year_scan: re.Pattern
    month_after: re.Pattern
    times: re.Pattern
    time_anchor: re.Pattern
    time_after: re.Pattern
    time_before: re.Pattern
    weekday_before: re.Pattern
    weekday_at: re.Pattern
    marker: re.Pattern
    update_marker: re.Pattern
    year_pre_re: re.Pattern
    year_post_re: re.Pattern
    mod_after: re.Pattern
    mod_before: re.Pattern
    comparison: re.Pattern


@cache
def _grammar() -> _Grammar:
    """Compile the patterns once from the vocabularies (first call only)."""
    months = {_norm(r["form"]): (int(r["month"]), r["suffixed"] == "yes")
              for r in load_table("months")}
    phrases = {_norm(r["phrase"]): (r["meaning"], r["role"]) for r in load_table("time_phrases")}
    numbers = {_norm(r["form"]): int(r["value"]) for r in load_table("time_numbers")}
    ordinals = {_norm(r["form"]): int(r["value"]) for r in load_table("time_ordinals")}
    ctx = load_table("time_year_context")
    year_pre = {_norm(r["phrase"]): (r["kind"], r["lang"] == "ru")
                for r in ctx if r["side"] == "pre"}
    year_post = {_norm(r["phrase"]): r["kind"] for r in ctx if r["side"] == "post"}
    rel_days = {_norm(r["form"]): int(r["offset"]) for r in load_table("time_relative_days")}
    weekdays = _trie(r["form"] for r in load_table("time_weekdays"))
    ago = load_table("time_ago")
    ago_units = {_norm(r["form"]): int(r["days"]) for r in ago if r["kind"] == "unit"}
    markers = load_table("time_markers")

    def phrases_where(test: Callable[[str, str], bool]) -> str:
        return _trie(p for p, (meaning, role) in phrases.items() if test(meaning, role))

    mon = _trie(months)
    year_word = rf"(?:\s*(?:г\.|года|год|y\.|ж\.|yil{L}*|йил{L}*|жыл{L}*))?"
    num = rf"(?:[0-9]{{1,2}}(?![0-9])|{_trie(numbers)}(?!{L}))"
    ordn = (rf"(?:[1-4](?:-?(?:й|ый|ий|ом|м|го|ого|st|nd|rd|th))?(?![0-9])(?!{L})"
            rf"|{_trie(ordinals)}(?!{L}))")
    # Words a time expression can start with. Numbers and ordinals count only
    # before a unit ("8 месяцев", "two quarters"), prepositions only before a
    # word that can follow them in some rule ("в прошлом", "за январь", "in
    # the next"); "на ближайшие" is found from "ближайшие".
    starts = [p.split() for p, (meaning, role) in phrases.items()
              if role != "modifier" or meaning == "within_lead"]
    preps = {"с", "со", "в", "во", "за", "по", "до", "к", "in", "for", "by", "over", "within"}
    first_words = {w[0] for w in starts} - preps - {"на", "the", "of", "as"} | {"first"}
    after_prep = [*months, *numbers, *ordinals, "перв", "first", "the", "полугоди",
                  *(w[1] for w in starts if len(w) > 1 and w[0] in preps)]
    units = (r"(?:месяц|мес\.|month|ай|oy|ой|квартал|quarter|тоқсан|chorak|чорак|чейрек|лет|год|"
             r"year|жыл|yil|йил|полугод|half)")
    mods = phrases_where(lambda m, r: m in YEAR_PHRASES and r != "period")
    # Kazakh, Kyrgyz and Uzbek put the year before the months ("биылғы алты айда")
    mods_before = _trie(r["phrase"] for r in load_table("time_phrases")
                        if r["meaning"] in YEAR_PHRASES and r["role"] != "period"
                        and r["lang"] not in ("ru", "en"))
    c = re.compile
    return _Grammar(
        months=months, phrases=phrases, numbers=numbers, ordinals=ordinals,
        year_pre=year_pre, year_post=year_post, rel_days=rel_days, ago_units=ago_units,
        # Every dateline holds a run of digits: the scan stops only at digits (a
        # pattern that starts with a character class is searched in C), then
        # reads what follows the run; month-first forms ("Aug. 20", "ноябре
        # 2025", "Сегодня 07:58") are read from the word before a bare run.
        datelines=c(
            r"[0-9](?<![0-9.,:/][0-9])(?:[0-9]*(?![0-9])(?P<run>)(?:"
            rf"(?P<ymd>\s*-?\s*(?:жылғы|жылдың|жылдын|жылы|yil(?:ning|gi)?|йил(?:нинг|ги)?)"
            rf"\s*,?\s*(?:(?P<ymd_d>[0-9]{{1,2}})\s*-?\s*)?{_month('ymd_m', mon)})"
            rf"|(?P<dmy>(?:\s*[-–—]\s*[0-9]{{1,2}})?(?:-?(?:st|nd|rd|th|го|е|ое)(?!{L}))?[\s-]*"
            rf"{_month('dmy_m', mon)}(?:[ \t\u00a0,.\-/]{{0,3}}(?P<dmy_y>{YEAR}){year_word})?)"
            r"|(?P<num>(?P<num_s>[-./])(?P<num_b>[0-9]{1,2})(?P=num_s)(?P<num_c>[0-9]{2,4})"
            r"(?![0-9]|[.,/\-][0-9]))"
            # a stamp counted back: "2 дня назад", "3 hours ago", "2 күн бұрын"
            rf"|(?P<ago>[ \t\u00a0]*(?P<ago_u>{_trie(ago_units)}){L}*\.?[ \t\u00a0]+"
            rf"{_trie(r['form'] for r in ago if r['kind'] == 'ago')}(?!{L})))"
            # after an English month: "September 1", "Aug. 20"
            r"|(?:(?<=[a-z][ \t\u00a0][0-9])|(?<=[a-z]\.[ \t\u00a0][0-9]))[0-9]?"
            r"(?![0-9]|[.,][0-9])(?P<mdy>)"
            # after a word of 2+ letters: a time ("Сегодня 07:58") or a year ("ноябре 2025")
            rf"|(?:(?<={L}{L}[ \t\u00a0][0-9])|(?<={L},[ \t\u00a0][0-9])|(?<=\sв[ \t][0-9])"
            r"|(?<=\sat[ \t][0-9]))(?:[0-9]?(?=:[0-5][0-9])(?P<rel>)|[0-9]{3}(?![0-9])(?P<my>)))"),
        month_day_tail=c(rf"[0-9]{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-9]{{1,2}})?"
                         rf"(?!\s*(?:%|per\s?cent|million|billion|thousand|tons?|tonnes|km)(?!{L}))"
                         rf"(?:,?\s*(?P<y>{YEAR}))?"),
        year_tail=c(rf"{YEAR}{year_word}"),
        year_scan=c(r"(?:19|20)(?<![0-9.,][12][09])(?<![0-9][-–—][12][09])[0-9]{2}"
                    r"(?![0-9]|[.,][0-9]|\s*[-–—]\s*[0-9])"),
        month_after=c(rf"[ \t\u00a0,]*(?:[0-9]{{1,2}}\s*-?\s*)?{mon}"),
        times=_branches(
            month_range=rf"(?:(?:с|со|в|во|за|from|in|for|during)\s+)?{_month('mr_a', mon)}"
                        rf"(?:\s*[-–—]\s*|\s+(?:по|до|to|through|till|until)\s+)"
                        rf"{_month('mr_b', mon)}",
            one_month=rf"(?:в|во|за|in|for|during)\s+{_month('om_a', mon)}",
            n_months=rf"(?:(?P<nm_lead>за|по\s+итогам|в|for|over|in|during|after)\s+)?"
                     rf"(?:(?P<nm_first>(?:the\s+)?(?:перв{L}*|first))\s+)?(?P<nm_n>{num})\s*-?\s*"
                     rf"(?P<nm_unit>месяц{L}*|мес\.|months?(?!{L})|ай{L}*|oy{L}*|ой{L}*)",
            # "9M 2024", "6M2025": the first N months, always written with its year
            n_abbr=r"(?<![$€£])(?P<na_n>[1-9]|1[0-2])m(?=\s*(?:19|20)[0-9]{2}(?![0-9]))",
            half=rf"(?P<hf_n>{ordn})\s+(?:полугоди{L}*|half(?!{L})|жарты\s+жыл{L}*|"
                 rf"жарым\s+жыл{L}*|yarim\s+yil{L}*|ярим\s+йил{L}*)|(?P<hf_bare>полугоди{L}*)"
                 r"|h(?P<hf_h>[12])(?!\w)",
            quarter=rf"(?P<qt_n>{ordn}|{num})\s+(?P<qt_unit>квартал{L}*|quarters?(?!{L})|"
                    rf"тоқсан{L}*|chorak{L}*|чорак{L}*|чейрек{L}*)|q(?P<qt_q>[1-4])(?!\w)",
            year_range=rf"(?<![.,])(?P<yr_a>{YEAR})\s*(?:[-–—]|\s(?:по|to)\s)\s*(?P<yr_b>{YEAR})"
                       r"(?![.,][0-9])",
            # not the start of a range ("2020–2024", "2020 - 24"); "2021 — 3,7 млрд" is a year
            year=rf"(?<![.,\-–—])(?P<y_y>{YEAR})(?![.,][0-9]|[-–—][0-9]"
                 rf"|\s*[-–—]\s*(?:[0-9]{{4}}|[0-9]{{2}})(?![0-9.,]))",
            within=rf"{phrases_where(lambda m, r: m == 'within_lead')}\s+(?P<wi_n>{num})\s*-?\s*"
                   rf"(?P<wi_unit>лет(?!{L})|года?(?!{L})|years?(?!{L})|жыл{L}*|yil{L}*|йил{L}*)",
            phrase=rf"(?P<ph>{phrases_where(lambda m, r: r != 'modifier')})(?!{L})",
        ),
        # Where a time expression can start: a digit, H1/Q1, or a first word of
        # some rule; `g.times` is only tried there (a full scan costs 7x more).
        time_anchor=c(rf"\b(?:(?:[0-9]{{1,2}}|{_trie([*numbers, *ordinals])})(?![0-9])"
                      rf"(?=(?:-?{L}{{1,3}})?\s*-?\s*{units})|(?:19|20)[0-9]{{2}}(?![0-9])"
                      rf"|[hq][1-4](?!\w)|(?:1[0-2]|[1-9])m(?=\s*(?:19|20)[0-9]{{2}}(?![0-9]))|{_trie(first_words)}(?!{L})|{mon}|перв|полугоди"
                      rf"|{_trie(preps)}\s+(?=[0-9]|{_trie(after_prep)}))"),
        time_after=c(rf"[ \t\u00a0,|·•—–-]{{0,4}}(?:(?:в|at)[ \t]+)?({TIME})"),
        time_before=c(rf"({TIME})[ \t\u00a0,|·•—–-]{{0,4}}\Z"),
        weekday_before=c(rf"(?<!{L}){weekdays}\.?[ \t\u00a0]*,[ \t\u00a0]*\Z"),
        weekday_at=c(rf"{weekdays}(?!{L})"),
        marker=c(rf"(?<!{L}){_trie(r['form'] for r in markers)}(?!{L})"),
        update_marker=c(rf"(?<!{L}){_trie(r['form'] for r in markers if r['role'] == 'updated')}"
                        rf"(?!{L})"),
        year_pre_re=c(rf"(?<!{L})(?P<pre>{_trie(year_pre)})\s+(?:the\s+)?\Z"),
        # "в 2022-м", "к 2030-му": the ending stands for the elided year word
        year_post_re=c(rf"\s*(?:-?(?:м|му|го|й|ый|ом|nji|njy|nçi|nçy)(?!{L}))?\s*-?\s*(?P<post>{_trie(year_post)})"
                       rf"(?!{L})|-(?P<ending>м|му|ом)(?!{L})"
                       # a table flattened into text: "2021 — 3,7 млрд; 2022 — 4,6 млрд"
                       rf"|(?P<table>\s+[—–-]\s+|:\s+)(?=(?:US)?\$?\s?[0-9])"),
        mod_after=c(rf"[ \t\u00a0,]*(?:(?:of|in)\s+(?:the\s+)?)?(?:(?P<y>{YEAR})"
                    rf"(?:\s*-\s*(?:го|м)(?!{L}))?(?:\s*(?:года|году|год|г\.|yil{L}*|йил{L}*|"
                    rf"жыл{L}*))?|(?P<rel>{mods})(?!{L}))"),
        mod_before=c(rf"(?:(?P<y>{YEAR})\s*-?\s*(?:жылғы|жылдың|жылдын|жылы|йилнинг|йилги|"
                     rf"йил|yilning|yilgi|yil)|(?<!{L})(?P<rel>{mods_before}))[ \t\u00a0]+\Z"),
        comparison=c(rf"(?<!{L}){phrases_where(lambda m, r: m == 'comparison')}(?!{L})"),
    )


def _month_no(g: _Grammar, m: re.Match, group: str) -> int | None:
    """The month a matched word names, or None when the letters after a whole-word
    form make it another word (мартовский, майор)."""
    month, suffixed = g.months[_norm(m.group(group))]
    return month if suffixed or not m.group(group + "_sfx") else None


def _number(g: _Grammar, token: str) -> int | None:
    t = _norm(token)
    return int(t) if t.isdigit() else g.numbers.get(t)


def _ordinal(g: _Grammar, token: str) -> int | None:
    t = _norm(token)
    digits = re.match(r"[0-9]+", t)
    return int(digits.group()) if digits else g.ordinals.get(t)


def _word_before(low: str, pos: int) -> tuple[int, str]:
    """The word before `pos` over spaces, commas and a dot ("Aug. 20"), and its start."""
    j = pos
    while j > 0 and pos - j < 3 and low[j - 1] in " \t\u00a0,.":
        j -= 1
    k = j
    while k > 0 and low[k - 1].isalpha():
        k -= 1
    return k, low[k:j]


def _month_word(g: _Grammar, word: str) -> int | None:
    """The month a whole word names: a listed form, or a stem plus case endings."""
    if word in g.months:
        return g.months[word][0]
    for n in range(len(word) - 1, 2, -1):
        if (hit := g.months.get(word[:n])) and hit[1]:
            return hit[0]
    return None
