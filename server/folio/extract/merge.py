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

import lxml.html

from folio.extract.blocks import HEADINGS, leaf_blocks, normalised_text, shingles
from folio.extract.candidates import Candidate
from folio.extract.page_places import BodyPlacement, PageIndex

# readability's body is judged to be the wrong part of the page when it holds less than
# this share of trafilatura's text and nearly all of it is also in trafilatura's body.
WRONG_PART_SHARE = 0.1
CONTAINED_SHARE = 0.8
# A trafilatura block is "missing" from readability's body when less than this share of its
# shingles are there.
MISSING_SHARE = 0.5
# readability's body is trusted alone (trafilatura is not run) when no more than this share of
# the page's prose is missing from it: the text of its paragraph-like blocks not mostly links.
UNCOVERED_PROSE_SHARE = 0.02
PROSE_TAGS = ("p", "pre", "td", "li", "blockquote")
MIN_PROSE_BLOCK = 40
MAX_PROSE_LINK_SHARE = 0.3
# What trafilatura adds back stays small beside readability's body: captions, a paragraph
# after an inline box. When it would add more than this share, it is another part of the page.
MAX_RESCUE_SHARE = 0.5
# How many levels above readability's container trafilatura's extra blocks may sit: articles
# often keep their lead paragraphs or captions in a sibling of the main text's container.
NEIGHBOURHOOD_LEVELS = 2


def covers_page_prose(candidate: Candidate, page: lxml.html.HtmlElement) -> bool:
    """Whether a candidate already holds the page's prose, so that a second extractor could add
    nothing worth its time: every paragraph-like block of the page that is not mostly links is
    in the candidate, but for a few short ones."""
    if page.find(".//figcaption") is not None and candidate.body.find(".//figcaption") is None:
        return False  # readability drops figures; trafilatura keeps their captions
    have = " ".join(candidate.body.text_content().split())
    present = None
    prose = missing = 0
    for text in _prose_blocks(page):
        prose += len(text)
        if text in have:
            continue
        present = present if present is not None else shingles(have)
        if _missing_from(text, present, have):
            missing += len(text)
    return missing <= UNCOVERED_PROSE_SHARE * prose


def _prose_blocks(page: lxml.html.HtmlElement):
    for block in page.iter(*PROSE_TAGS):
        text = " ".join(block.text_content().split())
        if len(text) < MIN_PROSE_BLOCK:
            continue
        if sum(len(a.text_content()) for a in block.iter("a")) > MAX_PROSE_LINK_SHARE * len(text):
            continue
        yield text


def merge_candidates(readability: Candidate | None, trafilatura: Candidate | None,
                     page: lxml.html.HtmlElement, index: PageIndex | None = None) -> Candidate | None:
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
               if _missing_from(normalised_text(block), base_shingles, base_text)]
    if missing:
        _add_back(readability.body, missing, index or PageIndex(page))
    return readability


def _missing_from(text: str, present_shingles, present_text: str) -> bool:
    """Whether less than MISSING_SHARE of this normalised text is in the present text."""
    own = shingles(text)
    size = sum(own.values())
    if size <= 1:  # too short for shingles: look for the words themselves
        return bool(text) and text not in present_text
    return sum((own & present_shingles).values()) < MISSING_SHARE * size


def _add_back(body: lxml.html.HtmlElement, missing: list, index: PageIndex) -> None:
    placement = BodyPlacement(body, index)
    region = placement.region(NEIGHBOURHOOD_LEVELS)
    if region is None:
        return
    rescued = [(block, place) for block, place in ((b, index.locate(b)) for b in missing)
               if place is not None and index.is_inside(place, region)]
    base_length = len(body.text_content())
    if sum(len(block.text_content()) for block, _ in rescued) > MAX_RESCUE_SHARE * base_length:
        return  # more than a few omissions: another part of the page (a gallery, comments)
    kept_places = placement.places() | {place for _, place in rescued}
    # A heading is only added back with the text it heads: alone, it titled a box that was
    # dropped ("Read also", "Related").
    rescued = [(block, place) for block, place in rescued
               if block.tag not in HEADINGS or index.next_block(place) in kept_places]
    for block, place in rescued:
        placement.insert(block, place)
