"""Text blocks (paragraph-level elements) and shingles: the units candidates are compared in."""

from __future__ import annotations

import re
from collections import Counter

import lxml.html

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th",
                        "figcaption", "caption", "dd", "dt"})
CONTAINER_BLOCKS = frozenset({"li", "blockquote", "td", "th", "dd"})  # may hold smaller blocks
WORD = re.compile(r"\w+")
SHINGLE = 4


def normalised_text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def leaf_blocks(body: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Block elements that hold no other block element, in document order."""
    found = []
    for element in body.iter(*BLOCK_TAGS):
        if element.tag in CONTAINER_BLOCKS and any(True for _ in element.iterdescendants(*BLOCK_TAGS)):
            continue
        found.append(element)
    return found


def shingles(text: str) -> Counter:
    words = WORD.findall(text)
    if len(words) < SHINGLE:
        return Counter([" ".join(words)]) if words else Counter()
    return Counter(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def text_key(text: str) -> str:
    """A lookup key for a block's text that survives small differences at its end."""
    return text[:120]
