"""Uploads (etl/uploads.py): stored under the raw folder, typed by content, named safely,
stored once, listed in the manifest, never lost to a build running meanwhile."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from etl import uploads
from etl.manifest import read_manifest
from etl.store import build_lock

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Товарооборот между Казахстаном и Узбекистаном в 2025 году составил 5 миллиардов долларов."
HTML = f"<!doctype html><html><head><title>Новость</title></head><body><p>{ARTICLE}</p></body></html>"


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("report.txt", "txt", "report.txt"),
    ("Отчёт о визите.txt", "txt", "Отчёт_о_визите.txt"),
    ("../../etc/passwd", "txt", "passwd.txt"),
    ("..\\..\\windows\\evil.html", "html", "evil.html"),
    ("/abs/path/x.pdf", "pdf", "x.pdf"),
    (".hidden.txt", "txt", "hidden.txt"),
    ("..", "txt", "upload.txt"),
    ("", "txt", "upload.txt"),
    ("a\x00b<c>|d?.txt", "txt", "abcd.txt"),
    ("report.pdf", "html", "report.html"),  # the extension follows the content
    ("notes.2025", "txt", "notes.2025.txt"),
    ("я" * 200 + ".txt", "txt", "я" * 60 + ".txt"),  # at most 120 bytes of UTF-8
])
def test_safe_names(name, fmt, expected):
    assert uploads.safe_name(name, fmt) == expected


def test_stored_under_uploads_with_manifest_row(tmp_path):
    raw = tmp_path / "raw"
    res = uploads.store(raw, "../x/Новость.txt", ARTICLE.encode(), "https://kun.uz/1",
                        date(2025, 12, 1))
    assert (res.status, res.file) == ("stored", "uploads/Новость.txt")
    stored = raw / res.file
    assert stored.read_text(encoding="utf-8") == ARTICLE
    assert stored.resolve().is_relative_to(raw.resolve())
    entries, warnings = read_manifest(raw / "manifest.csv")
    assert not warnings
    meta = entries["uploads/Новость.txt"]
    assert (meta.url, meta.published) == ("https://kun.uz/1", date(2025, 12, 1))


def test_type_is_decided_by_content(tmp_path):
    res = uploads.store(tmp_path, "looks-like.pdf", HTML.encode(), None, None)
    assert res.file == "uploads/looks-like.html"
    bad = uploads.store(tmp_path, "article.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert bad.status == "rejected" and "binary" in bad.reason
    assert not (tmp_path / "uploads" / "article.txt").exists()


def test_same_content_twice_is_stored_once(tmp_path):
    first = uploads.store(tmp_path, "a.txt", ARTICLE.encode())
    again = uploads.store(tmp_path, "b.txt", ARTICLE.encode(), "https://kun.uz/2")
    assert again.status == "duplicate" and again.file == first.file
    assert [p.name for p in (tmp_path / "uploads").iterdir() if not p.name.startswith(".")] == [
        "a.txt"]
    entries, _ = read_manifest(tmp_path / "manifest.csv")
    assert entries["uploads/a.txt"].url == "https://kun.uz/2"  # the new url is recorded
    other = uploads.store(tmp_path, "a.txt", (ARTICLE + " Ещё.").encode())
    assert other.status == "stored" and other.file.startswith("uploads/a-")  # same name


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", 100)
    res = uploads.store(tmp_path, "big.txt", ARTICLE.encode() * 3)
    assert res.status == "rejected" and "too large" in res.reason


def test_appends_to_an_existing_manifest_in_its_own_columns(tmp_path):
    (tmp_path / "manifest.csv").write_text(
        "file;title;date\nold.txt;Старая статья;2021-12-06", encoding="utf-8")  # no newline
    (tmp_path / "old.txt").write_text("старый текст", encoding="utf-8")
    uploads.store(tmp_path, "new.txt", ARTICLE.encode(), "https://x.uz/a", date(2025, 1, 2))
    rows = list(csv.reader((tmp_path / "manifest.csv").open(encoding="utf-8"), delimiter=";"))
    assert rows[0] == ["file", "title", "date", "url"]
    assert rows[1] == ["old.txt", "Старая статья", "2021-12-06", ""]
    assert rows[2] == ["uploads/new.txt", "", "2025-01-02", "https://x.uz/a"]
    entries, warnings = read_manifest(tmp_path / "manifest.csv")
    assert not warnings and entries["old.txt"].title == "Старая статья"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl.uploads", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_command_line(tmp_path):
    a = tmp_path / "in" / "a.txt"
    a.parent.mkdir()
    a.write_text(ARTICLE, encoding="utf-8")
    raw = tmp_path / "raw"
    done = cli("add", str(a), str(a), "--name=../Отчёт.txt", "--name", "copy.txt",
               "--url", "https://kun.uz/x", "--date", "2025-12-01", "--raw", str(raw))
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["status"] for o in out] == ["stored", "duplicate"]
    assert out[0]["file"] == "uploads/Отчёт.txt"
    assert cli("add", str(a), "--url", "javascript:alert(1)", "--raw", str(raw)).returncode == 2


def test_count_limit(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    done = cli("add", *[str(f)] * (uploads.MAX_FILES + 1), "--raw", str(tmp_path / "raw"))
    assert done.returncode == 2 and "too many files" in done.stderr
    assert not (tmp_path / "raw" / "uploads").exists()


def test_an_upload_during_a_build_is_not_lost(tmp_path):
    """The upload lands while a build holds the lock; the build after it waits, then has it."""
    raw, db = tmp_path / "raw", tmp_path / "dyad.duckdb"
    raw.mkdir()
    (raw / "old.txt").write_text("Казахстан и Узбекистан подписали 3 документа.", "utf-8")
    started, release = threading.Event(), threading.Event()

    def running_build() -> None:
        with build_lock(db):
            started.set()
            release.wait(30)

    holder = threading.Thread(target=running_build)
    holder.start()
    started.wait(10)
    stored = uploads.store(raw, "new.txt", ARTICLE.encode(), None, date(2025, 12, 1))
    assert stored.status == "stored"
    build = subprocess.Popen([sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db",
                              str(db)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    assert build.stderr is not None
    first = build.stderr.readline()  # the build says it waits, and waits
    assert "waiting" in first, first
    time.sleep(0.3)
    assert build.poll() is None
    release.set()
    holder.join()
    _, err = build.communicate(timeout=120)
    assert build.returncode == 0, err
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        sources = {r[0] for r in con.execute("SELECT source FROM documents").fetchall()}
    assert "uploads/new.txt" in sources
