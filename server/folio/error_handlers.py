"""One place that turns errors into responses: JSON for the API, pages for everything else.

Services raise `folio.errors` exceptions; Flask raises HTTP exceptions (404, 405, 413, 429).
Under /api/ and /healthz both become `{"error", "message"}` with the matching status. Elsewhere
the web pages' `folio.web.render_error(status, code, message)` draws them, when it exists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from folio.errors import FolioError

log = logging.getLogger(__name__)

PageRenderer = Callable[[int, str, str], ResponseReturnValue]
JSON_PATH_PREFIXES = ("/api/", "/healthz")
# Werkzeug's names for statuses, made into the API's snake_case error codes.
HTTP_ERROR_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
    422: "unprocessable", 429: "too_many_requests", 503: "unavailable",
}


def wants_json() -> bool:
    return request.path.startswith(JSON_PATH_PREFIXES)


def register_error_handlers(app: Flask, render_page: PageRenderer | None = None) -> None:
    def respond(status: int, code: str, message: str, original: HTTPException | None = None):
        if wants_json():
            response = app.json.response(error=code, message=message)
            response.status_code = status
            if original is not None:
                kept = dict(original.get_headers())
                for name in ("Allow", "Retry-After"):  # what a 405 and a 429 tell the client
                    if name in kept:
                        response.headers[name] = kept[name]
            return response
        if render_page is not None:
            return render_page(status, code, message)
        return original if original is not None else (message, status, {"Content-Type": "text/plain"})

    @app.errorhandler(FolioError)
    def folio_error(error: FolioError):
        return respond(error.status, error.code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        code = HTTP_ERROR_CODES.get(status, "error")
        return respond(status, code, _sentence(error), error)

    @app.errorhandler(OperationalError)
    def database_error(error: OperationalError):
        log.error("database error: %s", error)
        return respond(503, "unavailable", "the database is not available; try again in a moment")

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return respond(500, "internal_error", "something went wrong on the server", InternalServerError())


def _sentence(error: HTTPException) -> str:
    if error.code == 404:
        return f"nothing at {request.path}"
    if error.code == 405:
        return f"{request.method} is not allowed on {request.path}"
    if error.code == 413:
        return f"the request body is larger than {request.max_content_length} bytes"
    return (error.description or error.name).strip()
