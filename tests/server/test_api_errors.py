"""Every error code of the API is JSON {"error", "message"}: 401 403 404 405 413 415 429 500 503.

(400, 415 and 422 for bad bodies are in test_api_articles.py.)
"""

import io

import pytest

from conftest import SpecCheckingClient, api_user
from folio import library
from folio.app import create_app
from folio.config import Config
from postgres_server import free_port


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer"},
    {"Authorization": "Bearer "},
    {"Authorization": "Basic dXNlcjpwYXNz"},
    {"Authorization": "Bearer folio_not-a-real-token"},
    {"Authorization": "bearer"},
])
def test_401_without_a_valid_token(client, api_alice, headers):
    for method, path in (("get", "/api/v1/me"), ("get", "/api/v1/articles"), ("post", "/api/v1/articles"),
                         ("get", "/api/v1/tags"), ("get", "/api/v1/export"), ("post", "/api/v1/import"),
                         ("get", "/api/v1/openapi.json"), ("delete", "/api/v1/articles/1")):
        response = getattr(client, method)(path, headers=headers)
        assert response.status_code == 401, (method, path)
        assert response.json["error"] == "unauthorized"


def test_a_revoked_token_is_401(app, client, api_alice):
    from conftest import services_of
    from folio import auth

    assert client.get("/api/v1/me", headers=api_alice.headers).status_code == 200
    with services_of(app).database.session() as session:
        auth.revoke_token(session, api_alice.token)
    assert client.get("/api/v1/me", headers=api_alice.headers).status_code == 401


def test_the_scheme_name_is_case_insensitive(client, api_alice):
    assert client.get("/api/v1/me", headers={"Authorization": f"bearer {api_alice.token}"}).status_code == 200


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://localhost:9999"])
def test_403_for_foreign_origins(client, api_alice, origin):
    response = client.get("/api/v1/me", headers={**api_alice.headers, "Origin": origin})
    assert response.status_code == 403
    assert response.json["error"] == "forbidden"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_same_origin_and_extension_origins_are_allowed(client, api_alice):
    for origin in ("http://localhost", "chrome-extension://abcdefgh", "moz-extension://1234-5678"):
        response = client.get("/api/v1/me", headers={**api_alice.headers, "Origin": origin})
        assert response.status_code == 200, origin


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefgh", "moz-extension://0f1e2d3c-aaaa"])
def test_cors_for_extensions(client, api_alice, origin):
    preflight = client.options("/api/v1/articles", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    assert "Origin" in preflight.headers["Vary"]
    actual = client.get("/api/v1/me", headers={**api_alice.headers, "Origin": origin})
    assert actual.headers["Access-Control-Allow-Origin"] == origin
    assert "Access-Control-Allow-Credentials" not in actual.headers
    failed = client.get("/api/v1/me", headers={"Origin": origin})  # the extension can read the 401
    assert failed.status_code == 401 and failed.headers["Access-Control-Allow-Origin"] == origin


def test_no_cors_for_web_pages(client):
    preflight = client.options("/api/v1/articles", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_404_for_unknown_api_routes(client, api_alice):
    for path in ("/api/v1/nothing", "/api/v2/articles", "/api/", "/api/v1/articles/1/unknown",
                 "/api/v1//articles", "/api/v1/articles//1", "/api/v1/tags//0"):
        response = client.get(path, headers=api_alice.headers)
        assert response.status_code == 404, path
        assert response.json["error"] == "not_found"


def test_405_for_wrong_methods(client, api_alice):
    for method, path in (("put", "/api/v1/articles"), ("delete", "/api/v1/articles"), ("post", "/api/v1/me"),
                         ("put", "/api/v1/articles/1"), ("get", "/api/v1/import"), ("post", "/healthz")):
        response = getattr(client, method)(path, headers=api_alice.headers)
        assert response.status_code == 405, (method, path)
        assert response.json["error"] == "method_not_allowed"
        assert "Allow" in response.headers


@pytest.fixture
def small_app(tmp_path, sqlite_template):
    import shutil

    shutil.copy(sqlite_template, tmp_path / "folio.db")
    app = create_app(Config.for_data_dir(tmp_path, max_html_bytes=5000, max_import_bytes=20_000,
                                         extract_timeout=0, api_auth_failure_limit="3 per minute"))
    app.test_client_class = SpecCheckingClient
    return app


def test_413_before_the_body_is_read(small_app):
    client = small_app.test_client()
    who = api_user(small_app, "alice")

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = readinto = read

    # a Content-Length over the limit is refused from the header alone, before authentication
    for headers in (who.headers, {}):
        response = client.post("/api/v1/articles", input_stream=Unreadable(), content_type="application/json",
                               headers=headers, environ_overrides={"CONTENT_LENGTH": "999999999"})
        assert response.status_code == 413
        assert response.json["error"] == "too_large"
    big = {"url": "https://example.com/x", "html": "<p>" + "x" * 6000 + "</p>"}
    assert client.post("/api/v1/extract", json=big, headers=who.headers).status_code == 413
    # an import may be larger than a page, up to its own limit
    archive = {"format": "folio-export", "version": 1, "articles": [], "padding": "x" * 10_000}
    assert client.post("/api/v1/import", json=archive, headers=who.headers).status_code == 200
    archive["padding"] = "x" * 30_000
    assert client.post("/api/v1/import", json=archive, headers=who.headers).status_code == 413


def test_429_after_repeated_failed_authentication(small_app):
    client = small_app.test_client()
    who = api_user(small_app, "alice")
    assert client.get("/api/v1/me", headers=who.headers).status_code == 200  # successes do not count
    for _ in range(3):
        assert client.get("/api/v1/me", headers={"Authorization": "Bearer wrong"}).status_code == 401
    limited = client.get("/api/v1/me", headers={"Authorization": "Bearer wrong"})
    assert limited.status_code == 429
    assert limited.json["error"] == "too_many_requests"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert client.get("/api/v1/me", headers=who.headers).status_code == 429


def test_no_429_when_rate_limits_are_off(tmp_path, sqlite_template):
    import shutil

    shutil.copy(sqlite_template, tmp_path / "folio.db")
    app = create_app(Config.for_data_dir(tmp_path, extract_timeout=0, api_auth_failure_limit="1 per minute",
                                         rate_limits_enabled=False))
    client = app.test_client()
    for _ in range(3):
        assert client.get("/api/v1/me", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_500_is_json_too(client, api_alice, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(library, "list_tags", broken)
    response = client.get("/api/v1/tags", headers=api_alice.headers)
    assert response.status_code == 500
    assert response.json == {"error": "internal_error", "message": "something went wrong on the server"}


def test_503_when_the_database_is_down(tmp_path):
    url = f"postgresql+psycopg://folio@127.0.0.1:{free_port()}/folio"  # nothing listens there
    app = create_app(Config.for_data_dir(tmp_path, database_url=url, auto_migrate=False))
    app.test_client_class = SpecCheckingClient
    client = app.test_client()
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json["status"] == "unavailable"
    assert "database" in health.json["message"]
    api = client.get("/api/v1/me", headers={"Authorization": "Bearer folio_x"})
    assert api.status_code == 503
    assert api.json["error"] == "unavailable"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_non_api_errors_are_not_json(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_behind_a_trusted_proxy_the_forwarded_origin_counts(tmp_path, sqlite_template):
    import shutil

    shutil.copy(sqlite_template, tmp_path / "folio.db")
    forwarded = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https",
                 "X-Forwarded-Host": "folio.example.org", "Origin": "https://folio.example.org"}
    for proxies, status in ((1, 200), (0, 403)):
        app = create_app(Config.for_data_dir(tmp_path, trusted_proxies=proxies, allowed_hosts=("folio.example.org",)))
        who = api_user(app, f"user{proxies}")
        response = app.test_client().get("/api/v1/me", headers={**who.headers, **forwarded})
        assert response.status_code == status, proxies
        assert app.config["SESSION_COOKIE_SECURE"] is bool(proxies)


def test_an_article_id_beyond_the_database_integers_is_not_found(client, api_alice):
    for path in ("/api/v1/articles/99999999999999999999", "/api/v1/articles/0"):
        response = client.get(path, headers=api_alice.headers)
        assert response.status_code == 404, path
        assert response.get_json()["error"] == "not_found"
