"""Where an extracted body's blocks sit in the page, and how to add a page element back to the
body in document order. Used to bring back what an extractor dropped from inside the article
(a paragraph after an inline box, a caption, a picture)."""

from __future__ import annotations

import copy

import lxml.html

from folio.extract.blocks import leaf_blocks, normalised_text, text_key

# An added block goes beside a body block, but not inside the quote, list or table that block
# belongs to, unless it is of the same kind (a list item next to list items).
ENCLOSING_TAGS = frozenset({"blockquote", "ul", "ol", "li", "dl", "dd", "dt", "table", "thead", "tbody", "tfoot",
                            "tr", "td", "th", "figure", "figcaption", "pre"})


class PageIndex:
    """Finds a block in the page tree by its text, and answers where page elements sit.
    Built on first use: most pages never need it."""

    def __init__(self, page: lxml.html.HtmlElement):
        self._page = page
        self._order: dict | None = None

    def _build(self) -> None:
        self._order, self._by_text, self._blocks, self._block_number = {}, {}, [], {}
        for position, element in enumerate(self._page.iter()):
            self._order[element] = position
        for element in leaf_blocks(self._page):
            text = normalised_text(element)
            if text:
                self._by_text.setdefault(text_key(text), element)
                self._block_number[element] = len(self._blocks)
                self._blocks.append(element)

    def locate(self, block: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        if self._order is None:
            self._build()
        text = normalised_text(block)
        return self._by_text.get(text_key(text)) if text else None

    def next_block(self, element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        if self._order is None:
            self._build()
        number = self._block_number.get(element)
        if number is None or number + 1 >= len(self._blocks):
            return None
        return self._blocks[number + 1]

    def position(self, element: lxml.html.HtmlElement) -> int:
        if self._order is None:
            self._build()
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


class BodyPlacement:
    """A body's blocks located in the page, kept in document order as blocks are added."""

    def __init__(self, body: lxml.html.HtmlElement, index: PageIndex):
        self.body = body
        self.index = index
        located = [(block, index.locate(block)) for block in leaf_blocks(body)]
        self._located = sorted(((b, p) for b, p in located if p is not None), key=lambda pair: index.position(pair[1]))

    def places(self) -> set:
        return {place for _, place in self._located}

    def span(self) -> tuple[int, int] | None:
        """Page positions of the first and the last located block."""
        if not self._located:
            return None
        return self.index.position(self._located[0][1]), self.index.position(self._located[-1][1])

    def region(self, levels: int) -> lxml.html.HtmlElement | None:
        """The part of the page the body came from: its blocks' lowest common ancestor, widened by
        `levels` (articles keep lead paragraphs and captions beside the main text's container);
        None when the blocks are spread over the whole page."""
        if not self._located:
            return None
        region = self.index.common_ancestor([place for _, place in self._located])
        if region.tag in ("body", "html"):
            return None
        for _ in range(levels):
            parent = region.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            region = parent
        return region

    def insert(self, element: lxml.html.HtmlElement, place: lxml.html.HtmlElement) -> None:
        """Adds a copy of `element`, which sits at `place` in the page, after the body's blocks
        that come before it there."""
        position = self.index.position(place)
        before = [b for b, p in self._located if self.index.position(p) < position]
        addition = copy.deepcopy(element)
        addition.tail = None
        if before:
            _outside_containers(before[-1], addition, self.body).addnext(addition)
        elif self._located:
            _outside_containers(self._located[0][0], addition, self.body).addprevious(addition)
        else:
            self.body.append(addition)
        self._located.append((addition, place))
        self._located.sort(key=lambda pair: self.index.position(pair[1]))
        if addition.tag == "li":
            _wrap_loose_items(self.body)


def _outside_containers(anchor, addition, body):
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
