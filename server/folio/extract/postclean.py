"""Removes boilerplate that the extractors let through inside the chosen body.

News pages put "Related" boxes, share bars and newsletter sign-ups between the paragraphs of
the article itself, where container-level extractors cannot drop them. Two general signals
find them: the class/id/role vocabulary sites use for such widgets, and link density
(a box that is mostly links to other pages is navigation, not prose).
"""

from __future__ import annotations

import re

import lxml.html

# Class and id words that name widgets rather than prose, across sites and CMSs
# (WordPress/Jetpack "jp-relatedposts" and "sharedaddy", Outbrain/Taboola, newsletter boxes).
# A class token counts when one of its parts is such a word, or its parts joined are one;
# tokens of more than MAX_NAME_PARTS parts are slugs made from headings ("sharing-with-a-team").
WIDGET_WORDS = frozenset("""
    related relatedposts relatedarticles relatednews readmore readnext morestories mostread
    mostpopular mostviewed popular recommended recommendations trending share shares sharing
    sharedaddy sharebar social newsletter subscribe subscription signup promo promotion advert
    advertisement ad ads adslot sponsor sponsored outbrain taboola cookie cookies consent gdpr
    breadcrumb breadcrumbs comment comments disqus tags taglist listen ticker breaking toolbar
    byline dateline meta metadata readtime readingtime timestamp
""".split())
MAX_NAME_PARTS = 3
NAME_PARTS = re.compile(r"[-_]+")
WIDGET_TAGS = ("div", "section", "aside", "ul", "ol", "nav", "form", "span", "p", "figure", "table")
LINK_BOX_TAGS = ("div", "section", "aside", "ul", "ol", "table", "dl")
# A box is navigation when links make up this much of its text and it has this many links.
LINK_BOX_DENSITY = 0.65
LINK_BOX_MIN_LINKS = 2
# Never remove a box holding this share of the body's text: then it *is* the article.
MAX_REMOVED_SHARE = 0.3
# The byline line is looked for among the body's first blocks, and is short.
BYLINE_SEARCH_BLOCKS = 6
MAX_BYLINE_WORDS = 16
BYLINE_LABELS = r"(by|from|par|por|von|di|door|av|af|de|written by|words by|автор|от|του|της|από|作者|文|记者)[:：]?"


def postclean(body: lxml.html.HtmlElement, title: str | None, byline: str | None = None) -> None:
    _math_as_text(body)
    total = len(body.text_content()) or 1
    _remove_widgets(body, total)
    _remove_link_boxes(body, total)
    if title:
        _remove_repeated_title(body, title)
    if byline:
        _remove_byline_line(body, byline)


def _math_as_text(body: lxml.html.HtmlElement) -> None:
    """MathML cannot pass the sanitizer (foreign markup is a known XSS route), so formulas are
    kept as text: the TeX source when the page carries it, else the formula's characters."""
    for math in list(body.iter("math")):
        tex = next((a.text for a in math.iter("annotation") if "tex" in (a.get("encoding") or "")), None)
        text = math.get("alttext") or tex or " ".join(math.text_content().split())
        replacement = lxml.html.Element("code" if tex or math.get("alttext") else "span")
        replacement.text = text
        replacement.tail = math.tail
        math.getparent().replace(math, replacement)


def _remove_widgets(body: lxml.html.HtmlElement, total: int) -> None:
    for element in list(body.iter(*WIDGET_TAGS)):
        if element.getparent() is None or element is body:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if _names_widget(names) and len(element.text_content()) < MAX_REMOVED_SHARE * total:
            element.drop_tree()


def _names_widget(names: str) -> bool:
    for token in names.lower().split():
        parts = [part for part in NAME_PARTS.split(token) if part]
        if len(parts) <= MAX_NAME_PARTS and (
                "".join(parts) in WIDGET_WORDS or any(part in WIDGET_WORDS for part in parts)):
            return True
    return False


def _remove_link_boxes(body: lxml.html.HtmlElement, total: int) -> None:
    for element in list(body.iter(*LINK_BOX_TAGS)):
        if element.getparent() is None or element is body:
            continue
        text_length = len(" ".join(element.text_content().split()))
        if not text_length or text_length >= MAX_REMOVED_SHARE * total:
            continue
        links = element.findall(".//a")
        if len(links) < LINK_BOX_MIN_LINKS:
            continue
        link_length = sum(len(" ".join(a.text_content().split())) for a in links)
        if link_length >= LINK_BOX_DENSITY * text_length:
            element.drop_tree()


def _remove_repeated_title(body: lxml.html.HtmlElement, title: str) -> None:
    """The headline is shown from metadata; a copy at the top of the body would repeat it."""
    wanted = " ".join(title.split()).casefold()
    for heading in body.iter("h1", "h2"):
        if " ".join(heading.text_content().split()).casefold() == wanted:
            heading.drop_tree()
        break


def _remove_byline_line(body: lxml.html.HtmlElement, byline: str) -> None:
    """A short line near the top that credits the author ("By Rosa Delgado · Sept 18") is shown
    from metadata; left in the body it would also become the excerpt."""
    first_author = re.escape(byline.split(",")[0].strip())
    credit = re.compile(rf"^({BYLINE_LABELS}\s+)?{first_author}(\W|$)", re.IGNORECASE)
    for block in list(body.iter("p", "div", "span", "address"))[:BYLINE_SEARCH_BLOCKS]:
        if block is body:
            continue
        text = " ".join(block.text_content().split())
        if text and len(text.split()) <= MAX_BYLINE_WORDS and credit.match(text):
            block.drop_tree()
            return
