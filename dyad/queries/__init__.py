"""The questions the dashboard asks the database, each one SQL with bound parameters.

Reads the tables of etl/schema.sql and etl/aggregate.py through `db.query` (read-only,
cached per file version). Every value that comes from a user or the URL is a `?`
parameter. Rejected facts (the Review page) are hidden from every chart and table except
Review's own. By what the questions serve:

- `scope`: the scope (pair, dates, filters), list limits, the filters as SQL, the date
  range in whole and part months;
- `meta`: the sidebar's pairs, dates and options, the build's stamp, small tables;
- `months`: a pair's facts month by month from the aggregates, whatever the filters;
- `figures`: a pair's facts, counts, chart series and latest figures;
- `review`: the least sure facts (Sources) and the Review page's list;
- `signed`: the documents signed at a pair's events;
- `timeline`: a pair's articles and coverage; `compare`: every pair side by side.

Pages use the names below as `queries.facts`, `queries.Scope`, ...
"""
from dyad.queries.compare import pair_summary
from dyad.queries.figures import (
    count_facts,
    facts,
    facts_csv,
    facts_of_pairs,
    latest,
    series,
    series_among,
    series_each,
    series_of_pairs,
)
from dyad.queries.meta import (
    build_info,
    date_bounds,
    document_texts,
    options,
    orphaned_corrections,
    pairs,
    rejected_files,
)
from dyad.queries.review import (
    count_review_facts,
    count_to_review,
    fact,
    review_facts,
    review_facts_csv,
    to_review,
)
from dyad.queries.scope import (
    COOPERATION,
    KINDS,
    MAX_ROWS,
    METRICS,
    OUTLET,
    PAGE,
    POINTS,
    REVIEW_THRESHOLD,
    Scope,
    aggregated,
    whole_months,
)
from dyad.queries.signed import count_signed, signed_documents, signed_tally
from dyad.queries.timeline import HEAD, coverage, documents_of_pair

__all__ = [
    "COOPERATION", "HEAD", "KINDS", "MAX_ROWS", "METRICS", "OUTLET", "PAGE", "POINTS",
    "REVIEW_THRESHOLD", "Scope", "aggregated", "build_info", "count_facts", "count_review_facts",
    "count_signed", "count_to_review", "coverage", "date_bounds", "document_texts",
    "documents_of_pair", "fact", "facts", "facts_csv", "facts_of_pairs", "latest", "options",
    "orphaned_corrections", "pair_summary", "pairs", "rejected_files", "review_facts",
    "review_facts_csv", "series", "series_among", "series_each", "series_of_pairs",
    "signed_documents", "signed_tally", "to_review", "whole_months",
]
