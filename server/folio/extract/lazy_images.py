"""Resolves lazily loaded images to the real picture before anything judges the page.

Sites keep the real address in data-* attributes or in a <noscript> copy, and put a
placeholder (a data: URI, a 1x1 gif, a "blank"/"spacer" file) in src until scripts run.
"""

from __future__ import annotations

import re

import lxml.html

from folio.srcset import srcset_candidates

# Attributes where lazy-loading scripts keep the real address, most specific first.
LAZY_SRC_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src",
                       "data-full-src", "data-lazyload", "data-echo", "data-img-src", "data-actualsrc")
LAZY_SRCSET_ATTRIBUTES = ("data-srcset", "data-lazy-srcset", "data-original-set")
PLACEHOLDER_SRC = re.compile(r"^data:|blank|spacer|placeholder|transparent|pixel|lazy|loading|1x1|grey\.gif",
                             re.IGNORECASE)
IMAGE_URL = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)(\?|$)|/image|/img|/photo", re.IGNORECASE)


def resolve_lazy_images(root: lxml.html.HtmlElement) -> None:
    for noscript in root.iter("noscript"):
        _adopt_noscript_image(noscript)
    for img in root.iter("img"):
        _resolve(img)
    for source in root.iter("source"):
        for attribute in LAZY_SRCSET_ATTRIBUTES:
            if source.get(attribute) and not source.get("srcset"):
                source.set("srcset", source.get(attribute))


def _is_placeholder(src: str | None) -> bool:
    return not src or bool(PLACEHOLDER_SRC.search(src[:200]))


def _resolve(img: lxml.html.HtmlElement) -> None:
    if _is_placeholder(img.get("src")):
        real = next((img.get(a) for a in LAZY_SRC_ATTRIBUTES if img.get(a)), None)
        if real is None:  # some scripts use their own data-* name: take any that looks like an image
            real = next((value for name, value in img.attrib.items()
                         if name.startswith("data-") and IMAGE_URL.search(value) and " " not in value.strip()), None)
        if real:
            img.set("src", real.strip())
    if not img.get("srcset"):
        lazy_srcset = next((img.get(a) for a in LAZY_SRCSET_ATTRIBUTES if img.get(a)), None)
        if lazy_srcset:
            img.set("srcset", lazy_srcset)
    if _is_placeholder(img.get("src")) and img.get("srcset"):
        candidates = srcset_candidates(img.get("srcset"))
        if candidates:
            img.set("src", candidates[0][0])


def _adopt_noscript_image(noscript: lxml.html.HtmlElement) -> None:
    """Replaces a placeholder image next to a <noscript> with the <noscript>'s real image."""
    markup = (noscript.text or "") + "".join(lxml.html.tostring(c, encoding="unicode") for c in noscript)
    if "<img" not in markup:
        return
    try:
        fallback = lxml.html.fragment_fromstring(markup, create_parent="div").find(".//img")
    except lxml.etree.ParserError:
        return
    if fallback is None or not fallback.get("src"):
        return
    neighbour = _placeholder_image_near(noscript)
    if neighbour is not None:
        neighbour.getparent().replace(neighbour, fallback)
        noscript.drop_tree()
    else:
        noscript.getparent().replace(noscript, fallback)
    _drop_previews_of(fallback)


def _drop_previews_of(picture: lxml.html.HtmlElement) -> None:
    """"Blur-up" pages show a tiny preview of the picture until the real one loads; in the same
    figure, an image of the same declared size as the <noscript> picture is that preview."""
    size = (picture.get("width"), picture.get("height"))
    figure = next(picture.iterancestors("figure"), None)
    if figure is None or not all(size):
        return
    for image in list(figure.iter("img")):
        if image is not picture and (image.get("width"), image.get("height")) == size:
            image.drop_tree()


def _placeholder_image_near(noscript: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    for candidate in (noscript.getprevious(), noscript.getnext()):
        if candidate is None:
            continue
        img = candidate if candidate.tag == "img" else candidate.find(".//img")
        if img is not None and (_is_placeholder(img.get("src")) or any(img.get(a) for a in LAZY_SRC_ATTRIBUTES)):
            return img
    parent = noscript.getparent()
    if parent is not None:
        siblings = [img for img in parent.iterchildren("img")]
        if len(siblings) == 1:
            return siblings[0]
    return None
