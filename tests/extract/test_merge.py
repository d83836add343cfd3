"""merge: readability's body is the base; trafilatura adds back what readability dropped from the article."""

from __future__ import annotations

import lxml.html
import pytest

from folio.extract.blocks import normalised_text
from folio.extract.candidates import Candidate
from folio.extract.document import parse_page
from folio.extract.merge import covers_page_prose, merge_candidates

LEDE = "The council voted on Tuesday to extend the tram line to the northern suburbs after years of debate."
SECOND = "Construction will begin next spring and is expected to last three years, officials said."
BOXED = "Residents along the route have been invited to a series of public meetings in the coming weeks."
FOURTH = "Critics argue that the budget underestimates the cost of moving underground utilities."
FIFTH = "The mayor said the extension would cut commuting times by a third for forty thousand people."
COMMENT = "Reader comment: I have waited twenty years for this tram and I will believe it when I see it."
QUOTE = "We have waited long enough for this line, and the city owes it to us, one resident said."


TABLE = "<table>" + "".join(f"<tr><td>Line {n}</td><td>{1990 + n}</td><td>{n} stops</td></tr>" for n in range(40)) \
    + "</table>"


def candidate(name: str, html: str) -> Candidate:
    return Candidate(name, lxml.html.fragment_fromstring(html, create_parent="div"))


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def page(story: str, elsewhere: str = "") -> lxml.html.HtmlElement:
    """A site wrapper, a main column, the story's box, and whatever sits elsewhere on the page."""
    return parse_page(f"<html><body><div id='site'><div id='main'><div id='story'>{story}</div></div>"
                      f"{elsewhere}</div></body></html>")


def block_texts(result: Candidate) -> list[str]:
    return [normalised_text(child) for child in result.body]


def test_block_dropped_inside_the_article_is_added_back_in_document_order():
    story = page(f"<div class='text'>{paragraphs(LEDE, SECOND)}<div class='box'>{paragraphs(BOXED)}</div>"
                 f"{paragraphs(FOURTH, FIFTH)}</div>")
    readability = candidate("readability", paragraphs(LEDE, SECOND, FOURTH, FIFTH))
    trafilatura = candidate("trafilatura", paragraphs(LEDE, SECOND, BOXED, FOURTH, FIFTH))
    merged = merge_candidates(readability, trafilatura, story)
    assert merged.name == "readability"
    assert block_texts(merged) == [LEDE, SECOND, BOXED, FOURTH, FIFTH]


def test_block_before_readabilitys_first_is_added_at_the_top():
    story = page(f"<div class='standfirst'>{paragraphs(BOXED)}</div><div class='text'>"
                 f"{paragraphs(LEDE, SECOND, FOURTH, FIFTH)}</div>")
    readability = candidate("readability", paragraphs(LEDE, SECOND, FOURTH, FIFTH))
    trafilatura = candidate("trafilatura", paragraphs(BOXED, LEDE, SECOND, FOURTH, FIFTH))
    assert block_texts(merge_candidates(readability, trafilatura, story)) == [BOXED, LEDE, SECOND, FOURTH, FIFTH]


def test_blocks_from_elsewhere_on_the_page_are_not_added():
    story = page(f"<div class='text'>{paragraphs(LEDE, SECOND, FOURTH, FIFTH)}</div>",
                 elsewhere=f"<div id='comments'>{paragraphs(COMMENT)}</div>")
    readability = candidate("readability", paragraphs(LEDE, SECOND, FOURTH, FIFTH))
    trafilatura = candidate("trafilatura", paragraphs(LEDE, SECOND, FOURTH, FIFTH, COMMENT))
    assert block_texts(merge_candidates(readability, trafilatura, story)) == [LEDE, SECOND, FOURTH, FIFTH]


def test_lone_heading_of_a_dropped_box_is_not_added():
    story = page(f"<div class='text'>{paragraphs(LEDE, SECOND)}<div class='related'><h3>Read also</h3>"
                 f"<ul><li><a href='/x'>Bus fares to rise in June</a></li></ul></div>{paragraphs(FOURTH, FIFTH)}</div>")
    readability = candidate("readability", paragraphs(LEDE, SECOND, FOURTH, FIFTH))
    trafilatura = candidate("trafilatura", paragraphs(LEDE, SECOND) + "<h3>Read also</h3>" + paragraphs(FOURTH, FIFTH))
    assert block_texts(merge_candidates(readability, trafilatura, story)) == [LEDE, SECOND, FOURTH, FIFTH]


def test_heading_is_added_with_the_text_it_heads():
    story = page(f"<div class='text'>{paragraphs(LEDE, SECOND, FOURTH, FIFTH)}</div>"
                 f"<div class='more'><h2>What comes next</h2>{paragraphs(BOXED)}</div>")
    readability = candidate("readability", paragraphs(LEDE, SECOND, FOURTH, FIFTH))
    trafilatura = candidate("trafilatura", paragraphs(LEDE, SECOND, FOURTH, FIFTH) + "<h2>What comes next</h2>"
                            + paragraphs(BOXED))
    merged = merge_candidates(readability, trafilatura, story)
    assert block_texts(merged) == [LEDE, SECOND, FOURTH, FIFTH, "What comes next", BOXED]
    assert merged.body[4].tag == "h2"


def test_rescue_bigger_than_half_the_body_is_refused():
    # trafilatura found a whole other part of the same column (a gallery, a live blog): not omissions.
    story = page(f"<div class='text'>{paragraphs(LEDE, SECOND)}</div>"
                 f"<div class='gallery'>{paragraphs(BOXED, FOURTH, FIFTH)}</div>")
    readability = candidate("readability", paragraphs(LEDE, SECOND))
    trafilatura = candidate("trafilatura", paragraphs(LEDE, SECOND, BOXED, FOURTH, FIFTH))
    assert block_texts(merge_candidates(readability, trafilatura, story)) == [LEDE, SECOND]


def test_readability_spread_over_the_whole_page_gets_nothing_added():
    spread = parse_page(f"<html><body><div id='a'>{paragraphs(LEDE)}</div><div id='b'>{paragraphs(SECOND)}</div>"
                        f"<div id='c'>{paragraphs(BOXED)}</div></body></html>")
    readability = candidate("readability", paragraphs(LEDE, SECOND))
    trafilatura = candidate("trafilatura", paragraphs(LEDE, SECOND, BOXED))
    assert block_texts(merge_candidates(readability, trafilatura, spread)) == [LEDE, SECOND]


def test_trafilatura_wins_when_readability_took_a_tiny_subset():
    # readability picked a teaser box; trafilatura found the article around it.
    article = [LEDE, SECOND, BOXED, FOURTH, FIFTH,
               "Work on the depot will start first, with trams arriving from the factory in the autumn of next year.",
               "The transport committee will publish a detailed timetable for the works before the end of the month.",
               "Shops along the high street have asked for compensation for the months when the road will be closed.",
               "A consultation on the location of the new stops closes on the fifteenth of June, the council said.",
               "The last extension of the network, to the eastern districts, opened two years late and over budget."]
    story = page(paragraphs(*article))
    readability = candidate("readability", paragraphs(LEDE))
    trafilatura = candidate("trafilatura", paragraphs(*article))
    merged = merge_candidates(readability, trafilatura, story)
    assert merged.name == "trafilatura"
    assert block_texts(merged) == article


def test_short_block_missing_from_readability_is_found_by_its_words():
    story = page(f"<div class='text'>{paragraphs(LEDE, SECOND, FOURTH, FIFTH)}"
                 "<figure><img src='/t.jpg'><figcaption>The new tram</figcaption></figure></div>")
    readability = candidate("readability", paragraphs(LEDE, SECOND, FOURTH, FIFTH))
    trafilatura = candidate("trafilatura", paragraphs(LEDE, SECOND, FOURTH, FIFTH) + "<figcaption>The new tram</figcaption>")
    assert block_texts(merge_candidates(readability, trafilatura, story))[-1] == "The new tram"


@pytest.mark.parametrize(
    "readability, trafilatura, expected",
    [
        (paragraphs(LEDE), None, "readability"),
        (None, paragraphs(LEDE), "trafilatura"),
    ],
    ids=["only-readability", "only-trafilatura"],
)
def test_one_candidate_alone_is_taken(readability, trafilatura, expected):
    story = page(paragraphs(LEDE))
    merged = merge_candidates(readability and candidate("readability", readability),
                              trafilatura and candidate("trafilatura", trafilatura), story)
    assert merged.name == expected


def test_no_candidate_gives_none():
    assert merge_candidates(None, None, page(paragraphs(LEDE))) is None


@pytest.mark.parametrize(
    "story, body, expected",
    [
        (paragraphs(LEDE, SECOND, FOURTH), paragraphs(LEDE, SECOND, FOURTH), True),
        (paragraphs(LEDE, SECOND, FOURTH), paragraphs(LEDE, SECOND), False),
        # Short lines and link lists are not prose: a body without them still covers the page.
        (paragraphs(LEDE, SECOND, "Share this", "Photo: AP"), paragraphs(LEDE, SECOND), True),
        (paragraphs(LEDE, SECOND) + "<ul><li><a href='/a'>Bus fares to rise in June as the council sets its "
         "budget for the year</a></li></ul>", paragraphs(LEDE, SECOND), True),
        # readability drops figures; a page with a caption is not covered by a body without one.
        (paragraphs(LEDE, SECOND) + "<figure><img src='/t.jpg'><figcaption>The tram</figcaption></figure>",
         paragraphs(LEDE, SECOND), False),
        (paragraphs(LEDE, SECOND) + "<figure><img src='/t.jpg'><figcaption>The tram</figcaption></figure>",
         paragraphs(LEDE, SECOND) + "<figure><figcaption>The tram</figcaption></figure>", True),
        # A table's many short cells do not make up for a lost paragraph of prose.
        (paragraphs(LEDE) + TABLE, TABLE, False),
        (paragraphs(LEDE) + TABLE, paragraphs(LEDE) + TABLE, True),
    ],
    ids=["all-prose", "missing-paragraph", "short-lines-ignored", "link-list-ignored", "caption-missing",
         "caption-kept", "table-instead-of-paragraph", "table-and-paragraph"],
)
def test_covers_page_prose(story, body, expected):
    assert covers_page_prose(candidate("readability", body), page(story)) is expected


@pytest.mark.parametrize(
    "container",
    [
        pytest.param(("<blockquote>", "</blockquote>"), id="after-blockquote"),
        pytest.param(("<ul><li>", "</li></ul>"), id="after-list"),
    ],
)
def test_rescued_paragraph_after_a_quote_or_list_stays_outside_it(container):
    opening, closing = container
    story = page(f"<div class='text'>{paragraphs(LEDE)}{opening}{QUOTE}{closing}<div class='ad-wrap'>"
                 f"{paragraphs(BOXED)}</div>{paragraphs(FOURTH, FIFTH)}</div>")
    readability = candidate("readability", f"{paragraphs(LEDE)}{opening}<p>{QUOTE}</p>{closing}"
                                           f"{paragraphs(FOURTH, FIFTH)}")
    trafilatura = candidate("trafilatura", f"{paragraphs(LEDE)}{opening}{QUOTE}{closing}"
                                           f"{paragraphs(BOXED, FOURTH, FIFTH)}")
    merged = merge_candidates(readability, trafilatura, story)
    assert block_texts(merged) == [LEDE, QUOTE, BOXED, FOURTH, FIFTH]
