"""Hostile input through the real command line (`python -m etl extract` and `build`).

Every unreadable file is named on stderr with a one-line reason, listed in the
database's `rejected_files` (the dashboard's Sources page shows it) and in
`<db>.rejected.csv`, and left untouched where it is; the other files go on.
Good text in odd encodings is read correctly: each good file holds one sentence
with its own figure, and the fact extracted from it must carry that exact sentence.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
FACT = "Товарооборот между Казахстаном и Узбекистаном составил {n} млрд долларов."
DECOY = "Товарооборот между Россией и Китаем составил 99 млрд долларов."


def etl(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


def fact(n: int) -> str:
    return FACT.format(n=n)


def _pdf(encrypt: bool) -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)  # a page with no text layer: what a scan looks like
    if encrypt:
        w.encrypt(user_password="secret", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _windows_mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (undefined bytes as Latin-1 does), as editors do."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")

# name -> bytes, the figure its fact must carry
GOOD: dict[str, tuple[bytes, int]] = {
    "utf8.txt": (fact(1).encode(), 1),
    "cp1251.txt": (fact(2).encode("cp1251"), 2),
    "koi8r.txt": (fact(3).encode("koi8_r"), 3),
    "utf16-bom.txt": (fact(4).encode("utf-16"), 4),
    "utf16le.txt": (fact(5).encode("utf-16-le"), 5),
    "utf16be.txt": (fact(6).encode("utf-16-be"), 6),
    "utf16be-bom.txt": (b"\xfe\xff" + fact(7).encode("utf-16-be"), 7),
    "utf8-bom.txt": (b"\xef\xbb\xbf" + fact(8).encode(), 8),
    "mojibake-cp1251.txt": (fact(9).encode().decode("cp1251", "replace").encode(), 9),
    "mojibake-cp1252.txt": (_windows_mojibake(fact(10)).encode(), 10),
    "page.html": ((
        "<!doctype html><html><head><title>t</title><style>p::after{content:'" + DECOY + "'}"
        "</style><script>document.write('" + DECOY + "')</script></head><body>"
        "<iframe srcdoc='<p>" + DECOY + "</p>'>" + DECOY + "</iframe>"
        "<noscript>" + DECOY + "</noscript><p>" + fact(11) + "</p>"
        "<script src='x.js'></script></body></html>").encode(), 11),
    "malformed.html": (("<html><body><div><p<p>Меню</b></i><table><tr><td>ячейка<p>" + fact(12)
                        + "</div></div></span><p>хвост &amp &nbsp &#99999999; <a href='x").encode(),
                       12),
    "sub dir/Новость №1 (итог) — финал.txt": (fact(13).encode(), 13),
    "a..b.txt": (fact(14).encode(), 14),
    "names/bad\udcff\udcfename.txt": (fact(15).encode(), 15),  # not UTF-8 on disk
    "names/new\nline.txt": (fact(16).encode(), 16),
    "titled.md": (fact(17).encode(), 17),
}
# name -> bytes, what the reason must say
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t \r\n \n", "empty file"),
    "junk.txt": (bytes((i * 7919 + 13) % 256 for i in range(4000)), "binary file"),
    "photo.txt": (PNG, "binary file (PNG image)"),
    "encrypted.pdf": (_pdf(encrypt=True), "encrypted PDF"),
    "scan.pdf": (_pdf(encrypt=False), "PDF has no text layer"),
    "corrupt.pdf": (b"%PDF-1.4\n" + bytes((i * 31) % 256 for i in range(2000)), "corrupt PDF"),
    "truncated.pdf": (_pdf(encrypt=False)[:300], "corrupt PDF"),
    "=HYPERLINK(x).txt": (PNG, "binary file (PNG image)"),
}
MANIFEST = (
    "file,published,title\n"                      # url and lang columns missing
    "titled.md,2025-11-15,Заголовок из манифеста\n"
    "utf8.txt,2021-13-40,\n"                      # a bad date
    "ghost.txt,2024-01-01,\n"                     # a file that is not there
    "cp1251.txt,2024-02-02,Первый\n"
    "cp1251.txt,2024-03-03,Второй\n"              # a duplicate row: the last wins
    "../outside.txt,2024-01-01,\n"                # outside the folder
)


def shown(name: str) -> str:
    """How the command line prints a name (see etl.cli.printable)."""
    from etl.cli import printable

    return printable(name)


def tree_digest(root: Path) -> dict[str, str]:
    return {os.fsencode(p.relative_to(root)).hex(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    top = tmp_path_factory.mktemp("hostile")
    (top / "outside.txt").write_text(fact(98), encoding="utf-8")  # must never be read
    root = top / "raw"
    for name, (data, _) in {**GOOD, **BAD}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def extracted(raw) -> subprocess.CompletedProcess:
    return etl("extract", str(raw), "--reference-date", "2025-11-20")


@pytest.fixture(scope="module")
def built(raw, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path, dict, dict]:
    db = tmp_path_factory.mktemp("hostile-db") / "dyad.duckdb"
    before = tree_digest(raw.parent)
    done = etl("build", "--raw", str(raw), "--db", str(db), "--reference-date", "2025-11-20")
    return done, db, before, tree_digest(raw.parent)


def test_extract_reads_every_good_file_correctly(extracted):
    facts = [json.loads(line) for line in extracted.stdout.splitlines()]
    by_value = {f["value"] / 1e9: f for f in facts}
    assert set(by_value) == {n for _, n in GOOD.values()}, extracted.stderr
    for name, (_, n) in GOOD.items():
        f = by_value[n]
        assert f["evidence"] == fact(n), name  # decoded, un-mojibaked, no markup
        assert (f["pair"], f["metric"], f["kind"]) == ("KAZ-UZB", "trade_turnover", "actual")
        assert f["source"].endswith(shown(name))
    assert "99 млрд" not in extracted.stdout  # script, style, iframe, noscript: never text
    assert "98 млрд" not in extracted.stdout  # the manifest's ../outside.txt is never read


def test_extract_names_each_unreadable_file_with_a_one_line_reason(extracted, raw):
    assert extracted.returncode == 1
    lines = extracted.stderr.splitlines()
    assert all(line.startswith(("dyad: ", "warning: ")) for line in lines), lines
    cannot = {line for line in lines if line.startswith("dyad: cannot read ")}
    assert len(cannot) == len(BAD)
    for name, (_, why) in BAD.items():
        assert any(line.startswith(f"dyad: cannot read {raw / name}: {why}") for line in cannot)
    assert lines[-1] == f"dyad: {len(GOOD)} facts from {len(GOOD)} files, {len(BAD)} unreadable"


def test_manifest_problems_are_warnings_and_the_files_go_on(extracted, built):
    err = extracted.stderr
    assert "row 3: bad date '2021-13-40'" in err
    assert "row 4: file 'ghost.txt' not found" in err
    assert "row 6: duplicate entry for 'cp1251.txt'" in err
    assert "row 7: file '../outside.txt' is outside the manifest's folder" in err
    facts = {json.loads(line)["value"] / 1e9: json.loads(line)
             for line in extracted.stdout.splitlines()}
    assert facts[17]["date"] == "2025-11-15"  # the manifest's date
    assert facts[2]["date"] == "2024-03-03"   # the last of two rows wins
    _, db, _, _ = built
    with duckdb.connect(str(db), read_only=True) as con:
        titles = dict(con.execute("SELECT source, title FROM documents").fetchall())
    assert titles["titled.md"] == "Заголовок из манифеста"


def test_build_lists_rejected_files_and_keeps_them_in_place(built):
    done, db, before, after = built
    assert done.returncode == 1
    assert after == before  # nothing moved, changed, deleted or added in or next to raw/
    with duckdb.connect(str(db), read_only=True) as con:
        rejected = dict(con.execute("SELECT source, reason FROM rejected_files").fetchall())
        sources = {r[0] for r in con.execute("SELECT source FROM documents").fetchall()}
    assert set(rejected) == set(BAD)
    for name, (_, why) in BAD.items():
        assert rejected[name].startswith(why) and "\n" not in rejected[name]
    assert sources == {shown(name) for name in GOOD}  # relative, none escapes raw/
    assert not any(s.startswith(("/", "..")) for s in sources)
    report = db.with_name(db.name + ".rejected.csv")
    assert f"listed in {report}" in done.stderr
    import csv

    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    assert {r["file"].removeprefix("'") for r in rows} == set(BAD)
    assert not any(r["file"].startswith(("=", "+", "-", "@")) for r in rows)  # formula-safe


def test_dashboard_lists_rejected_files(built, monkeypatch):
    from streamlit.testing.v1 import AppTest

    _, db, _, _ = built
    monkeypatch.setenv("DYAD_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert any("could not be read" in h.value for h in at.subheader)
    table = next(d.value for d in at.dataframe if "File" in d.value.columns)
    assert set(table["File"]) == set(BAD)
    assert all(table["Why"].str.len() > 0)


def test_a_file_over_the_size_limit_is_named_with_the_limit(tmp_path):
    from etl.ingest import MAX_BYTES

    (tmp_path / "ok.txt").write_text(fact(1), encoding="utf-8")
    with open(tmp_path / "huge.txt", "wb") as fh:  # sparse: costs no disk
        fh.truncate(MAX_BYTES + 10 * 2**20)
    p = etl("extract", str(tmp_path))
    assert p.returncode == 1 and len(p.stdout.splitlines()) == 1
    assert f"dyad: cannot read {tmp_path / 'huge.txt'}: too large: 60.0 MB > 50 MB" in p.stderr


def _run_measured(args: list[str]) -> tuple[int, str, float, float]:
    """(exit code, stdout, CPU seconds, peak RSS in MB) of `python -m etl ARGS`. CPU time,
    not wall time: a busy machine slows the run, not its work. The peak is the process's
    own high-water mark (VmHWM), read until it exits: wait4's ru_maxrss would count the
    parent's memory copied at fork."""
    import threading

    proc = subprocess.Popen([sys.executable, "-m", "etl", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out: list[str] = []
    peak = [0.0]
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()))  # type: ignore
    reader.start()
    status = Path(f"/proc/{proc.pid}/status")
    while reader.is_alive():
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak[0] = max(peak[0], int(line.split()[1]) / 1024)
        except (OSError, ValueError):
            pass
        reader.join(0.02)
    _, code, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(code)
    return proc.returncode, out[0], usage.ru_utime + usage.ru_stime, peak[0]


def test_a_50_mb_text_is_read_whole_in_bounded_time_and_memory(tmp_path):
    # 50 MB: a fact at the start, in the middle and at the end, blank lines between
    # (kept cheap to extract so the test is quick; tests below load the extractor itself)
    pad = "\n" * (25 * 10**6)
    (tmp_path / "big.txt").write_text(fact(1) + pad + fact(2) + pad + fact(3), encoding="utf-8")
    assert (tmp_path / "big.txt").stat().st_size > 50 * 10**6
    code, out, seconds, rss = _run_measured(["extract", str(tmp_path / "big.txt")])
    assert code == 0
    assert sorted(json.loads(line)["value"] for line in out.splitlines()) == [1e9, 2e9, 3e9]
    assert seconds < 20 and rss < 400, (seconds, rss)  # measured: 1.2 s CPU, 182 MB


def test_a_5_mb_line_without_newline_is_extracted_in_bounded_time(tmp_path):
    # 5 MB of real sentences on one line: extracted whole it took 38 s of CPU here (the
    # pipeline's per-sentence work grows with the document); in pieces, 6 s
    demo = " ".join(p.read_text(encoding="utf-8").replace("\n", " ")
                    for p in sorted((ROOT / "data" / "raw").glob("*.txt")))
    body = (demo + " ") * (5 * 10**6 // len(demo.encode()) + 1)
    line = fact(1) + " " + body + " " + fact(2)
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    assert "\n" not in line and len(line.encode()) > 5 * 10**6
    code, out, seconds, rss = _run_measured(["extract", str(tmp_path / "line.txt")])
    assert code == 0
    values = {json.loads(x)["value"] for x in out.splitlines()}
    assert {1e9, 2e9} <= values  # the first and the last sentence both found
    assert seconds < 20 and rss < 200, (seconds, rss)  # measured: 6 s CPU, 60 MB


def test_pieces_cover_the_text_and_cut_at_boundaries():
    from etl.cli import MAX_DOC_CHARS, pieces
    from etl.ingest import RawDocument
    from etl.model import DocMeta

    def cut(text: str, limit: int = 100) -> list[str]:
        return [p.text for p in pieces(RawDocument("s", Path("s"), text, DocMeta(), "txt"), limit)]

    assert cut("short") == ["short"]
    paras = "\n\n".join(f"Абзац {i}. " + "слово " * 10 for i in range(20))
    got = cut(paras)
    assert "".join(got) == paras and all(len(p) <= 100 for p in got)
    assert all(p.endswith("\n\n") for p in got[:-1])  # cut after paragraphs
    line = " ".join(f"Предложение {i} здесь." for i in range(100))
    got = cut(line)
    assert "".join(got) == line and all(p.endswith(". ") for p in got[:-1])
    solid = "x" * 1050  # no boundary at all: cut hard, nothing lost
    assert "".join(cut(solid)) == solid and max(map(len, cut(solid))) == 100
    assert cut(" " * 500 + "y") == ["y"] or "".join(cut(" " * 500 + "y")).strip() == "y"
    assert MAX_DOC_CHARS >= 100_000  # ordinary pages (5-50 KB) are never cut
