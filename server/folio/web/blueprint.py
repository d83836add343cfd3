"""The web pages' blueprint and what runs around every page: first-run redirect, headers, cookie."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface

from folio.web.session_auth import has_users, load_session_user

bp = Blueprint("web", __name__)

# Scripts and styles come only from this server (no inline code); images may come from the
# article's own site (lead images and pictures are not copied into Folio).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' https: http: data:; script-src 'self'; style-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
# `same-origin` rather than `no-referrer`: other sites still learn nothing, but Flask-WTF's CSRF
# check refuses a form posted over HTTPS without a Referer from this server. (Every answer, the
# API's too, also says `X-Content-Type-Options: nosniff`: folio.app.forbid_content_sniffing.)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
API_PATH_PREFIXES = ("/api/", "/healthz")
MAX_ROW_ID = 2**63 - 1  # the largest id a database integer column holds
FIRST_RUN_ENDPOINT = "web.first_run"


class WebSessionInterface(SecureCookieSessionInterface):
    """The session cookie is `Secure` whenever the request came over HTTPS (ProxyFix tells us)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure or super().get_cookie_secure(app)


@bp.record_once
def _install_session_interface(state) -> None:
    state.app.session_interface = WebSessionInterface()


@bp.url_value_preprocessor
def _ids_in_range(_endpoint: str | None, values: dict | None) -> None:
    """/articles/99999999999999999999 is simply not found (the database driver would overflow)."""
    for name, value in (values or {}).items():
        if name.endswith("_id") and isinstance(value, int) and value > MAX_ROW_ID:
            abort(404)


@bp.before_request
def _first_run_and_session() -> Response | None:
    """Until someone has an account, every page leads to the one that creates the first."""
    if not has_users():
        if request.endpoint != FIRST_RUN_ENDPOINT:
            return redirect(url_for(FIRST_RUN_ENDPOINT))
        return None
    load_session_user()
    return None


@bp.after_app_request
def _security_headers(response: Response) -> Response:
    """Every response outside the JSON API: pages, error pages, static files, downloads."""
    if not request.path.startswith(API_PATH_PREFIXES):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
    return response
