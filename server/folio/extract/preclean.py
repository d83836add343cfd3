"""Removes what no reader ever sees or wants before the content extractors look at the page.

Only general signals live here (elements that cannot hold article text, hidden elements,
landmark roles for navigation and asides); judging the rest is the extractors' job.
"""

from __future__ import annotations

import re

import lxml.html

from folio.extract.blocks import HEADINGS

# Never article text: code, styling, embedded widgets, form controls.
NON_CONTENT_TAGS = ("script", "style", "link", "template", "noscript", "select", "textarea", "input",
                    "button", "dialog", "canvas", "map", "object", "applet")
# Void elements the HTML parser may wrap around the text that follows them: removed, text kept.
UNWRAPPED_TAGS = ("embed",)
# Page chrome by its own semantic markup (HTML5 sectioning and ARIA landmark roles).
CHROME_TAGS = ("nav", "aside")
CHROME_ROLES = {"navigation", "menu", "menubar", "complementary", "alert", "alertdialog", "dialog",
                "search", "banner", "contentinfo", "tooltip", "toolbar"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# A page-level <header> or <footer> is chrome; one inside the article holds its byline or credits.
ARTICLE_ANCESTORS = {"article", "main"}


def preclean(root: lxml.html.HtmlElement) -> None:
    for element in list(root.iter(*UNWRAPPED_TAGS)):
        element.drop_tag()
    _unwrap_heading_anchors(root)
    doomed = []
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            doomed.append(element)
        elif tag in NON_CONTENT_TAGS or tag in CHROME_TAGS:
            doomed.append(element)
        elif _is_hidden(element) or element.get("role") in CHROME_ROLES:
            doomed.append(element)
        elif tag in ("header", "footer") and not _inside_article(element):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            _remove(element)


def _unwrap_heading_anchors(root: lxml.html.HtmlElement) -> None:
    """A section heading that links to itself (`<h3><a href="#setup">Setup</a></h3>`, for a
    permalink) is text, not a link: as a link it reads as a link-dense box and is dropped."""
    for heading in root.iter(*HEADINGS):
        for anchor in list(heading.iter("a")):
            if (anchor.get("href") or "").startswith("#"):
                anchor.drop_tag()


def _is_hidden(element: lxml.html.HtmlElement) -> bool:
    hidden = element.get("hidden")
    if hidden == "until-found":
        return False  # collapsed but findable content (Wikipedia's mobile sections): it is text
    if hidden is not None or element.get("aria-hidden") == "true":
        return element.tag not in ("img", "figure", "picture")  # decorative-but-real images are common
    style = element.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


def _inside_article(element: lxml.html.HtmlElement) -> bool:
    return any(ancestor.tag in ARTICLE_ANCESTORS for ancestor in element.iterancestors())


def _remove(element: lxml.html.HtmlElement) -> None:
    """Drops the element but keeps its tail text, which belongs to the parent."""
    element.drop_tree()
