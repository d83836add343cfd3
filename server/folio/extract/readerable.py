"""Is this page an article at all? Mozilla's isProbablyReaderable test, on Folio's tree.

Paragraph-like nodes with at least MIN_CONTENT_LENGTH characters each add the square root of
their extra length; a page scoring over MIN_SCORE has enough prose to be worth a reader view.
A home page or search result page has many short teasers and scores low.
"""

from __future__ import annotations

import math
import re

import lxml.html

MIN_CONTENT_LENGTH = 140
MIN_SCORE = 20
UNLIKELY = re.compile(r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|"
                      r"gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|"
                      r"sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote", re.IGNORECASE)
MAYBE = re.compile(r"and|article|body|column|content|main|shadow", re.IGNORECASE)
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
UNSPACED_WEIGHT = 2
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_probably_readerable(root: lxml.html.HtmlElement) -> bool:
    nodes = list(root.iter("p", "pre", "article"))
    nodes += [br.getparent() for br in root.xpath("//div/br | //td/br")]
    score, seen = 0.0, set()
    for node in nodes:
        if node is None or node in seen:
            continue
        seen.add(node)
        if not _visible(node):
            continue
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if UNLIKELY.search(names) and not MAYBE.search(names):
            continue
        if node.tag == "p" and node.getparent() is not None and node.getparent().tag == "li":
            continue
        text = node.text_content().strip()
        # One Chinese or Japanese character carries about as much as a short English word.
        length = len(text) + UNSPACED_WEIGHT * len(UNSPACED_SCRIPT.findall(text))
        if length < MIN_CONTENT_LENGTH:
            continue
        score += math.sqrt(length - MIN_CONTENT_LENGTH)
        if score > MIN_SCORE:
            return True
    return False


def _visible(node: lxml.html.HtmlElement) -> bool:
    style = node.get("style")
    if style and HIDDEN_STYLE.search(style):
        return False
    if node.get("hidden") is not None:
        return False
    return not (node.get("aria-hidden") == "true" and "fallback-image" not in (node.get("class") or ""))
