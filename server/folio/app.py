"""The application factory: `create_app(config)` builds a Folio server from a `Config`."""

from __future__ import annotations

import importlib
import importlib.util

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

from folio import api, health
from folio.allowed_hosts import AllowedHosts, refuse_unknown_hosts
from folio.api.cors import add_cors_headers
from folio.api.no_session import SessionOutsideApi
from folio.app_context import AppServices, close_db_session
from folio.config import Config
from folio.error_handlers import register_error_handlers
from folio.extensions import csrf
from folio.json_provider import FastJSONProvider
from folio.library import Extractor
from folio.rate_limits import RateLimits
from folio.storage import Database
from folio.storage.migrate import upgrade

WEB_MODULE = "folio.web"


def create_app(config: Config | None = None) -> Flask:
    """Build the app: database (migrated unless `config.auto_migrate` is off), API, health, web.

    Used by `folio serve` (one app per gunicorn worker), `flask --app folio.app:create_app run`
    (config from the environment) and the tests (a `Config` of their own).

    How the web pages (`folio.web`, written separately) plug in:
    - the module must expose a blueprint `bp`; it is registered when the module exists;
    - it may expose `render_error(status, code, message)`, used for errors outside /api/;
    - the session cookie is signed with `config.secret_key` (`SECRET_KEY`), HttpOnly, SameSite=Lax,
      and Secure when `FOLIO_TRUSTED_PROXIES` says a (TLS) proxy is in front;
    - CSRF: `folio.extensions.csrf` (Flask-WTF CSRFProtect) guards every POST/PATCH/DELETE of the
      app except the API blueprint; forms put `{{ csrf_token() }}` in a hidden `csrf_token` field;
    - rate limits: `services().rate_limits` (`folio.rate_limits`), e.g. `sign_in.take(address)` in
      the login view; a breach raises 429 with Retry-After, drawn by `render_error`;
    - data: `folio.app_context.db_session()` (closed after each request), `services().config`,
      `services().extractor`, and the `folio.library` and `folio.auth` functions;
    - body size: `MAX_CONTENT_LENGTH` is `FOLIO_MAX_HTML_BYTES`; an import upload view sets
      `request.max_content_length = services().config.max_import_bytes` before reading the form.
    """
    config = config or Config.from_env()
    app = Flask(__name__)
    app.json = FastJSONProvider(app)
    app.session_interface = SessionOutsideApi(api.bp.url_prefix)
    app.config.update(
        SECRET_KEY=config.secret_key,
        MAX_CONTENT_LENGTH=config.max_html_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Behind a trusted proxy Folio is reached over HTTPS (README, "Self-hosting with Docker").
        SESSION_COOKIE_SECURE=config.trusted_proxies > 0,
    )
    app.json.sort_keys = False  # answers keep the field order of the contract
    # Werkzeug answers "//" in a path with an HTML redirect, before any view or error handler:
    # not an API answer, and "//healthz" pointed the browser at a host named "healthz".
    app.url_map.merge_slashes = False

    database = Database(config.database_url)
    if config.auto_migrate:
        upgrade(database)
    app.extensions["folio"] = AppServices(config=config, database=database,
                                          extractor=Extractor(config.extract_timeout, config.extraction_processes),
                                          rate_limits=RateLimits.from_config(config))
    app.teardown_appcontext(close_db_session)

    if config.trusted_proxies:
        hops = config.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)
    # First of all before-request functions: a request for another host name must do nothing.
    app.before_request(refuse_unknown_hosts(AllowedHosts.from_config(config)))
    app.after_request(forbid_content_sniffing)
    csrf.init_app(app)

    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    csrf.exempt(api.bp)
    app.after_request(add_cors_headers)

    web = _web_module()
    if web is not None:
        app.register_blueprint(web.bp)
    register_error_handlers(app, render_page=getattr(web, "render_error", None))
    return app


def forbid_content_sniffing(response: Response) -> Response:
    """Browsers must take every answer as the type it says: an API answer that quotes a page's
    HTML is JSON, never a document or a script to run."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _web_module():
    if importlib.util.find_spec(WEB_MODULE) is None:
        return None
    return importlib.import_module(WEB_MODULE)
