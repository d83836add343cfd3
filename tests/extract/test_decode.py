"""decode_page: whatever arrived (bytes or text) becomes page text, or a clear Unprocessable/TooLarge."""

from __future__ import annotations

import pytest

from folio.errors import TooLarge, Unprocessable
from folio.extract.decode import MAX_PAGE_BYTES, decode_page
from folio.extract.pipeline import extract_article

RUSSIAN = "Городской совет одобрил продление трамвайной линии"
GREEK = "Το δημοτικό συμβούλιο ενέκρινε την επέκταση του τραμ"
JAPANESE = "市議会は路面電車の延長を承認した"
CHINESE = "市议会批准了有轨电车延长线"


@pytest.mark.parametrize(
    "data, expected",
    [
        (f'<meta charset="windows-1251"><p>{RUSSIAN}</p>'.encode("cp1251"), RUSSIAN),
        (f'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>{RUSSIAN}</p>'
         .encode("cp1251"), RUSSIAN),
        (f"<meta charset='iso-8859-7'><p>{GREEK}</p>".encode("iso-8859-7"), GREEK),
        (f'<meta charset="Shift_JIS"><p>{JAPANESE}</p>'.encode("shift_jis"), JAPANESE),
        (f'<meta charset=gbk><p>{CHINESE}</p>'.encode("gbk"), CHINESE),
        (f'<meta charset="koi8-r"><p>{RUSSIAN}</p>'.encode("koi8-r"), RUSSIAN),
        ('<meta charset="latin1"><p>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e</p>'.encode("latin1"), "Café crème brûlée"),
    ],
    ids=["meta-charset-windows-1251", "http-equiv-windows-1251", "iso-8859-7", "shift_jis", "gbk",
         "koi8-r", "latin1"],
)
def test_declared_charset_is_honoured(data, expected):
    assert expected in decode_page(data)


@pytest.mark.parametrize(
    "data, expected",
    [
        ("\ufeff<p>Café and naïve façades</p>".encode("utf-8"), "<p>Café and naïve façades</p>"),
        ("<p>Café and naïve façades</p>".encode("utf-16"), "<p>Café and naïve façades</p>"),  # BOM + LE
        ("\ufeff<p>Café and naïve façades</p>".encode("utf-16-be"), "<p>Café and naïve façades</p>"),
        # A BOM outranks a <meta> that says otherwise, as in browsers.
        ('\ufeff<meta charset="windows-1251"><p>Привет</p>'.encode("utf-8"), "<p>Привет</p>"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "bom-beats-meta"],
)
def test_byte_order_mark_decides_the_encoding_and_is_dropped(data, expected):
    text = decode_page(data)
    assert text.endswith(expected)
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize(
    "text",
    [
        "<p>Café, naïve, Zürich, São Paulo</p>",
        f"<p>{RUSSIAN}</p>",
        f"<p>{CHINESE} — {JAPANESE}</p>",
        "<p>Emoji are text too: 🚋🚋</p>",
    ],
    ids=["latin", "cyrillic", "cjk", "emoji"],
)
def test_undeclared_utf8_is_read_as_utf8(text):
    assert decode_page(text.encode("utf-8")) == text


def test_undeclared_legacy_bytes_are_detected():
    text = ("<p>Городской совет во вторник проголосовал за продление трамвайной линии в северные районы "
            "после многих лет споров. Строительство начнётся весной.</p>")
    assert decode_page(text.encode("cp1251")) == text


@pytest.mark.parametrize(
    "data",
    [
        '<meta charset="no-such-charset"><p>Café</p>'.encode("utf-8"),
        '<meta charset="x-user-defined"><p>Café</p>'.encode("utf-8"),
    ],
    ids=["unknown-name", "x-user-defined"],
)
def test_unknown_declared_charset_falls_back_to_detection(data):
    assert "<p>Café</p>" in decode_page(data)


def test_text_input_is_returned_as_is():
    page = "<html><body><p>Already text: Привет</p></body></html>"
    assert decode_page(page) == page


def test_stray_nul_characters_are_removed_from_a_page():
    page = "<html><body><p>" + "A perfectly normal paragraph of text. " * 20 + "\x00</p></body></html>"
    assert "\x00" not in decode_page(page)
    assert "A perfectly normal paragraph" in decode_page(page.encode("utf-8"))


def test_a_byte_swapped_bom_leaves_no_noncharacter_behind():
    page = b"\xff\xfe" + ("<html><p>" + "Text " * 50 + "</p>").encode("utf-16-le") + b"\xfe\xff"
    assert not {"\ufffe", "\uffff"} & set(decode_page(page))


def test_noncharacters_inside_article_text_do_not_break_extraction():
    paragraph = "<p>" + "The council approved the tram extension after a long debate. " * 8 + "\ufffe\uffff</p>"
    article = extract_article("<html><body><article>" + paragraph * 3 + "</article></body></html>",
                              "https://example.com/story")
    assert "tram extension" in article.content_html
    assert "\ufffe" not in article.content_html


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x00\x00\x00\x03\x00\x08\x06\x00\x00\x00" + bytes(range(256)) * 4,
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 4,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + bytes(range(256)) * 4,
        b"\x00" * 4096,
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4,
        "<p>text</p>\x00\x01\x02\x03\x04\x05\x06\x07\x08" * 10,
    ],
    ids=["png", "jpeg", "pdf", "nul-bytes", "zip", "control-characters-in-text"],
)
def test_binary_input_is_unprocessable(data):
    with pytest.raises(Unprocessable):
        decode_page(data)


@pytest.mark.parametrize(
    "page",
    ["", b"", "   \n\t ", b" \r\n\t ", "\ufeff", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
     b"\xef\xbb\xbf \n ", " \ufeff \n"],
    ids=["empty-str", "empty-bytes", "whitespace-str", "whitespace-bytes", "bom-str", "utf8-bom-bytes",
         "utf16le-bom-bytes", "utf16be-bom-bytes", "bom-and-whitespace-bytes", "bom-and-whitespace-str"],
)
def test_empty_page_is_unprocessable(page):
    with pytest.raises(Unprocessable):
        decode_page(page)


@pytest.mark.parametrize(
    "page", [b" " * (MAX_PAGE_BYTES + 1), " " * (MAX_PAGE_BYTES + 1)], ids=["bytes", "str"]
)
def test_page_over_the_limit_is_too_large(page):
    with pytest.raises(TooLarge):
        decode_page(page)


def test_page_at_the_limit_is_accepted():
    page = b"<p>" + b"a" * (MAX_PAGE_BYTES - 7) + b"</p>"
    assert len(page) == MAX_PAGE_BYTES
    assert decode_page(page).startswith("<p>aaa")


# Browsers decode by the WHATWG Encoding Standard, where several legacy labels name a larger
# encoding than Python's codec of the same name. A reader expects the text the browser showed.
@pytest.mark.parametrize(
    "declared, encoded_as, expected",
    [
        pytest.param("iso-8859-1", "cp1252", "\u201cquoted\u201d \u2014 caf\u00e9"),
        pytest.param("shift_jis", "cp932", "\u2460\u2461 \u9ad9\u6a4b"),
        pytest.param("gb2312", "gbk", "\u9555\u57fa"),
        pytest.param("utf-16", "utf-8", "caf\u00e9 cr\u00e8me"),
    ],
    ids=["iso-8859-1-means-windows-1252", "shift_jis-means-cp932", "gb2312-means-gbk", "meta-utf-16-means-utf-8"],
)
def test_legacy_charset_labels_decode_as_browsers_do(declared, encoded_as, expected):
    data = f'<meta charset="{declared}"><p>{expected}</p>'.encode(encoded_as)
    assert f"<p>{expected}</p>" in decode_page(data)
