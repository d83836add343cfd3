"""Parses page text once into the lxml tree that every later stage shares."""

from __future__ import annotations

import lxml.etree
import lxml.html

from folio.errors import Unprocessable

# XML declarations with an encoding make lxml refuse str input; they carry nothing we need.
XML_DECLARATION_PREFIX = "<?xml"


def parse_page(text: str) -> lxml.html.HtmlElement:
    if text.lstrip().startswith(XML_DECLARATION_PREFIX):
        text = text.split("?>", 1)[-1]
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as error:
        raise Unprocessable(f"the page could not be parsed as HTML: {error}") from error
    if root is None or root.find("body") is None and not len(root):
        raise Unprocessable("the page has no HTML body")
    return root


# huge_tree: deep or very large rendered pages are legitimate; remove_comments saves work later.
_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
# lxml.html picks a Python class per element (forms, inputs, labels...) by calling back into
# Python for every element the stages touch, a tenth of the pipeline's time. No stage uses
# those classes' extras, so every element is a plain HtmlElement, chosen inside lxml.
_PARSER.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
