-- Dyad's database: derived from data/raw/ (and corrections), rebuilt by `python -m etl build`.
-- Evidence sentences and document texts are most of the bytes: they live in their own tables
-- so that the fact table, sorted by (pair, metric, date), stays small and fast to filter.
-- The agg_* tables the dashboard's pages read are derived from these after every fact is
-- loaded: their SQL (and what each holds) is in etl/aggregate.py.

CREATE TABLE documents (
    doc_id          VARCHAR PRIMARY KEY,   -- sha1 of the cleaned text: same text, same id
    source          VARCHAR NOT NULL,      -- path relative to the raw folder
    url             VARCHAR,
    title           VARCHAR,
    lang            VARCHAR,               -- language of the article block
    published       DATE,                  -- from the manifest
    date            DATE,                  -- the article's date as resolved (manifest, dateline, text)
    date_precision  VARCHAR,               -- day | month | year
    pair            VARCHAR,               -- the article's main pair, e.g. KAZ-UZB (may be NULL)
    n_chars         INTEGER NOT NULL
);

CREATE TABLE document_texts (
    doc_id  VARCHAR PRIMARY KEY,
    text    VARCHAR NOT NULL               -- the cleaned text that fact offsets point into
);

CREATE TABLE facts (
    fact_id         VARCHAR PRIMARY KEY,   -- stable: doc_id + offsets + metric + kind + value
    doc_id          VARCHAR NOT NULL,
    pair            VARCHAR NOT NULL,      -- ISO3-ISO3, sorted
    country_a       VARCHAR NOT NULL,
    country_b       VARCHAR NOT NULL,
    metric          VARCHAR NOT NULL,      -- trade_turnover | joint_ventures | flights_per_week | documents_signed | investment_portfolio
    kind            VARCHAR NOT NULL,      -- actual | forecast | target
    value           DOUBLE NOT NULL,
    unit            VARCHAR NOT NULL,      -- USD | count
    qualifier       VARCHAR NOT NULL,      -- eq | gte | lte | approx
    date            DATE,
    date_precision  VARCHAR,
    period          VARCHAR,
    target_year     INTEGER,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    confidence      DOUBLE NOT NULL,
    block           VARCHAR NOT NULL,      -- article | title | related: where on the page it stood
    status          VARCHAR NOT NULL,      -- extracted | confirmed | corrected | rejected (etl/corrections.py)
    reviewed_by     VARCHAR,
    reviewed_at     VARCHAR,
    review_note     VARCHAR
);

CREATE TABLE orphaned_corrections (
    fact_id  VARCHAR NOT NULL              -- a correction whose fact is no longer extracted; kept in the CSV
);

CREATE TABLE evidence (
    fact_id   VARCHAR PRIMARY KEY,
    evidence  VARCHAR NOT NULL             -- the sentence, verbatim
);

CREATE TABLE signed_documents (
    doc_id      VARCHAR NOT NULL,
    pair        VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,          -- order in the article
    title       VARCHAR NOT NULL,
    doc_type    VARCHAR NOT NULL,          -- treaty | agreement | memorandum | programme | plan | roadmap | declaration | protocol | contract | other
    sector      VARCHAR NOT NULL,          -- water | energy | security | ... | general
    date        DATE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE rejected_files (
    source  VARCHAR PRIMARY KEY,
    reason  VARCHAR NOT NULL
);

CREATE TABLE build_info (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL                -- built_at, n_documents, n_facts, data_version
);
