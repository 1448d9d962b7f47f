"""Dyad's benchmark: a synthetic corpus, a synthetic fact database, the timed runs.

`python -m bench.run` (or `make bench`) generates what it needs under bench/corpus/
(git-ignored), times extraction, the build, the dashboard's queries and pages, and
the natasha peer, and writes bench/results/<UTC time>.json and latest.json.
"""
