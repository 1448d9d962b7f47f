"""The extraction contract (../shared/CONTRACT.md), through the real command line."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = ["source", "doc_id", "pair", "metric", "kind", "value", "unit", "qualifier", "date",
        "date_precision", "period", "target_year", "evidence", "start", "end", "confidence"]


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_demo_corpus_gives_contract_facts():
    p = run("extract", "data/raw")
    assert p.returncode == 0, p.stderr
    facts = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(facts) >= 10
    for f in facts:
        assert list(f) == KEYS
        assert f["source"].startswith("data/raw/")
        a, b = f["pair"].split("-")
        assert a < b and len(a) == 3
        assert f["unit"] == ("USD" if f["metric"] in ("trade_turnover", "investment_portfolio")
                             else "count")
        assert 0 <= f["confidence"] <= 1


def test_evidence_offsets_point_into_cleaned_text(tmp_path):
    from etl.clean import clean_text
    text = "Заголовок\n\nТоварооборот между Казахстаном и Узбекистаном составил 4 млрд долларов."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    p = run("extract", str(tmp_path), "--reference-date", "2025-01-10")
    facts = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(facts) == 1
    cleaned = clean_text(text)
    assert cleaned[facts[0]["start"]:facts[0]["end"]] == facts[0]["evidence"]
    assert facts[0]["date"] is None or facts[0]["date"] <= "2025-01-10"


def test_unreadable_file_is_named_and_others_go_on(tmp_path):
    (tmp_path / "good.txt").write_text(
        "Товарооборот между Россией и Казахстаном достиг 20 млрд долларов.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    p = run("extract", str(tmp_path))
    assert p.returncode == 1
    assert len(p.stdout.splitlines()) == 1
    bad_lines = [line for line in p.stderr.splitlines() if "cannot read" in line]
    assert len(bad_lines) == 2
    assert any("bad.txt" in line for line in bad_lines)
    assert any("empty.txt" in line for line in bad_lines)


def test_manifest_date_wins_and_reference_date_resolves_relative(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Сегодня 10:15\n\nТоварооборот Узбекистана и Таджикистана составил 500 млн долларов.",
        encoding="utf-8")
    p = run("extract", str(tmp_path), "--reference-date", "2024-05-06")
    assert json.loads(p.stdout.splitlines()[0])["date"] == "2024-05-06"
    (tmp_path / "manifest.csv").write_text("file,url,published,title,lang\na.txt,,2023-02-01,,ru\n",
                                           encoding="utf-8")
    p = run("extract", str(tmp_path))
    assert json.loads(p.stdout.splitlines()[0])["date"] == "2023-02-01"


def test_bad_usage_exits_2():
    assert run("extract").returncode == 2
    assert run("extract", "data/raw", "--reference-date", "yesterday").returncode == 2
    assert run("frobnicate").returncode == 2


def test_same_text_same_doc_id(tmp_path):
    text = "Товарооборот между Казахстаном и Китаем составил 30 млрд долларов."
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(text.encode("cp1251"))
    p = run("extract", str(tmp_path))
    ids = {json.loads(line)["doc_id"] for line in p.stdout.splitlines()}
    assert len(ids) == 1
