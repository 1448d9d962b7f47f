"""The demo corpus gives exactly the golden facts, and the shared gold sets score as promised."""
import json
import subprocess
import sys

import pytest

from tests.golden_facts import GOLDEN, ROOT, current

SHARED = ROOT.parent / "shared" / "eval"


def test_demo_corpus_matches_golden_file():
    want = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert current() == want, "facts changed: run `make golden` and read the diff"


def score(gold: str, *extra: str) -> str:
    p = subprocess.run([sys.executable, str(SHARED / "score.py"), str(SHARED / gold),
                        "--project", str(ROOT), "--python", sys.executable, *extra],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/eval is not beside this checkout")
def test_seeds_score_perfectly_with_qualifiers_target_years_and_dates():
    out = score("seeds.jsonl")
    assert out.splitlines()[-1].startswith("F1 1.000 (P 1.000 R 1.000)")
    assert "qualifier right on 12/12" in out
    assert "target_year right on 2/2" in out
    assert "date right on 12/12" in out


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/eval is not beside this checkout")
def test_dev_set_holds_its_level():
    last = score("dev.jsonl").splitlines()[-1]
    f1, p = float(last.split()[1]), float(last.split()[3])
    assert f1 >= 0.9 and p >= 0.95, last
