"""The lead picture: news pages place it above the text, outside the container the extractors
pick, so it is brought back when it sits just before the article's first paragraph."""

from __future__ import annotations

import copy
import re

import lxml.html

# How far up from the first paragraph the lead figure may sit: the article's own wrapper.
MAX_LEVELS = 3
# The lead picture must come before one of the article's first paragraphs.
LEAD_PARAGRAPHS = 3
STOP_AT = ("article", "main", "body")
# Images no one would call a picture: tracking pixels, counters, spacers, icons.
TINY_PIXELS = 50
NOT_A_PICTURE = re.compile(r"(^|[/_.=?&-])(counter|pixel|spacer|blank|tracking|beacon|1x1|logo|icons?|avatars?|sprite)"
                           r"([/_.=?&-]|\d|$)", re.IGNORECASE)


def add_lead_figure(body: lxml.html.HtmlElement, page: lxml.html.HtmlElement) -> None:
    paragraphs = [p for p in body.iter("p") if p.text_content().strip()][:LEAD_PARAGRAPHS]
    if not paragraphs:
        return
    located = [(p, _find_in_page(page, " ".join(p.text_content().split()))) for p in paragraphs]
    located = [(p, place) for p, place in located if place is not None]
    if not located:
        return
    wrapper = _wrapper(located[0][1])
    order = {element: position for position, element in enumerate(wrapper.iter())}
    shown = {image.get("src") for image in body.iter("img")}
    figure = next((f for f in wrapper.iter("figure", "img")
                   if not _inside_any(f, ("a", "figure")) and _has_picture(f)
                   and not any(i.get("src") in shown for i in ([f] if f.tag == "img" else f.iter("img")))), None)
    if figure is None or figure not in order:
        return
    following = next((p for p, place in located if order.get(place, -1) > order[figure]), None)
    if following is None:
        return  # the picture comes after the article's opening: not its lead picture
    addition = copy.deepcopy(figure)
    addition.tail = None
    following.addprevious(addition)


def first_content_image(content: lxml.html.HtmlElement) -> str | None:
    for image in content.iter("img"):
        if is_picture(image):
            return image.get("src")
    return None


def is_picture(image: lxml.html.HtmlElement) -> bool:
    src = image.get("src") or ""
    if not src or src.startswith("data:") or NOT_A_PICTURE.search(src):
        return False
    for dimension in ("width", "height"):
        value = (image.get(dimension) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < TINY_PIXELS:
            return False
    return True


def _find_in_page(page: lxml.html.HtmlElement, text: str):
    for paragraph in page.iter("p"):
        if " ".join(paragraph.text_content().split()) == text:
            return paragraph
    return None


def _wrapper(anchor: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    wrapper = anchor
    for _ in range(MAX_LEVELS):
        parent = wrapper.getparent()
        if parent is None or wrapper.tag in STOP_AT:
            break
        wrapper = parent
    return wrapper


def _has_picture(element) -> bool:
    images = [element] if element.tag == "img" else element.findall(".//img")
    return any(is_picture(image) for image in images)


def _inside_any(element, tags) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())
