"""parse_page: page text becomes the one lxml tree every later stage shares."""

from __future__ import annotations

import lxml.html
import pytest

from folio.errors import Unprocessable
from folio.extract.document import parse_page


def body_html(root) -> str:
    body = root.find("body")
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body) if body is not None else ""


@pytest.mark.parametrize(
    "text, expected_body",
    [
        ("<html><body><p>Hello</p></body></html>", "<p>Hello</p>"),
        ("<p>just a fragment</p>", "<p>just a fragment</p>"),
        # An XML declaration with an encoding makes lxml refuse str input; it is dropped.
        ('<?xml version="1.0" encoding="utf-8"?><html><body><p>Hi</p></body></html>', "<p>Hi</p>"),
        ('  \n<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html><html><body><p>Hi</p></body></html>',
         "<p>Hi</p>"),
        # Comments and processing instructions are gone before any stage looks at the text.
        ("<html><body><p>a<!-- hidden note -->b</p></body></html>", "<p>ab</p>"),
        ("<html><body><p>a<?php echo 1 ?>b</p></body></html>", "<p>ab</p>"),
        # Broken markup is repaired the way HTML parsers do, not rejected.
        ("<html><body><p>one<p>two</body>", "<p>one</p><p>two</p>"),
        ("<html><body><div><p>unclosed <b>bold</div><p>next</p>", "<div><p>unclosed <b>bold</b></p></div><p>next</p>"),
    ],
    ids=["document", "fragment", "xml-declaration", "xml-declaration-after-whitespace", "comment",
         "processing-instruction", "unclosed-paragraphs", "unclosed-inline"],
)
def test_page_text_becomes_a_tree(text, expected_body):
    assert body_html(parse_page(text)) == expected_body


def test_head_is_kept_for_metadata():
    root = parse_page("<html><head><title>Headline</title><meta name='author' content='Ann'></head>"
                      "<body><p>x</p></body></html>")
    assert root.findtext(".//title") == "Headline"
    assert root.find(".//meta[@name='author']") is not None


def test_deeply_nested_page_is_parsed():
    depth = 400
    root = parse_page("<html><body>" + "<div>" * depth + "<p>deep text</p>" + "</div>" * depth + "</body></html>")
    assert root.find(".//p").text == "deep text"


@pytest.mark.parametrize(
    "text",
    ["<!-- only a comment -->", '<?xml version="1.0"?>'],
    ids=["comment-only", "xml-declaration-only"],
)
def test_page_with_nothing_to_parse_is_unprocessable(text):
    with pytest.raises(Unprocessable):
        parse_page(text)
