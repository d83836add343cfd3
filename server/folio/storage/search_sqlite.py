"""Search on SQLite: one FTS5 MATCH holds the words, the owner, the tags, the site and the state.

Follows the measured pattern in the shared notes (search-at-scale): filters as FTS columns
inside MATCH, a capped count, bm25 over the newest `COUNT_CAP` matches only, pages ordered by
rowid (the save order), and snippets computed for the shown rows alone.
"""

from __future__ import annotations

from sqlalchemy import bindparam, column, func, select, table
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from folio.errors import BadInput
from folio.storage.facets import domain_token, owner_token, site_token, state_tokens, tag_token
from folio.storage.search_spec import (
    COUNT_CAP,
    MARK_CLOSE,
    MARK_OPEN,
    SearchResult,
    SearchSpec,
    Site,
    Term,
    render_snippet,
)

fts = table("articles_fts", column("rowid"), column("rank"), column("articles_fts"))
TEXT_COLUMNS = "{title byline site tags text}"  # every column but the facets
TEXT_COLUMN_INDEX = 4  # snippets come from the article text
SNIPPET_TOKENS = 24


def search_index(session: Session, spec: SearchSpec) -> SearchResult:
    match = match_expression(spec)
    where = fts.c.articles_fts.op("MATCH")(bindparam("match", match))
    try:
        counted = select(fts.c.rowid).where(where).limit(COUNT_CAP + 1).subquery()
        total = session.scalar(select(func.count()).select_from(counted)) or 0
        ids = _page_ids(session, spec, where) if total else []
        snippets = _snippets(session, match, ids) if ids and spec.terms else {}
    except OperationalError as error:
        # Every term is quoted, so this is a bug rather than bad input; say so without a 500.
        if "fts5" in str(error.orig).lower():
            raise BadInput("the search could not be understood") from error
        raise
    return SearchResult(ids=ids, total=min(total, COUNT_CAP), total_capped=total > COUNT_CAP, snippets=snippets)


def _page_ids(session: Session, spec: SearchSpec, where) -> list[int]:
    if spec.sort == "relevance" and spec.terms:
        newest = (
            select(fts.c.rowid.label("id"), fts.c.rank.label("score"))
            .where(where).order_by(fts.c.rowid.desc()).limit(COUNT_CAP)
            .subquery()
        )
        query = select(newest.c.id).order_by(newest.c.score, newest.c.id.desc())
    else:
        order = fts.c.rowid.asc() if spec.sort == "oldest" else fts.c.rowid.desc()
        query = select(fts.c.rowid).where(where).order_by(order)
    return list(session.scalars(query.offset(spec.offset).limit(spec.limit)))


def _snippets(session: Session, match: str, ids: list[int]) -> dict[int, str]:
    snippet = func.snippet(fts.c.articles_fts, TEXT_COLUMN_INDEX, MARK_OPEN, MARK_CLOSE, "…", SNIPPET_TOKENS)
    rows = session.execute(
        select(fts.c.rowid, snippet)
        .where(fts.c.articles_fts.op("MATCH")(bindparam("match", match)), fts.c.rowid.in_(ids))
    )
    return {row_id: render_snippet(raw or "") for row_id, raw in rows}


def match_expression(spec: SearchSpec) -> str:
    """The FTS5 query. Every user-supplied string ends up inside double quotes, where FTS5
    syntax has no meaning, so no input can change the structure of the query."""
    required = [_facet(owner_token(spec.user_id))]
    required += [f"{TEXT_COLUMNS} : {_phrase(term)}" for term in spec.terms]
    required += [_facet(tag_token(key)) for key in spec.tag_keys]
    required += [_site(site) for site in spec.sites]
    required += [_facet(token) for token in state_tokens(spec.state)] if spec.state else []
    excluded = [f"{TEXT_COLUMNS} : {_phrase(term)}" for term in spec.excluded_terms]
    excluded += [_facet(tag_token(key)) for key in spec.excluded_tag_keys]
    excluded += [_site(site) for site in spec.excluded_sites]
    expression = " AND ".join(required)
    for clause in excluded:
        expression = f"({expression}) NOT {clause}"
    return expression


def _phrase(term: Term) -> str:
    quoted = '"' + term.text.replace('"', '""') + '"'
    return f"{quoted} *" if term.prefix else quoted


def _facet(token: str) -> str:
    return f'facets : "{token}"'


def _site(site: Site) -> str:
    options = [_facet(domain_token(site.domain))] if site.domain else []
    if site.key:
        options.append(_facet(site_token(site.key)))
    return "(" + " OR ".join(options) + ")"
