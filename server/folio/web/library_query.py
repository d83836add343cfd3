"""The library page's query string (?q=&tag=&site=&state=&sort=&page=), read forgivingly.

A page address is typed, bookmarked and edited by hand: an unknown state or sort falls back to
the default and a page that is not a number is page 1, instead of an error page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from flask import url_for

from folio.library import ArticleFilter
from folio.storage.search_spec import SORTS, STATES

PER_PAGE = 24
MAX_PAGE = 999_999  # a larger number is read as this one: the offset stays far from any integer limit
STATE_LABELS = {"": "All", "unread": "Unread", "favourite": "Favourites", "archived": "Archived", "read": "Read"}
SORT_LABELS = {"newest": "Newest first", "oldest": "Oldest first", "relevance": "Best match"}
assert set(STATE_LABELS) - {""} == set(STATES) and set(SORT_LABELS) == set(SORTS)


@dataclass(frozen=True)
class LibraryQuery:
    q: str = ""
    tag: str = ""
    site: str = ""
    state: str = ""  # "" is every article
    sort: str = "newest"
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> LibraryQuery:
        state = args.get("state", "")
        sort = args.get("sort", "")
        return cls(
            q=args.get("q", "").strip(),
            tag=args.get("tag", "").strip(),
            site=args.get("site", "").strip(),
            state=state if state in STATES else "",
            sort=sort if sort in SORTS else "newest",
            page=page_number(args.get("page")),
        )

    def filters(self) -> ArticleFilter:
        return ArticleFilter(q=self.q, tag=self.tag or None, site=self.site or None,
                             state=self.state or None, sort=self.sort)

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.tag or self.site or self.state)

    def changed(self, **changes) -> LibraryQuery:
        """The same query with some values changed; a new filter starts again at page 1."""
        if "page" not in changes:
            changes["page"] = 1
        return replace(self, **changes)

    def url(self, **changes) -> str:
        """The library address for this query with `changes`, leaving defaults out."""
        query = self.changed(**changes) if changes else self
        args = {name: value for name, value in (
            ("q", query.q), ("tag", query.tag), ("site", query.site), ("state", query.state),
            ("sort", "" if query.sort == "newest" else query.sort),
            ("page", "" if query.page == 1 else str(query.page)),
        ) if value}
        return url_for("web.library_page", **args)


def page_number(raw: str | None) -> int:
    """Page 1 for anything but digits; past the last page the view shows the last page."""
    if not raw or not raw.isascii() or not raw.isdigit():
        return 1
    return min(max(1, int(raw[:7])), MAX_PAGE)


def last_page(total: int, per_page: int = PER_PAGE) -> int:
    return max(1, -(-total // per_page))
