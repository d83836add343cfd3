"""Scores an extracted body against a reference: 4-token shingles of \\w+ tokens, as the public
article-extraction benchmark computes them, plus metadata agreement helpers."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import lxml.html

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4
BLOCK_TAGS = {
    "p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "td", "th", "figure", "figcaption", "br", "dd", "dt",
    "header", "footer", "main", "aside", "hr",
}


def shingles(text: str) -> Counter:
    tokens = TOKEN.findall(text or "")
    if len(tokens) < SHINGLE_SIZE:
        return Counter([" ".join(tokens)]) if tokens else Counter()
    return Counter(" ".join(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1))


@dataclass
class Match:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def match(reference: str, predicted: str) -> Match:
    truth, guess = shingles(reference), shingles(predicted)
    return Match(
        tp=sum((truth & guess).values()),
        fp=sum((guess - truth).values()),
        fn=sum((truth - guess).values()),
    )


def summarise(matches: list[Match]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages, and the F1 of those averages."""
    if not matches:
        return 0.0, 0.0, 0.0
    precision = sum(m.precision for m in matches) / len(matches)
    recall = sum(m.recall for m in matches) / len(matches)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def html_text(html: str) -> str:
    """Plain text of an HTML fragment with block elements on their own lines."""
    if not html or not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
    return root.text_content()


def normalise(value) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split()) or None
