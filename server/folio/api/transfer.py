"""API routes that move a library in and out: export to a file, import a Folio export."""

from __future__ import annotations

import tempfile

from flask import request, send_file

from folio import library
from folio.api.blueprint import bp, current_user
from folio.api.inputs import json_body, list_filters
from folio.app_context import db_session
from folio.storage import utc_now

SPOOL_BYTES = 16 * 1024 * 1024  # exports larger than this are written to a temporary file


@bp.get("/export")
def export_articles():
    filters = list_filters()
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    export_format = library.export_articles(db_session(), current_user(), request.args.get("format", "json"),
                                            out, filters)
    out.seek(0)
    name = f"folio-export-{utc_now():%Y-%m-%d}.{export_format.extension}"
    return send_file(out, mimetype=export_format.mimetype, as_attachment=True, download_name=name)


@bp.post("/import")
def import_articles():
    result = library.import_articles(db_session(), current_user(), json_body())
    return {"imported": result.imported, "updated": result.updated}
