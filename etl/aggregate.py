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

Each table is written sorted by pair, so a page's filter on one pair reads a few blocks.
"""
from __future__ import annotations

import duckdb

# The outlet an article came from: its URL's host, else its file name (as dyad/queries.py).
OUTLET = (r"coalesce(nullif(regexp_extract(d.url, '^[A-Za-z]+://(?:www\.)?([^/:?#]+)', 1), ''),"
          " d.source)")

TABLES = ("agg_pairs", "agg_bounds", "agg_options", "agg_months", "agg_events", "agg_coverage",
          "agg_doc_pairs", "agg_signed", "agg_review")
REVIEW_THRESHOLD = 0.6  # as dyad/queries.py: facts less sure than this are "to review"

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
    f"""CREATE OR REPLACE TABLE agg_months AS
        WITH f AS (
            SELECT *, date_trunc('month', date)::DATE AS month FROM facts
            WHERE status <> 'rejected'
        ), top AS (
            SELECT f.*, count(*) OVER w AS n, min(value) OVER w AS min_value,
                   max(value) OVER w AS max_value
            FROM f
            WINDOW w AS (PARTITION BY pair, metric, kind, month)
            QUALIFY row_number() OVER (
                PARTITION BY pair, metric, kind, month
                ORDER BY date DESC NULLS LAST, confidence DESC, fact_id) = 1
        )
        SELECT top.pair, top.metric, top.kind, top.month, top.n, top.min_value, top.max_value,
               top.fact_id, top.doc_id, top.country_a, top.country_b, top.value, top.unit,
               top.qualifier, top.date, top.date_precision, top.period, top.target_year,
               top.start, top."end", top.confidence, top.block, top.status, top.reviewed_by,
               top.reviewed_at, top.review_note,
               d.source, d.title, d.url, d.lang, {OUTLET} AS outlet
        FROM top LEFT JOIN documents d USING (doc_id)
        ORDER BY top.pair, top.metric, top.kind, top.month NULLS FIRST""",
    """CREATE OR REPLACE TABLE agg_events AS
       SELECT pair, date, max(value) AS n FROM facts
       WHERE metric = 'documents_signed' AND kind = 'actual' AND status <> 'rejected'
       GROUP BY pair, date ORDER BY pair, date NULLS FIRST""",
    f"""CREATE OR REPLACE TABLE agg_coverage AS
        WITH dp AS (
            SELECT doc_id, pair FROM documents WHERE pair IS NOT NULL
            UNION SELECT doc_id, pair FROM facts WHERE status <> 'rejected'
            UNION SELECT doc_id, pair FROM signed_documents
        )
        SELECT dp.pair, date_trunc('month', d.date)::DATE AS month,
               coalesce(d.lang, '?') AS lang, {OUTLET} AS outlet, count(*) AS articles
        FROM dp JOIN documents d USING (doc_id)
        WHERE d.date IS NOT NULL
        GROUP BY ALL ORDER BY dp.pair, month, lang, outlet""",
    f"""CREATE OR REPLACE TABLE agg_doc_pairs AS
        WITH dp AS (
            SELECT doc_id, pair FROM documents WHERE pair IS NOT NULL
            UNION SELECT doc_id, pair FROM facts WHERE status <> 'rejected'
            UNION SELECT doc_id, pair FROM signed_documents
        )
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
]


def aggregate(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...] = TABLES) -> None:
    """(Re)write the `agg_*` tables (`tables`: these only) from the facts, documents and
    signed documents loaded in `con`. Call it once every fact is loaded (and corrections
    applied)."""
    for name, sql in zip(TABLES, _SQL, strict=True):
        if name in tables:
            con.execute(sql)
