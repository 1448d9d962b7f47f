"""manifest.csv: lenient reading, one warning per problem, never an exception."""
from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from etl.manifest import ManifestIndex, lookup, normalize_name, parse_date, read_manifest
from etl.model import DocMeta


def write(folder: Path, text: str | bytes, files: tuple[str, ...] = ()) -> Path:
    for f in files:
        p = folder / f
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("текст", encoding="utf-8")
    m = folder / "manifest.csv"
    if isinstance(text, bytes):
        m.write_bytes(text)
    else:
        m.write_text(text, encoding="utf-8")
    return m


def test_full_manifest(tmp_path):
    m = write(tmp_path,
              "file,url,published,title,lang\n"
              "a.txt,https://x.org/a,2025-11-15,\"Узбекистан и Казахстан, союзники\",ru\n"
              "sub/b.html,,,,\n",
              files=("a.txt", "sub/b.html"))
    entries, warnings = read_manifest(m)
    assert warnings == []
    assert entries == {
        "a.txt": DocMeta("https://x.org/a", date(2025, 11, 15),
                         "Узбекистан и Казахстан, союзники", "ru"),
        "sub/b.html": DocMeta(),
    }


def test_missing_columns(tmp_path):
    m = write(tmp_path, "file,title\na.txt,Заголовок\n", files=("a.txt",))
    entries, warnings = read_manifest(m)
    assert entries == {"a.txt": DocMeta(title="Заголовок")}
    assert warnings == []
    m = write(tmp_path, "title,file\nЗаголовок,a.txt\nКороткая строка\n", files=("a.txt",))
    entries, _ = read_manifest(m)  # column order does not matter; short rows are fine
    assert entries["a.txt"].title == "Заголовок"


def test_bad_dates_warn_and_leave_published_empty(tmp_path):
    m = write(tmp_path,
              "file,published\na.txt,2021-13-40\nb.txt,вчера\nc.txt,1850-01-01\n",
              files=("a.txt", "b.txt", "c.txt"))
    entries, warnings = read_manifest(m)
    assert all(e.published is None for e in entries.values())
    assert len(entries) == 3
    assert f"{m} row 2: bad date '2021-13-40'; published left empty" in warnings
    assert any("row 3: bad date 'вчера'" in w for w in warnings)
    assert any("row 4: bad date '1850-01-01'" in w for w in warnings)


@pytest.mark.parametrize("raw,expected", [
    ("2025-11-15", date(2025, 11, 15)),
    ("2025-11-15T07:58:00+05:00", date(2025, 11, 15)),
    ("2025-11-15 07:58", date(2025, 11, 15)),
    ("2025/11/15", date(2025, 11, 15)),
    ("15.11.2025", date(2025, 11, 15)),
    (" 2025-1-5 ", date(2025, 1, 5)),
])
def test_date_forms(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["2021-13-40", "15/11/2025", "Nov 15", "", "2025-02-30"])
def test_bad_date_forms(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_unknown_files_warn_but_are_kept(tmp_path):
    m = write(tmp_path, "file,title\nghost.txt,Призрак\na.txt,Есть\n", files=("a.txt",))
    entries, warnings = read_manifest(m)
    assert set(entries) == {"ghost.txt", "a.txt"}
    assert warnings == [f"{m} row 2: file 'ghost.txt' not found next to the manifest"]


def test_duplicates_warn_and_last_wins(tmp_path):
    m = write(tmp_path,
              "file,title\na.txt,Первый\nb.txt,Б\n./a.txt,Второй\nb.txt,Б\n",
              files=("a.txt", "b.txt"))
    entries, warnings = read_manifest(m)
    assert entries["a.txt"].title == "Второй"
    assert f"{m} row 4: duplicate entry for 'a.txt' (first at row 2); the last row wins" \
        in warnings
    assert any("row 5: identical duplicate entry for 'b.txt'" in w for w in warnings)


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    b'{"file": "a.txt", "title": "json"}\n',
    "просто текст, а не таблица\nещё строка\n".encode(),
    b"",
    b"\n\n  \n",
    b"# only a comment\n",
])
def test_not_a_manifest(tmp_path, content):
    entries, warnings = read_manifest(write(tmp_path, content))
    assert entries == {}
    assert len(warnings) == 1 and "ignored" in warnings[0]


def test_unreadable_manifest(tmp_path):
    entries, warnings = read_manifest(tmp_path / "manifest.csv")  # does not exist
    assert entries == {} and "cannot read manifest" in warnings[0]


def test_excel_flavours(tmp_path):
    # semicolons, a BOM, CRLF, cp1251, a capitalised header, a Russian date
    text = "\ufeffFile;Title;Published\r\na.txt;Заголовок;15.11.2025\r\n"
    m = write(tmp_path, text.encode("utf-8"), files=("a.txt",))
    assert read_manifest(m) == ({"a.txt": DocMeta(published=date(2025, 11, 15),
                                                  title="Заголовок")}, [])
    m = write(tmp_path, text.lstrip("\ufeff").encode("cp1251"), files=("a.txt",))
    assert read_manifest(m)[0]["a.txt"].title == "Заголовок"


def test_names_outside_the_folder_are_refused(tmp_path):
    m = write(tmp_path, "file,title\n../x.txt,вне\n/etc/passwd,абс\nsub/../a.txt,ок\n",
              files=("a.txt",))
    entries, warnings = read_manifest(m)
    assert entries == {"a.txt": DocMeta(title="ок")}
    assert sum("outside the manifest's folder" in w for w in warnings) == 2


def test_odd_rows(tmp_path):
    m = write(tmp_path,
              "file,title,lang\n"
              ",без имени,ru\n"
              "\n"
              "# комментарий\n"
              "a.txt,A,ru,лишнее\n"
              "b.txt,B,не язык\n"
              "C.TXT,C,EN_us\n",
              files=("a.txt", "b.txt", "C.TXT"))
    entries, warnings = read_manifest(m)
    assert entries["a.txt"] == DocMeta(title="A", lang="ru")
    assert entries["b.txt"] == DocMeta(title="B")
    assert entries["C.TXT"].lang == "en-us"
    assert any("row 2: no file name" in w for w in warnings)
    assert any("row 5: 1 extra field(s) ignored" in w for w in warnings)
    assert any("row 6: bad lang 'не язык'" in w for w in warnings)


def test_unknown_columns_are_reported_once(tmp_path):
    m = write(tmp_path, "file,title,author\na.txt,T,Иванов\n", files=("a.txt",))
    entries, warnings = read_manifest(m)
    assert entries == {"a.txt": DocMeta(title="T")}
    assert warnings == [f"{m}: unknown columns ignored: author"]


def test_windows_separators_and_unicode_normalisation(tmp_path):
    nfd = unicodedata.normalize("NFD", "папка/йогурт.txt")
    m = write(tmp_path, f"file,title\n{nfd},Й\nsub\\b.txt,B\n",
              files=("папка/йогурт.txt", "sub/b.txt"))
    entries, warnings = read_manifest(m)
    assert warnings == []
    assert set(entries) == {"папка/йогурт.txt", "sub/b.txt"}
    assert lookup(entries, unicodedata.normalize("NFD", "папка/йогурт.txt")).title == "Й"
    assert lookup(entries, "SUB/B.TXT").title == "B"
    assert lookup(entries, "nope.txt") is None


@pytest.mark.parametrize("raw,expected", [
    ("a.txt", "a.txt"), ("./a.txt", "a.txt"), ("sub//a.txt", "sub/a.txt"),
    ("sub\\a.txt", "sub/a.txt"), (" a b.txt ", "a b.txt"),
    ("../a.txt", None), ("/abs.txt", None), ("C:\\x.txt", None), ("", None), (".", None),
])
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


# --------------------------------------------------------------------------
# Streamed reading and the on-disk index the folder walk uses
# --------------------------------------------------------------------------

_MESSY = ("file,url,published,title,lang\n"
          "a.txt,https://x.org/a,2025-11-15,\"Заголовок, с запятой\",ru\n"
          "A.txt,,,Другой регистр,\n"
          "b.txt,,2021-13-40,,\n"
          "b.txt,,,Второй раз,en_US\n"
          "c.txt,,,Одинаковый,\n"
          "./c.txt,,,Одинаковый,\n"
          "Ёлка.txt,,15.11.2025,Ёлка,не язык\n"
          "../x.txt,,,вне,\n"
          "ghost.txt,,,,\n")


def _indexed(m: Path) -> tuple[ManifestIndex, int, list[str]]:
    warnings: list[str] = []
    index = ManifestIndex()
    return index, index.add(m, warnings.append), warnings


def test_the_index_holds_what_read_manifest_returns(tmp_path):
    m = write(tmp_path, _MESSY, files=("a.txt", "A.txt", "b.txt", "c.txt", "Ёлка.txt"))
    entries, warnings = read_manifest(m)
    index, mid, index_warnings = _indexed(m)
    assert index_warnings == warnings  # the same warnings, in the same order
    assert any("row 5: duplicate entry for 'b.txt' (first at row 4)" in w for w in warnings)
    assert any("row 7: identical duplicate entry for 'c.txt'" in w for w in warnings)
    for name, meta in entries.items():
        assert index.get(mid, name) == meta
    assert index.get(mid, "b.txt") == DocMeta(title="Второй раз", lang="en-us")  # last wins
    # NFD on disk, NFC in the manifest; case differs only for a unique name
    assert index.get(mid, unicodedata.normalize("NFD", "Ёлка.txt")).title == "Ёлка"
    assert index.get(mid, "ЁЛКА.TXT").title == "Ёлка"
    assert index.get(mid, "C.TXT").title == "Одинаковый"
    # two rows differ only in case: without the exact name, neither is picked (as `lookup`)
    assert index.get(mid, "a.TXT") is None and lookup(entries, "a.TXT") is None
    assert index.get(mid, "nope.txt") is None
    assert index.get(mid, "bad\udcff.txt") is None  # a name that is not UTF-8 matches nothing
    index.close()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1251"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_streamed_manifest_reads_as_the_whole_file_decoded(tmp_path, encoding, newline):
    """UTF-8 and BOM-marked files are read line by line, a legacy codepage whole; both give
    what decoding the whole file gives."""
    text = "\ufeff" + _MESSY.replace("Ёлка,не язык", "Ёлка\nв две строки,ru").replace(
        "Ёлка.txt,,15", "\"Ёлка.txt\",,15").replace(",Ёлка\n", ",\"Ёлка\n")
    text = text.replace("в две строки,ru", "в две строки\",ru").replace("\n", newline)
    if encoding == "cp1251":
        text = text.lstrip("\ufeff")
    m = write(tmp_path, text.encode(encoding), files=("a.txt", "b.txt"))
    expected = write(tmp_path / "..", text.encode("utf-8"), files=())
    entries, warnings = read_manifest(m)
    want, want_warnings = read_manifest(expected)
    assert entries == want
    assert entries["Ёлка.txt"].title == "Ёлка" + newline + "в две строки"
    assert [w.replace(str(m), "M") for w in warnings if "not found" not in w] == \
        [w.replace(str(expected), "M") for w in want_warnings if "not found" not in w]


def test_a_manifest_that_breaks_half_way_names_nothing(tmp_path):
    import csv

    big = "x" * (csv.field_size_limit() + 1)
    m = write(tmp_path, f"file,title\na.txt,A\nb.txt,\"{big}\"\n", files=("a.txt",))
    entries, warnings = read_manifest(m)
    assert entries == {} and "not a CSV manifest" in warnings[-1]
    index, mid, index_warnings = _indexed(m)
    assert index.get(mid, "a.txt") is None  # the rows read before the error are dropped
    assert index_warnings == warnings


def test_indexing_a_long_manifest_holds_neither_its_text_nor_its_rows(tmp_path):
    """A 100,000-file corpus has a 100,000-row manifest (16 MB): read whole with its
    entries in dicts it cost ~100 MB; streamed into the index, Python holds a few lines."""
    import tracemalloc

    rows = 40_000
    lines = [f"{i // 1000:03d}/{i:06d}.txt,https://example.org/ru/2023/{i},2023-06-26,"
             f"Казахстан и Узбекистан обсудили расширение сотрудничества {i},ru\n"
             for i in range(rows)]
    m = tmp_path / "manifest.csv"
    m.write_text("file,url,published,title,lang\n" + "".join(lines), encoding="utf-8")
    size = m.stat().st_size
    del lines
    index = ManifestIndex()
    index.add(write(tmp_path / "..", "file\na.txt\n"), print)  # imports what reading needs
    missing = 0

    def warn(w: str) -> None:
        nonlocal missing
        missing += "not found" in w

    tracemalloc.start()
    try:
        mid = index.add(m, warn)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert missing == rows
    assert mid == 2
    assert index.get(mid, "039/039999.txt").title.endswith(" 39999")
    assert index.get(mid, "000/000000.txt").published == date(2023, 6, 26)
    assert peak < size / 4, (peak, size)  # the text alone is `size` bytes, decoded 2-4×
    index.close()
