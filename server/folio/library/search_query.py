"""The search box language: words, "exact phrases", -exclusions, tag:NAME and site:NAME.

    climate "sea level" -opinion tag:science site:nytimes.com econom*

Every word and phrase must match; a leading '-' excludes; a trailing '*' matches word starts.
Quotes may wrap a tag or site name with spaces: tag:"machine learning".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from folio.errors import BadInput
from folio.library.search_columns import site_key
from folio.library.tags import tag_key
from folio.storage.search_spec import Site, Term

MAX_QUERY_LENGTH = 500
MAX_QUERY_PARTS = 32

_PART = re.compile(r'(?P<minus>-)?(?:(?P<field>tag|site):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>[^\s"]+))', re.I)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_HAS_WORD = re.compile(r"[^\W_]")
_PREFIX_WORD = re.compile(r"[^\W_]+")


@dataclass
class ParsedQuery:
    terms: list[Term] = field(default_factory=list)
    excluded_terms: list[Term] = field(default_factory=list)
    tag_keys: list[str] = field(default_factory=list)
    excluded_tag_keys: list[str] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    excluded_sites: list[Site] = field(default_factory=list)


def parse_query(query: str) -> ParsedQuery:
    if len(query) > MAX_QUERY_LENGTH:
        raise BadInput(f"the search is longer than {MAX_QUERY_LENGTH} characters")
    parsed = ParsedQuery()
    parts = list(_PART.finditer(printable(query)))
    if len(parts) > MAX_QUERY_PARTS:
        raise BadInput(f"the search has more than {MAX_QUERY_PARTS} parts")
    for part in parts:
        excluded = part["minus"] is not None
        field_name = (part["field"] or "").lower()
        value = part["quoted"] if part["quoted"] is not None else part["bare"]
        if field_name == "tag":
            key = tag_key(value)
            if key:
                (parsed.excluded_tag_keys if excluded else parsed.tag_keys).append(key)
        elif field_name == "site":
            site = site_filter(value)
            if site:
                (parsed.excluded_sites if excluded else parsed.sites).append(site)
        else:
            term = _term(value, quoted=part["quoted"] is not None)
            if term:
                (parsed.excluded_terms if excluded else parsed.terms).append(term)
    return parsed


def printable(text: str) -> str:
    """Control characters as spaces: a NUL cuts an FTS5 query short and PostgreSQL refuses it."""
    return _CONTROL.sub(" ", text)


def site_filter(value: str) -> Site | None:
    """A site given as a domain ("nytimes.com"), a URL, or the site's name ("The Guardian")."""
    value = printable(value).strip()
    try:
        host = urlsplit(value).hostname if "://" in value else value.lower()
    except ValueError:  # "http://[::1" is no URL; as a site name it may still match
        host = ""
    host = (host or "").rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    domain = host if "." in host and not any(ch.isspace() or ch == "/" for ch in host) else ""
    key = site_key(value)
    return Site(domain=domain, key=key) if domain or key else None


def _term(value: str, *, quoted: bool) -> Term | None:
    if not _HAS_WORD.search(value):
        return None  # punctuation alone matches nothing in the index
    if not quoted and value.endswith("*"):
        word = value.rstrip("*")
        if _PREFIX_WORD.fullmatch(word):
            return Term(text=word, prefix=True)
        value = word
    return Term(text=value)
