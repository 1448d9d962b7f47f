"""Cleaned page → blocks: the article apart from the page's noise.

Reads the cleaned text (etl.clean) and writes `Block`s: the article (with its
title), related-news items (each with its own span, so each keeps its own
pair and date), and the noise that carries no facts (menus, polls, paging,
comment counters). The page-level language is useless on mixed pages, so each
block's language is decided from its own script.

The rules read the layout a news page leaves in text: the article is the
longest run of prose lines; a run is broken by two menu-like short lines in a
row, by a marker line ("Читайте также", "Наш опрос", "متعلقہ خبریں"; the
table is etl/vocab/page_markers.csv), by a dateline or by page numbers.
Everything after the article that is prose becomes related items, split at
their datelines or headlines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from etl.langs import detect_lang
from etl.vocab import load_table

_PAGING = re.compile(r"^(?:[\d.…|<>«»]+\s*){3,}$")
# any other character rules paging out at once; without this check _PAGING backtracks
# through every split of "25.07.2019" before failing at "22:46" (6 µs a line)
_NOT_PAGING = re.compile(r"[^\d.…|<>«»\s]")
_PERCENT = re.compile(r"^\d{1,3}(?:[.,]\d+)?\s?%$")
_VOTES = re.compile(r"^(?:всего голосов|проголосовало|votes?|total votes)\b.*\d", re.I)
_BULLET = re.compile(r"^(?:[•\-–—*·▪►]|\d{1,2}[.)])\s")
_TERMINAL = tuple(".!?…;»\"”)۔؟")
_DATELINE = re.compile(
    r"""^(?:[\w./,|·• ]{0,40}?\s)?                     # a rubric or weekday before it
    (?:\d{1,2}[:.]\d{2},?\s)?                           # a time first: "15:47, 10 сентября 2024"
    (?:\d{1,2}[\s.\-/](?:\d{1,2}|[^\W\d_]{3,12}\.?)[\s.\-/,]+\d{2,4}|\d{4}-\d{2}-\d{2})
    (?:\s*г\.)?(?:,?\s*\d{1,2}[:.]\d{2}(?::\d{2})?)?     # and/or a time after
    (?:\s*\(utc[^)]*\))?[\s\w\[\]().,:|·•+-]{0,30}$""",
    re.I | re.X,
)
_TODAY = re.compile(
    r"^(?:сегодня|вчера|today|yesterday|бүгүн|бүгін|bugun)\b,?\s*\d{1,2}:\d{2}", re.I)


@dataclass
class Unit:
    """One non-empty line of the cleaned text, classified."""

    start: int
    end: int
    text: str
    kind: str  # text | short | bullet | dateline | paging | poll | marker:<role>
    words: int


@dataclass
class Block:
    start: int
    end: int
    role: str  # title | article | dateline | related | header | poll | footer
    lang: str
    units: list[Unit] = field(default_factory=list)
    item: int = 0  # related items are numbered in page order


@cache
def _markers() -> tuple[re.Pattern[str], list[str]]:
    """All page markers as one anchored alternation; group i is row i's role."""
    rows = load_table("page_markers")
    body = "|".join(f"(?P<g{i}>{row['pattern']})" for i, row in enumerate(rows))
    return re.compile(rf"^(?:{body})$", re.I), [row["role"] for row in rows]


def _classify(line: str) -> str:
    bare = line.strip(" :.-–—|")
    if len(bare) <= 60:  # markers are short lines
        rx, roles = _markers()
        m = rx.match(bare)
        if m and m.lastgroup:
            return f"marker:{roles[int(m.lastgroup[1:])]}"
    if (not _NOT_PAGING.search(line) and _PAGING.match(line)
            and sum(c.isdigit() for c in line) >= 3):
        return "paging"
    if _PERCENT.match(line) or _VOTES.match(line):
        return "poll"
    if len(line) <= 80 and (_DATELINE.match(line) or _TODAY.match(line)):
        return "dateline"
    if _BULLET.match(line):
        return "bullet"
    words = len(line.split())
    if words >= 8 or (words >= 5 and line.endswith(_TERMINAL)):
        return "text"
    return "short"


def units_of(text: str) -> list[Unit]:
    out: list[Unit] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Unit(pos, pos + len(line), line, _classify(line), len(line.split())))
        pos += len(line) + 1
    return out


def _clusters(units: list[Unit]) -> list[tuple[int, int, str]]:
    """Runs of prose as (first, last, zone) unit indexes; zone says what marker preceded them."""
    runs: list[tuple[int, int, str]] = []
    zone = "page"
    i, n, floor = 0, len(units), 0
    while i < n:
        kind = units[i].kind
        if kind.startswith("marker:"):
            role = kind.split(":", 1)[1]
            if role in ("related", "poll", "end"):
                zone = role
            i += 1
            continue
        # a run starts at prose: a line of text, or a long dash line (an interview's
        # "— По итогам прошлого года он составил ...", an item of a numbered list)
        if kind != "text" and not (kind == "bullet" and units[i].words >= 8):
            i += 1
            continue
        j, shorts = i, 0
        last = i
        # and the shorter items of the same list above it
        while i > floor and units[i - 1].kind == "bullet":
            i -= 1
        while j + 1 < n:
            k = units[j + 1].kind
            if k in ("text", "bullet"):
                shorts = 0
                last = j + 1
            elif k == "short":
                # headings inside an article are short too; menus are shorter
                shorts += 1 if units[j + 1].words <= 3 else 0
                if shorts >= 2:
                    break
            else:
                break
            j += 1
        runs.append((i, last, zone))
        i = floor = last + 1
    return runs


def _headline(unit: Unit) -> bool:
    return not unit.text.endswith(_TERMINAL)


def _split_items(units: list[Unit]) -> list[list[Unit]]:
    """Related-news units → items: a new item at each dateline, or at a headline after a lead.

    A list that opens with no dateline and has no prose after its last one puts each date
    under its item ("headline / 15 февраля 2022, 10:20"): there a dateline closes its
    item, and a second headline opens a new one."""
    items: list[list[Unit]] = []
    current: list[Unit] = []
    last = max((k for k, u in enumerate(units) if u.kind == "dateline"), default=-1)
    if (last > 0 and units[0].kind != "dateline"
            and not any(u.kind == "text" for u in units[last + 1:])):
        for u in units:
            if (current and u.kind in ("text", "short") and _headline(u)
                    and any(c.kind in ("text", "short") and _headline(c) for c in current)):
                items.append(current)
                current = []
            current.append(u)
            if u.kind == "dateline":
                items.append(current)
                current = []
        return [*items, current] if current else items
    for u in units:
        starts_item = u.kind == "dateline" and not (current and current[-1].kind == "dateline")
        if not starts_item and u.kind in ("text", "short") and _headline(u) and current:
            starts_item = any(c.kind != "dateline" and not _headline(c) for c in current)
        if starts_item and current:
            items.append(current)
            current = []
        current.append(u)
    if current:
        items.append(current)
    return items


def _is_item(units: list[Unit], listed: bool) -> bool:
    """A related item: prose, or a headline with its own dateline ("Казахстан и Узбекистан
    подписали 10 документов / 15 марта 2019, 18:40") or under a related-news marker
    (`listed`: "Читайте также:"); a menu line carries no date and no such heading."""
    return any(u.kind == "text" for u in units) or (
        (listed or any(u.kind == "dateline" for u in units))
        and any(u.kind == "short" and u.words >= 4 and _headline(u) for u in units))


def _block(units: list[Unit], role: str, item: int = 0) -> Block:
    text = " ".join(u.text for u in units if u.kind in ("text", "bullet", "short"))
    return Block(units[0].start, units[-1].end, role, detect_lang(text), units, item)


def segment(text: str) -> list[Block]:
    """The page's blocks in page order; see the module docstring for the rules."""
    units = units_of(text)
    if not units:
        return []
    runs = _clusters(units)
    candidates = [r for r in runs if r[2] == "page"] or runs
    if not candidates:  # no prose at all: a list page or a stub; treat everything as article
        return [_block(units, "article")]
    main = max(candidates, key=lambda r: sum(len(units[k].text) for k in range(r[0], r[1] + 1)))
    first, last, _ = main
    blocks: list[Block] = []
    head = units[:first]
    title_at = None
    if not _headline(units[first]) and head:
        # the title may stand apart from the body, above a byline or a dateline
        for k in range(first - 1, max(-1, first - 7), -1):
            u = units[k]
            enough = u.words >= (2 if k == first - 1 else 4)  # a short title sits right above
            if u.kind in ("text", "short") and enough and _headline(u) and not u.text.endswith(":"):
                title_at = k
                break
    if head:
        before = head[:title_at] if title_at is not None else head
        if before:
            blocks.append(_block(before, "header"))
        if title_at is not None:
            blocks.append(_block([units[title_at]], "title"))
            rest = head[title_at + 1:]
            if rest:
                blocks.append(_block(rest, "header"))
    blocks.append(_block(units[first:last + 1], "article"))
    tail = units[last + 1:]
    item = 0
    zone_units: list[Unit] = []
    zone = "related"
    listed = False  # the zone opens with a related-news marker

    def flush() -> None:
        nonlocal item
        if not zone_units:
            return
        if zone == "poll":
            blocks.append(_block(list(zone_units), "poll"))
        else:
            for it in _split_items(zone_units):
                if _is_item(it, listed):
                    item += 1
                    blocks.append(_block(it, "related", item))
                else:
                    blocks.append(_block(it, "footer"))
        zone_units.clear()

    for k, u in enumerate(tail[:4]):
        # the article's own dateline right below it, after a caption or two
        # ("Фото: пресс-служба" / "16 ноября 2025 04:57 Комментарии [0]")
        if u.kind == "dateline":
            if k:
                blocks.append(_block(tail[:k], "footer"))
            blocks.append(_block([u], "dateline"))
            tail = tail[k + 1:]
            break
        if u.kind not in ("short", "marker:menu", "marker:end"):
            break
    for u in tail:
        if u.kind.startswith("marker:"):
            flush()
            role = u.kind.split(":", 1)[1]
            zone = "poll" if role == "poll" else "related"
            listed = role == "related"
            blocks.append(_block([u], "footer"))
        elif u.kind == "poll":
            if zone != "poll":
                flush()
                zone = "poll"
            zone_units.append(u)
        elif u.kind == "paging":
            flush()
            zone, listed = "related", False
            blocks.append(_block([u], "footer"))
        else:
            zone_units.append(u)
    flush()
    return blocks
