"""Removes boilerplate that the extractors let through inside the chosen body.

News pages put "Related" boxes, share bars and newsletter sign-ups between the paragraphs of
the article itself, where container-level extractors cannot drop them. Two general signals
find them: the class/id/role vocabulary sites use for such widgets, and link density
(a box that is mostly links to other pages is navigation, not prose).
"""

from __future__ import annotations

import re

import lxml.html

from folio.extract.blocks import HEADINGS

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
WORD = re.compile(r"\w+")
HEADING_RANKS = {tag: int(tag[1]) for tag in HEADINGS}
END_OF_BODY = 0  # ranks below every heading's: a heading at the end of the body heads nothing
# Elements that are content without holding text of their own.
CONTENT_WITHOUT_TEXT = frozenset({"img", "picture", "video", "audio", "iframe", "svg", "hr", "table", "pre"})
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
    _remove_orphan_headings(body)
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
        if names_widget(names) and len(element.text_content()) < MAX_REMOVED_SHARE * total:
            element.drop_tree()


def names_widget(names: str) -> bool:
    """Whether class and id names (one string) name a widget rather than prose."""
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


def _remove_orphan_headings(body: lxml.html.HtmlElement) -> None:
    """A heading that heads nothing: the box it titled ("Related", "More apps") was removed, so
    the next thing in the body is a heading of the same or a higher rank, or the body ends."""
    following: int | None = END_OF_BODY  # what comes next: a heading's rank, or None for content
    for heading in reversed(_outline(body)):
        if heading is None:
            following = None
            continue
        rank = HEADING_RANKS[heading.tag]
        if following is not None and following <= rank:
            heading.drop_tree()  # keeps its tail text, which _outline counted as content
        else:
            following = rank


def _outline(body: lxml.html.HtmlElement) -> list:
    """The body in document order as its headings and None for each piece of other content;
    an explicit stack, since pages can nest deeper than Python's recursion limit."""
    outline: list = [None] if _has_text(body.text) else []
    stack = [(body, iter(body))]
    while stack:
        parent, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if parent is not body and _has_text(parent.tail):
                outline.append(None)
        elif not isinstance(child.tag, str) or child.tag in HEADING_RANKS:
            if isinstance(child.tag, str):
                outline.append(child)
            if _has_text(child.tail):
                outline.append(None)
        else:
            if child.tag in CONTENT_WITHOUT_TEXT or _has_text(child.text):
                outline.append(None)
            stack.append((child, iter(child)))
    return outline


def _has_text(text: str | None) -> bool:
    return bool(text and text.strip())


def _remove_repeated_title(body: lxml.html.HtmlElement, title: str) -> None:
    """The headline is shown from metadata; a copy at the top of the body would repeat it."""
    wanted = _words(title)
    for heading in body.iter("h1", "h2"):
        if _words(heading.text_content()) == wanted:
            heading.drop_tree()
        break


def _words(text: str) -> list[str]:
    """Words only: the headline in metadata and on the page differ in quotes and dashes."""
    return WORD.findall(text.casefold())


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
