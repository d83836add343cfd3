"""The library page: search, filter and page through the signed-in user's articles."""

from __future__ import annotations

from flask import render_template, request

from folio import library
from folio.app_context import db_session
from folio.errors import BadInput
from folio.web.blueprint import bp
from folio.web.display import search_snippet
from folio.web.feedback import sentence
from folio.web.library_query import PER_PAGE, SORT_LABELS, STATE_LABELS, LibraryQuery, last_page
from folio.web.session_auth import login_required, signed_in_user

SIDEBAR_TAGS = 30  # the most used tags are listed; the rest wait behind "More tags"


@bp.get("/")
@login_required
def library_page():
    query = LibraryQuery.from_args(request.args)
    session, user = db_session(), signed_in_user()
    error = None
    try:
        page = library.list_articles(session, user, query.filters(), query.page, PER_PAGE)
        if page.total and query.page > last_page(page.total):
            query = query.changed(page=last_page(page.total))
            page = library.list_articles(session, user, query.filters(), query.page, PER_PAGE)
    except BadInput as problem:  # a tag or site with no letters, a search too long to run
        error = sentence(problem.message)
        page = library.ArticlePage(items=[], total=0, page=1, per_page=PER_PAGE)
    tags = library.list_tags(session, user)
    return render_template(
        "library/index.html",
        query=query,
        page=page,
        pages=last_page(page.total),
        snippets={article_id: search_snippet(text) for article_id, text in page.snippets.items()},
        tags=tags[:SIDEBAR_TAGS],
        more_tags=tags[SIDEBAR_TAGS:],
        has_articles=bool(page.total) or _has_any_article(query, page),
        state_labels=STATE_LABELS,
        sort_labels=SORT_LABELS,
        error=error,
    ), 400 if error else 200


def _has_any_article(query: LibraryQuery, page: library.ArticlePage) -> bool:
    """Whether the library holds anything (an empty search is not an empty library)."""
    if not query.is_filtered:
        return bool(page.total)
    everything = library.list_articles(db_session(), signed_in_user(), library.ArticleFilter(), 1, 1)
    return bool(everything.total)
