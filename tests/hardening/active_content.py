"""An independent check that stored HTML holds nothing a browser would run or load as a document.

Written from the browser's side, not from folio.sanitize's allow-list: it knows which elements
and attributes can execute or navigate, and how browsers read a URL (tabs and newlines removed,
leading controls and spaces ignored, entities decoded) before they look at its scheme.
"""

from __future__ import annotations

import re

import lxml.html

# Elements that run code, load documents or plugins, restyle the page, or change how the rest
# of the page is parsed (raw-text and foreign-content elements are the usual mXSS vehicles).
ACTIVE_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "svg", "math",
    "form", "input", "button", "textarea", "select", "option", "keygen", "isindex", "base", "meta", "link",
    "template", "noscript", "xmp", "plaintext", "noembed", "noframes", "portal", "fencedframe", "video",
    "audio", "source", "track", "marquee", "bgsound", "title", "head", "body", "html", "dialog", "xml",
    "image", "animate", "set", "handler", "listener", "import",
}
# Attributes whose value the browser treats as a URL to load or navigate to.
URL_ATTRIBUTES = {
    "href", "src", "srcset", "cite", "action", "formaction", "background", "poster", "data", "codebase",
    "xlink:href", "lowsrc", "dynsrc", "longdesc", "usemap", "ping", "manifest", "icon", "profile",
    "archive", "classid", "imagesrcset", "attributionsrc",
}
# Attributes that run script or style, or that repurpose an element.
ACTIVE_ATTRIBUTES = {"style", "srcdoc", "is", "formaction", "autofocus", "contenteditable", "popover",
                     "popovertarget", "http-equiv", "xmlns", "xlink:href", "nonce", "slot"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_TAG = re.compile(r"<\s*/?\s*([^\s/>]+)")


def browser_url(value: str) -> str:
    """The URL as a browser reads an attribute value (entities already decoded by the parser):
    the WHATWG URL parser's first steps."""
    value = re.sub(r"[\t\n\r]", "", value)
    return value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"
                       "\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


def unsafe_url(value: str) -> bool:
    found = _SCHEME.match(browser_url(value))
    return found is not None and found.group(1).lower() not in SAFE_SCHEMES


def _srcset_urls(value: str) -> list[str]:
    """The URLs a browser reads from srcset (HTML standard, "parse a srcset attribute"): commas and
    spaces before a URL are skipped; a candidate's descriptors run to a comma outside parentheses."""
    urls, rest = [], value
    while rest := rest.lstrip(" \t\n\r\f,"):
        url = re.match(r"[^ \t\n\r\f]+", rest).group(0)
        rest = rest[len(url):]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            in_parens, index = False, 0
            while index < len(rest) and (in_parens or rest[index] != ","):
                in_parens = rest[index] == "(" or (in_parens and rest[index] != ")")
                index += 1
            rest = rest[index + 1:]
        urls.append(url)
    return urls


def active_content(content_html: str) -> list[str]:
    """Everything in `content_html` that could act; [] when it is inert."""
    problems = []
    for match in _TAG.finditer(content_html):
        name = match.group(1).lower()
        if name.startswith("!") or name.startswith("?"):
            problems.append(f"markup declaration or comment <{name}")
        elif name in ACTIVE_TAGS or ":" in name:
            problems.append(f"element <{name}>")
    if not content_html.strip():
        return problems
    root = lxml.html.fragment_fromstring(content_html, create_parent="div")
    for element in root.iter():
        if not isinstance(element.tag, str):
            problems.append(f"non-element node {element!r}")
            continue
        if element.tag.lower() in ACTIVE_TAGS:
            problems.append(f"element <{element.tag}>")
        for name, value in element.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on") or lowered in ACTIVE_ATTRIBUTES:
                problems.append(f"<{element.tag} {name}={value[:80]!r}>")
            if lowered in URL_ATTRIBUTES:
                urls = _srcset_urls(value) if lowered.endswith("srcset") else [value]
                problems += [f"<{element.tag} {name}={url[:80]!r}>" for url in urls if unsafe_url(url)]
    return problems
