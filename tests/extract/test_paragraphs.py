"""paragraphs_from_line_breaks: text separated by <br><br> becomes real paragraphs, as in Readability."""

from __future__ import annotations

import lxml.html
import pytest

from folio.extract.document import parse_page
from folio.extract.paragraphs import paragraphs_from_line_breaks


def rebuilt(body: str) -> str:
    root = parse_page(f"<html><body>{body}</body></html>")
    paragraphs_from_line_breaks(root)
    body_element = root.find("body")
    return (body_element.text or "") + "".join(lxml.html.tostring(c, encoding="unicode") for c in body_element)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("<div>a<br><br>b<br><br>c</div>", "<div><p>a</p><p>b</p><p>c</p></div>"),
        ("<div>a<br><br><br><br>b</div>", "<div><p>a</p><p>b</p></div>"),
        ("<div>a <br> <br> b</div>", "<div><p>a </p><p> b</p></div>"),
        ("<div>a<br>\n<br>\nb</div>", "<div><p>a</p><p>\nb</p></div>"),
        # A single line break is a line break inside a paragraph, not a new paragraph.
        ("<div>a<br>b</div>", "<div>a<br>b</div>"),
        ("<div>a<br>b<br><br>c</div>", "<div><p>a<br>b</p><p>c</p></div>"),
        ("<div>a<br><br>b<br>c<br><br>d</div>", "<div><p>a</p><p>b<br>c</p><p>d</p></div>"),
        # Inline markup travels with its paragraph.
        ("<div><b>Bold</b> lead<br><br>second <i>part</i> here<br><br>third</div>",
         "<div><p><b>Bold</b> lead</p><p>second <i>part</i> here</p><p>third</p></div>"),
        ("<div>a<br><br><span>b</span> tail<br><br>c</div>", "<div><p>a</p><p><span>b</span> tail</p><p>c</p></div>"),
        # Paragraphs cannot nest: a <p> written as a container of such paragraphs becomes a <div>.
        ("<p>a<br><br>b</p>", "<div><p>a</p><p>b</p></div>"),
        # A block element ends the paragraph being gathered.
        ("<div>a<br><br>b<ul><li>x</li></ul>after</div>", "<div><p>a</p><p>b</p><ul><li>x</li></ul>after</div>"),
        ("<div><h2>Head</h2>intro<br><br>next</div>", "<div><h2>Head</h2><p>intro</p><p>next</p></div>"),
        ("<div>a<br><br>b<blockquote>q</blockquote></div>", "<div><p>a</p><p>b</p><blockquote>q</blockquote></div>"),
        # Table cells of old layouts are the classic case.
        ("<table><tr><td>one<br><br>two</td></tr></table>",
         "<table><tr><td><p>one</p><p>two</p></td></tr></table>"),
        # Breaks at the very start or end make no empty paragraphs.
        ("<div><br><br>only</div>", "<div><p>only</p></div>"),
        ("<div>only<br><br></div>", "<div><p>only</p></div>"),
        ("text at body level<br><br>more", "<p>text at body level</p><p>more</p>"),
    ],
    ids=["three-paragraphs", "many-breaks", "whitespace-between-breaks", "newlines-between-breaks",
         "single-break-kept", "single-break-inside-paragraph", "single-break-in-middle-paragraph",
         "inline-markup", "inline-element-with-tail", "nested-in-p", "list-stops-paragraph",
         "heading-before-text", "blockquote-stops-paragraph", "table-cell", "leading-breaks", "trailing-breaks",
         "body-level-text"],
)
def test_double_line_breaks_become_paragraphs(body, expected):
    assert rebuilt(body) == expected


def test_page_without_double_breaks_is_untouched():
    body = "<article><p>One.</p><p>Two<br>lines.</p><ul><li>x</li></ul></article>"
    assert rebuilt(body) == body
