"""Brings back the article's own pictures and captions that the extractors dropped.

readability-lxml removes a block holding only an image, and keeps only the parts of an article
it scored, so pictures between the paragraphs (and captions set beside their figure) are lost.
A picture comes back when it sits between the body's first and last blocks in the page, inside
the part of the page the body came from, and nothing around it names a widget or links away.
"""

from __future__ import annotations

import re

import lxml.html

from folio.extract.lead_figure import is_picture
from folio.extract.page_places import BodyPlacement, PageIndex
from folio.extract.postclean import names_widget

# The same neighbourhood the merge stage adds text back from.
NEIGHBOURHOOD_LEVELS = 2
# A picture that links to another page is a teaser for it; one that links to a picture file
# is the article's own, opened full size.
PICTURE_LINK = re.compile(r"\.(jpe?g|png|gif|webp|avif)([?#]|$)", re.IGNORECASE)


def restore_figures(body: lxml.html.HtmlElement, page: lxml.html.HtmlElement, index: PageIndex) -> None:
    shown_pictures = {image.get("src") for image in body.iter("img")}
    shown_text = " ".join(body.text_content().split())
    missing = [element for element in _page_figures(page) if not _shown(element, shown_pictures, shown_text)]
    if not missing:
        return
    placement = BodyPlacement(body, index)
    span, region = placement.span(), placement.region(NEIGHBOURHOOD_LEVELS)
    if span is None or region is None:
        return
    first, last = span
    # Pages repeat a figure for another screen size or a lightbox: show it once.
    added_pictures, added_text = set(), ""
    for element in missing:
        if first < index.position(element) < last and index.is_inside(element, region) \
                and not _in_widget_or_link(element, region) and not _shown(element, added_pictures, added_text):
            placement.insert(element, element)
            added_pictures.update(image.get("src") for image in element.iter("img"))
            added_text += " " + _caption_text(element)


def _page_figures(page: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Figures with a picture or a caption, and pictures and captions outside any figure."""
    found = []
    for element in page.iter("figure", "img", "figcaption"):
        if any(ancestor.tag == "figure" for ancestor in element.iterancestors()):
            continue
        if element.tag == "figure" and (_has_picture(element) or _caption_text(element)):
            found.append(element)
        elif element.tag == "img" and is_picture(element):
            found.append(element)
        elif element.tag == "figcaption" and _caption_text(element):
            found.append(element)
    return found


def _shown(element: lxml.html.HtmlElement, shown_pictures: set, shown_text: str) -> bool:
    images = [element] if element.tag == "img" else list(element.iter("img"))
    if any(image.get("src") in shown_pictures for image in images):
        return True
    caption = _caption_text(element)
    return bool(caption) and caption in shown_text


def _caption_text(element: lxml.html.HtmlElement) -> str:
    caption = element if element.tag == "figcaption" else element.find(".//figcaption")
    return " ".join(caption.text_content().split()) if caption is not None else ""


def _has_picture(element: lxml.html.HtmlElement) -> bool:
    return any(is_picture(image) for image in element.iter("img"))


def _in_widget_or_link(element: lxml.html.HtmlElement, region: lxml.html.HtmlElement) -> bool:
    for ancestor in (element, *element.iterancestors()):
        if ancestor.tag == "a" and not PICTURE_LINK.search(ancestor.get("href") or ""):
            return True
        if names_widget(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            return True
        if ancestor is region:
            return False
    return False
