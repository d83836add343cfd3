"""Combines the two candidates into one body.

readability-lxml keeps the article's structure and rarely takes boilerplate, but it sometimes
drops parts of the article (captions, tables, sections after an inline box). trafilatura is
better at keeping those. So readability's body is the base; blocks that only trafilatura
found are added back when they sit inside the same part of the page (the lowest common
ancestor of readability's blocks in the page tree), which keeps out trafilatura's occasional
comments and sidebars. When readability found almost nothing that trafilatura did not, and
far less text, readability picked the wrong part of the page and trafilatura's body wins.
"""

from __future__ import annotations

import copy

import lxml.html

from folio.extract.blocks import leaf_blocks, normalised_text, shingles, text_key
from folio.extract.candidates import Candidate

# readability's body is judged to be the wrong part of the page when it holds less than
# this share of trafilatura's text and nearly all of it is also in trafilatura's body.
WRONG_PART_SHARE = 0.1
CONTAINED_SHARE = 0.8
# A trafilatura block is "missing" from readability's body when less than this share of its
# shingles are there.
MISSING_SHARE = 0.5
# readability's body is trusted alone (trafilatura is not run) when it holds at least this
# share of the page's prose: the text of its paragraph-like blocks that are not mostly links.
TRUSTED_PROSE_SHARE = 1.0
PROSE_TAGS = ("p", "pre", "td", "li", "blockquote")
MIN_PROSE_BLOCK = 40
MAX_PROSE_LINK_SHARE = 0.3
# What trafilatura adds back stays small beside readability's body: captions, a paragraph
# after an inline box. When it would add more than this share, it is another part of the page.
MAX_RESCUE_SHARE = 0.5
# A heading is only added back with the text it heads: alone, it titled a box that was dropped
# ("Read also", "Related").
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
ENCLOSING_TAGS = frozenset({"blockquote", "ul", "ol", "li", "dl", "dd", "dt", "table", "thead", "tbody", "tfoot",
                            "tr", "td", "th", "figure", "figcaption", "pre"})
# How many levels above readability's container trafilatura's extra blocks may sit: articles
# often keep their lead paragraphs or captions in a sibling of the main text's container.
NEIGHBOURHOOD_LEVELS = 2


def covers_page_prose(candidate: Candidate, page: lxml.html.HtmlElement) -> bool:
    """Whether a candidate already holds (nearly) all of the page's prose, so that a second
    extractor could add nothing worth its time."""
    have = len(" ".join(candidate.body.text_content().split()))
    if page.find(".//figcaption") is not None and candidate.body.find(".//figcaption") is None:
        return False  # readability drops figures; trafilatura keeps their captions
    return have >= TRUSTED_PROSE_SHARE * _prose_length(page)


def _prose_length(page: lxml.html.HtmlElement) -> int:
    total = 0
    for block in page.iter(*PROSE_TAGS):
        length = len(" ".join(block.text_content().split()))
        if length < MIN_PROSE_BLOCK:
            continue
        if sum(len(a.text_content()) for a in block.iter("a")) > MAX_PROSE_LINK_SHARE * length:
            continue
        total += length
    return total


def merge_candidates(readability: Candidate | None, trafilatura: Candidate | None,
                     page: lxml.html.HtmlElement) -> Candidate | None:
    if readability is None or trafilatura is None:
        return readability or trafilatura
    base_shingles = shingles(readability.body.text_content())
    other_shingles = shingles(trafilatura.body.text_content())
    base_size, other_size = sum(base_shingles.values()), sum(other_shingles.values())
    shared = sum((base_shingles & other_shingles).values())
    if base_size < WRONG_PART_SHARE * other_size and shared >= CONTAINED_SHARE * base_size:
        return trafilatura
    base_text = " ".join(readability.body.text_content().split())
    missing = [block for block in leaf_blocks(trafilatura.body)
               if _missing_from(block, base_shingles, base_text)]
    if missing:
        _add_back(readability.body, missing, page)
    return readability


def _missing_from(block: lxml.html.HtmlElement, present_shingles, present_text: str) -> bool:
    text = normalised_text(block)
    own = shingles(text)
    size = sum(own.values())
    if size <= 1:  # too short for shingles: look for the words themselves
        return bool(text) and text not in present_text
    return sum((own & present_shingles).values()) < MISSING_SHARE * size


def _add_back(body: lxml.html.HtmlElement, missing: list, page: lxml.html.HtmlElement) -> None:
    index = _PageIndex(page)
    base_blocks = [(block, index.locate(block)) for block in leaf_blocks(body)]
    located = [(block, place) for block, place in base_blocks if place is not None]
    if not located:
        return
    container = index.common_ancestor([place for _, place in located])
    if container.tag in ("body", "html"):
        return  # readability's blocks are spread over the whole page: nothing to anchor to
    region = _widened(container, NEIGHBOURHOOD_LEVELS)
    rescued = [(block, place) for block, place in ((b, index.locate(b)) for b in missing)
               if place is not None and index.is_inside(place, region)]
    base_length = len(body.text_content())
    if sum(len(block.text_content()) for block, _ in rescued) > MAX_RESCUE_SHARE * base_length:
        return  # more than a few omissions: another part of the page (a gallery, comments)
    kept_places = {place for _, place in located} | {place for _, place in rescued}
    rescued = [(block, place) for block, place in rescued
               if block.tag not in HEADINGS or index.next_block(place) in kept_places]
    for block, place in rescued:
        position = index.position(place)
        before = [b for b, p in located if index.position(p) < position]
        addition = copy.deepcopy(block)
        addition.tail = None
        if before:
            _outside_containers(before[-1], addition, body).addnext(addition)
        else:
            _outside_containers(located[0][0], addition, body).addprevious(addition)
        located.append((addition, place))
        located.sort(key=lambda pair: index.position(pair[1]))
    _wrap_loose_items(body)


def _outside_containers(anchor, addition, body):
    """Where to put an added block beside `anchor`: not inside a quote, list or table the anchor
    belongs to, unless the addition is of the same kind (a list item next to list items)."""
    while anchor.getparent() is not None and anchor.getparent() is not body \
            and anchor.getparent().tag in ENCLOSING_TAGS and not (addition.tag == "li" and anchor.tag == "li"):
        anchor = anchor.getparent()
    return anchor


def _wrap_loose_items(body: lxml.html.HtmlElement) -> None:
    """List items added back on their own get a list around them again."""
    for item in list(body.iter("li")):
        parent = item.getparent()
        if parent is None or parent.tag in ("ul", "ol", "menu"):
            continue
        wrapper = lxml.html.Element("ul")
        item.addprevious(wrapper)
        while item is not None and item.tag == "li":
            following = item.getnext()
            wrapper.append(item)
            item = following


def _widened(container: lxml.html.HtmlElement, levels: int) -> lxml.html.HtmlElement:
    region = container
    for _ in range(levels):
        parent = region.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        region = parent
    return region


class _PageIndex:
    """Finds a candidate's block in the page tree by its text, and answers where it sits."""

    def __init__(self, page: lxml.html.HtmlElement):
        self._order = {}
        self._by_text = {}
        self._blocks = []
        self._block_number = {}
        for position, element in enumerate(page.iter()):
            self._order[element] = position
        for element in leaf_blocks(page):
            text = normalised_text(element)
            if text:
                self._by_text.setdefault(text_key(text), element)
                self._block_number[element] = len(self._blocks)
                self._blocks.append(element)

    def locate(self, block: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        text = normalised_text(block)
        return self._by_text.get(text_key(text)) if text else None

    def next_block(self, element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        number = self._block_number.get(element)
        if number is None or number + 1 >= len(self._blocks):
            return None
        return self._blocks[number + 1]

    def position(self, element: lxml.html.HtmlElement) -> int:
        return self._order.get(element, -1)

    @staticmethod
    def common_ancestor(elements: list) -> lxml.html.HtmlElement:
        paths = [list(reversed([e, *e.iterancestors()])) for e in elements]
        common = paths[0][0]
        for level in zip(*paths):
            if all(node is level[0] for node in level):
                common = level[0]
            else:
                break
        return common

    @staticmethod
    def is_inside(element: lxml.html.HtmlElement, container: lxml.html.HtmlElement) -> bool:
        return element is container or any(a is container for a in element.iterancestors())
