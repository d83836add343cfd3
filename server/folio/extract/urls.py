"""Makes every address in the article body absolute, against the page's <base> or its URL."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html

from folio.srcset import format_srcset, srcset_candidates

URL_ATTRIBUTES = {"a": ("href",), "img": ("src",), "source": ("src",), "q": ("cite",), "blockquote": ("cite",)}


def page_base(root: lxml.html.HtmlElement, url: str, canonical_url: str | None) -> str:
    """What relative addresses resolve against: the page's <base>, else its URL; for a page read
    from a file, its canonical address (the file's folder says nothing about the site)."""
    if not _is_web(url) and canonical_url:
        url = canonical_url
    base = root.find(".//base[@href]")
    if base is not None:
        candidate = _join(url, base.get("href"))
        if candidate and _is_web(candidate):
            return candidate
    return url


def _is_web(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def make_urls_absolute(body: lxml.html.HtmlElement, base: str) -> None:
    for element in body.iter(*URL_ATTRIBUTES):
        for attribute in URL_ATTRIBUTES[element.tag]:
            value = element.get(attribute)
            if value is None:
                continue
            absolute = _join(base, value)
            if absolute is None:
                del element.attrib[attribute]
            else:
                element.set(attribute, absolute)
        if element.get("srcset"):
            element.set("srcset", _absolute_srcset(base, element.get("srcset")))


def _join(base: str, value: str) -> str | None:
    value = value.strip()
    if not value or value.startswith("#"):
        return value or None
    try:
        return urljoin(base, value)
    except ValueError:  # malformed, e.g. an unbalanced IPv6 bracket
        return None


def _absolute_srcset(base: str, srcset: str) -> str:
    return format_srcset([(absolute, descriptor) for url, descriptor in srcset_candidates(srcset)
                          if (absolute := _join(base, url))])
