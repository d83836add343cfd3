"""lead_figure: the picture above the article comes back; counters, icons and later pictures do not."""

from __future__ import annotations

import lxml.html
import pytest

from folio.extract.document import parse_page
from folio.extract.lead_figure import add_lead_figure, first_content_image, is_picture

PARAGRAPHS = [
    "The council voted on Tuesday to extend the tram line to the northern suburbs after years of debate.",
    "Construction will begin next spring and is expected to last three years, officials said.",
    "Residents along the route have been invited to a series of public meetings in the coming weeks.",
    "Critics argue that the budget underestimates the cost of moving underground utilities.",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
LEAD = '<figure><img src="/photos/tram.jpg" alt="The new tram"><figcaption>The new tram</figcaption></figure>'


def with_lead_figure(page_body: str, body: str = BODY) -> lxml.html.HtmlElement:
    page = parse_page(f"<html><body>{page_body}</body></html>")
    extracted = lxml.html.fragment_fromstring(body, create_parent="div")
    add_lead_figure(extracted, page)
    return extracted


def image_sources(body: lxml.html.HtmlElement) -> list[str]:
    return [img.get("src") for img in body.iter("img")]


@pytest.mark.parametrize(
    "page_body, expected",
    [
        (f"<article>{LEAD}<div class='text'>{BODY}</div></article>", ["/photos/tram.jpg"]),
        (f"<article><div class='media'>{LEAD}</div><div class='text'>{BODY}</div></article>", ["/photos/tram.jpg"]),
        (f"<article><img src='/photos/tram.jpg' width='800'><div class='text'>{BODY}</div></article>",
         ["/photos/tram.jpg"]),
        # A picture that links elsewhere is a teaser or an ad, not the article's picture.
        (f"<article><a href='/gallery'><img src='/photos/tram.jpg'></a><div class='text'>{BODY}</div></article>", []),
        (f"<article><img src='/track/pixel.gif' width='1' height='1'><div class='text'>{BODY}</div></article>", []),
        (f"<article><img src='/static/site-logo.png'><div class='text'>{BODY}</div></article>", []),
        # After the opening paragraphs, a picture belongs to the text where readability left it.
        (f"<article><div class='text'>{BODY}<figure><img src='/photos/late.jpg'></figure></div></article>", []),
        # Too far from the article's own wrapper.
        (f"<div><div><div><div>{LEAD}</div></div></div><div><div><div class='text'>{BODY}</div></div></div></div>", []),
    ],
    ids=["figure-before-text", "figure-in-sibling-box", "bare-image", "image-in-link", "tracking-pixel",
         "logo", "picture-after-opening", "too-far-away"],
)
def test_lead_picture_just_before_the_text_is_added(page_body, expected):
    assert image_sources(with_lead_figure(page_body)) == expected


def test_lead_figure_goes_before_the_first_paragraph_with_its_caption():
    body = with_lead_figure(f"<article>{LEAD}<div class='text'>{BODY}</div></article>")
    assert [child.tag for child in body][:2] == ["figure", "p"]
    assert body.find(".//figcaption").text == "The new tram"


def test_picture_already_in_the_body_is_not_added_twice():
    body = with_lead_figure(f"<article>{LEAD}<div class='text'>{BODY}</div></article>", body=LEAD + BODY)
    assert image_sources(body) == ["/photos/tram.jpg"]


def test_body_without_paragraphs_gets_no_figure():
    assert image_sources(with_lead_figure(f"<article>{LEAD}<ul><li>x</li></ul></article>", body="<ul><li>x</li></ul>")) == []


@pytest.mark.parametrize(
    "img, expected",
    [
        ('<img src="/photos/tram.jpg">', True),
        ('<img src="/photos/tram.jpg" width="800" height="450">', True),
        ('<img src="/photos/tram.jpg" width="100%">', True),
        ('<img src="/photos/tram.jpg" width="1" height="1">', False),
        ('<img src="/photos/tram.jpg" width="40px">', False),
        ('<img src="/photos/tram.jpg" height="16">', False),
        ('<img src="/stats/counter.gif">', False),
        ('<img src="/img/spacer.gif">', False),
        ('<img src="/beacon?id=1">', False),
        ('<img src="/static/logo.svg">', False),
        ('<img src="/icons/share-icon.png">', False),
        ('<img src="/users/42/avatar.jpg">', False),
        ('<img src="data:image/png;base64,iVBORw0KGgo=">', False),
        ("<img>", False),
        pytest.param('<img src="https://cdn.example.com/2024/silicon-valley-offices.jpg">', True, id="silicon"),
        pytest.param('<img src="https://cdn.example.com/2024/counterfeit-watches-seized.jpg">', True,
                     id="counterfeit"),
    ],
)
def test_is_picture(img, expected):
    assert is_picture(lxml.html.fragment_fromstring(img)) is expected


@pytest.mark.parametrize(
    "content, expected",
    [
        ('<div><img src="/t.gif" width="1"><img src="/logo.png"><p><img src="/photos/real.jpg"></p>'
         '<img src="/photos/second.jpg"></div>', "/photos/real.jpg"),
        ('<div><img src="/stats/counter.gif"><figure><img src="/photos/a.jpg"></figure></div>', "/photos/a.jpg"),
        ("<div><p>No pictures at all.</p></div>", None),
        ('<div><img src="/icons/rss.png" width="16" height="16"></div>', None),
    ],
    ids=["skips-tiny-and-logo", "skips-counter", "no-images", "only-an-icon"],
)
def test_first_content_image(content, expected):
    assert first_content_image(lxml.html.fragment_fromstring(content)) == expected
