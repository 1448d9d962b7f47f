"""Dyad's read side: it reads the DuckDB file the ETL builds and nothing else.

Pages call these modules; none of them imports `etl` (tests/test_layers.py
checks it). `db` opens the file, `queries` asks it questions, `tables` shapes
the answers into what a page shows, `fmt` writes numbers as people do, `charts`
draws, `exports` makes the CSV downloads, `evidence` highlights a fact's
sentence, `warm` fills the caches of a rebuilt database before anyone asks, and
`state`/`view` are the only modules that talk to Streamlit.
"""
