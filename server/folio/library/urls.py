"""URL rules: which URLs Folio accepts, and the key that says two URLs are the same page."""

from __future__ import annotations

import ipaddress
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_URL_LENGTH = 8192
# The WHATWG URL standard's forbidden host code points (whitespace and controls are refused
# earlier): "https://"><svg onload=...>.example/" is no URL to a browser, so not to Folio either.
FORBIDDEN_HOST_CHARACTERS = frozenset('#/:<>?@[\\]^|')

# Query parameters that say how a visitor arrived, not which page they see. Dropped from the
# key so a link shared from a newsletter finds the article saved from the site itself.
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "mc_cid", "mc_eid",  # Mailchimp
    "igshid", "igsh",  # Instagram
    "ref", "ref_src", "ref_url",  # "?ref=hn", Twitter's ref_src
    "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp", "hsctatracking",  # HubSpot
    "mkt_tok",  # Marketo
    "oly_anon_id", "oly_enc_id",  # Omeda
    "vero_id", "vero_conv",
    "s_cid", "cmpid", "ncid", "ocid", "smid",  # newspapers' campaign ids (NYT: smid)
    "spm", "scm",  # Alibaba properties
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")  # Google Analytics, Piwik/Matomo
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web_url(value: str) -> bool:
    """An absolute http(s) URL with a host: the only kind of page Folio saves."""
    if not value or len(value) > MAX_URL_LENGTH or any(ch.isspace() or not ch.isprintable() for ch in value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme.lower() in DEFAULT_PORTS and _is_host(parts.hostname)


def _is_host(hostname: str | None) -> bool:
    """A domain name or an IP address, as a browser would accept it in a URL."""
    if not hostname:
        return False
    if ":" in hostname:  # only an IPv6 literal holds colons ("[::1]" arrives without brackets)
        try:
            ipaddress.IPv6Address(hostname)
        except ValueError:
            return False
        return True
    return not FORBIDDEN_HOST_CHARACTERS.intersection(hostname)


def url_key(url: str) -> str:
    """The URL reduced to what identifies the page.

    Scheme and host lower-cased, default port, fragment and tracking parameters dropped, the
    remaining parameters sorted, an empty path made "/".
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def identifying_url(page_url: str, canonical_url: str | None) -> str:
    """The URL whose key names the article: the page's canonical URL when it can be trusted.

    Some sites point every article's rel=canonical at their home page; taking it would fold all
    their articles into one row, so a canonical URL that is a site root is ignored unless the
    page itself is that root.
    """
    if not canonical_url or not is_web_url(canonical_url):
        return page_url
    if urlsplit(canonical_url).path in ("", "/") and urlsplit(page_url).path not in ("", "/"):
        return page_url
    return canonical_url


def domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").rstrip(".")
    return host[4:] if host.startswith("www.") else host
