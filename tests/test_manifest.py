"""manifest.csv: lenient reading, one warning per problem, never an exception."""
from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from etl.manifest import lookup, normalize_name, parse_date, read_manifest
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
