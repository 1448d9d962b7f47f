"""N synthetic facts straight into a Dyad database: what the dashboard benchmark queries.

Writes a DuckDB file with etl/schema.sql's tables, filled by DuckDB SQL over `range()` so
10 M facts take seconds, not the hours extracting 2.5 M pages would. The shape follows
the real data: 20 countries (190 pairs) with the news's skew (the top pair, KAZ-UZB,
holds ~20 % of the facts, as Central Asia's main pair does in the demo data), half the
facts trade turnover, dates over 2000-2025 (5 % unknown), four facts a document, one
evidence sentence per fact in its own table, a short text per document that the
offsets point into, and the facts sorted by (pair, metric, date) as the ETL writes them.
Articles come from nine outlets, each writing in one to three of the five languages (a
third of the articles Russian, one in 21 in no known language), so that the sidebar's
language and source filters keep part of a pair; one fact in 1,009 is rejected, one in
1,000 confirmed.

`ensure` keeps a database already built for the same number of facts and shape (SHAPE),
and (re)writes only the aggregate tables it lacks or whose SQL changed since they were
written (their SQL's hash is kept in build_info), and those that read them.

    python -m bench.factsdb FILE N
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import time
from itertools import combinations
from pathlib import Path

import duckdb

from etl import aggregate as aggregates
from etl.aggregate import TABLES as AGGREGATES
from etl.aggregate import aggregate

SCHEMA_SQL = Path(__file__).resolve().parent.parent / "etl" / "schema.sql"
FACTS_PER_DOC = 4
# KAZ and UZB first so that KAZ-UZB is the most covered pair, as in the demo data.
COUNTRIES = ["KAZ", "UZB", "KGZ", "TJK", "TKM", "RUS", "CHN", "TUR", "AZE", "BLR", "AFG", "IRN",
             "IND", "PAK", "KOR", "JPN", "USA", "DEU", "FRA", "GBR"]
SKEW = 3  # pair index = floor(P * u^SKEW): the top pair gets P^(-1/SKEW) ≈ 17 % of facts
SHAPE = 3  # what the generated data looks like: a database of another shape is rebuilt
# (outlet, language) of an article, picked by its hash: an outlet writes in a few languages
PLACES = [("akorda.kz", "ru"), ("akorda.kz", "kk"), ("akorda.kz", "en"),
          ("president.uz", "ru"), ("president.uz", "uz"), ("president.uz", "en"),
          ("kun.uz", "uz"), ("kun.uz", "ru"), ("tass.ru", "ru"), ("tass.ru", "ru"),
          ("tass.ru", "en"), ("inform.kz", "ru"), ("inform.kz", "kk"), ("24.kg", "ru"),
          ("24.kg", "ky"), ("gov.kz", "ru"), ("gov.kz", "kk"), ("mfa.uz", "uz"),
          ("mfa.uz", "en"), ("example.org", "ru"), ("example.org", None)]

PARAGRAPH = (
    "Стороны обсудили вопросы расширения торгово-экономического сотрудничества и отметили "
    "высокий уровень политического диалога. Товарооборот между странами по итогам года "
    "составил 4,2 млрд долларов, а к 2030 году его намерены довести до 10 млрд долларов. "
    "Между столицами выполняется более 40 рейсов в неделю, создано свыше 1200 совместных "
    "предприятий, по итогам переговоров подписано 12 документов. "
)


def pairs() -> list[str]:
    """Every pair of COUNTRIES, KAZ-UZB first, then in the order of the list."""
    return ["-".join(sorted(p)) for p in combinations(COUNTRIES, 2)]


def build(path: Path, n_facts: int) -> dict[str, float]:
    """Write a complete database of n_facts facts at `path` (replaced if it exists)."""
    path = Path(path)
    for stale in path.parent.glob(f".{path.name}.building-*"):  # of a killed run
        stale.unlink(missing_ok=True)
    tmp = path.with_name(f".{path.name}.building-{os.getpid()}")
    n_docs = max(1, n_facts // FACTS_PER_DOC)
    pair_list = pairs()
    t0 = time.perf_counter()
    con = duckdb.connect(str(tmp))
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        con.execute("CREATE TEMP TABLE pairs AS SELECT unnest(?::VARCHAR[]) AS pair, "
                    "generate_subscripts(?::VARCHAR[], 1) - 1 AS k", [pair_list, pair_list])
        con.execute(f"""
            CREATE TEMP TABLE f AS
            WITH r AS (
                SELECT i,
                       (hash(i, 1) % 1000003) / 1000003.0 AS u_pair,
                       (hash(i, 2) % 1000) AS u_metric,
                       (hash(i, 3) % 100) AS u_kind,
                       (hash(i, 4) % 9496) AS day,
                       (hash(i, 5) % 1000) / 1000.0 AS u_val
                FROM range({n_facts}) t(i)
            ), m AS (
                SELECT *,
                       least({len(pair_list) - 1},
                             floor({len(pair_list)} * pow(u_pair, {SKEW})))::INT AS k,
                       CASE WHEN u_metric < 500 THEN 'trade_turnover'
                            WHEN u_metric < 650 THEN 'joint_ventures'
                            WHEN u_metric < 800 THEN 'flights_per_week'
                            WHEN u_metric < 900 THEN 'documents_signed'
                            ELSE 'investment_portfolio' END AS metric
                FROM r
            )
            SELECT substr(md5(i::VARCHAR), 1, 16) AS fact_id,
                   substr(md5('d' || (i // {FACTS_PER_DOC})::VARCHAR), 1, 16) AS doc_id,
                   p.pair, split_part(p.pair, '-', 1) AS country_a,
                   split_part(p.pair, '-', 2) AS country_b, metric,
                   CASE WHEN metric <> 'trade_turnover' OR u_kind < 60 THEN 'actual'
                        WHEN u_kind < 75 THEN 'forecast' ELSE 'target' END AS kind,
                   CASE metric WHEN 'trade_turnover' THEN round(1e8 + u_val * 2e10, -7)
                               WHEN 'investment_portfolio' THEN round(1e8 + u_val * 1e10, -7)
                               WHEN 'joint_ventures' THEN round(10 + u_val * 5000)
                               WHEN 'flights_per_week' THEN round(7 + u_val * 200)
                               ELSE round(2 + u_val * 30) END AS value,
                   CASE WHEN metric IN ('trade_turnover', 'investment_portfolio') THEN 'USD'
                        ELSE 'count' END AS unit,
                   ['eq', 'eq', 'gte', 'approx'][1 + (i % 4)] AS qualifier,
                   CASE WHEN day < 475 THEN NULL
                        ELSE DATE '2000-01-01' + (day::INT) END AS date,
                   CASE WHEN day < 475 THEN NULL ELSE 'day' END AS date_precision,
                   NULL::VARCHAR AS period,
                   CASE WHEN metric = 'trade_turnover' AND u_kind >= 75
                        THEN 2026 + (i % 5)::INT END AS target_year,
                   ((i % {FACTS_PER_DOC}) * 150)::INT AS start,
                   ((i % {FACTS_PER_DOC}) * 150 + 140)::INT AS "end",
                   round(0.45 + u_val * 0.54, 3) AS confidence,
                   CASE WHEN i % 10 = 0 THEN 'related' ELSE 'article' END AS block,
                   CASE WHEN i % 1000 = 0 THEN 'confirmed' WHEN i % 1009 = 5 THEN 'rejected'
                        ELSE 'extracted' END AS status
            FROM m JOIN pairs p USING (k)
        """)
        # BY NAME: columns the schema gains later stay NULL here instead of breaking the bench
        con.execute("""INSERT INTO facts BY NAME SELECT * FROM f
                       ORDER BY pair, metric, date NULLS FIRST, fact_id""")
        con.execute("""
            INSERT INTO evidence BY NAME
            SELECT fact_id, CASE metric
                WHEN 'trade_turnover' THEN 'Товарооборот между странами составил '
                                           || (value / 1e9)::DECIMAL(8, 1) || ' млрд долларов.'
                WHEN 'joint_ventures' THEN 'В стране работают ' || value::BIGINT
                                           || ' совместных предприятий.'
                WHEN 'flights_per_week' THEN 'Между столицами выполняется ' || value::BIGINT
                                             || ' рейсов в неделю.'
                WHEN 'documents_signed' THEN 'По итогам переговоров подписано ' || value::BIGINT
                                             || ' документов.'
                ELSE 'Портфель совместных проектов составил ' || (value / 1e9)::DECIMAL(8, 1)
                     || ' млрд долларов.' END AS evidence
            FROM f ORDER BY fact_id
        """)
        con.execute(f"""
            INSERT INTO documents BY NAME
            SELECT doc_id, 'bench/' || substr(doc_id, 1, 3) || '/' || doc_id || '.txt' AS source,
                   'https://' || (?::VARCHAR[])[1 + (hash(doc_id, 7) % {len(PLACES)})::BIGINT]
                       || '/' || doc_id AS url,
                   'Страны обсудили сотрудничество ' || doc_id AS title,
                   (?::VARCHAR[])[1 + (hash(doc_id, 7) % {len(PLACES)})::BIGINT] AS lang,
                   min(date) AS published, min(date) AS date, 'day' AS date_precision,
                   min(pair) AS pair, {len(PARAGRAPH) * 2} AS n_chars
            FROM f GROUP BY doc_id
        """, [[o for o, _ in PLACES], [lang for _, lang in PLACES]])
        con.execute("INSERT INTO document_texts BY NAME "
                    "SELECT doc_id, repeat(?, 2) AS text FROM documents", [PARAGRAPH])
        con.execute("""
            INSERT INTO signed_documents BY NAME
            SELECT doc_id, pair, s.seq::INT AS seq,
                   'Соглашение о сотрудничестве № ' || s.seq AS title,
                   ['agreement', 'memorandum', 'treaty', 'programme'][1 + s.seq % 4] AS doc_type,
                   ['energy', 'water', 'trade', 'transport', 'general'][1 + s.seq % 5] AS sector,
                   date, 0 AS start, 100 AS "end"
            FROM f, range(1, 1 + (value::INT % 5)) s(seq)
            WHERE metric = 'documents_signed' AND (hash(fact_id) % 4) = 0
            QUALIFY row_number() OVER (PARTITION BY doc_id, s.seq ORDER BY fact_id) = 1
            ORDER BY pair, date
        """)
        con.executemany("INSERT INTO build_info (key, value) VALUES (?, ?)", [
            ("built_at", "2025-01-01T00:00:00+00:00"), ("n_documents", str(n_docs)),
            ("n_facts", str(n_facts)), ("data_version", data_version(n_facts))])
        con.execute("DROP TABLE f")
        aggregate(con)  # the same pre-aggregated tables as the ETL's build
        _sign(con, AGGREGATES)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, path)
    return {"seconds": round(time.perf_counter() - t0, 1),
            "megabytes": round(path.stat().st_size / 1e6, 1)}


def data_version(n_facts: int) -> str:
    return f"bench-{n_facts}-shape{SHAPE}"


def signature(table: str) -> str:
    """A hash of the SQL that writes an aggregate table (etl/aggregate.py)."""
    sql = dict(zip(AGGREGATES, aggregates._SQL, strict=True))[table]
    return hashlib.sha1(sql.encode()).hexdigest()[:12]


def _sign(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> None:
    con.executemany("INSERT OR REPLACE INTO build_info (key, value) VALUES (?, ?)",
                    [(f"sql:{t}", signature(t)) for t in tables])


def stale(have: set[str], signed: dict[str, str]) -> tuple[str, ...]:
    """The aggregate tables to (re)write: missing, written by other SQL than today's (a
    table without a recorded hash is taken as current), and every one that reads one of
    those, in the order `aggregate` writes them."""
    out: list[str] = []
    for t, sql in zip(AGGREGATES, aggregates._SQL, strict=True):
        if (t not in have or signed.get(t, signature(t)) != signature(t)
                or any(f" {u} " in f" {sql} ".replace("\n", " ") for u in out)):
            out.append(t)
    return tuple(out)


def ensure(path: Path, n_facts: int) -> Path:
    """The database of n_facts facts at `path`, built unless it is there already."""
    path = Path(path)
    if path.exists():
        with duckdb.connect(str(path), read_only=True) as con:
            info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
            have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if info.get("data_version") == data_version(n_facts):
            signed = {k.removeprefix("sql:"): v for k, v in info.items() if k.startswith("sql:")}
            if todo := stale(have, signed):
                add_aggregates(path, todo)
            return path
    build(path, n_facts)
    return path


def add_aggregates(path: Path, tables: tuple[str, ...]) -> None:
    """Write the aggregate tables a database made by an older `build` lacks (or has from
    older SQL), into a copy swapped in atomically (as `build` does), instead of making
    every fact again."""
    tmp = path.with_name(f".{path.name}.aggregating-{os.getpid()}")
    shutil.copyfile(path, tmp)
    con = duckdb.connect(str(tmp))
    try:
        aggregate(con, tables)
        _sign(con, tables)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.factsdb", description=__doc__.split("\n")[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("n", type=int)
    a = ap.parse_args(argv)
    print(build(a.db, a.n), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
