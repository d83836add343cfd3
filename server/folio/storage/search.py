"""Finding a user's articles: one `SearchSpec` in, a page of ids (with snippets) and a total out.

With search words, SQLite uses its FTS5 index (`search_sqlite`) and PostgreSQL its tsvector
(`search_postgres`). SQLite also answers tag and site filters from FTS5, where they are words of
the `facets` column. Everything else is the same indexed SQL on both (`list_without_text`).
"""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from folio.storage import search_postgres, search_sqlite
from folio.storage.models import StoredArticle
from folio.storage.search_filters import filter_conditions
from folio.storage.search_spec import SearchResult, SearchSpec


def search(session: Session, spec: SearchSpec) -> SearchResult:
    if session.get_bind().dialect.name == "sqlite":
        if spec.has_text or spec.has_facets:
            return search_sqlite.search_index(session, spec)
    elif spec.has_text:
        return search_postgres.search_text(session, spec)
    return list_without_text(session, spec)


def list_without_text(session: Session, spec: SearchSpec) -> SearchResult:
    where = and_(StoredArticle.user_id == spec.user_id, *filter_conditions(spec))
    total = session.scalar(select(func.count()).select_from(StoredArticle).where(where))
    order = StoredArticle.id.asc() if spec.sort == "oldest" else StoredArticle.id.desc()
    ids = session.scalars(
        select(StoredArticle.id).where(where).order_by(order).offset(spec.offset).limit(spec.limit)
    ).all()
    return SearchResult(ids=list(ids), total=total or 0)
