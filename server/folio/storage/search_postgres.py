"""Text search on PostgreSQL: the generated `search_vector` column and its GIN index.

Applies the PostgreSQL lessons of the shared notes (search-at-scale): ranking is capped to the
newest `RANKED_MATCHES` matches, counts stop at `COUNT_CAP`, ordering uses `id + 0` so the
planner cannot walk the primary key row by row, and ts_headline runs on the shown rows only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import reduce

from sqlalchemy import and_, func, literal_column, select, text
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from folio.storage.models import StoredArticle
from folio.storage.search_filters import filter_conditions
from folio.storage.search_spec import COUNT_CAP, MARK_CLOSE, MARK_OPEN, SearchResult, SearchSpec, Term, render_snippet

# Created by migration 0001: `simple` plus unaccent. A literal, so functions see a regconfig.
SEARCH_CONFIG = literal_column("'folio_search'::regconfig")
RANKED_MATCHES = 1000
HEADLINE_CHARS = 20_000  # ts_headline parses all it is given: 50 ms for 300 KB
HEADLINE_OPTIONS = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxFragments=1, MaxWords=30, MinWords=12"

search_vector = literal_column("articles.search_vector")


def search_text(session: Session, spec: SearchSpec) -> SearchResult:
    # `user_id + 0`: no index on the owner competes with the text index (see `_index_scans`).
    where = and_(StoredArticle.user_id + 0 == spec.user_id, _text_condition(spec), *filter_conditions(spec))
    counted = select(StoredArticle.id).where(where).limit(COUNT_CAP + 1).subquery()
    with _index_scans(session):
        total = session.scalar(select(func.count()).select_from(counted)) or 0
        ids = _page_ids(session, spec, where) if total else []
    snippets = _headlines(session, spec, ids) if ids and spec.terms else {}
    return SearchResult(ids=ids, total=min(total, COUNT_CAP), total_capped=total > COUNT_CAP, snippets=snippets)


@contextmanager
def _index_scans(session: Session) -> Iterator[None]:
    """Finds matches through the GIN index rather than by testing every row of the user.

    The planner prices `search_vector @@ query` as cheap, not knowing the vector is stored out of
    line and read separately for each row, so for frequent words it scans the table, or all of
    the user's rows through the owner index (the whole library on a single-user server): a
    common word took 150 ms at 100,000 articles, 25 ms through the text index
    (benchmarks/server.py; shared notes, search-at-scale). So table scans are off, and the
    owner condition is written so that no index serves it. The setting lasts for these
    statements only (SET LOCAL, then back; an error ends the transaction, and the setting too).
    """
    session.execute(text("SET LOCAL enable_seqscan = off"))
    yield
    session.execute(text("SET LOCAL enable_seqscan TO DEFAULT"))


def _page_ids(session: Session, spec: SearchSpec, where: ColumnElement[bool]) -> list[int]:
    unindexed_id = StoredArticle.id + 0
    if spec.sort == "relevance" and spec.terms:
        newest = (
            select(StoredArticle.id, search_vector.label("vector"))
            .where(where).order_by(unindexed_id.desc()).limit(RANKED_MATCHES)
            .cte("newest_matches").prefix_with("MATERIALIZED", dialect="postgresql")
        )
        rank = func.ts_rank_cd(newest.c.vector, _all_of(spec.terms))
        query = select(newest.c.id).order_by(rank.desc(), newest.c.id.desc())
    else:
        order = unindexed_id.asc() if spec.sort == "oldest" else unindexed_id.desc()
        query = select(StoredArticle.id).where(where).order_by(order)
    return list(session.scalars(query.offset(spec.offset).limit(spec.limit)))


def _headlines(session: Session, spec: SearchSpec, ids: list[int]) -> dict[int, str]:
    headline = func.ts_headline(
        SEARCH_CONFIG, func.left(StoredArticle.text, HEADLINE_CHARS), _all_of(spec.terms), HEADLINE_OPTIONS
    )
    rows = session.execute(select(StoredArticle.id, headline).where(StoredArticle.id.in_(ids)))
    return {row_id: render_snippet(raw or "") for row_id, raw in rows}


def _text_condition(spec: SearchSpec) -> ColumnElement[bool]:
    conditions = [search_vector.op("@@")(_all_of(spec.terms))] if spec.terms else []
    # An excluded word as the set of articles holding it (found through the index), not as a
    # test of each candidate's vector: "currently -refugee" took 200 ms that way, 14 ms this way.
    conditions += [
        StoredArticle.id.not_in(select(StoredArticle.id).where(search_vector.op("@@")(_query(term))))
        for term in spec.excluded_terms
    ]
    return and_(*conditions)


def _all_of(terms: tuple[Term, ...]) -> ColumnElement:
    return reduce(lambda left, right: left.op("&&")(right), [_query(term) for term in terms])


def _query(term: Term) -> ColumnElement:
    """A tsquery built by PostgreSQL's own functions from a bound string: no syntax to inject."""
    if term.prefix:
        # The parser keeps prefix terms to letters and digits, so quoting makes one lexeme.
        lexeme = "'" + term.text.replace("'", "''").replace("\\", "\\\\") + "':*"
        return func.to_tsquery(SEARCH_CONFIG, lexeme, type_=TSQUERY)
    return func.phraseto_tsquery(SEARCH_CONFIG, term.text, type_=TSQUERY)
