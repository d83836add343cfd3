"""A user's saved articles: save (or update) a page, find, list and search, edit, delete, re-extract.

Every function takes the database session and the acting user; a user only ever reaches their
own articles (another user's id is simply not found).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from folio.article import Article
from folio.errors import BadInput, NotFound
from folio.library.article_rows import (
    CAPTURE_METHODS,
    compress_html,
    fill_article_fields,
    original_html,
    row_for_key,
    storable_text,
    tags_of,
)
from folio.library.search_columns import refresh_search_columns
from folio.library.search_query import parse_query, site_filter
from folio.library.tags import choose_suggested_tags, merge_tags, resolve_user_tags, tag_key
from folio.library.urls import identifying_url, url_key
from folio.library.user_tags import known_tags, prune_unused_tags, set_article_tags
from folio.sanitize import sanitize_text
from folio.storage import StoredArticle, User, utc_now, write
from folio.storage.search import search
from folio.storage.search_spec import SORTS, STATES, SearchSpec

MAX_PER_PAGE = 100


class Extract(Protocol):
    """The extraction engine as the library calls it: `folio.library.Extractor` in the app."""

    version: str

    def __call__(self, html: str | bytes, url: str) -> Article: ...


@dataclass(frozen=True)
class ArticleFilter:
    """What a list, search or export asks for (the query parameters of GET /api/v1/articles)."""

    q: str = ""
    tag: str | None = None
    site: str | None = None
    state: str | None = None
    sort: str = "newest"  # newest/oldest: save order; relevance: best match first when q has words
    url: str | None = None  # only the article saved from this page


@dataclass
class ArticlePage:
    items: list[StoredArticle]
    total: int
    page: int
    per_page: int
    total_capped: bool = False  # more matches than were counted; `total` is the cap
    snippets: dict[int, str] = field(default_factory=dict)  # id -> safe HTML with <mark>s


def save_page(
    session: Session, user: User, url: str, html: str, *, extract: Extract,
    tags: Sequence[str] = (), capture: str = "api",
) -> tuple[StoredArticle, bool]:
    """Extract the article from a page and save it: (row, True when it is new)."""
    article = extract(html, url)
    return save_article(session, user, article, html, tags=tags, capture=capture,
                        extractor_version=extract.version)


def save_article(
    session: Session, user: User, article: Article, html: str, *,
    tags: Sequence[str] = (), capture: str = "api", extractor_version: str,
) -> tuple[StoredArticle, bool]:
    """Store an extracted article, or update the user's row for the same page.

    An update keeps the user's tags, state and edited title. Suggested tags are mapped onto the
    user's own tags; only a new article may add new suggested names.
    """
    if capture not in CAPTURE_METHODS:
        raise BadInput(f"capture must be one of {', '.join(CAPTURE_METHODS)}")
    key = url_key(identifying_url(article.url, article.canonical_url))
    compressed = compress_html(html)
    user_id = user.id

    def work() -> tuple[StoredArticle, bool]:
        now = utc_now()
        row = row_for_key(session, user_id, key)
        created = row is None
        if created:
            row = StoredArticle(user_id=user_id, url_key=key, saved_at=now, read=False, archived=False,
                                favourite=False, title_edited=False)
            session.add(row)
        fill_article_fields(row, article)
        row.page_url_key = url_key(article.url)
        row.original_html = compressed
        row.extractor_version = extractor_version
        row.capture = capture
        row.updated_at = now
        known = known_tags(session, user_id)
        additions = resolve_user_tags(tags, known)
        additions += choose_suggested_tags(article.tags, known, allow_new=created)
        set_article_tags(session, row, merge_tags([] if created else tags_of(row), additions))
        session.flush()
        return row, created

    return write(session, work)


MAX_ARTICLE_ID = 2**63 - 1


def get_article(session: Session, user: User, article_id: int) -> StoredArticle:
    if not 0 < article_id <= MAX_ARTICLE_ID:
        raise NotFound(f"no article {article_id}")  # larger ids overflow the database's integers
    row = session.get(StoredArticle, article_id)
    if row is None or row.user_id != user.id:
        raise NotFound(f"no article {article_id}")
    return row


def find_article_by_url(session: Session, user: User, url: str) -> StoredArticle | None:
    """The article saved from this page (or whose canonical URL it is), tracking and fragment ignored."""
    key = url_key(url)
    return session.scalars(
        select(StoredArticle)
        .where(StoredArticle.user_id == user.id,
               or_(StoredArticle.url_key == key, StoredArticle.page_url_key == key))
        .order_by(StoredArticle.id).limit(1)
    ).first()


def list_articles(
    session: Session, user: User, filters: ArticleFilter = ArticleFilter(), page: int = 1, per_page: int = 20
) -> ArticlePage:
    """One page of the user's articles matching `filters`, with snippets when `q` has words."""
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise BadInput(f"page starts at 1 and per_page is 1 to {MAX_PER_PAGE}")
    if filters.url is not None:
        row = find_article_by_url(session, user, filters.url)
        return ArticlePage(items=[row] if row else [], total=1 if row else 0, page=1, per_page=per_page)
    spec = search_spec(user, filters, offset=(page - 1) * per_page, limit=per_page)
    result = search(session, spec)
    return ArticlePage(items=_rows_in_order(session, result.ids), total=result.total, page=page,
                       per_page=per_page, total_capped=result.total_capped, snippets=result.snippets)


def search_spec(user: User, filters: ArticleFilter, *, offset: int, limit: int) -> SearchSpec:
    if filters.sort not in SORTS:
        raise BadInput(f"sort must be one of {', '.join(SORTS)}")
    if filters.state is not None and filters.state not in STATES:
        raise BadInput(f"state must be one of {', '.join(STATES)}")
    query = parse_query(filters.q or "")
    tag_keys = list(query.tag_keys)
    if filters.tag:
        if not tag_key(filters.tag):
            raise BadInput("tag must hold a letter or digit")
        tag_keys.append(tag_key(filters.tag))
    sites = list(query.sites)
    if filters.site:
        site = site_filter(filters.site)
        if site is None:
            raise BadInput("site must be a domain or a site name")
        sites.append(site)
    return SearchSpec(
        user_id=user.id, terms=tuple(query.terms), excluded_terms=tuple(query.excluded_terms),
        tag_keys=tuple(tag_keys), excluded_tag_keys=tuple(query.excluded_tag_keys),
        sites=tuple(sites), excluded_sites=tuple(query.excluded_sites),
        state=filters.state, sort=filters.sort, offset=offset, limit=limit,
    )


def _rows_in_order(session: Session, ids: Sequence[int]) -> list[StoredArticle]:
    rows = {row.id: row for row in session.scalars(select(StoredArticle).where(StoredArticle.id.in_(ids)))}
    return [rows[article_id] for article_id in ids if article_id in rows]


def update_article(
    session: Session, user: User, article_id: int, *, tags: Iterable[str] | None = None,
    title: str | None = None, read: bool | None = None, archived: bool | None = None,
    favourite: bool | None = None,
) -> StoredArticle:
    """Change what the user may change; arguments left at None stay as they are.

    `tags` replaces the article's tags: names it already has keep their source, others are the
    user's. A title set here survives later re-saves and re-extractions.
    """
    tag_names = list(tags) if tags is not None else None

    def work() -> StoredArticle:
        row = get_article(session, user, article_id)
        if title is not None:
            row.title = storable_text(sanitize_text(title)) or None
            row.title_edited = True
        for name, value in (("read", read), ("archived", archived), ("favourite", favourite)):
            if value is not None:
                setattr(row, name, value)
        if tag_names is not None:
            current = {tag_key(tag.name): tag for tag in tags_of(row)}
            wanted = resolve_user_tags(tag_names, known_tags(session, user.id))
            set_article_tags(session, row, [current.get(tag_key(tag.name), tag) for tag in wanted])
            prune_unused_tags(session, user.id)
        refresh_search_columns(row)  # the state is searchable too
        row.updated_at = utc_now()
        session.flush()
        return row

    return write(session, work)


def delete_article(session: Session, user: User, article_id: int) -> None:
    def work() -> None:
        session.delete(get_article(session, user, article_id))
        prune_unused_tags(session, user.id)

    write(session, work)


def reextract_article(
    session: Session, user: User, article_id: int, *, extract: Extract
) -> tuple[StoredArticle, list[str]]:
    """Run the extractor again on the stored original page: (row, names of the fields that changed)."""
    row = get_article(session, user, article_id)
    article = extract(original_html(row), row.url)

    def work() -> tuple[StoredArticle, list[str]]:
        current = get_article(session, user, article_id)
        changes = fill_article_fields(current, article)
        before = tags_of(current)
        suggested = choose_suggested_tags(article.tags, known_tags(session, user.id), allow_new=False)
        set_article_tags(session, current, merge_tags(before, suggested))
        if tags_of(current) != before:
            changes.append("tags")
        current.extractor_version = extract.version
        current.updated_at = utc_now()
        session.flush()
        return current, changes

    return write(session, work)
