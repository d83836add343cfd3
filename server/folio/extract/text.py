"""Plain text of the article body, word count and reading time."""

from __future__ import annotations

import math
import re

import lxml.html

BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
                        "figcaption", "caption", "dt", "dd", "table", "ul", "ol", "dl", "figure", "hr",
                        "section", "article", "details", "summary"})
CELL_TAGS = frozenset({"td", "th"})
# Scripts written without spaces between words: each character counts as a word-sized unit.
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]")
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*", re.UNICODE)
WORDS_PER_MINUTE = 230  # adult silent reading of prose (Brysbaert 2019)
CHARACTERS_PER_MINUTE = 500  # the same for Chinese/Japanese/Korean characters


def body_text(body: lxml.html.HtmlElement) -> str:
    """One paragraph a line; inline elements flow into their paragraph."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(element) -> None:
        block = element.tag in BLOCK_TAGS
        if block:
            flush()
        elif element.tag in CELL_TAGS and current:
            current.append(" ")  # cells of a row are one line, their texts kept apart
        if element.tag == "br":
            flush()
        elif element.tag == "img":
            pass
        else:
            current.append(element.text or "")
            for child in element:
                if isinstance(child.tag, str):
                    walk(child)
                current.append(child.tail or "")
        if block:
            flush()

    walk(body)
    flush()
    return "\n".join(lines)


def word_count(text: str) -> int:
    unspaced = len(UNSPACED_SCRIPT.findall(text))
    spaced = len(WORD.findall(UNSPACED_SCRIPT.sub(" ", text))) if unspaced else len(WORD.findall(text))
    return spaced + unspaced


def reading_minutes(text: str) -> int:
    unspaced = len(UNSPACED_SCRIPT.findall(text))
    spaced = word_count(text) - unspaced
    minutes = spaced / WORDS_PER_MINUTE + unspaced / CHARACTERS_PER_MINUTE
    return max(1, math.ceil(minutes)) if text.strip() else 0
