"""postclean: boilerplate that the extractors let through inside the chosen body is removed."""

from __future__ import annotations

import lxml.etree
import lxml.html
import pytest

from folio.extract.blocks import normalised_text
from folio.extract.postclean import postclean

# Long enough that a widget is a small share of the body, as in a real article.
FIRST = ("The council voted on Tuesday to extend the tram line to the northern suburbs after years of debate "
         "in the chamber, and construction is expected to begin next spring.")
SECOND = ("Critics argue that the budget underestimates the cost of moving underground utilities, while the "
          "mayor said the extension would cut commuting times by a third for forty thousand people.")
STORY = f"<p>{FIRST}</p><p>{SECOND}</p>"


def cleaned(html: str, title: str | None = None, byline: str | None = None) -> lxml.html.HtmlElement:
    body = lxml.html.fragment_fromstring(html, create_parent="div")
    postclean(body, title, byline)
    return body


def blocks_after(html: str, title: str | None = None, byline: str | None = None) -> list[str]:
    """The text of each top-level block left in the body."""
    return [text for text in (normalised_text(child) for child in cleaned(html, title, byline)) if text]


@pytest.mark.parametrize(
    "widget",
    [
        '<div class="jp-relatedposts"><h3>Related</h3><p>Bus fares to rise</p></div>',
        '<div class="share-buttons"><span>Share</span><span>Tweet</span></div>',
        '<div class="newsletter-box"><p>Get our morning briefing</p></div>',
        '<div id="jp-post-flair" class="sharedaddy sd-sharing-enabled"><p>Share this:</p></div>',
        '<section class="related-articles"><p>More on transport</p></section>',
        '<div class="OUTBRAIN" data-widget-id="AR_1"><p>Promoted stories</p></div>',
        '<aside class="taboola-below-article"><p>You may like</p></aside>',
        '<div id="comments"><p>12 comments</p></div>',
        '<div class="ad-slot-top"><p>Advertisement</p></div>',
        '<p class="post-meta">Filed under Transport</p>',
        '<ul class="tags"><li>trams</li><li>council</li></ul>',
        '<div class="cookie-consent"><p>We use cookies</p></div>',
        '<span class="reading_time">4 min read</span>',
        '<figure class="promo"><figcaption>Subscribe for 1 euro</figcaption></figure>',
        '<div class="mostRead"><p>Most read today</p></div>',
    ],
    ids=["jp-relatedposts", "share-buttons", "newsletter-box", "sharedaddy", "related-articles", "outbrain",
         "taboola", "comments-id", "ad-slot", "post-meta", "tags", "cookie-consent", "reading-time", "promo",
         "most-read-case-insensitive"],
)
def test_widget_named_by_its_class_is_removed(widget):
    assert blocks_after(f"<p>{FIRST}</p>{widget}<p>{SECOND}</p>") == [FIRST, SECOND]


@pytest.mark.parametrize(
    "class_name",
    [
        "sharing-with-a-team-of-experts",  # a slug made from a heading, not a widget name
        "how-to-subscribe-to-our-feeds",
        "adventure",
        "shadow",
        "padding-ad-hoc-notes-box",
        "tagline",
        "commentary",
        "entry-content",
        "lead",
    ],
)
def test_ordinary_class_names_are_not_taken_for_widgets(class_name):
    html = f'{STORY}<div class="{class_name}"><p>A paragraph of the article that must stay.</p></div>'
    assert blocks_after(html) == [FIRST, SECOND, "A paragraph of the article that must stay."]


def test_box_holding_most_of_the_text_is_kept_whatever_its_name():
    # Some themes wrap the whole article in a "share" or "social" container.
    html = f'<div class="share-buttons-wrapper">{STORY}</div><div class="share-buttons"><span>Share</span></div>'
    assert blocks_after(html) == [f"{FIRST}{SECOND}"]


@pytest.mark.parametrize(
    "box, removed",
    [
        ('<ul><li><a href="/a">Bus fares to rise</a></li><li><a href="/b">New cycle lanes</a></li>'
         '<li><a href="/c">Ring road closed</a></li></ul>', True),
        ('<div><a href="/a">Home</a> | <a href="/b">News</a> | <a href="/c">Transport</a></div>', True),
        ('<table><tr><td><a href="/a">Previous story</a></td><td><a href="/b">Next story</a></td></tr></table>', True),
        # Prose that cites a couple of sources is not navigation.
        ('<div>The plan follows a <a href="/report">2019 report</a> that found the northern suburbs had the '
         'longest commutes in the region, and a <a href="/vote">council vote</a> last year.</div>', False),
        ('<ul><li><a href="/a">The only link in a list of notes</a></li></ul>', False),
    ],
    ids=["list-of-links", "link-bar", "link-table", "prose-with-links", "single-link"],
)
def test_link_dense_boxes_are_removed(box, removed):
    box_text = normalised_text(lxml.html.fragment_fromstring(box))
    expected = [FIRST, SECOND, FIRST, SECOND] if removed else [FIRST, SECOND, box_text, FIRST, SECOND]
    assert blocks_after(STORY + box + STORY) == expected


@pytest.mark.parametrize(
    "heading, title, removed",
    [
        ("<h1>Council approves tram extension</h1>", "Council approves tram extension", True),
        ("<h1>Council  approves\ntram EXTENSION</h1>", "council approves tram extension", True),
        ("<h2>Council approves tram extension</h2>", "Council approves tram extension", True),
        ("<h1>Council approves tram extension</h1>", "Council approves tram extension, with conditions", False),
        ("<h3>Council approves tram extension</h3>", "Council approves tram extension", False),
        ("<h2>Update</h2><p>Corrected on Monday.</p><h1>Council approves tram extension</h1>",
         "Council approves tram extension", False),
    ],
    ids=["h1", "case-and-whitespace", "h2", "different-heading", "h3-not-a-title", "only-the-first-heading"],
)
def test_heading_repeating_the_title_is_removed(heading, title, removed):
    headings = [normalised_text(h) for h in lxml.html.fragment_fromstring(heading, create_parent="div")]
    expected = headings[:-1] if removed else headings
    assert blocks_after(heading + STORY, title=title) == expected + [FIRST, SECOND]


@pytest.mark.parametrize(
    "html, byline, removed",
    [
        ("<p>By Rosa Delgado · Sept 18</p>" + STORY, "Rosa Delgado", True),
        ('<div class="credit"><span>Rosa Delgado</span> <span>Transport correspondent</span></div>' + STORY,
         "Rosa Delgado", True),
        ("<address>by ROSA DELGADO</address>" + STORY, "Rosa Delgado", True),
        # Only a short line is a byline; a paragraph that mentions the writer is article text.
        ("<p>Rosa Delgado, who has covered the tram project for the Courier since it was first proposed in "
         "2015, spent a week riding the existing line to see how it copes at rush hour.</p>" + STORY,
         "Rosa Delgado", False),
        ("<p>Other words</p>" * 6 + "<p>By Rosa Delgado</p>" + STORY, "Rosa Delgado", False),
        ("<p>By Tom Reed</p>" + STORY, "Rosa Delgado", False),
    ],
    ids=["by-line-with-date", "credit-div", "address-upper-case", "long-paragraph-kept", "too-far-down",
         "different-name"],
)
def test_byline_line_near_the_top_is_removed(html, byline, removed):
    before = [normalised_text(b) for b in lxml.html.fragment_fromstring(html, create_parent="div")]
    expected = [t for t in before if byline.casefold() not in t.casefold()] if removed else before
    assert blocks_after(html, byline=byline) == expected


def test_only_one_byline_line_is_removed():
    html = "<p>By Rosa Delgado</p><p>Photo: Rosa Delgado</p>" + STORY
    assert blocks_after(html, byline="Rosa Delgado") == ["Photo: Rosa Delgado", FIRST, SECOND]


@pytest.mark.parametrize(
    "math, expected_html",
    [
        ('<math alttext="\\int_0^1 x\\,dx"><mi>x</mi></math>', "<code>\\int_0^1 x\\,dx</code>"),
        ('<math><semantics><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>'
         '<annotation encoding="application/x-tex">a+b</annotation></semantics></math>', "<code>a+b</code>"),
        ("<math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math>", "<span>E=mc2</span>"),
    ],
    ids=["alttext", "tex-annotation", "plain-mathml"],
)
def test_mathml_becomes_text_the_sanitizer_keeps(math, expected_html):
    body = cleaned(f"<p>The formula {math} holds.</p>")
    assert lxml.html.tostring(body.find("p"), encoding="unicode") == f"<p>The formula {expected_html} holds.</p>"


def test_no_title_and_no_byline_leave_the_text_alone():
    html = "<h1>Council approves tram extension</h1><p>By Rosa Delgado</p>" + STORY
    assert blocks_after(html) == ["Council approves tram extension", "By Rosa Delgado", FIRST, SECOND]


def test_short_byline_does_not_match_inside_words():
    html = "<p>Protesters gathered in the capital on Monday.</p>" + STORY
    assert blocks_after(html, byline="AP") == ["Protesters gathered in the capital on Monday.", FIRST, SECOND]


def test_byline_line_with_several_authors_is_removed():
    assert blocks_after("<p>By Jane Doe and John Roe</p>" + STORY, byline="Jane Doe, John Roe") == [FIRST, SECOND]


def test_short_body_that_names_the_author_survives():
    body = cleaned("<p>Sunset over the bay tonight. Photo by Rosa Delgado.</p>", byline="Rosa Delgado")
    assert normalised_text(body)


def test_heading_matching_the_title_but_for_quotes_and_dashes_is_removed():
    html = "<h1>Diet pills “burned her up from within” – inquest</h1>" + STORY
    assert blocks_after(html, title='Diet pills "burned her up from within" - inquest') == [FIRST, SECOND]


@pytest.mark.parametrize(
    "html, expected",
    [
        # The link list under "More apps" goes; its heading would head nothing.
        (STORY + "<h2>More apps</h2><ul><li><a href='/a'>BBEdit</a></li><li><a href='/b'>Acorn</a></li></ul>"
         "<h2>Server</h2><p>Hosted by Joyent.</p>", [FIRST, SECOND, "Server", "Hosted by Joyent."]),
        (STORY + "<h3>Related</h3>", [FIRST, SECOND]),
        (STORY + "<div><h3>Related</h3></div><div><h3>Read next</h3></div>", [FIRST, SECOND, "", ""]),
        # A section heading followed by a subsection heading heads it.
        ("<h2>Setup</h2><h3>Install</h3>" + STORY, ["Setup", "Install", FIRST, SECOND]),
        ("<h2>Setup</h2><div><p>Run it.</p></div>" + STORY, ["Setup", "Run it.", FIRST, SECOND]),
        ("<h2>Chart</h2><img src='/c.png'>" + STORY, ["Chart", "", FIRST, SECOND]),
        ("<div><h2>Setup</h2> loose text after the heading</div>" + STORY,
         ["Setup loose text after the heading", FIRST, SECOND]),
    ],
    ids=["heading-of-removed-list", "heading-at-the-end", "headings-in-wrappers", "subsection",
         "wrapped-content", "picture", "loose-text"],
)
def test_headings_that_head_nothing_are_removed(html, expected):
    body = cleaned(html)
    assert [normalised_text(child) for child in body] == [text for text in expected]


def test_deeply_nested_body_does_not_exhaust_the_stack():
    body = innermost = lxml.html.Element("div")
    for _ in range(5000):
        innermost = lxml.etree.SubElement(innermost, "div")
    lxml.etree.SubElement(innermost, "h2").text = "Deep"
    lxml.etree.SubElement(innermost, "p").text = FIRST
    postclean(body, None)
    assert normalised_text(body) == f"Deep{FIRST}"
