"""Turns text separated by <br><br> into real paragraphs, as Readability does.

Old and hand-made pages write paragraphs as runs of text between double line breaks inside
one cell or div; extractors score <p> elements, so such text would otherwise be one lump or
be overlooked entirely.
"""

from __future__ import annotations

import lxml.html

# Elements that end a paragraph being gathered: block-level content.
BLOCK_TAGS = frozenset({"p", "div", "table", "ul", "ol", "dl", "blockquote", "pre", "h1", "h2", "h3", "h4",
                        "h5", "h6", "figure", "section", "article", "aside", "header", "footer", "nav",
                        "form", "hr", "main", "address", "center"})


def paragraphs_from_line_breaks(root: lxml.html.HtmlElement) -> None:
    for br in list(root.iter("br")):
        if br.getparent() is None or not _starts_double_break(br):
            continue
        _remove_following_breaks(br)
        _wrap_leading_text(br)
        if br.getparent().tag == "p":
            br.getparent().tag = "div"  # paragraphs cannot nest: the old paragraph was a container
        paragraph = lxml.html.Element("p")
        paragraph.text = br.tail
        br.tail = None
        sibling = br.getnext()
        while sibling is not None and not _is_block(sibling):
            if sibling.tag == "br" and _starts_double_break(sibling):
                break
            following = sibling.getnext()
            paragraph.append(sibling)
            sibling = following
        if paragraph.text or len(paragraph):
            br.getparent().replace(br, paragraph)
        else:
            br.getparent().remove(br)


def _wrap_leading_text(br: lxml.html.HtmlElement) -> None:
    """Text before the first double break of its parent is a paragraph too."""
    parent = br.getparent()
    leading = []
    sibling = br.getprevious()
    while sibling is not None and not _is_block(sibling):
        leading.insert(0, sibling)
        sibling = sibling.getprevious()
    starts_parent = sibling is None
    text = (parent.text if starts_parent else sibling.tail) or ""
    if not text.strip() and not any(e.text_content().strip() for e in leading):
        return
    paragraph = lxml.html.Element("p")
    paragraph.text = text
    if starts_parent:
        parent.text = None
    else:
        sibling.tail = None
    for element in leading:
        paragraph.append(element)
    br.addprevious(paragraph)


def _starts_double_break(br: lxml.html.HtmlElement) -> bool:
    following = br.getnext()
    return following is not None and following.tag == "br" and not (br.tail or "").strip()


def _remove_following_breaks(br: lxml.html.HtmlElement) -> None:
    following = br.getnext()
    while following is not None and following.tag == "br" and not (br.tail or "").strip():
        br.tail = following.tail
        following.getparent().remove(following)
        following = br.getnext()


def _is_block(element) -> bool:
    return isinstance(element.tag, str) and element.tag in BLOCK_TAGS
