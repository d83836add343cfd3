"""The reading page of one article, and the forms on it: state, tags, re-extract, delete.

Every change is a plain form POST (CSRF-checked) that redirects back, so it all works without
JavaScript. Another user's article id is "not found", exactly like an id that does not exist.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from folio import library
from folio.api.inputs import tag_names as checked_tag_names
from folio.app_context import db_session, services
from folio.errors import BadInput, FolioError
from folio.library.tags import tag_key
from folio.web.blueprint import bp
from folio.web.display import article_title, tag_names
from folio.web.feedback import tell, warn, warn_about
from folio.web.session_auth import local_path, login_required, signed_in_user

STATE_FIELDS = ("read", "archived", "favourite")
FORM_BOOLEANS = {"1": True, "0": False}
# What the flash says after a state change, by (field, new value).
STATE_MESSAGES = {
    ("read", True): "Marked as read.", ("read", False): "Marked as unread.",
    ("archived", True): "Archived.", ("archived", False): "Moved out of the archive.",
    ("favourite", True): "Added to favourites.", ("favourite", False): "Removed from favourites.",
}
# Field names `reextract_article` reports, as the flash message words them.
FIELD_LABELS = {"content_html": "text", "lead_image": "lead image", "site_name": "site name",
                "reading_minutes": "reading time", "word_count": "word count"}


def _article(article_id: int):
    return library.get_article(db_session(), signed_in_user(), article_id)


def _back(article_id: int):
    """Where a form on the reading page (or a card in the library) asked to return to."""
    default = url_for("web.read_article", article_id=article_id)
    return redirect(local_path(request.form.get("return_to"), default), 303)


@bp.get("/articles/<int:article_id>")
@login_required
def read_article(article_id: int):
    return render_template("reading/article.html", article=_article(article_id))


@bp.post("/articles/<int:article_id>/state")
@login_required
def change_state(article_id: int):
    changes = {}
    for name in STATE_FIELDS:
        if name in request.form:
            if request.form[name] not in FORM_BOOLEANS:
                raise BadInput(f"{name} must be 1 or 0")
            changes[name] = FORM_BOOLEANS[request.form[name]]
    if not changes:
        raise BadInput("nothing to change: send read, archived or favourite")
    library.update_article(db_session(), signed_in_user(), article_id, **changes)
    if len(changes) == 1:
        tell(STATE_MESSAGES[next(iter(changes.items()))])
    return _back(article_id)


@bp.post("/articles/<int:article_id>/tags")
@login_required
def add_tags(article_id: int):
    row = _article(article_id)
    typed = [name.strip() for name in request.form.get("tags", "").split(",") if name.strip()]
    if not typed:
        warn("Type a tag name to add.")
        return _back(article_id)
    try:
        names = checked_tag_names(tag_names(row) + typed)
        library.update_article(db_session(), signed_in_user(), article_id, tags=names)
    except FolioError as problem:
        warn_about(problem)
    return _back(article_id)


@bp.post("/articles/<int:article_id>/tags/remove")
@login_required
def remove_tag(article_id: int):
    row = _article(article_id)
    removed = tag_key(request.form.get("tag", ""))
    kept = [name for name in tag_names(row) if tag_key(name) != removed]
    library.update_article(db_session(), signed_in_user(), article_id, tags=kept)
    return _back(article_id)


@bp.post("/articles/<int:article_id>/reextract")
@login_required
def reextract(article_id: int):
    try:
        _, changes = library.reextract_article(db_session(), signed_in_user(), article_id,
                                               extract=services().extractor)
    except FolioError as problem:
        if problem.status == 404:
            raise
        warn_about(problem)
        return _back(article_id)
    if changes:
        tell("Extracted again. Changed: " + ", ".join(FIELD_LABELS.get(name, name) for name in changes) + ".")
    else:
        tell("Extracted again: nothing changed.")
    return _back(article_id)


@bp.route("/articles/<int:article_id>/delete", methods=["GET", "POST"])
@login_required
def delete_article(article_id: int):
    """GET asks "are you sure?" (a page of its own: no JavaScript confirm); POST deletes."""
    row = _article(article_id)
    if request.method == "GET":
        return render_template("reading/delete.html", article=row)
    title = article_title(row)
    library.delete_article(db_session(), signed_in_user(), article_id)
    tell(f"Deleted “{title}”.")
    return redirect(url_for("web.library_page"), 303)
