"""The one allow-list for article HTML: everything stored or shown passes through here (nh3)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

from folio.srcset import format_srcset, srcset_candidates

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
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg",
                        "select", "textarea", "button", "form", "title", "head"}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_url_lists,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _filter_url_lists(element: str, attribute: str, value: str) -> str | None:
    """nh3 checks the scheme of href and src; srcset and cite hold URLs it does not check."""
    if attribute == "srcset":
        kept = [(url, descriptor) for url, descriptor in srcset_candidates(value) if _allowed_url(url)]
        return format_srcset(kept) or None
    if attribute == "cite":
        return value if _allowed_url(value) else None
    return value


def _allowed_url(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower() if ":" in url else ""
    return scheme in ALLOWED_URL_SCHEMES or (not scheme and not CONTROL_OR_SPACE.search(url))


def sanitize_text(value: str | None) -> str | None:
    """Plain-text fields (title, byline, tags): no markup at all, and no bidi override characters
    that could make a title display as something else."""
    if value is None:
        return None
    # Markup in these fields is shown as text: templates and JSON consumers escape on output.
    return "".join(ch for ch in value if ch not in BIDI_CONTROLS).strip()


# Explicit embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069): they can reverse
# how a title reads on screen ("Trojan Source" style spoofing).
BIDI_CONTROLS = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}
