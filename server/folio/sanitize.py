"""The one allow-list for article HTML: everything stored or shown passes through here (nh3)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

from folio.srcset import format_srcset

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "q", "cite", "pre", "code", "kbd", "samp", "var", "em", "strong", "b", "i", "u", "s",
    "del", "ins", "mark", "small", "sub", "sup", "abbr", "time", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "details", "summary",
}
ALLOWED_ATTRIBUTES = {
    "*": {"dir", "lang"},
    "a": {"href", "title"},
    "img": {"src", "srcset", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
CONTROL_OR_SPACE = re.compile(r"[\x00-\x20]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg",
                        "select", "textarea", "button", "form", "title", "head"}


def without_lone_surrogates(text: str) -> str:
    """`text` with each half of a surrogate pair that has lost its other half made U+FFFD.

    JavaScript strings may hold one (a cut emoji), which JSON carries as "\ud83d" (json.loads
    joins only whole pairs); lxml would drop the page after it, nh3 and the database cannot take
    it. UTF-8 has no encoding for it, so a successful encode (a third of the regex scan's time on
    a 126 KB page; free when the text is ASCII) shows there is none to replace.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub("\ufffd", text)
    return text


def sanitize_html(html: str) -> str:
    return nh3.clean(
        without_lone_surrogates(html),
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_url_lists,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _filter_url_lists(element: str, attribute: str, value: str) -> str | None:
    """nh3 checks the scheme of href and src; srcset and cite hold URLs it does not check.

    Fails closed: when this filter raises, nh3 keeps the attribute unchanged, so any error drops it.
    """
    try:
        return _checked_url_list(attribute, value)
    except Exception:  # noqa: BLE001 - "http://[::1" made urlsplit raise and kept a javascript: srcset
        return None


def _checked_url_list(attribute: str, value: str) -> str | None:
    if attribute == "srcset":
        kept = [(url, descriptor) for url, descriptor in browser_srcset(value) if _allowed_url(url)]
        return format_srcset(kept) or None
    if attribute == "cite":
        return value if _allowed_url(value) else None
    return value


SRCSET_SPACE = " \t\n\r\f"


def browser_srcset(value: str) -> list[tuple[str, str]]:
    """(url, descriptors) as a browser reads srcset (HTML standard, "parse a srcset attribute").

    Not `folio.srcset.srcset_candidates`, the extractor's lenient reader: a check must see the
    URLs the browser will load. Browsers skip commas before a URL (",javascript:x") and end a
    candidate at any comma after its descriptors ("a.jpg 1x ,javascript:x", "a.jpg 9h,data:x").
    """
    candidates, position, end = [], 0, len(value)
    while True:
        while position < end and (value[position] in SRCSET_SPACE or value[position] == ","):
            position += 1
        if position >= end:
            return candidates
        start = position
        while position < end and value[position] not in SRCSET_SPACE:
            position += 1
        url, descriptors = value[start:position], []
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            position = _read_descriptors(value, position, descriptors)
        if url:
            candidates.append((url, " ".join(descriptors)))


def _read_descriptors(value: str, position: int, descriptors: list[str]) -> int:
    """The descriptor tokenizer: reads up to the comma that ends the candidate; returns the position after it."""
    current, in_parens = "", False
    while position < len(value):
        char = value[position]
        position += 1
        if in_parens:
            current += char
            in_parens = char != ")"
        elif char in SRCSET_SPACE:
            if current:
                descriptors.append(current)
                current = ""
        elif char == ",":
            break
        else:
            current += char
            in_parens = char == "("
    if current:
        descriptors.append(current)
    return position


def _allowed_url(url: str) -> bool:
    try:
        scheme = urlsplit(url.strip()).scheme.lower() if ":" in url else ""
    except ValueError:  # "http://[::1": not a URL a browser would load either
        return False
    return scheme in ALLOWED_URL_SCHEMES or (not scheme and not CONTROL_OR_SPACE.search(url))


def sanitize_text(value: str | None) -> str | None:
    """Plain-text fields (title, byline, tags): no markup at all, no control characters, and no
    bidi override characters that could make a title display as something else."""
    if value is None:
        return None
    # Markup in these fields is shown as text: templates and JSON consumers escape on output.
    return _UNSHOWN_CHARACTERS.sub("", value).strip()


# Explicit embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069): they can reverse
# how a title reads on screen ("Trojan Source" style spoofing).
BIDI_CONTROLS = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}
# Those, control characters other than whitespace (a page's "&#1;" is one) and the noncharacters.
_UNSHOWN_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff" + "".join(sorted(BIDI_CONTROLS)) + "]")
