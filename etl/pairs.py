"""Country mentions → the pair a figure belongs to.

Reads the mentions etl.countries found in a block (the article, or one
related-news item) and in the figure's sentence; writes an ISO3 pair. A block
has a main pair: its two most-mentioned countries, the title counting double.
A sentence that names two countries speaks of them ("товарооборот между
Беларусью и Узбекистаном"); one that names one country beside the block's
hub pairs it with the hub (an article on Uzbekistan's trade partners: "Китай
на первом месте" → CHN-UZB); one that names none, or says "двух стран", speaks
of the block's pair.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.countries import Mention
from etl.model import make_pair


@dataclass(frozen=True)
class BlockCountries:
    pair: str | None
    hub: str | None  # the pair's member that the block is about most
    counts: dict[str, float]


def block_countries(body: list[Mention], title: Sequence[Mention] = ()) -> BlockCountries:
    counts: dict[str, float] = {}
    first: dict[str, int] = {}
    for weight, mentions in ((2.0, title), (1.0, body)):
        for m in mentions:
            counts[m.code] = counts.get(m.code, 0.0) + weight
            first.setdefault(m.code, len(first))
    if len(counts) < 2:
        return BlockCountries(None, next(iter(counts), None), dict(counts))
    ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
    a, b = ranked[0], ranked[1]
    return BlockCountries(make_pair(a, b), a, dict(counts))


def sentence_pair(
    mentions: list[Mention], block: BlockCountries, at: int, third: bool = True
) -> tuple[str | None, str]:
    """(pair, how) for a figure at offset `at`; how is sentence | hub | block | none.
    `third` False: a third country beside the block's two is not the figure's partner."""
    codes: list[str] = []
    for m in sorted(mentions, key=lambda m: abs(m.start - at)):
        if m.code not in codes:
            codes.append(m.code)
    members = set(block.pair.split("-")) if block.pair else set()
    if len(codes) >= 2:
        if members and members <= set(codes):
            if third and len(codes) >= 3 and codes[0] not in members and block.hub:
                # "X is Uzbekistan's partner after China, with which trade reached $13.7 bn"
                return make_pair(codes[0], block.hub), "hub"
            return block.pair, "sentence"
        if block.hub in codes:
            other = next(c for c in codes if c != block.hub)
            return make_pair(block.hub, other), "sentence"
        return make_pair(codes[0], codes[1]), "sentence"
    if len(codes) == 1:
        x = codes[0]
        if x in members:
            return block.pair, "sentence"
        if block.hub and block.hub != x and block.pair:
            return make_pair(x, block.hub), "hub"
        return None, "none"
    if block.pair:
        return block.pair, "block"
    return None, "none"


def domestic_route(mentions: list[Mention]) -> bool:
    """Flights between two cities of one country ("между Алматы и Астаной", "between Almaty
    and Astana") are domestic: no pair's."""
    if len({m.code for m in mentions}) != 1:
        return False
    return len({m.form.lower()[:4] for m in mentions if m.type == "capital"}) >= 2


# what joins the countries of one list: "Казахстаном, Узбекистаном и Кыргызстаном"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:и|а также|and|as well as)\s+)?|(?:и|and|&)\s+)", re.I)


def listed_together(text: str, mentions: list[Mention], at: int) -> bool:
    """Does the figure at `at` speak of three or more countries listed in one breath
    ("товарооборот между Казахстаном, Узбекистаном и Кыргызстаном", "trade of Kazakhstan,
    Kyrgyzstan and Tajikistan with China")? Then it is the group's, not a pair's; a list
    counts only when the two countries nearest the figure are in it."""
    ms = sorted(mentions, key=lambda m: m.start)
    runs: list[list[Mention]] = []
    for m in ms:
        if runs and _LIST_GAP.fullmatch(text, runs[-1][-1].end, m.start):
            runs[-1].append(m)
        else:
            runs.append([m])
    lists = [r for r in runs if len({m.code for m in r}) >= 3]
    if not lists:
        return False
    nearest: list[Mention] = []
    for m in sorted(ms, key=lambda m: abs(m.start - at)):
        if m.code not in {n.code for n in nearest}:
            nearest.append(m)
        if len(nearest) == 2:
            break
    return any(all(n in r for n in nearest) for r in lists)


# a capital after "в" / "in" / "at" is where something happens: "В Пекине встретились лидеры
# Казахстана и Узбекистана", "визит в Москву", "the summit in Baku"; "из Алматы в Пекин" is a route
_VENUE = re.compile(r"(?<![^\W\d_])(?:в|во|in|at)\s+\Z", re.I)
_ROUTE = re.compile(r"(?<![^\W\d_])(?:из|from)\s+\S+\s+\Z", re.I)
_SENTENCE_END = re.compile(r"[.!?\n]")


def without_venues(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions less the venues: a capital after a locative preposition in a sentence
    that names two other countries is the place two others met, not a party."""
    out = []
    for m in mentions:
        if m.type == "capital" and (v := _VENUE.search(text, max(0, m.start - 5), m.start)) \
                and not _ROUTE.search(text, max(0, v.start() - 40), v.start()):
            lo = max(text.rfind(c, 0, m.start) for c in ".!?\n") + 1
            end = _SENTENCE_END.search(text, m.end)
            hi = end.start() if end else len(text)
            others = {o.code for o in mentions if lo <= o.start < hi and o.code != m.code
                      and o.type != "capital"}
            if len(others) >= 2:
                continue
        out.append(m)
    return out
