"""What a search asks for and what it answers: plain data shared by the search backends."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

SORTS = ("newest", "oldest", "relevance")
STATES = ("unread", "read", "archived", "favourite")
# Counting and ranking stop here: "5,000+" is as useful as an exact count, and ranking every
# match of a common word is what makes search slow at 100k articles.
COUNT_CAP = 5000
# Snippet() and ts_headline() mark matches with these private-use characters; `render_snippet`
# escapes everything else and only then turns them into <mark> tags.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class Term:
    """Words that must appear together, in order (one word is the simplest phrase)."""

    text: str
    prefix: bool = False  # the last word may continue: `econom*`


@dataclass(frozen=True)
class Site:
    domain: str  # "example.com": the domain and its subdomains
    key: str  # the site's name folded like a tag key: "theguardian"


@dataclass(frozen=True)
class SearchSpec:
    user_id: int
    terms: tuple[Term, ...] = ()
    excluded_terms: tuple[Term, ...] = ()
    tag_keys: tuple[str, ...] = ()
    excluded_tag_keys: tuple[str, ...] = ()
    sites: tuple[Site, ...] = ()
    excluded_sites: tuple[Site, ...] = ()
    state: str | None = None
    sort: str = "newest"
    offset: int = 0
    limit: int = 20

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.excluded_terms)

    @property
    def has_facets(self) -> bool:
        return bool(self.tag_keys or self.excluded_tag_keys or self.sites or self.excluded_sites)


@dataclass
class SearchResult:
    ids: list[int]
    total: int
    total_capped: bool = False  # more than COUNT_CAP matches; `total` is COUNT_CAP
    snippets: dict[int, str] = field(default_factory=dict)


_MARKED = re.compile(f"{MARK_OPEN}(.*?){MARK_CLOSE}", re.DOTALL)


def render_snippet(raw: str) -> str:
    """Safe HTML: the text escaped, each match inside <mark>…</mark>."""
    escaped = html.escape(raw, quote=True)
    marked = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return marked.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
