"""Every vocabulary table loads and says only what the engines understand."""
import re

import pytest

from etl.model import KINDS, METRIC_UNITS
from etl.paths import VOCAB_DIR
from etl.vocab import load_table

TABLES = sorted(p.stem for p in VOCAB_DIR.glob("*.csv"))


@pytest.mark.parametrize("name", TABLES)
def test_table_loads_with_full_rows(name):
    rows = load_table(name)
    assert rows, f"{name}.csv is empty"
    width = len(rows[0])
    assert all(len(r) == width for r in rows), f"{name}.csv has ragged rows (unquoted comma?)"


@pytest.mark.parametrize("name", ["metric_terms", "kind_cues", "context_cues", "doc_types",
                                  "sectors", "page_markers"])
def test_patterns_compile(name):
    for row in load_table(name):
        re.compile(row["pattern"])


def test_labels_are_known():
    assert {r["metric"] for r in load_table("metric_terms")} <= set(METRIC_UNITS) | {"none", "group"}
    assert {r["kind"] for r in load_table("kind_cues")} <= set(KINDS) | {"future"}
    assert {r["role"] for r in load_table("page_markers")} <= {"related", "poll", "end", "menu"}
    for r in load_table("metric_terms"):
        assert int(r["factor"]) in (1, 7) and 0 < float(r["weight"]) <= 1
