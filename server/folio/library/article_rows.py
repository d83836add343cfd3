"""Between `folio.article.Article` and the `StoredArticle` row: copy fields in, shape JSON out."""

from __future__ import annotations

import zlib
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from folio.article import Article, Tag
from folio.storage import StoredArticle

CAPTURE_METHODS = ("extension", "api", "import")  # how the page reached Folio
ARTICLE_FIELDS = tuple(f.name for f in fields(Article) if f.name != "tags")
STATE_FIELDS = ("read", "archived", "favourite")
WEB_PATH = "/articles/{id}"  # the reading page that folio.web serves for a stored article


def article_of(row: StoredArticle) -> Article:
    """The row as an `Article`, with the user's tags on it."""
    article = Article(**{name: getattr(row, name) for name in ARTICLE_FIELDS})
    article.tags = tags_of(row)
    return article


def tags_of(row: StoredArticle) -> list[Tag]:
    links = sorted(row.tag_links, key=lambda link: link.tag.name.casefold())
    return [Tag(name=link.tag.name, source=link.source) for link in links]


def stored_article_dict(row: StoredArticle) -> dict[str, Any]:
    """The stored article JSON of docs/api-contract.md."""
    return {
        "id": row.id,
        **article_of(row).to_dict(),
        "saved_at": iso_time(row.saved_at),
        "updated_at": iso_time(row.updated_at),
        "read": row.read,
        "archived": row.archived,
        "favourite": row.favourite,
        "capture": row.capture,
        "extractor_version": row.extractor_version,
        "web_url": WEB_PATH.format(id=row.id),
    }


def fill_article_fields(row: StoredArticle, article: Article) -> list[str]:
    """Copy the article's fields onto the row; return the names of those that changed.

    A title the user edited stays: a new extraction must not undo the user's correction.
    """
    changed = []
    for name in ARTICLE_FIELDS:
        if name == "title" and row.title_edited:
            continue
        value = getattr(article, name)
        value = storable_text(value) if isinstance(value, str) else value
        if getattr(row, name) != value:
            changed.append(name)
            setattr(row, name, value)
    return changed


def storable_text(value: str) -> str:
    """Without the characters PostgreSQL refuses in text (NUL) or UTF-8 cannot carry (surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "ignore").decode("utf-8")
    return value.replace("\x00", "")


def row_for_key(session: Session, user_id: int, url_key: str) -> StoredArticle | None:
    return session.scalar(
        select(StoredArticle).where(StoredArticle.user_id == user_id, StoredArticle.url_key == url_key)
    )


def compress_html(html: str | bytes) -> bytes:
    data = html.encode("utf-8", "replace") if isinstance(html, str) else html
    return zlib.compress(data, 6)


def original_html(row: StoredArticle) -> str:
    return zlib.decompress(row.original_html).decode("utf-8", "replace")


def iso_time(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
