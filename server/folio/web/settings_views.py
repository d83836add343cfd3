"""The settings page: API tokens, export downloads and import of a Folio export.

Exports here are the API's exports (`library.export_articles`) for the signed-in user; the
/api/ routes themselves keep accepting bearer tokens only, never the session cookie.
"""

from __future__ import annotations

import tempfile

from flask import redirect, render_template, request, send_file, url_for

from folio import auth, library
from folio.app_context import db_session, services
from folio.auth.tokens import MAX_LABEL_LENGTH
from folio.errors import BadInput, FolioError
from folio.extensions import csrf
from folio.library import ArticleFilter
from folio.storage import utc_now
from folio.web.blueprint import bp
from folio.web.feedback import tell, warn, warn_about
from folio.web.session_auth import login_required, signed_in_user

SPOOL_BYTES = 16 * 1024 * 1024  # exports larger than this are written to a temporary file
EXPORT_LABELS = {"json": "Folio JSON", "markdown": "Markdown", "html": "HTML", "epub": "EPUB"}
EXPORT_HINTS = {
    "json": "Everything, including the original pages: the file to import into Folio again.",
    "markdown": "One text file, readable anywhere.",
    "html": "One web page with every article.",
    "epub": "An e-book for your e-reader.",
}
assert set(EXPORT_LABELS) == set(library.EXPORT_FORMATS)


def _settings_page(status: int = 200, **extra):
    user = signed_in_user()
    return render_template(
        "settings/index.html",
        tokens=auth.list_tokens(db_session(), user),
        export_formats=EXPORT_LABELS,
        export_hints=EXPORT_HINTS,
        max_label=MAX_LABEL_LENGTH,
        max_import_megabytes=services().config.max_import_bytes // (1024 * 1024),
        **extra,
    ), status


@bp.get("/settings")
@login_required
def settings():
    return _settings_page()


@bp.post("/settings/tokens")
@login_required
def create_token():
    """The new token is shown on this answer alone (it is stored only as a hash)."""
    label = request.form.get("label", "").strip()
    try:
        token, secret = auth.create_token(db_session(), signed_in_user(), label)
    except BadInput as problem:
        warn_about(problem)
        return redirect(url_for("web.settings", _anchor="tokens"), 303)
    return _settings_page(201, new_token=secret, new_token_row=token)


@bp.post("/settings/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    token = auth.revoke_token(db_session(), str(token_id), user=signed_in_user())
    tell(f"Revoked the token {token.prefix}…" + (f" ({token.label})." if token.label else "."))
    return redirect(url_for("web.settings", _anchor="tokens"), 303)


@bp.get("/export/<format_name>")
@login_required
def export_library(format_name: str):
    """A download of the user's articles; ?q=, ?tag=, ?site= and ?state= narrow it like the library."""
    filters = ArticleFilter(q=request.args.get("q", ""), tag=request.args.get("tag") or None,
                            site=request.args.get("site") or None, state=request.args.get("state") or None)
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    chosen = library.export_articles(db_session(), signed_in_user(), format_name, out, filters)
    out.seek(0)
    name = f"folio-export-{utc_now():%Y-%m-%d}.{chosen.extension}"
    return send_file(out, mimetype=chosen.mimetype, as_attachment=True, download_name=name)


@bp.post("/settings/import")
@csrf.exempt  # checked below, once the body limit is raised from a page's size to an export's
@login_required
def import_library():
    request.max_content_length = services().config.max_import_bytes
    csrf.protect()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        warn("Choose a Folio JSON export file to import.")
        return redirect(url_for("web.settings", _anchor="import"), 303)
    try:
        result = library.import_articles(db_session(), signed_in_user(), upload.read())
    except FolioError as problem:
        warn_about(problem)
        return redirect(url_for("web.settings", _anchor="import"), 303)
    tell(f"Imported {_count(result.imported, 'new article')}, updated {_count(result.updated, 'article')}.")
    return redirect(url_for("web.settings", _anchor="import"), 303)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
