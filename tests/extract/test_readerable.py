"""is_probably_readerable: Mozilla's test of whether a page has enough prose for a reader view."""

from __future__ import annotations

import pytest

from folio.extract.document import parse_page
from folio.extract.readerable import is_probably_readerable

PROSE = ("The council voted on Tuesday to extend the tram line to the northern suburbs after years of debate, "
         "and construction will begin next spring, officials said on Wednesday.")  # 169 characters
CHINESE = "市议会周二投票决定将有轨电车线路延伸至北部郊区，此前经过了多年的辩论。施工将于明年春天开始，预计持续三年。"


def readerable(body: str) -> bool:
    return is_probably_readerable(parse_page(f"<html><body>{body}</body></html>"))


def paragraphs(count: int, template: str = "<p>{}</p>", text: str = PROSE) -> str:
    return "".join(template.format(f"{text} {i}") for i in range(count))


FRONT_PAGE = "".join(
    f"<div class='teaser'><h2><a href='/story/{i}'>Headline number {i} about the city</a></h2>"
    f"<p>A short teaser about story {i}, with a link to read more.</p></div>" for i in range(40))


@pytest.mark.parametrize(
    "body, expected",
    [
        (paragraphs(6), True),
        (paragraphs(2), False),
        (FRONT_PAGE, False),
        (FRONT_PAGE + paragraphs(6), True),
        (paragraphs(6, "<pre>{}</pre>"), True),
        # Old pages write paragraphs as text between line breaks in a <div> or table cell.
        ("<div>" + "<br><br>".join(f"{PROSE} {i}" for i in range(6)) + "</div>", True),
        ("<table><tr><td>" + "<br>".join(f"{PROSE} {i}" for i in range(6)) + "</td></tr></table>", True),
        # Chinese carries more per character: the same number of characters counts for more.
        (paragraphs(4, text=CHINESE * 2), True),
        (paragraphs(4, text=CHINESE), False),
        ("", False),
    ],
    ids=["article", "too-little-prose", "teaser-front-page", "front-page-with-article", "preformatted",
         "line-break-paragraphs", "table-cell-lines", "chinese-article", "short-chinese-paragraphs", "empty"],
)
def test_is_probably_readerable(body, expected):
    assert readerable(body) is expected


@pytest.mark.parametrize(
    "template, expected",
    [
        ("<p class='comment'>{}</p>", False),
        ("<p id='sidebar-note'>{}</p>", False),
        ("<p class='comment article-body'>{}</p>", True),  # "article" outweighs "comment"
        ("<p style='display:none'>{}</p>", False),
        ("<p hidden>{}</p>", False),
        ("<p aria-hidden='true'>{}</p>", False),
        ("<p aria-hidden='true' class='fallback-image'>{}</p>", True),
        ("<ul><li><p>{}</p></li></ul>", False),
    ],
    ids=["comment", "sidebar", "article-class-wins", "display-none", "hidden", "aria-hidden",
         "fallback-image-exception", "list-items"],
)
def test_unlikely_hidden_and_list_paragraphs_do_not_count(template, expected):
    assert readerable(paragraphs(6, template)) is expected
