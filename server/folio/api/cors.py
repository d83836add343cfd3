"""Cross-origin rules for the API: browser extensions may call it, web pages elsewhere may not.

Only chrome-extension:// and moz-extension:// origins get CORS headers (never credentials:
the API authenticates with a bearer token, not cookies). A request carrying any other foreign
Origin is refused with 403 before it does anything.
"""

from __future__ import annotations

from flask import Response, request

from folio.errors import Forbidden

EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://")
ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS"
ALLOWED_HEADERS = "Authorization, Content-Type"
PREFLIGHT_MAX_AGE = "600"


def is_extension_origin(origin: str) -> bool:
    return origin.startswith(EXTENSION_SCHEMES) and len(origin) > len("moz-extension://")


def refuse_foreign_origin() -> None:
    """No Origin (curl, the extension's worker in some browsers), an extension, or this server."""
    origin = request.headers.get("Origin")
    if origin is None or is_extension_origin(origin) or origin == request.host_url.rstrip("/"):
        return
    raise Forbidden(f"requests from {origin} are not allowed")


def add_cors_headers(response: Response) -> Response:
    origin = request.headers.get("Origin", "")
    if request.path.startswith("/api/") and is_extension_origin(origin):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "Content-Disposition, Location"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        response.vary.add("Origin")
    return response
