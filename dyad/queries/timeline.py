"""A pair's articles (Timeline): its events, one per date, read from the articles
(`agg_articles`: every article of a pair with its source, title and the kinds of event it
reports, sorted by date), and its coverage, articles per month, language and source, for
the pair and those compared with it.

`agg_coverage` counts the articles of whole months; those of the part months at either end
of a range are counted from `agg_doc_pairs` (every article of a pair with its date,
language and outlet: the same rows `agg_coverage` counts).
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dyad.db import query
from dyad.queries.scope import MAX_ROWS, Scope, months

HEAD = 1500  # the characters of an article's text read for what kind of event it reports


def _coverage(scope: Scope, pairs_: tuple[str, ...]) -> tuple[str, list[object]]:
    """SQL of (pair, month, lang, outlet, articles) of the pairs in the scope's range."""
    span = months(scope)
    parts, params = [], list[object]()
    doc_filters = [(column, values) for column, values in
                   (("lang", scope.langs), ("outlet", scope.outlets)) if values]
    if span.first is not None and span.last is not None:
        sql = """SELECT pair, month, lang, outlet, articles FROM agg_coverage
                 WHERE list_contains(?::VARCHAR[], pair) AND month BETWEEN ? AND ?"""
        params += [tuple(pairs_), span.first, span.last]
        for column, values in doc_filters:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params.append(tuple(values))
        parts.append(sql)
    if span.parts:
        dated, dated_params = span.dated("a.date")
        sql = f"""SELECT a.pair, date_trunc('month', a.date)::DATE AS month,
                         coalesce(a.lang, '?') AS lang, a.outlet, count(*) AS articles
                  FROM agg_doc_pairs a
                  WHERE list_contains(?::VARCHAR[], a.pair) AND {dated}"""
        params += [tuple(pairs_), *dated_params]
        for column, values in doc_filters:
            column = "coalesce(a.lang, '?')" if column == "lang" else f"a.{column}"
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params.append(tuple(values))
        parts.append(sql + " GROUP BY ALL")
    if not parts:
        return ("SELECT pair, month, lang, outlet, articles FROM agg_coverage WHERE FALSE", [])
    return " UNION ALL ".join(parts), params


def coverage(scope: Scope, pairs_: tuple[str, ...]) -> pd.DataFrame:
    """Articles per pair, month, language and source (outlet) in the range."""
    sql, params = _coverage(scope, pairs_)
    return query(f"SELECT * FROM ({sql}) ORDER BY month, pair, lang, outlet", params)


def _docs_since(scope: Scope, rows: int) -> tuple[str, list[object]]:
    """A condition keeping the newest months that hold the pair's newest `rows` dated
    articles (counted as `coverage` counts them): agg_articles is sorted by (pair, date),
    so zone maps skip the older blocks instead of sorting every article of the pair
    (1.3 M for the best-covered pair at 10 M facts: 45-55 ms)."""
    if rows <= 0:
        return "", []
    sql, params = _coverage(scope, (scope.pair,))
    df = query(f"""SELECT min(month) AS since, max(upto) AS dated FROM (
                       SELECT month, sum(n) OVER w - n AS before, sum(n) OVER w AS upto
                       FROM (SELECT month, sum(articles) AS n FROM ({sql}) GROUP BY month)
                       WINDOW w AS (ORDER BY month DESC ROWS UNBOUNDED PRECEDING)
                   ) WHERE before < ?""", [*params, rows])
    if df.empty or pd.isna(df["since"].iloc[0]) or int(df["dated"].iloc[0]) < rows:
        return "", []
    return " AND (a.date >= ? OR a.date IS NULL)", [pd.Timestamp(df["since"].iloc[0]).date()]


def documents_of_pair(scope: Scope, limit: int = MAX_ROWS,
                      events: Sequence[tuple[str, str]] = ()) -> pd.DataFrame:
    """The pair's articles in the range (Timeline: one event per date): the newest
    `limit`, oldest first. `events`: (kind, regular expression) pairs; each adds a column
    `event_<kind>`, whether the first HEAD characters of the text match it (case-blind):
    read from agg_articles, which holds them for dyad/timeline.py's EVENT_WORDS, else
    asked of the texts in the database."""
    from dyad.timeline import EVENT_WORDS

    sql = """FROM agg_articles a
             WHERE a.pair = ? AND (a.date BETWEEN ? AND ? OR a.date IS NULL)"""
    params: list[object] = scope.params
    for column, values in (("a.lang", scope.langs), ("a.outlet", scope.outlets)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params = [*params, tuple(values)]
    since, since_params = _docs_since(scope, min(limit, MAX_ROWS))
    stored = all(event in EVENT_WORDS for event in events)
    flags = "".join(f', a."event_{kind}"' for kind, _ in events) if stored else ""
    df = query(f"""SELECT * FROM (
                       SELECT a.doc_id, a.source, a.url, a.title, a.lang, a.date,
                              a.date_precision, a.outlet{flags}
                       {sql}{since} ORDER BY a.date DESC NULLS FIRST, a.doc_id DESC LIMIT ?
                   ) ORDER BY date NULLS LAST, source""",
               [*params, *since_params, min(limit, MAX_ROWS)])
    if events and not stored:  # other words: asked of the texts, looked up by id
        found = ", ".join(f"regexp_matches(left(t.text, {HEAD}), ?) AS \"event_{kind}\""
                          for kind, _ in events)
        kinds = query(f"SELECT t.doc_id, {found} FROM document_texts t "
                      "WHERE list_contains(?::VARCHAR[], t.doc_id)",
                      [*(f"(?i){words}" for _, words in events), tuple(df["doc_id"])])
        df = df.merge(kinds, on="doc_id", how="left")
        for kind, _ in events:
            df[f"event_{kind}"] = df[f"event_{kind}"].fillna(False).astype(bool)
    return df
