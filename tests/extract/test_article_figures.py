"""article_figures: the article's own pictures and captions come back into the body, in place."""

from __future__ import annotations

import lxml.html

from folio.extract.article_figures import restore_figures
from folio.extract.blocks import normalised_text
from folio.extract.document import parse_page
from folio.extract.page_places import PageIndex

LEDE = "The council voted on Tuesday to extend the tram line to the northern suburbs after years of debate."
SECOND = "Construction will begin next spring and is expected to last three years, officials said."
THIRD = "Residents along the route have been invited to a series of public meetings in the coming weeks."
FIGURE = '<figure><img src="/photos/tram.jpg" alt="Tram"><figcaption>The new tram at the depot.</figcaption></figure>'


def restored(story: str, body_paragraphs=(LEDE, SECOND, THIRD), elsewhere: str = "") -> lxml.html.HtmlElement:
    """The body an extractor found (the story's paragraphs only), after restore_figures."""
    page = parse_page(f"<html><body><div id='site'><div id='main'><div id='story'>{story}</div></div>"
                      f"{elsewhere}</div></body></html>")
    body = lxml.html.fragment_fromstring("".join(f"<p>{p}</p>" for p in body_paragraphs), create_parent="div")
    restore_figures(body, page, PageIndex(page))
    return body


def outline(body: lxml.html.HtmlElement) -> list[str]:
    return [child.tag if child.tag != "p" else normalised_text(child) for child in body]


def test_figure_between_paragraphs_comes_back_in_place():
    body = restored(f"<p>{LEDE}</p><div class='media'>{FIGURE}</div><p>{SECOND}</p><p>{THIRD}</p>")
    assert outline(body) == [LEDE, "figure", SECOND, THIRD]
    assert body.find(".//img").get("src") == "/photos/tram.jpg"
    assert normalised_text(body.find(".//figcaption")) == "The new tram at the depot."


def test_lone_picture_and_caption_beside_its_figure_come_back():
    body = restored(f"<p>{LEDE}</p><div><img src='/photos/map.png'></div><p>{SECOND}</p>"
                    f"<div><figure><img src='/photos/depot.jpg'></figure><figcaption>The depot.</figcaption></div>"
                    f"<p>{THIRD}</p>")
    assert outline(body) == [LEDE, "img", SECOND, "figure", "figcaption", THIRD]


def test_caption_of_a_figure_without_its_picture_comes_back():
    # Pages captured before their scripts ran keep the caption of a picture not yet loaded.
    body = restored(f"<p>{LEDE}</p><figure><div class='lazy'></div><figcaption>The depot.</figcaption></figure>"
                    f"<p>{SECOND}</p><p>{THIRD}</p>")
    assert outline(body) == [LEDE, "figure", SECOND, THIRD]


def test_pictures_already_in_the_body_are_not_repeated():
    page_story = f"<p>{LEDE}</p>{FIGURE}<p>{SECOND}</p><p>{THIRD}</p>"
    page = parse_page(f"<html><body><div id='story'>{page_story}</div></body></html>")
    body = lxml.html.fragment_fromstring(page_story, create_parent="div")
    restore_figures(body, page, PageIndex(page))
    assert len(body.findall(".//figure")) == 1


def test_a_figure_repeated_for_another_screen_comes_back_once():
    body = restored(f"<p>{LEDE}</p>{FIGURE}{FIGURE}<p>{SECOND}</p><p>{THIRD}</p>")
    assert outline(body) == [LEDE, "figure", SECOND, THIRD]


def test_pictures_outside_the_articles_span_are_left_out():
    # Before the first paragraph is the lead figure's stage; after the last come teasers and ads.
    body = restored(f"{FIGURE}<p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p>"
                    "<figure><img src='/promo.jpg'><figcaption>Subscribe</figcaption></figure>",
                    elsewhere="<div id='sidebar'><img src='/photos/most-read.jpg'></div>")
    assert outline(body) == [LEDE, SECOND, THIRD]


def test_teasers_and_widgets_inside_the_article_are_left_out():
    body = restored(f"<p>{LEDE}</p><a href='/other-story'><img src='/photos/teaser.jpg'></a>"
                    f"<div class='related-stories'><figure><img src='/photos/related.jpg'></figure></div>"
                    f"<p>{SECOND}</p><div class='ad-slot'><img src='/banner.jpg'></div><p>{THIRD}</p>")
    assert outline(body) == [LEDE, SECOND, THIRD]


def test_a_picture_linked_to_its_full_size_file_comes_back():
    body = restored(f"<p>{LEDE}</p><a href='/photos/tram-large.jpg'><img src='/photos/tram.jpg'></a>"
                    f"<p>{SECOND}</p><p>{THIRD}</p>")
    assert outline(body) == [LEDE, "img", SECOND, THIRD]


def test_icons_and_tracking_pixels_are_not_pictures():
    body = restored(f"<p>{LEDE}</p><img src='/icons/share.svg'><img src='/t.gif' width='1' height='1'>"
                    f"<p>{SECOND}</p><p>{THIRD}</p>")
    assert outline(body) == [LEDE, SECOND, THIRD]
