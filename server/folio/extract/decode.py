"""Turns whatever arrived (bytes or text) into page text, or says clearly why it cannot."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from folio.errors import TooLarge, Unprocessable
from folio.sanitize import without_lone_surrogates

MAX_PAGE_BYTES = 25 * 1024 * 1024  # a rendered news page is rarely over 3 MB; past this is abuse
# How a page declares its charset: <meta charset=...> or http-equiv content="...; charset=...".
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Share of control characters above which the input is binary, not a page.
BINARY_CONTROL_SHARE = 0.05
# Browsers decode these labels with a superset codec (WHATWG Encoding Standard): pages written
# in Windows' code pages declare the ISO names, and a page that says utf-16 in a <meta> is UTF-8.
BROWSER_DECODERS = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs", "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
# Characters XML 1.0 does not allow (C0 controls but tab and newlines, and the noncharacters
# U+FFFE/U+FFFF that a byte-swapped BOM decodes to): no reader sees them, and lxml refuses them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def decode_page(page: str | bytes) -> str:
    if isinstance(page, bytes):
        if len(page) > MAX_PAGE_BYTES:
            raise TooLarge(f"the page is {len(page):,} bytes; the limit is {MAX_PAGE_BYTES:,}")
        page = _bytes_to_text(page)
    elif len(page) > MAX_PAGE_BYTES:
        raise TooLarge(f"the page is {len(page):,} characters; the limit is {MAX_PAGE_BYTES:,}")
    if not page.replace("\ufeff", "").strip():
        raise Unprocessable("the page is empty")
    sample = page[:20000]
    if len(CONTROL.findall(sample)) > BINARY_CONTROL_SHARE * len(sample):
        raise Unprocessable("the input is binary data, not an HTML page")
    return without_lone_surrogates(CONTROL.sub("", page))


def _bytes_to_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096] and data[:4096].count(b"\x00") > 40:
        raise Unprocessable("the input is binary data, not an HTML page")
    declared = DECLARED_CHARSET.search(data[:4096])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(BROWSER_DECODERS.get(label, label), errors="replace")
        except LookupError:
            pass  # an unknown charset name: detect instead
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200000]).best()
    if best is None:
        raise Unprocessable("the input is not text in any known encoding")
    return data.decode(best.encoding, errors="replace")
