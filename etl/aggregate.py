"""The tables the dashboard's pages read instead of scanning every fact, made at build time.

Reads the loaded `facts`, `documents` and `signed_documents` tables of one DuckDB
connection; writes (replacing them) the `agg_*` tables below. Called by the build
(etl/store.py), the synthetic benchmark database (bench/factsdb.py) and the Parquet
catalog (etl/distributed.py), so all three hold the same figures. Rejected facts are left
out of every aggregate, as the pages leave them out (only Review lists them, from `facts`).

- `agg_pairs` (pair, n): facts and signed documents per pair, for the pair picker.
- `agg_bounds` (lo, hi): the first and last date of a fact (any status) or signed document.
- `agg_options` (what, value, n): the languages and sources (outlets) the filters offer.
- `agg_months` (pair, metric, kind, month; month NULL for undated facts): how many facts,
  their lowest and highest value, and the month's newest fact (the one `latest` picks:
  newest date, then surest, then smallest fact_id) with its article's source, title, url,
  language and outlet. Charts of many facts plot it; `latest` is its newest row per
  (metric, kind); counts for paged lists sum `n`.
- `agg_events` (pair, date, n): documents signed per event (the largest figure reported
  for a date), for the matrix, network and map of every pair.
- `agg_coverage` (pair, month, lang, outlet, articles): articles per pair and month.
- `agg_doc_pairs` (pair, doc_id, date, lang, outlet): every article of a pair (its main
  pair, a pair of its facts or of its signed documents), for the Timeline and for the
  language and source filters (a semi-join on one pair, not on every document).
- `agg_signed`: the signed documents with their date resolved (the article's when the
  document names none) and their article's source, title and url.
- `agg_review` (pair, confidence, date, fact_id, metric, kind, doc_id): the facts less sure
  than REVIEW_THRESHOLD (dyad/queries.py's, repeated), sorted by (pair, confidence, date
  newest first): Sources' "to review" list is a top-N whose bound DuckDB pushes into the
  scan, so it reads the pair's first blocks (measured at 10 M facts: 10 ms, against 80 ms
  over `facts`, where confidence is not sorted).

- `agg_facts`: every fact (rejected ones too: Review lists them) with its evidence and its
  article's source, title, url, language and outlet, in the facts' order (pair, metric,
  date): a page's list of facts is one read of a few adjacent blocks, not a primary-key
  lookup per fact in `evidence` and `documents` (those cost ~30 µs a fact plus the blocks
  they land in, scattered over the whole file: 0.1-0.3 s for 100 facts on a new
  connection at 10 M facts). Its `rowid` is that order: the tables below point into it.
- `agg_slices`: `agg_months` split by what the sidebar filters facts on besides metric and
  kind: the minimum confidence, and the article's language and outlet. A *cell* is a
  (pair, metric, kind, month) with one language and outlet, or the whole month (`whole`;
  its rows' language and outlet are their newest fact's). A fact's confidence step is the
  largest k with confidence >= k / CONFIDENCE_STEPS (the slider's steps); a row holds the
  cell's facts of step >=
  `hi` and answers every minimum step in `lo`..`hi` (the steps between two present in the
  cell keep the same facts): their count, lowest and highest value, newest fact (as
  `agg_months` picks it) and its `row` in `agg_facts`. A minimum confidence alone keeps
  one row per month (`whole`); with languages or sources, one per cell they keep, which
  combined per month (counts summed, the newest of the newest kept) are exactly the month
  rows of the filtered facts. Sorted by pair, then the whole months first.
- `agg_unsure`: the rows of `agg_facts` under REVIEW_THRESHOLD, sorted as `agg_review`:
  Sources' "to review" list (with any filter) is one top-N over them, whose other columns
  DuckDB reads for the rows kept only, from the first blocks of the pair.
- `agg_articles`: `agg_doc_pairs` with each article's source, url, title and date precision
  and the kinds of event it reports (`event_<kind>`: EVENT_WORDS found in the first HEAD
  characters of its text), sorted by (pair, date): the Timeline's newest articles of a
  pair are one read, not lookups of 1,000 documents and texts scattered over the file
  (1-2 s on a new connection at 10 M facts).
- `agg_trade_days` (date, pair, value, confidence, fact_id): each pair's newest actual trade
  turnover of each day (surest, then smallest fact_id), sorted by date: Compare's latest
  trade over a range of part months reads the days of those parts, not every fact.

Each table is written sorted by pair, so a page's filter on one pair reads a few blocks.
"""
from __future__ import annotations

import duckdb

# The outlet an article came from: its URL's host, else its file name (as dyad/queries.py).
OUTLET = (r"coalesce(nullif(regexp_extract(d.url, '^[A-Za-z]+://(?:www\.)?([^/:?#]+)', 1), ''),"
          " d.source)")

TABLES = ("agg_pairs", "agg_bounds", "agg_options", "agg_months", "agg_events", "agg_coverage",
          "agg_doc_pairs", "agg_signed", "agg_review",
          "agg_facts", "agg_slices", "agg_unsure", "agg_articles", "agg_trade_days")
REVIEW_THRESHOLD = 0.6  # as dyad/queries.py: facts less sure than this are "to review"
CONFIDENCE_STEPS = 20  # as dyad/queries: the confidence slider's steps (0.05) in agg_slices
# the confidence step of a fact: the largest k with confidence >= k / CONFIDENCE_STEPS, each
# bound written as Python writes k / 20, which is the double the read side compares with
_STEP = ("CASE " + " ".join(f"WHEN confidence >= {k / CONFIDENCE_STEPS!r} THEN {k}"
                            for k in range(CONFIDENCE_STEPS, 0, -1)) + " ELSE 0 END")
# a fact's place in the order that picks a group's newest fact (arg_min): newest date
# (unknown last), then surest, then smallest fact_id
_NEWEST = ("(date IS NULL, -coalesce(date_diff('day', DATE '2000-01-01', date), 0), "
           "-confidence, fact_id)")
_CELL = "pair, metric, kind, month, whole, lang, outlet"  # what agg_slices splits a month by
# The kinds of event an article reports, read in the head of its text: dyad/timeline.py's
# word table, repeated (tests/test_aggregates.py checks they are the same).
EVENT_WORDS: list[tuple[str, str]] = [
    ("signing", r"подписа|signed|signing|подпис|imzola|imzoladi|қол қой|кол кой"),
    ("visit", r"визит|visit|прибыл|посети|tashrif|сапар|келді"),
    ("talks", r"переговор|talks|встреч|meeting|саммит|summit|muzokara|келіссөз|сүйлөшүү"),
]
HEAD = 1500  # the characters of an article's text read for it (as dyad/queries)

# The tables made a piece at a time: a range of pairs holding about PIECE_FACTS facts, each
# piece appended in pair order (every one of them is ordered by pair first, so the pieces
# make the same table). Made whole, their joins and sorts of every fact with its sentence
# did not fit the build's buffer pool from ~500 k facts on and were made again without
# the limit (1 GB at 100 k articles); a piece's do.
PIECE_FACTS = 50_000
BY_PAIR = ("agg_coverage", "agg_doc_pairs", "agg_facts", "agg_slices", "agg_unsure")


def _piece(column: str) -> str:
    """The condition that keeps `column` (a pair) in the piece [$lo, $hi) ($hi NULL: no end)."""
    return f"({column} >= $lo AND ($hi IS NULL OR {column} < $hi))"

# each article's pairs (of the piece): its own, and those of its facts and signed documents
_DOC_PAIRS = f"""WITH dp AS (
            SELECT doc_id, pair FROM documents WHERE pair IS NOT NULL AND {_piece("pair")}
            UNION SELECT doc_id, pair FROM facts WHERE status <> 'rejected' AND {_piece("pair")}
            UNION SELECT doc_id, pair FROM signed_documents WHERE {_piece("pair")}
        )"""

_SQL = [
    """CREATE OR REPLACE TABLE agg_pairs AS
       SELECT pair, count(*) AS n FROM (
           SELECT pair FROM facts WHERE status <> 'rejected'
           UNION ALL SELECT pair FROM signed_documents
       ) GROUP BY pair ORDER BY n DESC, pair""",
    """CREATE OR REPLACE TABLE agg_bounds AS
       SELECT min(d) AS lo, max(d) AS hi FROM (
           SELECT date AS d FROM facts UNION ALL SELECT date FROM signed_documents
       )""",
    f"""CREATE OR REPLACE TABLE agg_options AS
        SELECT 'lang' AS what, lang AS value, count(*) AS n FROM documents
        WHERE lang IS NOT NULL GROUP BY lang
        UNION ALL
        SELECT 'source' AS what, {OUTLET} AS value, count(*) AS n FROM documents d
        GROUP BY value""",
    # The month's newest fact is picked by an aggregate, arg_min over the sort key (newest
    # date, NULL last; surest; smallest fact_id), not by a row_number() window: a window
    # holds every fact with all its columns at once (out of memory at the build's 128 MB
    # at 100 k articles), the aggregate one row per month; the fact's columns are joined
    # back by its id.
    f"""CREATE OR REPLACE TABLE agg_months AS
        WITH g AS (
            SELECT pair, metric, kind, date_trunc('month', date)::DATE AS month,
                   count(*) AS n, min(value) AS min_value, max(value) AS max_value,
                   arg_min(fact_id, (date IS NULL,
                                     -coalesce(date_diff('day', DATE '2000-01-01', date), 0),
                                     -confidence, fact_id)) AS top_id
            FROM facts WHERE status <> 'rejected'
            GROUP BY pair, metric, kind, month
        )
        SELECT g.pair, g.metric, g.kind, g.month, g.n, g.min_value, g.max_value,
               top.fact_id, top.doc_id, top.country_a, top.country_b, top.value, top.unit,
               top.qualifier, top.date, top.date_precision, top.period, top.target_year,
               top.start, top."end", top.confidence, top.block, top.status, top.reviewed_by,
               top.reviewed_at, top.review_note,
               d.source, d.title, d.url, d.lang, {OUTLET} AS outlet
        FROM g JOIN facts top ON top.fact_id = g.top_id
        LEFT JOIN documents d ON d.doc_id = top.doc_id
        ORDER BY g.pair, g.metric, g.kind, g.month NULLS FIRST""",
    """CREATE OR REPLACE TABLE agg_events AS
       SELECT pair, date, max(value) AS n FROM facts
       WHERE metric = 'documents_signed' AND kind = 'actual' AND status <> 'rejected'
       GROUP BY pair, date ORDER BY pair, date NULLS FIRST""",
    f"""CREATE OR REPLACE TABLE agg_coverage AS
        {_DOC_PAIRS}
        SELECT dp.pair, date_trunc('month', d.date)::DATE AS month,
               coalesce(d.lang, '?') AS lang, {OUTLET} AS outlet, count(*) AS articles
        FROM dp JOIN documents d USING (doc_id)
        WHERE d.date IS NOT NULL
        GROUP BY ALL ORDER BY dp.pair, month, lang, outlet""",
    f"""CREATE OR REPLACE TABLE agg_doc_pairs AS
        {_DOC_PAIRS}
        SELECT dp.pair, dp.doc_id, d.date, d.lang, {OUTLET} AS outlet
        FROM dp JOIN documents d USING (doc_id)
        ORDER BY dp.pair, d.date NULLS FIRST, dp.doc_id""",
    """CREATE OR REPLACE TABLE agg_signed AS
       SELECT s.pair, s.doc_id, s.seq, s.title, s.doc_type, s.sector,
              coalesce(s.date, d.date) AS date, s.start, s."end",
              d.source, d.title AS article, d.url
       FROM signed_documents s LEFT JOIN documents d USING (doc_id)
       ORDER BY s.pair, date NULLS FIRST, s.doc_id, s.seq""",
    f"""CREATE OR REPLACE TABLE agg_review AS
        SELECT pair, confidence, date, fact_id, metric, kind, doc_id FROM facts
        WHERE status <> 'rejected' AND confidence < {REVIEW_THRESHOLD}
        ORDER BY pair, confidence, date DESC NULLS LAST, fact_id""",
    f"""CREATE OR REPLACE TABLE agg_facts AS
        SELECT f.fact_id, f.doc_id, f.pair, f.country_a, f.country_b, f.metric, f.kind, f.value,
               f.unit, f.qualifier, f.date, f.date_precision, f.period, f.target_year, f.start,
               f."end", f.confidence, f.block, f.status, f.reviewed_by, f.reviewed_at,
               f.review_note, e.evidence, d.source, d.title, d.url, d.lang, {OUTLET} AS outlet
        FROM facts f LEFT JOIN (
            SELECT fact_id, evidence FROM evidence WHERE fact_id IN (
                SELECT fact_id FROM facts WHERE {_piece("pair")})) e USING (fact_id)
        LEFT JOIN documents d USING (doc_id)
        WHERE {_piece("f.pair")}
        ORDER BY f.pair, f.metric, f.date NULLS FIRST, f.fact_id""",
    # each (cell, step)'s facts as agg_months takes a month's (newest by arg_min over the
    # sort key, not a window holding every fact), the month's own cell summed from those,
    # then each cell summed from the surest step down (a few narrow rows a cell), then the
    # newest fact's columns joined by its rowid
    f"""CREATE OR REPLACE TABLE agg_slices AS
        WITH cells AS (
            SELECT pair, metric, kind, date_trunc('month', date)::DATE AS month, lang, outlet,
                   false AS whole, {_STEP} AS step, count(*) AS n, min(value) AS min_value,
                   max(value) AS max_value, arg_min(rowid, {_NEWEST}) AS row,
                   min({_NEWEST}) AS newest
            FROM agg_facts WHERE status <> 'rejected' AND {_piece("pair")}
            GROUP BY ALL
        ), s AS (
            SELECT * FROM cells
            UNION ALL
            SELECT pair, metric, kind, month, NULL, NULL, true, step, sum(n), min(min_value),
                   max(max_value), arg_min(row, newest), min(newest)
            FROM cells GROUP BY pair, metric, kind, month, step
        ), c AS (
            SELECT pair, metric, kind, month, lang, outlet, whole,
                   coalesce(lag(step) OVER (PARTITION BY {_CELL} ORDER BY step) + 1, 0) AS lo,
                   step AS hi, sum(n) OVER w AS n, min(min_value) OVER w AS min_value,
                   max(max_value) OVER w AS max_value, arg_min(row, newest) OVER w AS row
            FROM s
            WINDOW w AS (PARTITION BY {_CELL} ORDER BY step DESC
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        SELECT c.pair, c.whole, c.metric, c.kind, c.month, top.lang, top.outlet, c.lo, c.hi,
               c.n, c.min_value, c.max_value, c.row, top.fact_id, top.doc_id, top.country_a,
               top.country_b, top.value, top.unit, top.qualifier, top.date, top.date_precision,
               top.period, top.target_year, top.start, top."end", top.confidence, top.block,
               top.status, top.reviewed_by, top.reviewed_at, top.review_note, top.source,
               top.title, top.url
        FROM c JOIN agg_facts top ON top.rowid = c.row AND {_piece("top.pair")}
        ORDER BY c.pair, c.whole DESC, c.metric, c.kind, c.month NULLS FIRST, c.lang, c.outlet,
                 c.lo""",
    f"""CREATE OR REPLACE TABLE agg_unsure AS
        SELECT * FROM agg_facts
        WHERE status <> 'rejected' AND {_piece("pair")} AND confidence < {REVIEW_THRESHOLD}
        ORDER BY pair, confidence, date DESC NULLS LAST, fact_id""",
    f"""CREATE OR REPLACE TABLE agg_articles AS
        WITH kinds AS (
            SELECT doc_id, {", ".join(f"regexp_matches(left(text, {HEAD}), '(?i){words}') "
                                      f"AS event_{kind}" for kind, words in EVENT_WORDS)}
            FROM document_texts
        )
        SELECT a.pair, a.doc_id, a.date, d.date_precision, a.lang, a.outlet, d.source, d.url,
               d.title, {", ".join(f"coalesce(k.event_{kind}, false) AS event_{kind}"
                                   for kind, _ in EVENT_WORDS)}
        FROM agg_doc_pairs a JOIN documents d USING (doc_id) LEFT JOIN kinds k USING (doc_id)
        ORDER BY a.pair, a.date NULLS FIRST, a.doc_id""",
    f"""CREATE OR REPLACE TABLE agg_trade_days AS
        SELECT date, pair, arg_min(value, {_NEWEST}) AS value,
               arg_min(confidence, {_NEWEST}) AS confidence,
               arg_min(fact_id, {_NEWEST}) AS fact_id
        FROM facts
        WHERE metric = 'trade_turnover' AND kind = 'actual' AND status <> 'rejected'
          AND date IS NOT NULL
        GROUP BY date, pair ORDER BY date, pair""",
]


def aggregate(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...] = TABLES) -> None:
    """(Re)write the `agg_*` tables (`tables`: these only) from the facts, documents and
    signed documents loaded in `con`. Call it once every fact is loaded (and corrections
    applied)."""
    pieces: list[tuple[str, str | None]] | None = None
    for name, sql in zip(TABLES, _SQL, strict=True):
        if name not in tables:
            continue
        if name not in BY_PAIR:
            con.execute(sql)
            continue
        pieces = pieces if pieces is not None else _pieces(con)
        con.execute(sql, {"lo": pieces[0][0], "hi": pieces[0][1]})
        more = sql.replace(f"CREATE OR REPLACE TABLE {name} AS", f"INSERT INTO {name}", 1)
        for lo, hi in pieces[1:]:
            con.execute(more, {"lo": lo, "hi": hi})


def _pieces(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """[lo, hi) ranges of pairs of about PIECE_FACTS facts each, in order; the first starts
    at '' and the last has no end, so together they hold every pair (of documents and
    signed documents too, which have pairs without facts)."""
    bounds, held = [""], 0
    for pair, n in con.execute("SELECT pair, count(*) FROM facts GROUP BY pair "
                               "ORDER BY pair").fetchall():
        if held and held + n > PIECE_FACTS:
            bounds.append(pair)
            held = 0
        held += n
    return list(zip(bounds, [*bounds[1:], None], strict=True))
