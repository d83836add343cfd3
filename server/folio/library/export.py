"""Export a user's articles to a file, and import a Folio export back (nothing lost either way)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from folio.article import Tag
from folio.errors import BadInput
from folio.library.archive_format import ArchivedArticle, read_archive, write_archive
from folio.library.article_rows import compress_html, fill_article_fields, row_for_key, tags_of
from folio.library.articles import ArticleFilter, search_spec
from folio.library.documents import write_epub, write_html, write_markdown
from folio.library.tags import merge_tags, tag_key
from folio.library.urls import identifying_url, url_key
from folio.library.user_tags import known_tags, set_article_tags
from folio.storage import StoredArticle, User, write
from folio.storage.search import search
from folio.storage.search_spec import SearchSpec


@dataclass(frozen=True)
class ExportFormat:
    writer: Callable[..., None]
    mimetype: str
    extension: str


EXPORT_FORMATS = {
    "json": ExportFormat(write_archive, "application/json", "json"),
    "markdown": ExportFormat(write_markdown, "text/markdown; charset=utf-8", "md"),
    "html": ExportFormat(write_html, "text/html; charset=utf-8", "html"),
    "epub": ExportFormat(write_epub, "application/epub+zip", "epub"),
}
BATCH_SIZE = 200  # articles loaded (and, on import, committed) at a time


@dataclass(frozen=True)
class ImportResult:
    imported: int
    updated: int


def export_format(name: str) -> ExportFormat:
    if name not in EXPORT_FORMATS:
        raise BadInput(f"format must be one of {', '.join(EXPORT_FORMATS)}")
    return EXPORT_FORMATS[name]


def export_articles(
    session: Session, user: User, format_name: str, out: IO[bytes], filters: ArticleFilter = ArticleFilter()
) -> ExportFormat:
    """Write the user's articles matching `filters` (oldest first) to `out`; returns the format used."""
    chosen = export_format(format_name)
    chosen.writer(_matching_rows(session, user, filters), out)
    return chosen


def _matching_rows(session: Session, user: User, filters: ArticleFilter) -> Iterator[StoredArticle]:
    """The rows in save order, loaded a batch at a time; the filters are checked before any output."""
    if filters.url is not None:
        raise BadInput("an export takes no url filter")
    first_batch = search_spec(user, replace(filters, sort="oldest"), offset=0, limit=BATCH_SIZE)
    return _rows_in_batches(session, first_batch)


def _rows_in_batches(session: Session, spec: SearchSpec) -> Iterator[StoredArticle]:
    while True:
        ids = search(session, spec).ids
        rows = session.scalars(
            select(StoredArticle).where(StoredArticle.id.in_(ids))
            .options(undefer(StoredArticle.original_html)).order_by(StoredArticle.id)
        ).all()
        for row in rows:
            yield row
            session.expunge(row)  # keep memory flat on large libraries
        if len(ids) < spec.limit:
            return
        spec = replace(spec, offset=spec.offset + spec.limit)


def import_articles(session: Session, user: User, data: bytes | str | dict) -> ImportResult:
    """Read a Folio export (JSON) into the user's library.

    Articles the user has (same page) are updated from the file, keeping tags the file lacks;
    the rest are added in the file's order, so the save order survives a round trip.
    """
    archived = read_archive(data)
    imported = updated = 0
    for start in range(0, len(archived), BATCH_SIZE):
        batch = archived[start:start + BATCH_SIZE]
        created = write(session, lambda: [_import_one(session, user.id, item) for item in batch])
        imported += sum(created)
        updated += len(created) - sum(created)
    return ImportResult(imported=imported, updated=updated)


def _import_one(session: Session, user_id: int, item: ArchivedArticle) -> bool:
    article = item.article
    key = url_key(identifying_url(article.url, article.canonical_url))
    row = row_for_key(session, user_id, key)
    created = row is None
    if created:
        row = StoredArticle(user_id=user_id, url_key=key)
        session.add(row)
    row.title_edited = False  # the file's title wins; then its edited mark applies
    fill_article_fields(row, article)
    row.title_edited = item.title_edited
    row.page_url_key = url_key(article.url)
    row.original_html = compress_html(item.original_html)
    for name in ("saved_at", "updated_at", "read", "archived", "favourite", "capture", "extractor_version"):
        setattr(row, name, getattr(item, name))
    known = known_tags(session, user_id)
    file_tags = [Tag(name=known.get(tag_key(tag.name), tag.name), source=tag.source) for tag in article.tags]
    set_article_tags(session, row, merge_tags([] if created else tags_of(row), file_tags))
    session.flush()
    return created
