"""Ingest: raw files (text, Markdown, HTML, PDF) → one clean text each.

One way in for every file, whatever its name claims: the type is decided by the
content (PDF magic, HTML sniffing), the name is only a hint. A file that cannot
be read raises `UnreadableFile` whose str() is a one-line reason; nothing else
ever escapes `read_document`/`read_bytes`, so one bad file never stops a run.

Text decoding, in order: BOM (UTF-8/16/32) → UTF-16 without BOM (NUL / high-byte
pattern, checked only when NULs or control bytes are present) → strict UTF-8
(the fast path: no detector runs on valid UTF-8) → nearly-UTF-8 with a few bad
bytes → charset-normalizer restricted to Russian/Western single-byte codecs,
re-ranked by a Russian letter/bigram score computed on the lowercased text (the
detector alone confuses cp1251/KOI8-R on short texts). Then unambiguous mojibake
(UTF-8 read as cp1251 or cp1252) is undone with a round-trip check, and the text
is normalised: CRLF/CR → LF, NUL and other control characters dropped, Unicode
NFC. No-break spaces are kept (the number parser handles them).
"""
from __future__ import annotations

import codecs
import logging
import math
import os
import re
import stat as stat_mod
import sys
import threading
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl.manifest import MANIFEST_NAME, ManifestIndex
from etl.model import DocMeta

MAX_BYTES = 50 * 1024 * 1024
EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf")
CONTROL_SHARE_MAX = 0.03  # more control bytes than this → binary, not text

# Separators in the text built from HTML: block elements are paragraphs,
# list items / table rows / <br> are lines, table cells are tab-separated.
PARA = "\n\n"
LINE = "\n"
CELL = "\t"


class UnreadableFile(Exception):
    """A file that cannot be turned into text; str(e) is a one-line reason."""


@dataclass
class RawDocument:
    source: str        # the path as found under the given PATH
    path: Path
    text: str          # the page's text (see module doc)
    meta: DocMeta      # from the folder's manifest.csv, or DocMeta()
    fmt: str           # 'txt' | 'md' | 'html' | 'pdf'
    # Not in the brief's minimum, informative only (defaults keep the API):
    page_meta: DocMeta = field(default_factory=DocMeta)  # what an HTML page says itself
    encoding: str | None = None  # the decoding used for txt/md/html


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# --------------------------------------------------------------------------
# Sniffing
# --------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"PK\x03\x04", 0, "ZIP archive (or DOCX/XLSX/ODT)"),
    (b"PK\x05\x06", 0, "ZIP archive"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"(\xb5/\xfd", 0, "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7z archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "MS Office document (DOC/XLS)"),
    (b"{\\rtf", 0, "RTF document"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"\x00\x00\x01\x00", 0, "ICO image"),
    (b"OggS", 0, "Ogg media"),
    (b"fLaC", 0, "FLAC audio"),
    (b"ID3", 0, "MP3 audio"),
    (b"\x1aE\xdf\xa3", 0, "Matroska/WebM video"),
    (b"ftyp", 4, "MP4/QuickTime media"),
    (b"\x00asm", 0, "WebAssembly binary"),
    (b"\xca\xfe\xba\xbe", 0, "Java class / Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", 0, "Mach-O binary"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"wOFF", 0, "WOFF font"),
    (b"wOF2", 0, "WOFF2 font"),
)


def _magic_kind(data: bytes) -> str | None:
    for sig, off, kind in _MAGIC:
        if data.startswith(sig, off):
            # 'ID3', 'BZh', 'OggS'... could begin a text: demand binary bytes too
            if (sig.isascii() and sig.isalnum() and not sig.startswith(b"GIF")
                    and not data[:64].translate(None, _NOT_CONTROL)):
                continue
            return kind
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if data.startswith(b"MZ") and b"\x00" in data[:64]:
        return "Windows executable"
    if data.startswith(b"BM") and len(data) > 14 and data[6:10] == b"\x00\x00\x00\x00":
        return "BMP image"
    return None


_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that are control characters in every text encoding we accept (tab, LF,
# VT, FF, CR are fine). `data.translate(None, _NOT_CONTROL)` keeps only these.
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    return len(data.translate(None, _NOT_CONTROL)) / len(data)


def _control_share_str(s: str) -> float:
    if not s:
        return 0.0
    n = len(_CTRL_STR.findall(s))
    return n / len(s)


_CTRL_STR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")

_HTML_STRONG = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]")
_HTML_WEAK = re.compile(rb"<(?:div|p|br|table|article|section|span|h[1-6]|ul|ol|li|a|meta|"
                        rb"title|script|style)[\s>/]")
_TAGLIKE = re.compile(rb"<[a-z!/][^<>]{0,200}>")


def sniff_format(data: bytes, name: str = "") -> str:
    """'pdf' | 'html' | 'md' | 'txt' from the content; the name breaks ties."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n\x00")[:5] == b"%PDF-" or (
            data.find(b"%PDF-", 0, 1024) != -1 and b"%%EOF" in data[-2048:]):
        return "pdf"  # the spec allows junk before the header; then demand a trailer
    ext = os.path.splitext(name)[1].lower()
    head = data[:1024].replace(b"\x00", b"").lower()
    head = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if _HTML_STRONG.search(head):
        return "html"
    starts_with_tag = head.startswith(b"<") and _TAGLIKE.match(head) is not None
    if ext in (".html", ".htm", ".xhtml", ".shtml"):
        if _TAGLIKE.search(head):
            return "html"
    elif (_HTML_WEAK.search(head) and (starts_with_tag or ext not in (".txt", ".md"))
          and len(_TAGLIKE.findall(head)) >= 2):
        return "html"
    return "md" if ext in (".md", ".markdown") else "txt"


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_LEGACY = ("cp1251", "koi8_r", "mac_cyrillic", "iso8859_5", "cp1252")
_RARE = ("mac_cyrillic", "iso8859_5")
# Russian letter frequencies (%, the usual corpus figures): each letter scores
# ln(p / uniform), so a right decoding sums to about +1 per letter and a wrong
# one (a permuted alphabet) to about -1.
_RU_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.2,  # ё: often written е
}
_LETTER_SCORE = {c: math.log(f / 100 * 33) for c, f in _RU_FREQ.items()}
_OTHER_CYRILLIC = -1.5  # і ў ә қ...: real in Ukrainian/Kazakh, rare in Russian
_BIGRAMS_RU = _words(
    "ст но то на ен ов ни ра во ко ро ан ер ос ет пр го ре ли ор ть ом ка ал по ол ле "
    "ва ел не ри од ит ат ин де ла та ег ло ог ве ды ие ск ны ки ой ый ия ся ль ти ес "
    "ме ем ди от ак ам ет им ми ли ых их ую ае ем")
_LOWER_UPPER = re.compile("[\u0430-\u045f][\u0400-\u042f]")
_LATIN1_WORD = re.compile("[A-Za-z\u00c0-\u00ff]*[\u00c0-\u00ff][A-Za-z\u00c0-\u00ff]*")
_MIXED = re.compile(r"[A-Za-z\u00c0-\u024f][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z\u00c0-\u024f]")
_JUNK = re.compile("[\x80-\x9f\u2500-\u259f\ufffd€‰†‡¤¦¶µ±÷ƒ◊√≈≠≤≥∞∂∆∑∏π\u2122"
                   "ЂђЃѓЉљЊњЌќЋћЏџ]")


_CAPS_WORD = re.compile("(?<![\u0400-\u04ff])[\u0400-\u042f]{2,}(?![\u0400-\u04ff])")


def russian_score(text: str) -> float:
    """How much `text` looks like correctly decoded Russian: letter
    log-frequencies and common bigrams on the lowercased text (so ALL-CAPS
    headlines count), a small cost per ALL-CAPS word (a wrong cp1251/KOI8-R
    reading of lowercase text is uppercase: the tie-breaker on 3-letter
    fragments), and large costs for case jumps inside words (пРИВЕТ), Latin
    glued to Cyrillic, symbols that never sit in Russian text, and words made
    of accented Latin letters ('Ïðèâåò', cp1251 read as cp1252)."""
    s = text[:5000]
    low = s.lower()
    score = 0.0
    for ch, n in Counter(low).items():
        if "\u0400" <= ch <= "\u04ff":
            score += _LETTER_SCORE.get(ch, _OTHER_CYRILLIC) * n
    score += 0.5 * sum(low.count(bg) for bg in _BIGRAMS_RU)
    score -= 2.5 * len(_CAPS_WORD.findall(s))
    if not s.isascii():
        for word in _LATIN1_WORD.findall(s):
            accented = sum(1 for c in word if c >= "\u00c0")
            if accented * 2 > len(word):
                score -= 1.5 * accented
    bad = len(_LOWER_UPPER.findall(s)) * 3 + len(_MIXED.findall(s)) * 4
    bad += len(_JUNK.findall(s)) * 4
    return score - bad


def _try_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: one byte parity holds few distinct values (NUL for
    ASCII, 0x04 for Cyrillic), the other many."""
    n = len(data) - (len(data) % 2)
    if n < 2:
        return None
    sample = data[: min(n, 8192)]
    even, odd = sample[0::2], sample[1::2]

    def concentrated(b: bytes) -> float:
        counts = sorted((b.count(bytes([v])) for v in set(b)), reverse=True)
        return sum(counts[:3]) / max(len(b), 1)

    ce, co = concentrated(even), concentrated(odd)
    hi = {0, 4}
    if len(sample) < 32 and set(odd) <= hi and 0 not in even and not set(even) <= hi:
        enc = "utf-16-le"  # too short for statistics: 'Да' is 14 04 30 04
    elif len(sample) < 32 and set(even) <= hi and 0 not in odd and not set(odd) <= hi:
        enc = "utf-16-be"
    elif co >= 0.85 and ce < co - 0.2 and odd.count(0) + odd.count(4) >= 0.5 * len(odd):
        enc = "utf-16-le"
    elif ce >= 0.85 and co < ce - 0.2 and even.count(0) + even.count(4) >= 0.5 * len(even):
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data[:n].decode(enc)
    except UnicodeDecodeError:
        return None
    if _control_share_str(text) > CONTROL_SHARE_MAX:
        return None
    return text, enc


def _mostly_utf8(data: bytes) -> str | None:
    """Valid UTF-8 but for a few bad bytes (a truncated tail, one stray byte)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if bad and multibyte >= 20 * bad and bad <= max(2, len(text) // 1000):
        return text
    return None


def _detector_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200000], cp_isolation=[*_LEGACY, "utf_8"]).best()
        return codecs.lookup(best.encoding).name if best is not None else None
    except Exception:  # the detector is a hint only
        return None


def _guess_legacy(data: bytes) -> tuple[str, str]:
    """A single-byte Russian/Western text. Candidates are ranked by
    `russian_score` (letters and bigrams on the lowercased text, penalties for
    case jumps, mixed scripts and junk symbols): on short texts charset-normalizer
    alone confuses cp1251 and KOI8-R. The detector, restricted to the same codecs,
    only breaks near-ties, so it rarely runs (it costs ~5 ms a file)."""
    scored: list[tuple[float, int, str]] = []
    sample = data[:5000]  # single-byte codecs: any cut is a character boundary
    high = len(sample.translate(None, bytes(range(0x80))))
    for pref, enc in enumerate(_LEGACY):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        score = russian_score(text)
        if enc in _RARE:  # they differ from cp1251 in few letters: demand a margin
            score -= 3 + 0.05 * high
        scored.append((score, -pref, codecs.lookup(enc).name))
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 1:
        guess = _detector_guess(data)
        scored.sort(key=lambda x: (x[0] + (0.9 if x[2] == guess else 0), x[1]), reverse=True)
    for _, _, name in scored:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:  # an undefined byte after the sample
            continue
    return data.decode("cp1251", errors="replace"), "cp1251"


def decode_text(data: bytes) -> str:
    """Bytes of a text file → str (not yet normalised). Raises UnreadableFile."""
    return _decode(data)[0]


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """→ (text, encoding). `declared` is an HTML <meta charset>."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError:
                return data[len(bom):].decode(enc, errors="replace"), enc
    has_nul = b"\x00" in data
    if has_nul or _control_share(data) > CONTROL_SHARE_MAX:
        u16 = _try_utf16(data)
        if u16 is not None:
            return u16
        if has_nul:
            core = data.strip(b"\x00")  # NUL padding at either end is harmless
            if core.count(b"\x00") > max(4, 0.01 * len(core)):
                raise UnreadableFile("binary file (no text)")
            data = core.replace(b"\x00", b"")
        if _control_share(data) > CONTROL_SHARE_MAX:
            raise UnreadableFile("binary file (no text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8"
    return _guess_legacy(data)


# --------------------------------------------------------------------------
# Mojibake: UTF-8 bytes that were decoded as cp1251 / cp1252 and saved again
# --------------------------------------------------------------------------

def _byte_table(enc: str) -> tuple[dict[int, int], list[str]]:
    """char → byte for a single-byte codec; undefined bytes map to U+0080..U+00FF
    (what Windows and latin-1 produce for them)."""
    table: dict[int, int] = {}
    chars: list[str] = []
    for b in range(256):
        try:
            ch = bytes([b]).decode(enc)
        except UnicodeDecodeError:
            ch = chr(b)
        table[ord(ch)] = b
        chars.append(ch)
    if enc == "cp1252":  # latin-1 readings leave C1 controls where cp1252 has symbols
        for b in range(0x80, 0xA0):
            if b not in table:
                table[b] = b
                chars[b] += chr(b)
    return table, chars


def _mojibake_re(chars: list[str]) -> re.Pattern[str]:
    def cls(lo: int, hi: int) -> str:
        return "[" + "".join(re.escape(chars[b]) for b in range(lo, hi + 1)) + "]"

    cont = cls(0x80, 0xBF)
    return re.compile(f"(?:{cls(0xC2, 0xDF)}{cont}|{cls(0xE0, 0xEF)}{cont}{{2}}"
                      f"|{cls(0xF0, 0xF4)}{cont}{{3}})+")


# Cheap pre-checks (single characters: `in` is fast, regexes over Cyrillic are
# not): what UTF-8 о е р т а у become in cp1251 ('Рѕ', 'Рµ', 'СЂ', 'С‚', 'Р°',
# 'Сѓ'; 'Ђ' also covers the 'вЂ' of dashes and quotes), and the lead characters
# of UTF-8 read as cp1252/latin-1 ('Ð', 'Ñ' Cyrillic, 'Ã' 'Â' Latin-1, '€' 'â€').
_HINTS = {
    "cp1251": ("ѕ", "µ", "Ђ", "‚", "°", "Ѓ"),
    "cp1252": ("Ð", "Ñ", "Ã", "Â", "€"),
}
# A run that decodes to one character ('В«' → '«', 'С»' → 'ѻ' in 'АЭС»') is
# ambiguous alone; it is fixed only when the document has this many other runs.
_MIN_RUNS_FOR_SHORT = {"cp1251": 3, "cp1252": 2}

_MOJIBAKE: list[tuple[str, dict[int, int], re.Pattern[str]]] = []
for _enc in ("cp1251", "cp1252"):
    _tbl, _chars = _byte_table(_enc)
    _MOJIBAKE.append((_enc, _tbl, _mojibake_re(_chars)))


def fix_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1251/cp1252 ('РўРѕРІР°СЂ' → 'Товар') where it is
    unambiguous: a run is replaced only if its bytes are valid UTF-8 and encode
    back to the same run; a run that would become a single character
    ('В«' → '«') is replaced only when the document has at least 3 longer runs."""
    if text.isascii():
        return text
    for enc, table, rx in _MOJIBAKE:
        if not any(h in text for h in _HINTS[enc]):
            continue
        fixes: list[tuple[int, int, str]] = []
        for m in rx.finditer(text):
            run = m.group()
            try:
                raw = bytes(table[ord(c)] for c in run)
                fixed = raw.decode("utf-8")
            except (KeyError, UnicodeDecodeError):
                continue
            # round trip, and the result must be plain text (no controls)
            if fixed.encode("utf-8") != raw or _CTRL_STR.search(fixed):
                continue
            fixes.append((m.start(), m.end(), fixed))
        long_runs = sum(1 for f in fixes if len(f[2]) >= 2)
        if enc == "cp1251" and not long_runs:
            continue
        short_ok = (long_runs if enc == "cp1251" else len(fixes)) >= _MIN_RUNS_FOR_SHORT[enc]
        out, pos = [], 0
        for start, end, fixed in fixes:
            if len(fixed) >= 2 or short_ok:
                out.append(text[pos:start])
                out.append(fixed)
                pos = end
        out.append(text[pos:])
        text = "".join(out)
    return text


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

_DROP_CTRL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff]")


_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _utf8_has_controls(data: bytes) -> bool:
    """Whether UTF-8 bytes hold anything `normalize_text` drops (fast, on bytes:
    a regex over a Cyrillic str costs ~10x more)."""
    return (bool(data.translate(None, _NOT_CONTROL)) or b"\xef\xbb\xbf" in data
            or (b"\xc2" in data and _C1_UTF8.search(data) is not None))


def normalize_text(text: str, controls: bool = True) -> str:
    """CRLF/CR → LF, form feed → LF, NUL and other controls dropped, NFC.
    `controls=False` says the caller knows there are none to drop."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x0c" in text:
        text = text.replace("\x0c", "\n")
    if controls and _DROP_CTRL.search(text):
        text = _DROP_CTRL.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _text_from_str(text: str, controls: bool = True) -> str:
    text = normalize_text(fix_mojibake(text), controls)
    if not text.strip():
        raise UnreadableFile("empty file")
    return text


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP_TAGS = _words(
    "script style iframe noscript svg template head object embed canvas math "
    "input select option optgroup textarea button datalist audio video source track "
    "map area frame frameset noembed title meta link base param")
_BLOCK_TAGS = _words(
    "html body p div section article main header footer nav aside h1 h2 h3 h4 h5 h6 "
    "blockquote pre figure figcaption address table thead tbody tfoot caption ul ol dl "
    "menu hr form fieldset legend details summary center hgroup dialog noframes "
    "search")
_LINE_TAGS = _words("li dt dd tr")
_CELL_TAGS = frozenset(("td", "th"))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _char_ref(m: re.Match[str]) -> str:
    """Numeric references the way browsers read them: &#150; is cp1252's '–'
    (old Russian sites use it for dashes), controls and junk are dropped."""
    n = int(m[1], 16) if m[1] else int(m[2])
    if 0x80 <= n <= 0x9F:
        try:
            return bytes([n]).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    if n in (9, 10, 13) or (0x20 <= n < 0x7F) or (0xA0 <= n <= 0x10FFFF
                                                 and not 0xD800 <= n <= 0xDFFF
                                                 and not 0xFDD0 <= n <= 0xFDEF
                                                 and n != 0xFEFF):
        return m.group()
    return ""


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # HTML spec: a <meta> that says UTF-16 in an ASCII-compatible file means UTF-8.
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


# Markers put into the tree before it is flattened to text in one C call: a
# Unicode noncharacter (lxml refuses control characters; pages never hold
# these) followed by the kind. A common first character lets the regex below
# skip ahead by literal search — character classes over Cyrillic text are slow.
_M = "\ufdd0"
_M_PARA, _M_LINE, _M_BR, _M_CELL = _M + "p", _M + "l", _M + "b", _M + "c"
_MARK_RUN = re.compile(_M + "[plbc](?:" + _M + "[plbc])*")
_P_NL, _P_SP, _P_TAB = "\ufdd4", "\ufdd5", "\ufdd6"  # whitespace inside <pre>, protected
_PRE_WS = str.maketrans({"\n": _P_NL, " ": _P_SP, "\t": _P_TAB, "\r": None})
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_PRE_BACK = str.maketrans({_P_NL: "\n", _P_SP: " ", _P_TAB: "\t"})


def _separator(m: re.Match[str]) -> str:
    run = m.group()
    if _M_PARA in run or run.count(_M_BR) >= 2:
        return PARA
    if _M_LINE in run or _M_BR in run:
        return LINE
    return CELL


def _collapse_ws(text: str) -> str:
    """HTML whitespace collapsing with str methods (a regex is ~5x slower here);
    no-break spaces are not whitespace and stay."""
    for ch in "\n\t\r\f\v":
        if ch in text:
            text = text.replace(ch, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _drop_keep_tail(el) -> None:
    parent, prev, tail = el.getparent(), el.getprevious(), el.tail
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def html_to_text(root) -> str:
    """Visible text of an lxml HTML tree, block structure kept as newlines:
    block elements → paragraphs (blank line between), list items, table rows,
    <br> → lines, table cells → tabs, whitespace collapsed as a browser does
    (not in <pre>). The tree is modified."""
    from lxml import etree

    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    for el in root.xpath("//*[@hidden or @style]"):
        if _hidden(el) and el.getparent() is not None:
            _drop_keep_tail(el)
    had_pre = False
    for el in root.iter("pre", "listing", "plaintext", "xmp"):
        had_pre = True
        if el.text and el.text[0] == "\n":  # HTML drops a newline right after <pre>
            el.text = el.text[1:]
        for i, sub in enumerate(el.iter()):
            if sub.text:
                sub.text = sub.text.translate(_PRE_WS)
            if i and sub.tail:
                sub.tail = sub.tail.translate(_PRE_WS)
    for tags, mark in ((_BLOCK_TAGS, _M_PARA), (_LINE_TAGS, _M_LINE)):
        for el in root.iter(*tags):
            el.text = mark + (el.text or "")
            el.tail = mark + (el.tail or "")
    for el in root.iter("br"):
        el.tail = _M_BR + (el.tail or "")
    for el in root.iter(*_CELL_TAGS):
        el.text = _M_CELL + (el.text or "")
    text = etree.tostring(root, method="text", encoding="unicode") or ""
    text = _collapse_ws(text).replace(" " + _M, _M)  # no spaces around the markers
    for mark in (_M_PARA, _M_LINE, _M_BR, _M_CELL):
        text = text.replace(mark + " ", mark)
    text = _MARK_RUN.sub(_separator, text)
    if had_pre:
        text = _BLANK_LINES.sub("\n\n", text.translate(_PRE_BACK))
    return text.strip()


_XPATHS: dict[str, object] = {}
_META_XPATHS = {
    "title": ("meta[@property='og:title']/@content", "title/text()"),
    "url": ("link[@rel='canonical']/@href", "meta[@property='og:url']/@content"),
    "date": ("meta[@property='article:published_time' or @name='article:published_time' or "
             "@itemprop='datePublished' or @name='pubdate' or @name='publish-date' or "
             "@name='date']/@content",),
}
_BODY_DATE = ("//*[@itemprop='datePublished']/@datetime | "
              "//*[@itemprop='datePublished']/@content")


def _xpath(expr: str):
    x = _XPATHS.get(expr)
    if x is None:
        from lxml import etree

        x = _XPATHS[expr] = etree.XPath(expr)
    return x


def _page_meta(root) -> DocMeta:
    """What the page says about itself (title, date, canonical URL, lang)."""
    head = root.find("head")

    def first(node, exprs: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        for expr in exprs:
            for v in _xpath(expr)(node):  # type: ignore[operator]
                v = " ".join(str(v).split())
                if v:
                    return v
        return None

    title = first(head, _META_XPATHS["title"])
    url = first(head, _META_XPATHS["url"])
    raw_date = first(head, _META_XPATHS["date"]) or first(root, (_BODY_DATE,))
    published = None
    if raw_date:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", raw_date)
        if m:
            try:
                published = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                published = None
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang.strip().split("-")[0].split("_")[0].lower() or None if lang else None
    return DocMeta(url=url, published=published, title=title, lang=lang)


_LOCAL = threading.local()  # lxml parsers must not be shared between threads


def _html_parser():
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        from lxml import etree

        parser = _LOCAL.parser = etree.HTMLParser(encoding="utf-8", remove_comments=True,
                                                  remove_pis=True, huge_tree=True)
    return parser


def _read_html(data: bytes) -> tuple[str, str, DocMeta]:
    from lxml import etree

    markup, enc = _decode(data, _declared_charset(data))
    markup = normalize_text(fix_mojibake(markup), enc != "utf-8" or _utf8_has_controls(data))
    if "&#" in markup:
        markup = _CHAR_REF.sub(_char_ref, markup)
    if markup.lstrip()[:5] == "<?xml":
        markup = _XML_DECL.sub("", markup, count=1)
    if not markup.strip():
        raise UnreadableFile("empty file")
    try:
        root = etree.fromstring(markup.encode("utf-8"), parser=_html_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise UnreadableFile("HTML has no visible text") from None
    if root is None:
        raise UnreadableFile("HTML has no visible text")
    try:
        meta = _page_meta(root)
    except Exception:  # page metadata is a bonus, never a failure
        meta = DocMeta()
    text = normalize_text(html_to_text(root), controls=False)  # none survive the markup pass
    if not text.strip():
        raise UnreadableFile("HTML has no visible text")
    return text, enc, meta


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

# pypdf reports recoverable problems of broken files through logging and warnings;
# the contract wants one line per unreadable file on stderr and nothing else.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)
_AES = "encrypted PDF (AES; decrypting needs the 'cryptography' package)"
_pdf_warnings_off = False


def _read_pdf(data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadWarning

    global _pdf_warnings_off
    if not _pdf_warnings_off:  # once, not catch_warnings(): that is not thread-safe
        warnings.filterwarnings("ignore", category=PdfReadWarning)
        _pdf_warnings_off = True
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("encrypted PDF")
        pages = reader.pages
        n = len(pages)
    except UnreadableFile:
        raise
    except DependencyError:
        raise UnreadableFile(_AES) from None
    except FileNotDecryptedError:
        raise UnreadableFile("encrypted PDF") from None
    except Exception as e:  # pypdf raises many kinds on broken files
        raise UnreadableFile(f"corrupt PDF: {_short(e)}") from None
    if n == 0:
        raise UnreadableFile("corrupt PDF: no pages")
    texts: list[str] = []
    errors: list[str] = []
    for i in range(n):
        try:
            t = pages[i].extract_text() or ""
        except DependencyError:
            raise UnreadableFile(_AES) from None
        except Exception as e:  # one broken page must not lose the others
            errors.append(_short(e))
            continue
        t = t.strip()
        if t:
            texts.append(t)
    if not texts:
        if errors and len(errors) == n:
            raise UnreadableFile(f"corrupt PDF: {errors[0]}")
        raise UnreadableFile("PDF has no text layer (scanned?)")
    return "\n\n".join(texts)


def _short(e: BaseException) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return msg[:120]


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------

def _size_error(n: int) -> UnreadableFile:
    return UnreadableFile(f"too large: {n / 2**20:.1f} MB > {MAX_BYTES / 2**20:.0f} MB")


def _read(data: bytes, name: str) -> tuple[str, str, str | None, DocMeta]:
    if len(data) > MAX_BYTES:
        raise _size_error(len(data))
    fmt = sniff_format(data, name)
    if fmt == "pdf":
        return normalize_text(fix_mojibake(_read_pdf(data))), "pdf", None, DocMeta()
    kind = _magic_kind(data)
    if kind:
        raise UnreadableFile(f"binary file ({kind}), not text")
    if not data.strip():
        raise UnreadableFile("empty file")
    if fmt == "html":
        text, enc, meta = _read_html(data)
        return text, "html", enc, meta
    raw, enc = _decode(data)
    controls = enc != "utf-8" or _utf8_has_controls(data)
    return _text_from_str(raw, controls), fmt, enc, DocMeta()


def _read_safely(data: bytes, name: str) -> tuple[str, str, str | None, DocMeta]:
    try:
        return _read(data, name)
    except UnreadableFile:
        raise
    except MemoryError:
        raise UnreadableFile("out of memory while reading") from None
    except Exception as e:  # a bug or a pathological file: still one clear line
        raise UnreadableFile(f"unexpected error: {type(e).__name__}: {_short(e)}") from None


def read_bytes(data: bytes, name: str) -> tuple[str, str]:
    """(text, fmt) for the bytes of one file; the type is decided by content,
    `name` is only a hint. Used for uploads too. Raises UnreadableFile (only)."""
    text, fmt, _, _ = _read_safely(data, name)
    return text, fmt


def read_document(source: str, path: Path, meta: DocMeta) -> RawDocument:
    """Read one file. Raises UnreadableFile (and nothing else) with the reason."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UnreadableFile("no such file or folder") from None
    except OSError as e:
        raise UnreadableFile(f"cannot read: {e.strerror or e}") from None
    if stat_mod.S_ISDIR(st.st_mode):
        raise UnreadableFile("is a folder")
    if not stat_mod.S_ISREG(st.st_mode):
        raise UnreadableFile("not a regular file")
    if st.st_size > MAX_BYTES:
        raise _size_error(st.st_size)
    try:
        data = path.read_bytes()
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as e:
        raise UnreadableFile(f"cannot read: {e.strerror or e}") from None
    text, fmt, enc, page_meta = _read_safely(data, path.name)
    return RawDocument(source=source, path=path, text=text, meta=meta or DocMeta(), fmt=fmt,
                       page_meta=page_meta, encoding=enc)


def _stderr_warning(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


class _Manifests:
    """manifest.csv files, read once each, looked up nearest-first; and the files already
    handed out. All of it lives in a `ManifestIndex` (a private SQLite database on disk),
    not in dicts and sets: at 100,000 files a root manifest's entries and the set of real
    paths held ~60 MB and grew with every file; on disk the walk's memory stays flat."""

    RECENT = 64  # folders remembered in memory

    def __init__(self, warn: Callable[[str], None]) -> None:
        self.warn = warn
        self.recent: dict[Path, int | None] = {}
        self.index = ManifestIndex()
        self.db = self.index.con
        self.db.executescript("""
            CREATE TABLE folders (path BLOB PRIMARY KEY, mid INTEGER) WITHOUT ROWID;
            CREATE TABLE seen (real BLOB PRIMARY KEY) WITHOUT ROWID;
            BEGIN;""")  # executescript committed ManifestIndex's transaction: a new one

    def close(self) -> None:
        self.index.close()

    def manifest_of(self, folder: Path) -> int | None:
        """The id (in `index`) of a folder's manifest, read the first time it is asked for.
        The last few folders asked for are answered from memory (the walk asks for the same
        few, a file's folder and those above it, for every file)."""
        if folder in self.recent:
            return self.recent[folder]
        key = os.fsencode(folder)
        row = self.db.execute("SELECT mid FROM folders WHERE path = ?", (key,)).fetchone()
        if row is not None:
            mid = row[0]
        else:
            m = folder / MANIFEST_NAME
            mid = self.index.add(m, self.warn) if m.is_file() else None
            self.db.execute("INSERT INTO folders VALUES (?, ?)", (key, mid))
        if len(self.recent) >= self.RECENT:
            del self.recent[next(iter(self.recent))]  # the oldest
        self.recent[folder] = mid
        return mid

    def meta_for(self, file: Path) -> DocMeta:
        """The nearest manifest (in the file's folder or above) that names it."""
        folder = file.parent
        rel = [file.name]
        while True:
            mid = self.manifest_of(folder)
            if mid is not None:
                hit = self.index.get(mid, "/".join(reversed(rel)))
                if hit is not None:
                    return hit
            if folder.parent == folder:
                return DocMeta()
            rel.append(folder.name)
            folder = folder.parent

    def first_time(self, real: str) -> bool:
        """True the first time a real path is met."""
        return self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)",
                               (os.fsencode(real),)).rowcount == 1


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _walk(given: str, root_real: str, rel: tuple[str, ...],
          warn: Callable[[str], None]) -> Iterator[tuple[tuple[str, ...], Path]]:
    """Files of a folder tree in the order of their path parts, one folder listed at a
    time: a build of 100,000 files holds one folder's names, not every path (sorting the
    whole listing first cost ~60 MB at 100 k files). Sorting each folder's names and
    descending into a folder where its name falls gives the same order as sorting the
    parts tuples of the whole tree."""
    folder = os.path.join(given, *rel)
    try:
        names = sorted(os.listdir(folder))
    except OSError as e:
        warn(f"{e.filename or folder}: cannot list folder ({e.strerror or e})")
        return
    for name in names:
        if name.startswith("."):
            continue
        full = os.path.join(folder, name)
        shown = os.path.join(given, *rel, name)
        link = os.path.islink(full)
        if os.path.isdir(full):
            if not link:
                yield from _walk(given, root_real, (*rel, name), warn)
            elif not _inside(os.path.realpath(full), root_real):  # links into folders:
                warn(f"{shown}: skipped, a link to a folder outside {given} "  # never followed
                     f"({os.path.realpath(full)})")
            continue
        if not name.lower().endswith(EXTENSIONS):
            continue
        if link:
            target = os.path.realpath(full)
            if not os.path.exists(target):
                warn(f"{shown}: skipped, a broken link")
                continue
            if not _inside(target, root_real):
                warn(f"{shown}: skipped, a link to a file outside {given} ({target})")
                continue
        yield (*rel, name), Path(full)


def iter_paths(paths: list[str],
               warn: Callable[[str], None] | None = None,
               ) -> Iterator[tuple[str, Path, DocMeta]]:
    """(source, path, meta) for every file to read.

    A file is yielded as given (even with another extension, even if missing:
    read_document then says why it cannot be read). A folder is walked
    recursively for .txt .md .html .htm .pdf (any case), sorted by path parts;
    hidden files and folders are skipped; symlinks are not followed out of the
    folder (skipped with a warning) nor into folders (no loops, no duplicates).
    `meta` comes from the nearest manifest.csv, in the file's folder or above,
    that names the file. Warnings (manifest problems, skipped links) go to
    `warn`, default stderr. The manifests' rows and the real paths already yielded are
    kept on disk (`_Manifests`), so the walk's memory does not grow with the corpus.
    """
    warn = warn or _stderr_warning
    manifests = _Manifests(warn)

    def first_time(source: str, path: Path) -> bool:
        if manifests.first_time(os.path.realpath(path)):
            return True
        warn(f"{source}: given twice; read once")
        return False

    try:
        for given in paths:
            p = Path(given)
            if not p.is_dir():
                if not p.exists():
                    yield given, p, DocMeta()  # read_document says "no such file or folder"
                elif first_time(given, p):
                    yield given, p, manifests.meta_for(Path(os.path.abspath(p)))
                continue
            root_abs = Path(os.path.abspath(p))
            for parts, file in _walk(given, os.path.realpath(p), (), warn):
                source = os.path.join(given, *parts)
                if first_time(source, file):
                    yield source, file, manifests.meta_for(root_abs.joinpath(*parts))
    finally:
        manifests.close()
