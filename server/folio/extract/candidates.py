"""Runs the two content extractors on copies of the shared, pre-cleaned tree.

Each returns a Candidate: the article body as an HTML element, or None when it found nothing.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import readability.readability as readability_module
import trafilatura
from readability import Document
from readability.readability import Unparseable
from trafilatura.htmlprocessing import convert_to_html

from folio.extract.data_tables import data_table_parts

# Both libraries log every page they give up on at WARNING; that is not an error for Folio.
for noisy in ("readability.readability", "trafilatura", "trafilatura.core", "trafilatura.main_extractor"):
    logging.getLogger(noisy).setLevel(logging.CRITICAL)


@dataclass
class Candidate:
    name: str
    body: lxml.html.HtmlElement


def _fast_clean(text: str) -> str:
    """readability-lxml's `clean` (whitespace runs around newlines become one newline, runs of
    spaces and tabs one space) with string methods instead of its three regular expressions,
    which take a third of readability-lxml's time. The library uses it to measure text, and
    the results are the same."""
    lines = "\n".join(filter(None, (line.strip() for line in text.split("\n"))))
    if "\t" in lines:  # rare: the library's own rule, whose single tabs become spaces uncollapsed
        return _TABS_AND_SPACES.sub(" ", lines)
    return "\n".join(" ".join(filter(None, line.split(" "))) for line in lines.split("\n"))


_TABS_AND_SPACES = re.compile(r"\t|[ \t]{2,}")


readability_module.clean = _fast_clean
# The tags whose presence in a <div> makes readability-lxml keep it a <div> rather than turn it
# into a <p>. It finds them by serialising the div's children and matching "<a", "<p", ... as
# prefixes of tag names; the same test on tag names avoids serialising the page over and over.
_DIV_KEEPING_PREFIXES = ("a", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul")


class _SharedTreeDocument(Document):
    """readability-lxml fed Folio's already parsed and cleaned tree instead of page text.

    Skips its own parse and lxml Cleaner pass (the pre-clean stage did that work), and hands
    each of its retries a fresh copy, since the algorithm removes nodes as it goes.
    """

    def _parse(self, input):  # noqa: A002 - the library's own parameter name
        self.encoding = "utf-8"
        return copy.deepcopy(input)

    def remove_unlikely_candidates(self):
        """The library's pass, except for cells and their content, as Readability.js does: a
        sortable column's header is class "headerSort", which the "header" pattern would drop."""
        unlikely, maybe = readability_module.REGEXES["unlikelyCandidatesRe"], \
            readability_module.REGEXES["okMaybeItsACandidateRe"]
        for element in self.html.findall(".//*"):
            names = f"{element.get('class', '')} {element.get('id', '')}"
            if len(names) < 2 or element.tag in ("html", "body") or not unlikely.search(names) \
                    or maybe.search(names) or _near_ancestor(element, "table", TABLE_CELL_DEPTH):
                continue
            if element.xpath("ancestor-or-self::pre | ancestor-or-self::code | descendant-or-self::main"
                             " | descendant-or-self::article | descendant-or-self::math"):
                continue
            element.drop_tree()

    def select_best_candidate(self, candidates):
        """The library's choice, but never part of a table: it scores a cell's row and row group
        only, so on a list page the <tbody> wins and the table's caption and header, and the
        introduction beside the table, are lost. The whole table stands in for its part."""
        best = super().select_best_candidate(candidates)
        if best is None or best["elem"].tag not in _TABLE_PARTS:
            return best
        table = next((a for a in best["elem"].iterancestors("table")), None)
        if table is None:
            return best
        score = max(best["content_score"], candidates.get(table, {}).get("content_score", 0))
        candidates[table] = {"content_score": score, "elem": table}
        return candidates[table]

    def get_preserved_elements(self, node):
        """The library's table-of-contents lists and quote leads, plus data tables and what they
        hold, which its link-density test would drop (a list of films is all links)."""
        preserved = super().get_preserved_elements(node)
        preserved.update(dict.fromkeys(data_table_parts(node), True))
        return preserved

    def transform_misused_divs_into_paragraphs(self):
        """The library's method, with its "serialise and search for <a, <p, ..." test replaced by
        the same test on tag names (see _DIV_KEEPING_PREFIXES)."""
        for div in self.tags(self.html, "div"):
            if not any(_keeps_div(d) for d in div.iterdescendants()):
                div.tag = "p"
        for div in self.tags(self.html, "div"):
            children = list(div)
            paragraph = None
            if div.text and div.text.strip():
                paragraph = lxml.html.fragment_fromstring("<p/>")
                paragraph.text, div.text = div.text, None
                div.insert(0, paragraph)
            for child in children:
                if child.tag == "br" or child.tag not in _INLINE_TAGS or _keeps_div(child) or \
                        any(_keeps_div(d) for d in child.iterdescendants()):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = lxml.html.fragment_fromstring("<p/>")
                    child.addprevious(paragraph)
                paragraph.append(child)
            for position, child in reversed(list(enumerate(div))):
                if child.tail and child.tail.strip():
                    loose = lxml.html.fragment_fromstring("<p/>")
                    loose.text, child.tail = child.tail, None
                    div.insert(position + 1, loose)
                if child.tag == "br":
                    child.drop_tree()


# Readability.js spares elements this close below a <table> from its "unlikely" class names.
TABLE_CELL_DEPTH = 3
_TABLE_PARTS = frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"})
_INLINE_TAGS = {"a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"}


def _near_ancestor(element, tag: str, depth: int) -> bool:
    for level, ancestor in enumerate(element.iterancestors()):
        if level >= depth:
            return False
        if ancestor.tag == tag:
            return True
    return False


def _keeps_div(element) -> bool:
    return isinstance(element.tag, str) and element.tag.startswith(_DIV_KEEPING_PREFIXES)


def readability_candidate(tree: lxml.html.HtmlElement, url: str) -> Candidate | None:
    try:
        summary = _SharedTreeDocument(tree, url=url).summary(html_partial=True, keep_all_images=True)
    except (Unparseable, ValueError, TypeError):
        return None
    body = _fragment(summary) if summary.strip() else None
    return Candidate("readability", body) if body is not None and body.text_content().strip() else None


def _fragment(html: str) -> lxml.html.HtmlElement | None:
    """The summary as one <div>; readability returns a whole document for some broken pages."""
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (AssertionError, lxml.etree.ParserError, ValueError):
        body = lxml.html.document_fromstring(html).find("body")
        if body is None:
            return None
        body.tag = "div"
        return body


def trafilatura_candidate(tree: lxml.html.HtmlElement, url: str) -> Candidate | None:
    document = trafilatura.bare_extraction(
        tree, url=url, fast=True, include_images=True, include_links=True, include_formatting=True,
        include_tables=True, include_comments=False, output_format="python",
    )
    if document is None or document.body is None or not (document.text or "").strip():
        return None
    html = lxml.html.tostring(convert_to_html(document.body), encoding="unicode")
    body = lxml.html.fragment_fromstring(html, create_parent="div")
    return Candidate("trafilatura", body)
