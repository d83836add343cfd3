"""GET /healthz: is the server up and can it reach its database (no authentication)."""

from flask import Blueprint

from folio.app_context import services
from folio.errors import Unavailable

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    try:
        services().database.check()
    except Unavailable as error:
        return {"status": "unavailable", "database": error.message, "error": error.code,
                "message": "the database cannot be reached"}, 503
    return {"status": "ok", "database": "ok"}
