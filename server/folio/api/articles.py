"""API routes for pages and articles: extract, save, list/search, read, edit, delete, re-extract."""

from __future__ import annotations

from flask import url_for

from folio import library
from folio.api.blueprint import bp, current_user
from folio.api.inputs import article_changes, json_body, list_filters, page_input, paging
from folio.app_context import db_session, services


@bp.post("/extract")
def extract():
    page = page_input(json_body(), with_tags=False)
    return services().extractor(page.html, page.url).to_dict()


@bp.post("/articles")
def save_article():
    page = page_input(json_body(), with_tags=True)
    row, created = library.save_page(db_session(), current_user(), page.url, page.html, tags=page.tags,
                                     capture=page.capture, extract=services().extractor)
    if not created:
        return library.stored_article_dict(row), 200
    location = url_for("api.get_article", article_id=row.id)
    return library.stored_article_dict(row), 201, {"Location": location}


@bp.get("/articles")
def list_articles():
    page_number, per_page = paging()
    page = library.list_articles(db_session(), current_user(), list_filters(), page_number, per_page)
    return {
        "items": [
            {**library.stored_article_dict(row), "snippet": page.snippets.get(row.id)} for row in page.items
        ],
        "total": page.total,
        "total_capped": page.total_capped,
        "page": page.page,
        "per_page": page.per_page,
    }


@bp.get("/articles/<int:article_id>")
def get_article(article_id: int):
    return library.stored_article_dict(library.get_article(db_session(), current_user(), article_id))


@bp.patch("/articles/<int:article_id>")
def update_article(article_id: int):
    changes = article_changes(json_body())
    row = library.update_article(db_session(), current_user(), article_id, **changes)
    return library.stored_article_dict(row)


@bp.delete("/articles/<int:article_id>")
def delete_article(article_id: int):
    library.delete_article(db_session(), current_user(), article_id)
    return "", 204


@bp.post("/articles/<int:article_id>/reextract")
def reextract_article(article_id: int):
    row, changes = library.reextract_article(db_session(), current_user(), article_id,
                                             extract=services().extractor)
    return {**library.stored_article_dict(row), "changes": changes}
