"""Ingest: every format and encoding read one way, one clear error per bad file.

All fixtures are real files written to tmp_path by the tests themselves
(including the PDFs, written by hand below).
"""
from __future__ import annotations

import io
import os
import struct
import unicodedata
import zlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import ingest
from etl.ingest import (
    MAX_BYTES,
    RawDocument,
    UnreadableFile,
    fix_mojibake,
    iter_paths,
    read_bytes,
    read_document,
)
from etl.model import DocMeta

RU_SHORT = "Привет, мир"
RU_LONG = (
    "Товарооборот между Узбекистаном и Казахстаном по итогам 2024 года составил "
    "4,1 миллиарда долларов. Стороны договорились довести этот показатель до "
    "10 миллиардов долларов в ближайшие пять лет. Создано более 900 совместных "
    "предприятий, а число авиарейсов превысило 40 в неделю.\n"
    "Президенты подписали пакет документов о сотрудничестве в сфере энергетики, "
    "транспорта и сельского хозяйства."
)
RU_CAPS = "СРОЧНО: ТОВАРООБОРОТ ВЫРОС"


def read_file(tmp_path: Path, name: str, data: bytes) -> RawDocument:
    p = tmp_path / name
    p.write_bytes(data)
    return read_document(str(p), p, DocMeta())


def unreadable(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(UnreadableFile) as e:
        read_document(str(p), p, DocMeta())
    reason = str(e.value)
    assert reason and "\n" not in reason
    return reason


# --------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [RU_SHORT, RU_LONG, RU_CAPS, "Товарооборот вырос", "Мир"])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_single_byte_russian(tmp_path, text, encoding):
    doc = read_file(tmp_path, "a.txt", text.encode(encoding))
    assert doc.text == text
    assert doc.fmt == "txt"
    assert doc.encoding in ("cp1251", "koi8-r")


@pytest.mark.parametrize("text", [RU_SHORT, RU_LONG, "Да", "Hello, world\nВторая строка"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, text, encoding):
    assert read_file(tmp_path, "a.txt", text.encode(encoding)).text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig",
                                      "utf-32", "utf-32-be"])
def test_bom(tmp_path, encoding):
    data = RU_LONG.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be", "utf-32-be"):
        data = "\ufeff".encode(encoding) + data
    doc = read_file(tmp_path, "a.txt", data)
    assert doc.text == RU_LONG  # the BOM itself is not part of the text


def test_utf8_plain_and_normalisation(tmp_path):
    raw = "Строка\r\nвторая\rтретья\x00 и\u00a0неразрывный пробел\r\nи\u0306 краткое"
    doc = read_file(tmp_path, "a.md", raw.encode("utf-8"))
    assert doc.fmt == "md"
    assert doc.encoding == "utf-8"
    assert doc.text == "Строка\nвторая\nтретья и\u00a0неразрывный пробел\nй краткое"


def test_cp1252_western_text(tmp_path):
    text = "Le café de Müller à Genève: très naïf, déjà vu."
    assert read_file(tmp_path, "a.txt", text.encode("cp1252")).text == text


def test_utf8_with_one_bad_byte_is_still_utf8(tmp_path):
    raw = RU_LONG.encode("utf-8")
    data = raw[:40] + b"\xff" + raw[40:]  # byte 40 starts a letter
    doc = read_file(tmp_path, "a.txt", data)
    assert doc.encoding == "utf-8"
    assert doc.text.replace("\ufffd", "") == RU_LONG


# --------------------------------------------------------------------------
# Mojibake
# --------------------------------------------------------------------------

def test_mojibake_utf8_read_as_cp1251_is_fixed(tmp_path):
    assert fix_mojibake("РўРѕРІР°СЂРѕРѕР±РѕСЂРѕС‚") == "Товарооборот"
    broken = RU_LONG.encode("utf-8").decode("cp1251", errors="replace")
    assert "\ufffd" not in broken
    doc = read_file(tmp_path, "a.txt", broken.encode("utf-8"))
    assert doc.text == RU_LONG


def test_mojibake_utf8_read_as_latin1_is_fixed():
    assert fix_mojibake("Товарооборот".encode().decode("latin-1")) == "Товарооборот"
    assert fix_mojibake("Товарооборот — «рекорд»".encode().decode("cp1252")) == (
        "Товарооборот — «рекорд»")


@pytest.mark.parametrize("text", [
    "В«Газпроме» отметили рост",
    "Строительство АЭС» продолжается",
    "Ёлка, °C, №5, «цитата» — тире",
    RU_LONG,
    "Le café de Müller",
])
def test_mojibake_leaves_real_text_alone(text):
    assert fix_mojibake(text) == text


# --------------------------------------------------------------------------
# Rejections
# --------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n", "\ufeff  \n".encode("utf-8"),
                                  "  \n".encode("utf-16")])
def test_empty_file(tmp_path, data):
    assert unreadable(tmp_path, "a.txt", data) == "empty file"


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


@pytest.mark.parametrize("data,kind", [
    (_png(), "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100), "JPEG image"),
    (b"GIF89a\x01\x00\x01\x00" + bytes(20), "GIF image"),
    (b"PK\x03\x04\x14\x00" + bytes(40) + b"word/document.xml", "ZIP archive (or DOCX/XLSX/ODT)"),
    (b"\x7fELF\x02\x01\x01" + bytes(60), "ELF executable"),
])
def test_binary_by_magic(tmp_path, data, kind):
    assert unreadable(tmp_path, "photo.txt", data) == f"binary file ({kind}), not text"


def test_binary_junk_without_magic(tmp_path):
    junk = bytes((i * 7919 + 13) % 256 for i in range(4000))
    assert unreadable(tmp_path, "junk.txt", junk) == "binary file (no text)"


def test_too_large(tmp_path):
    p = tmp_path / "big.txt"
    with p.open("wb") as f:  # sparse: no disk used
        f.truncate(int(61.2 * 2**20))
    with pytest.raises(UnreadableFile, match=r"^too large: 61\.2 MB > 50 MB$"):
        read_document(str(p), p, DocMeta())
    with pytest.raises(UnreadableFile, match="too large"):
        read_bytes(b"x" * (MAX_BYTES + 1), "big.txt")


def test_text_at_the_size_limit_is_read(tmp_path):
    line = ("Товарооборот составил 4 млрд долларов. " * 3 + "\n").encode("utf-8")
    data = line * (MAX_BYTES // len(line))
    data += b"x" * (MAX_BYTES - len(data))
    assert len(data) == MAX_BYTES
    doc = read_file(tmp_path, "big.txt", data)
    assert doc.text.startswith("Товарооборот") and doc.text.endswith("x")


def test_missing_folder_and_special_files(tmp_path):
    with pytest.raises(UnreadableFile, match=r"^no such file or folder$"):
        read_document("nope.txt", tmp_path / "nope.txt", DocMeta())
    with pytest.raises(UnreadableFile, match=r"^is a folder$"):
        read_document(str(tmp_path), tmp_path, DocMeta())
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match=r"^not a regular file$"):
        read_document(str(fifo), fifo, DocMeta())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("текст")
    p.chmod(0)
    with pytest.raises(UnreadableFile, match="permission denied"):
        read_document(str(p), p, DocMeta())


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="ru-RU"><head>
<meta charset="windows-1251">
<title>Товарооборот растёт</title>
<meta property="article:published_time" content="2025-11-15T10:00:00+05:00">
<link rel="canonical" href="https://example.org/news/1">
<style>.x { color: red } /* стиль */</style>
<script>var secret = "скрипт 999";</script>
</head>
<body>
<nav><ul><li><a href="/">Главная</a></li><li>Новости</li></ul></nav>
<article>
<h1>Узбекистан   и
   Казахстан</h1>
<p>Товарооборот составил <b>4,1</b>&nbsp;млрд долларов.<br>Вторая строка абзаца.</p>
<p>Второй абзац<script>alert(1)</script> продолжается.</p>
<iframe src="https://ads.example">реклама во фрейме</iframe>
<noscript>Включите JavaScript</noscript>
<svg><text>текст картинки</text></svg>
<template><p>шаблон</p></template>
<table><tr><td>2023</td><td>3,5</td></tr><tr><th>2024</th><td>4,1</td></tr></table>
<div hidden>скрытый блок</div><div style="display: none">тоже скрыт</div>
<form><label>Ваше имя</label><input value="поле"><button>Отправить</button>
<select><option>вариант</option></select><textarea>ввод</textarea></form>
</article>
<aside class="related"><ul><li>Товарооборот Китая и России 200 млрд</li>
<li>Другая новость</li></ul></aside>
<footer>© 2025 Редакция</footer>
</body></html>
"""


def test_html_visible_text_and_blocks(tmp_path):
    doc = read_file(tmp_path, "page.html", PAGE.encode("cp1251"))
    assert doc.fmt == "html"
    assert doc.encoding == "cp1251"
    text = doc.text
    for gone in ("secret", "скрипт", "alert", "color", "стиль", "реклама", "JavaScript",
                 "картинки", "шаблон", "скрытый", "скрыт", "поле", "Отправить", "вариант",
                 "ввод", "Товарооборот растёт"):
        assert gone not in text, gone
    lines = text.split("\n")
    assert "Узбекистан и Казахстан" in lines  # whitespace collapsed
    assert "Товарооборот составил 4,1\u00a0млрд долларов." in lines  # nbsp kept
    assert "Вторая строка абзаца." in lines  # <br>
    assert "Второй абзац продолжается." in lines
    assert "2023\t3,5" in lines and "2024\t4,1" in lines
    # list items one per line; the related block is kept as its own paragraph
    assert "Главная\nНовости" in text
    assert "\n\nТоварооборот Китая и России 200 млрд\nДругая новость\n\n" in text
    assert text.endswith("© 2025 Редакция")
    assert "\n\n\n" not in text and text == text.strip()
    assert doc.page_meta == DocMeta(url="https://example.org/news/1",
                                    published=date(2025, 11, 15),
                                    title="Товарооборот растёт", lang="ru")
    assert doc.meta == DocMeta()  # the manifest's meta is separate


def test_html_paragraphs_are_separate_lines(tmp_path):
    doc = read_file(tmp_path, "p.html", "<p>Первый абзац.</p><p>Второй абзац.</p>".encode())
    assert doc.text == "Первый абзац.\n\nВторой абзац."


def test_html_meta_charset_ignored_when_bytes_are_utf8(tmp_path):
    page = PAGE.replace("windows-1251", "windows-1251")  # a page saved as UTF-8, meta kept
    doc = read_file(tmp_path, "page.htm", page.encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert "Товарооборот составил" in doc.text


def test_html_koi8_meta_charset(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
            "</head><body><p>Товарооборот вырос</p></body></html>")
    assert read_file(tmp_path, "k.html", page.encode("koi8_r")).text == "Товарооборот вырос"


def test_malformed_html(tmp_path):
    data = (b"<html><body><p>Abc<b>bold<p>second</div></span><td>cell<ul><li>one<li>two"
            b"</ul>tail <p>unclosed <i>italic & more &amp; &nbsp; &#1058;&#1077;&#1082;"
            b"\x00<scr<script>ipt>x</script>")
    doc = read_file(tmp_path, "bad.html", data)
    assert doc.fmt == "html"
    assert "Abcbold" in doc.text
    assert "\nsecond\n" in doc.text and "one\ntwo" in doc.text
    assert "italic & more & \u00a0 Тек" in doc.text


def test_html_sniffed_by_content_not_name(tmp_path):
    page = "<!doctype html><html><body><p>Один</p><p>Два</p></body></html>".encode()
    assert read_file(tmp_path, "saved.txt", page).fmt == "html"
    assert read_bytes(page, "upload.bin") == ("Один\n\nДва", "html")
    # plain text named .html is plain text
    doc = read_file(tmp_path, "plain.html", "Просто текст\nбез разметки".encode())
    assert (doc.fmt, doc.text) == ("txt", "Просто текст\nбез разметки")
    # Markdown that mentions a tag stays Markdown
    md = "# Заголовок\n\nТекст, где упомянут тег <p> и <br>.\n".encode()
    assert read_bytes(md, "note.md") == ("# Заголовок\n\nТекст, где упомянут тег <p> и <br>.\n",
                                         "md")


def test_html_without_visible_text(tmp_path):
    reason = unreadable(tmp_path, "e.html",
                        b"<html><head><title>t</title></head><body><script>x</script></body>"
                        b"</html>")
    assert reason == "HTML has no visible text"


def test_xhtml_with_xml_declaration(tmp_path):
    page = ('<?xml version="1.0" encoding="windows-1251"?>\n<html xmlns="http://www.w3.org/1999/'
            'xhtml"><body><p>Товарооборот</p></body></html>')
    assert read_file(tmp_path, "x.html", page.encode("cp1251")).text == "Товарооборот"


def test_html_pre_keeps_whitespace(tmp_path):
    doc = read_file(tmp_path, "pre.html", b"<p>a   b</p><pre>  x   y\n  z</pre>")
    assert doc.text == "a b\n\n  x   y\n  z"


# --------------------------------------------------------------------------
# PDF (hand-written)
# --------------------------------------------------------------------------

_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Cyr def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
2 beginbfrange
<20> <7E> <0020>
<C0> <FF> <0410>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


def make_pdf(pages: list[bytes], cyrillic: bool = False) -> bytes:
    """A minimal valid PDF: one Helvetica line per page. With `cyrillic`, the
    strings are cp1251 bytes and a ToUnicode CMap maps C0-FF to А-я."""
    n = len(pages)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
        + b"] /Count %d >>" % n,
        font + (b" /ToUnicode %d 0 R >>" % (4 + 2 * n) if cyrillic else b" >>"),
    ]
    for i, line in enumerate(pages):
        stream = b"BT /F1 12 Tf 20 50 Td (" + line + b") Tj ET"
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 100] "
                    b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    if cyrillic:
        objs.append(b"<< /Length %d >>\nstream\n" % len(_TO_UNICODE) + _TO_UNICODE
                    + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pdf_text(tmp_path):
    pdf = make_pdf([b"Trade turnover reached 4 billion dollars."])
    assert len(pdf) < 1000
    doc = read_file(tmp_path, "a.pdf", pdf)
    assert (doc.fmt, doc.text) == ("pdf", "Trade turnover reached 4 billion dollars.")


def test_pdf_pages_joined_and_cyrillic(tmp_path):
    pages = ["Товарооборот вырос".encode("cp1251"), "Вторая страница".encode("cp1251")]
    doc = read_file(tmp_path, "ru.pdf", make_pdf(pages, cyrillic=True))
    assert doc.text == "Товарооборот вырос\n\nВторая страница"


def test_pdf_sniffed_by_content(tmp_path):
    assert read_file(tmp_path, "report.txt", make_pdf([b"Hello"])).fmt == "pdf"


def _pypdf_bytes(writer) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt(user_password="secret", algorithm="RC4-128")
    assert unreadable(tmp_path, "enc.pdf", _pypdf_bytes(w)) == "encrypted PDF"


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([b"Open to read"]))))
    w.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    assert read_file(tmp_path, "owner.pdf", _pypdf_bytes(w)).text == "Open to read"


@pytest.mark.parametrize("cut", [9, 60, 300, -40])
def test_corrupt_pdf(tmp_path, cut):
    pdf = make_pdf([b"Trade turnover reached 4 billion dollars."])
    assert unreadable(tmp_path, "cut.pdf", pdf[:cut]).startswith("corrupt PDF: ")


def test_garbage_after_pdf_header(tmp_path):
    data = b"%PDF-1.7\n" + bytes((i * 31) % 256 for i in range(2000))
    assert unreadable(tmp_path, "junk.pdf", data).startswith("corrupt PDF: ")


def test_pdf_without_text_layer(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    assert unreadable(tmp_path, "scan.pdf", _pypdf_bytes(w)) == "PDF has no text layer (scanned?)"


# --------------------------------------------------------------------------
# Folder walk, manifests, names
# --------------------------------------------------------------------------

def _tree(root: Path) -> None:
    (root / "sub dir" / "глубже").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.txt").write_text("второй")
    (root / "a.TXT").write_text("первый")
    (root / "Новость 1.html").write_text("<p>новость</p>")
    (root / "skip.docx").write_bytes(b"PK\x03\x04")
    (root / ".secret.txt").write_text("скрыто")
    (root / ".hidden" / "x.txt").write_text("скрыто")
    (root / "sub dir" / "c.md").write_text("третий")
    (root / "sub dir" / "глубже" / "d.pdf").write_bytes(make_pdf([b"deep"]))
    (root / "sub dir" / "глубже" / "e.htm").write_text("<p>e</p>")
    (root / "manifest.csv").write_text(
        "file,url,published,title,lang\n"
        "b.txt,https://x.org/b,2025-11-15,Второй,ru\n"
        "sub dir/c.md,,2024-01-02,,\n"
        "sub dir/глубже/d.pdf,,2020-01-01,from the top,en\n", encoding="utf-8")
    (root / "sub dir" / "глубже" / "manifest.csv").write_text(
        "file,published\nd.pdf,2023-03-03\n", encoding="utf-8")


def test_folder_walk_sorted_nested_with_manifests(tmp_path):
    root = tmp_path / "raw data"
    root.mkdir()
    _tree(root)
    warnings: list[str] = []
    got = list(iter_paths([str(root) + "/"], warn=warnings.append))
    rel = [s[len(str(root)) + 1:] for s, _, _ in got]
    assert rel == ["a.TXT", "b.txt", "sub dir/c.md", "sub dir/глубже/d.pdf",
                   "sub dir/глубже/e.htm", "Новость 1.html"]
    assert all(s.startswith(str(root) + "/") and "//" not in s for s, _, _ in got)
    metas = {r: m for r, (_, _, m) in zip(rel, got, strict=True)}
    assert metas["b.txt"] == DocMeta("https://x.org/b", date(2025, 11, 15), "Второй", "ru")
    assert metas["sub dir/c.md"] == DocMeta(published=date(2024, 1, 2))
    assert metas["sub dir/глубже/d.pdf"] == DocMeta(published=date(2023, 3, 3))  # nearest wins
    assert metas["a.TXT"] == DocMeta()
    assert warnings == []
    docs = [read_document(s, p, m) for s, p, m in got]
    assert [d.text for d in docs] == ["первый", "второй", "третий", "deep", "e", "новость"]
    assert [d.fmt for d in docs] == ["txt", "txt", "md", "pdf", "html", "html"]


def test_folder_walk_lists_one_folder_at_a_time(tmp_path):
    """A build of 100,000 files must not hold every path before the first is read: a
    folder is listed when the walk reaches it, so a file added to a later folder after
    the first file was handed out is still found (a walk that listed the whole tree first
    misses it)."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "1.txt").write_text("текст", encoding="utf-8")
    walk = iter_paths([str(tmp_path)])
    assert next(walk)[0].endswith("a/1.txt")
    (tmp_path / "b" / "2.txt").write_text("текст", encoding="utf-8")
    assert [s[len(str(tmp_path)) + 1:] for s, _, _ in walk] == ["b/1.txt", "b/2.txt"]


def test_source_is_the_path_as_given(tmp_path, monkeypatch):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "000_x.txt").write_text("текст")
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path)
    assert [s for s, _, _ in iter_paths(["data/raw"])] == ["data/raw/000_x.txt"]
    assert [s for s, _, _ in iter_paths(["other/../data/raw/"])] == [
        "other/../data/raw/000_x.txt"]
    monkeypatch.chdir(tmp_path / "other")
    src, path, _ = next(iter_paths(["../data/raw"]))
    assert src == "../data/raw/000_x.txt"
    assert read_document(src, path, DocMeta()).text == "текст"


def test_single_file_gets_its_folder_manifest(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x y.txt").write_text("текст")
    (tmp_path / "manifest.csv").write_text("file,title\nsub/x y.txt,Заголовок\n")
    [(src, _, meta)] = list(iter_paths([str(tmp_path / "sub" / "x y.txt")]))
    assert src == str(tmp_path / "sub" / "x y.txt")
    assert meta.title == "Заголовок"


def test_symlinks_never_lead_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("чужое")
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text("своё")
    (root / "link_out.txt").symlink_to(outside / "secret.txt")
    (root / "dir_out").symlink_to(outside)
    (root / "link_in.txt").symlink_to(root / "a.txt")
    (root / "broken.txt").symlink_to(tmp_path / "missing.txt")
    warnings: list[str] = []
    got = [s for s, _, _ in iter_paths([str(root)], warn=warnings.append)]
    assert got == [str(root / "a.txt")]  # link_in.txt is the same file: read once
    assert any("link_out.txt" in w and "outside" in w for w in warnings)
    assert any("dir_out" in w and "outside" in w for w in warnings)
    assert any("broken.txt" in w and "broken" in w for w in warnings)


def test_missing_path_is_yielded_for_a_clear_error(tmp_path):
    [(src, path, meta)] = list(iter_paths([str(tmp_path / "nope")]))
    with pytest.raises(UnreadableFile, match="no such file or folder"):
        read_document(src, path, meta)


def test_manifest_warnings_reach_the_callback(tmp_path):
    (tmp_path / "a.txt").write_text("текст")
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,2021-13-40\nghost.txt,\n")
    warnings: list[str] = []
    [(_, _, meta)] = list(iter_paths([str(tmp_path)], warn=warnings.append))
    assert meta == DocMeta()
    assert any("bad date '2021-13-40'" in w for w in warnings)
    assert any("ghost.txt" in w for w in warnings)


def test_unicode_and_spaces_in_names(tmp_path):
    name = "Товарооборот 2024 (итог) — финал.txt"
    (tmp_path / name).write_text("содержимое")
    [(src, path, _)] = list(iter_paths([str(tmp_path)]))
    assert src.endswith(name)
    assert read_document(src, path, DocMeta()).text == "содержимое"


def test_read_bytes_for_uploads():
    assert read_bytes("Привет".encode("cp1251"), "upload") == ("Привет", "txt")
    assert read_bytes(make_pdf([b"Hi"]), "upload.html") == ("Hi", "pdf")
    with pytest.raises(UnreadableFile, match=r"binary file \(PNG image\)"):
        read_bytes(_png(), "x.md")


def test_nothing_but_unreadablefile_escapes(tmp_path, monkeypatch):
    def boom(data: bytes) -> str:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(ingest, "_read_pdf", boom)
    reason = unreadable(tmp_path, "a.pdf", make_pdf([b"x"]))
    assert reason == "unexpected error: RuntimeError: parser exploded"


def test_html_in_utf16(tmp_path):
    page = "<html><body><p>Товарооборот</p><p>вырос</p></body></html>"
    assert read_file(tmp_path, "u.html", page.encode("utf-16")).text == "Товарооборот\n\nвырос"
    assert read_file(tmp_path, "u.htm", page.encode("utf-16-le")).text == "Товарооборот\n\nвырос"


def test_bad_files_print_nothing(tmp_path, capfd):
    pdf = make_pdf([b"Trade turnover"])
    for i, data in enumerate([pdf[:300], pdf[:-40], b"%PDF-1.4\n" + bytes(range(256)) * 8,
                              _png(), b"", b"<html></html>"]):
        with pytest.raises(UnreadableFile):
            read_bytes(data, f"{i}.pdf")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


@pytest.mark.parametrize("text", ["ID3 — это тег", "OggS и fLaC", "BZh видит", "ftypical start"])
def test_text_that_starts_like_a_magic_number(tmp_path, text):
    assert read_file(tmp_path, "m.txt", text.encode()).text == text


_FUZZ_SEEDS = [
    RU_LONG.encode("cp1251"),
    RU_LONG.encode("utf-16"),
    PAGE.encode("cp1251"),
    make_pdf([b"Trade turnover reached 4 billion dollars."]),
]


@settings(max_examples=150, deadline=None, database=None)
@given(seed=st.sampled_from(_FUZZ_SEEDS), cut=st.integers(0, 4000),
       noise=st.binary(max_size=64), at=st.integers(0, 4000),
       name=st.sampled_from(["a.txt", "a.html", "a.pdf", "a.md", "upload"]))
def test_fuzz_only_unreadablefile_escapes(seed, cut, noise, at, name):
    data = seed[:cut] + noise + seed[cut:]
    data = data[:at] + data[at + len(noise):] if at < len(data) else data
    try:
        text, fmt = read_bytes(data, name)
    except UnreadableFile as e:
        assert str(e) and "\n" not in str(e)
        return
    assert fmt in ("txt", "md", "html", "pdf")
    assert text.strip() and "\r" not in text and "\x00" not in text
    assert unicodedata.is_normalized("NFC", text)


@settings(max_examples=100, deadline=None, database=None)
@given(st.binary(max_size=3000))
def test_fuzz_random_bytes(data):
    try:
        text, _ = read_bytes(data, "x.txt")
    except UnreadableFile:
        return
    assert "\x00" not in text


def test_html_numeric_references_like_a_browser(tmp_path):
    page = b"<p>2020&#150;2025 &#151; a&#1;b&#0;c&#x9f;d&#xfeff;e &#1058;&#x435;&#1082;</p>"
    assert read_file(tmp_path, "r.html", page).text == "2020–2025 — abcŸde Тек"


_HTML_TOKENS = ["<p>", "</p>", "<br>", "<br/>", "<div hidden>", "</div>", "<pre>", "</pre>",
                "<script>", "</script>", "<td>", "<li>", "<ul>", "<!--", "-->", "<?xml ?>",
                "<![CDATA[", "]]>", "&#1;", "&#150;", "&#xD800;", "&nbsp;", "&amp", "\x00",
                "\r\n", " ", "\t", "Товарооборот", "4,1 млрд", "\ufdd0p", "<svg>", "<html>",
                "<body>", "<table>", "<meta charset=koi8-r>", "\ufeff", "<", ">", "&"]


@settings(max_examples=200, deadline=None, database=None)
@given(tokens=st.lists(st.sampled_from(_HTML_TOKENS), max_size=40))
def test_fuzz_html(tokens):
    data = ("<html><body>" + "".join(tokens)).encode("utf-8")
    try:
        text, fmt = read_bytes(data, "f.html")
    except UnreadableFile as e:
        assert str(e) in ("HTML has no visible text", "empty file", "binary file (no text)")
        return
    assert fmt == "html" and text == text.strip() and "\n\n\n" not in text
    assert not any("\ufdd4" <= c <= "\ufdd6" or (c < " " and c not in "\n\t") for c in text)


def test_a_root_manifest_names_files_in_many_folders(tmp_path):
    """The walk keeps manifests and the folders it has asked about on disk, remembering
    only the last few in memory: 70 folders (more than it remembers) under one manifest,
    names that differ only in case, and a name that is not UTF-8."""
    rows = ["file,title,published"]
    for i in range(70):
        (tmp_path / f"d{i:02d}").mkdir()
        (tmp_path / f"d{i:02d}" / "a.txt").write_text("текст", encoding="utf-8")
        rows.append(f"d{i:02d}/a.txt,Статья {i},2024-01-{1 + i % 28:02d}")
    (tmp_path / "d00" / "B.txt").write_text("текст", encoding="utf-8")
    (tmp_path / "d00" / "c.TXT").write_text("текст", encoding="utf-8")
    rows += ["d00/B.txt,Большая,", "d00/b.txt,Маленькая,", "d00/C.txt,Регистр,"]
    (tmp_path / "d00" / "manifest.csv").write_text("file,lang\nc.TXT,kk\n", encoding="utf-8")
    bad = os.fsdecode(b"d69/bad\xff.txt")
    (tmp_path / bad).write_text("текст", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    warnings: list[str] = []
    got = {os.path.relpath(s, tmp_path): m
           for s, _, m in iter_paths([str(tmp_path)], warn=warnings.append)}
    assert len(got) == 73
    for i in range(70):
        assert got[f"d{i:02d}/a.txt"] == DocMeta(title=f"Статья {i}",
                                                  published=date(2024, 1, 1 + i % 28))
    assert got["d00/B.txt"].title == "Большая"  # the exact name, though b.txt differs in case
    assert got["d00/c.TXT"] == DocMeta(lang="kk")  # the nearest manifest that names it
    assert got[bad] == DocMeta()
    missing = [f"{tmp_path / 'manifest.csv'} row {row}: file {name!r} not found next to "
               "the manifest" for row, name in ((73, "d00/b.txt"), (74, "d00/C.txt"))]
    assert warnings == missing
    # a file given after its folder is read once; each manifest is read once a walk
    warnings.clear()
    again = list(iter_paths([str(tmp_path / "d05"), str(tmp_path / "d05" / "a.txt")],
                            warn=warnings.append))
    assert [m.title for _, _, m in again] == ["Статья 5"]
    assert warnings == [*missing, f"{tmp_path / 'd05' / 'a.txt'}: given twice; read once"]


def test_walking_a_corpus_holds_neither_its_manifest_nor_its_paths(tmp_path):
    """At 100,000 files the walk held the root manifest's entries and every real path met
    (~140 MB); they are on disk now: Python's memory over the walk stays a small share of
    the manifest's size, and does not grow with the files walked."""
    import tracemalloc

    rows = ["file,url,published,title,lang"]
    for i in range(30_000):  # most name files that are not there (a warning each)
        rows.append(f"{i // 500:03d}/{i:06d}.txt,https://example.org/ru/{i},2023-06-26,"
                    f"Казахстан и Узбекистан обсудили сотрудничество {i},ru")
    for folder in ("000", "001"):
        (tmp_path / folder).mkdir()
    for i in range(1000):
        (tmp_path / f"{i // 500:03d}" / f"{i:06d}.txt").write_text("т", encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    del rows
    list(iter_paths([str(tmp_path / "000" / "000000.txt")], warn=lambda w: None))  # imports
    peaks = []
    tracemalloc.start()
    try:
        walk = iter_paths([str(tmp_path)], warn=lambda w: None)
        for n, (_, _, meta) in enumerate(walk, start=1):
            assert meta.title.endswith(f" {n - 1}")
            if n in (100, 1000):
                peaks.append(tracemalloc.get_traced_memory()[1])
    finally:
        tracemalloc.stop()
    assert n == 1000
    assert peaks[1] < manifest.stat().st_size / 8, peaks
    assert peaks[1] - peaks[0] < 100_000, peaks  # 900 more files: nothing kept per file
