"""Edge inputs for extract_article: nothing to extract, binary data, legacy encodings, a huge page."""

from __future__ import annotations

import random

import pytest

from folio.errors import Unprocessable
from folio.extract import extract_article

from .goldens import load_golden, normalize

URL = "https://news.example.org/2024/05/01/input"
UTF8_DECLARATION = '<meta charset="utf-8">'


def random_bytes(seed: int, size: int = 8192) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize(
    "html",
    ["", "   \n\t  \r\n ", b"", b" \n\n\t ", "\ufeff", b"\xef\xbb\xbf"],
    ids=["empty-str", "whitespace-str", "empty-bytes", "whitespace-bytes", "bom-str", "bom-bytes"],
)
def test_empty_input_is_unprocessable(html):
    with pytest.raises(Unprocessable):
        extract_article(html, URL)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x00\x00\x00\x03\x00\x08\x06" + random_bytes(1),
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + random_bytes(2),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + random_bytes(3),
        b"\x00" * 4096,
        random_bytes(4, 65536),
    ],
    ids=["png", "jpeg", "pdf", "nul-bytes", "random-bytes"],
)
def test_binary_input_is_unprocessable(data):
    with pytest.raises(Unprocessable):
        extract_article(data, URL)


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html><html><head><title>Nothing here</title></head><body></body></html>",
        "<html><head><style>p { color: red }</style></head>"
        "<body><script>window.location = '/app';</script><div id=\"root\"></div></body></html>",
    ],
    ids=["title-only", "script-only"],
)
def test_page_without_article_text_is_unprocessable(html):
    with pytest.raises(Unprocessable):
        extract_article(html, URL)


def missing_paragraphs(article, page) -> list[str]:
    text = normalize(article.text)
    return [p for p in page.expected["paragraphs"] if normalize(p) not in text]


def with_declaration(page_name: str, declaration: str) -> str:
    html = load_golden(page_name).html_text()
    assert UTF8_DECLARATION in html, f"{page_name}.html no longer declares {UTF8_DECLARATION}"
    return html.replace(UTF8_DECLARATION, declaration, 1)


@pytest.mark.parametrize(
    "page_name, encoding, declaration",
    [
        ("russian_cyrillic", "windows-1251",
         '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'),
        ("greek", "iso-8859-7", '<meta charset="iso-8859-7">'),
    ],
    ids=["windows-1251", "iso-8859-7"],
)
def test_legacy_encoding_declared_in_the_page_is_decoded(page_name, encoding, declaration):
    page = load_golden(page_name)
    data = with_declaration(page_name, declaration).encode(encoding)
    article = extract_article(data, page.url)
    assert "\ufffd" not in article.text, f"{encoding}: replacement characters in the text"
    assert normalize(article.title) == normalize(page.expected["title"]), f"{encoding}: title {article.title!r}"
    missing = missing_paragraphs(article, page)
    assert not missing, f"{encoding}: paragraphs not decoded correctly:\n" + "\n".join(missing)


def test_declared_charset_is_ignored_when_the_input_is_already_text():
    # A str has been decoded by whoever read it; a leftover windows-1251 declaration must not
    # make the engine decode it a second time.
    page = load_golden("russian_cyrillic")
    html = with_declaration("russian_cyrillic", '<meta charset="windows-1251">')
    article = extract_article(html, page.url)
    missing = missing_paragraphs(article, page)
    assert not missing, "paragraphs garbled:\n" + "\n".join(missing)


def test_utf8_without_any_declaration_is_decoded_as_utf8():
    page = load_golden("arabic_rtl")
    data = with_declaration("arabic_rtl", "").encode("utf-8")
    assert b"charset" not in data.lower()
    article = extract_article(data, page.url)
    assert normalize(article.title) == normalize(page.expected["title"]), f"title {article.title!r}"
    missing = missing_paragraphs(article, page)
    assert not missing, "paragraphs garbled:\n" + "\n".join(missing)


def test_utf8_byte_order_mark_is_not_part_of_the_page():
    page = load_golden("wire_news")
    article = extract_article(b"\xef\xbb\xbf" + page.html_bytes(), page.url)
    assert normalize(article.title) == normalize(page.expected["title"]), f"title {article.title!r}"
    assert not missing_paragraphs(article, page)


def test_str_and_bytes_give_the_same_article():
    page = load_golden("greek")
    from_bytes = extract_article(page.html_bytes(), page.url).to_dict()
    from_str = extract_article(page.html_text(), page.url).to_dict()
    differing = sorted(key for key in from_bytes if from_bytes[key] != from_str[key])
    assert not differing, f"str and bytes input differ in {differing}"


HUGE_PAGE_BYTES = 5 * 1024 * 1024
HUGE_TITLE = "Minutes of the Harbour Board, 1890 to 1990"


def huge_page() -> str:
    """About 5 MB: site chrome around one article of many thousand distinct paragraphs."""
    head = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{HUGE_TITLE} | Harbour Archive</title></head><body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/archive\">Archive</a></nav>"
        f"<main><article><h1>{HUGE_TITLE}</h1>"
    )
    tail = "</article></main><footer>© Harbour Archive</footer></body></html>"
    subjects = ["dredging", "pilotage fees", "the lighthouse", "cargo sheds", "the new crane", "tide tables"]
    parts = [head]
    size = len(head) + len(tail)
    number = 0
    while size < HUGE_PAGE_BYTES:
        number += 1
        subject = subjects[number % len(subjects)]
        paragraph = (
            f"<p>Meeting {number}: the board discussed {subject} at length, heard a report from the "
            f"harbour master on the {number % 12 + 1} vessels delayed that month, and agreed to return "
            f"to the question of {subject} at its next meeting after the accounts were read.</p>\n"
        )
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    parts.append(tail)
    return "".join(parts)


def test_huge_page_returns_an_article():
    html = huge_page()
    assert len(html.encode("utf-8")) >= HUGE_PAGE_BYTES
    article = extract_article(html, URL)
    assert normalize(article.title) == HUGE_TITLE
    assert "Meeting 1: the board discussed pilotage fees" in article.text
    assert article.word_count > 10_000, f"word_count {article.word_count}"
