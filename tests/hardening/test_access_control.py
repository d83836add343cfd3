"""Who may do what: tokens on every API route, another user's articles, CSRF on every form, the
login rate limit, password hashes, the session cookie and the security headers.

Routes are enumerated from the app's URL map, so a route added later is covered (or fails the
test that lists what it expects to find).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select, text

from folio import auth
from folio.app import create_app
from folio.config import Config
from folio.storage import ApiToken, User

from web.web_support import WebClient  # noqa: I001

from .conftest import SpecCheckingClient, services_of
from .support import PASSWORD, USER, LiveFolio, article_page

TEMPLATES = Path(__file__).resolve().parents[2] / "server" / "folio" / "templates"
URL = "https://example.com/story"


class Client(WebClient, SpecCheckingClient):
    """Fills forms like a browser (WebClient) and checks API answers against the spec."""


@pytest.fixture
def web_app(app):
    app.test_client_class = Client
    return app


@pytest.fixture
def alice_article(web_app, api_alice):
    client = web_app.test_client()
    response = client.post("/api/v1/articles", json={"url": URL, "html": article_page(), "tags": ["Climate"]},
                           headers=api_alice.headers)
    assert response.status_code == 201
    return response.get_json()


def routes(app, prefix: str = "/") -> list[tuple[str, str]]:
    return sorted((method, rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith(prefix)
                  for method in rule.methods - {"HEAD", "OPTIONS"})


def fill(rule: str, **values) -> str:
    path = rule
    for name, value in values.items():
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", str(value), path)
    assert "<" not in path, f"no value for a variable of {rule}"
    return path


# --- API tokens -------------------------------------------------------------------------------

def test_every_api_route_is_401_without_a_valid_token(web_app, api_alice, alice_article):
    client = web_app.test_client()
    with services_of(web_app).database.session() as session:
        revoked_row, revoked = auth.create_token(session, session.get(User, api_alice.user.id), "revoked")
        auth.revoke_token(session, str(revoked_row.id))
    credentials = {
        "no header": {},
        "empty bearer": {"Authorization": "Bearer "},
        "unknown token": {"Authorization": "Bearer folio_unknown"},
        "revoked token": {"Authorization": f"Bearer {revoked}"},
        "token with a character more": {"Authorization": f"Bearer {api_alice.token}x"},
        "token prefix only": {"Authorization": f"Bearer {api_alice.token[:14]}"},
        "token in upper case": {"Authorization": f"Bearer {api_alice.token.upper()}"},
        "basic auth": {"Authorization": "Basic YWxpY2U6Y29ycmVjdCBob3JzZSBiYXR0ZXJ5"},
        "token without a scheme": {"Authorization": api_alice.token},
        "token in a cookie": {"Cookie": f"token={api_alice.token}; session={api_alice.token}"},
        "token in the query": {},  # ?token= and ?access_token= below
    }
    operations = [op for op in routes(web_app, "/api/") if op != ("GET", "/healthz")]
    assert len(operations) >= 12, operations
    for method, rule in operations:
        path = fill(rule, article_id=alice_article["id"], name="Climate")
        for label, headers in credentials.items():
            query = {"token": api_alice.token, "access_token": api_alice.token} if label == "token in the query" else {}
            response = client.open(path, method=method, headers=headers, query_string=query, json={})
            assert response.status_code == 401, (method, path, label, response.status_code)
            assert set(response.get_json()) == {"error", "message"} and response.get_json()["error"] == "unauthorized"
    # nothing was done by any of them
    still = client.get(f"/api/v1/articles/{alice_article['id']}", headers=api_alice.headers)
    assert still.get_json() == alice_article


def test_a_signed_in_browser_session_is_not_an_api_credential(web_app, api_alice):
    """The API takes bearer tokens only, so a page on another site cannot use the user's cookie."""
    client = web_app.test_client()
    client.sign_in("alice", "correct horse battery")
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me").status_code == 401
    assert client.post("/api/v1/articles", json={"url": URL, "html": article_page()}).status_code == 401


def test_tokens_are_stored_as_hashes_only(web_app, api_alice):
    with services_of(web_app).database.session() as session:
        for row in session.scalars(select(ApiToken)):
            assert api_alice.token not in (row.token_hash, row.prefix, row.label)
            assert len(row.token_hash) == 64 and len(row.prefix) < len(api_alice.token) // 2
        dump = "\n".join(str(value) for table in ("api_tokens", "users")
                         for record in session.execute(text(f"SELECT * FROM {table}")) for value in record)
    assert api_alice.token not in dump and api_alice.token[6:] not in dump


def test_the_live_server_refuses_missing_wrong_and_revoked_tokens(live):
    token = live.add_user("revoker")
    assert live.api("GET", "/api/v1/me", token=token).status == 200
    assert live.request("GET", "/api/v1/me").status == 401
    assert live.api("GET", "/api/v1/articles", token="folio_" + "x" * 43).status == 401
    database = live.database()
    with database.session() as session:
        auth.revoke_token(session, token)
    database.dispose()
    revoked = live.api("GET", "/api/v1/me", token=token)
    assert revoked.status == 401 and revoked.json()["error"] == "unauthorized"


# --- another user's articles ---------------------------------------------------------------------

def test_another_users_article_is_404_on_every_api_article_route(web_app, api_alice, api_bob, alice_article):
    client = web_app.test_client()
    article_id = alice_article["id"]
    operations = [op for op in routes(web_app, "/api/v1/articles/<")]
    assert {rule for _, rule in operations} == {"/api/v1/articles/<int:article_id>",
                                                "/api/v1/articles/<int:article_id>/reextract"}
    bodies = {"PATCH": {"title": "Taken", "read": True, "tags": ["mine"]}}
    for method, rule in operations:
        response = client.open(fill(rule, article_id=article_id), method=method, headers=api_bob.headers,
                               json=bodies.get(method))
        assert response.status_code == 404, (method, rule)
        assert response.get_json()["error"] == "not_found"
        assert str(article_id) not in response.get_json()["message"] or "no article" in response.get_json()["message"]
    # nor can bob find it, its tags or its content any other way
    assert client.get("/api/v1/articles", query_string={"url": URL}, headers=api_bob.headers).get_json()["items"] == []
    assert client.get("/api/v1/articles", query_string={"q": "coast"}, headers=api_bob.headers).get_json()["total"] == 0
    assert client.get("/api/v1/tags", headers=api_bob.headers).get_json() == {"items": []}
    assert client.patch("/api/v1/tags/Climate", json={"name": "Mine"}, headers=api_bob.headers).status_code == 404
    exported = client.get("/api/v1/export", query_string={"format": "json"}, headers=api_bob.headers)
    assert exported.get_json()["articles"] == []
    # saving the same page makes bob his own copy, leaving alice's alone
    saved = client.post("/api/v1/articles", json={"url": URL, "html": article_page()}, headers=api_bob.headers)
    assert saved.status_code == 201 and saved.get_json()["id"] != article_id
    assert client.get(f"/api/v1/articles/{article_id}", headers=api_alice.headers).get_json() == alice_article


def test_another_users_article_is_404_on_every_web_article_route(web_app, api_alice, api_bob, alice_article):
    client = web_app.test_client()
    client.sign_in("bob", "correct horse battery")
    token = client.csrf_token("/")
    article_id = alice_article["id"]
    operations = [op for op in routes(web_app) if "<int:article_id>" in op[1] and not op[1].startswith("/api/")]
    assert len(operations) >= 7, operations
    forms = {"/articles/<int:article_id>/state": {"read": "1", "archived": "1", "favourite": "1"},
             "/articles/<int:article_id>/tags": {"tags": "mine"},
             "/articles/<int:article_id>/tags/remove": {"tag": "Climate"}}
    for method, rule in operations:
        data = {"csrf_token": token, **forms.get(rule, {})} if method == "POST" else None
        response = client.open(fill(rule, article_id=article_id), method=method, data=data)
        assert response.status_code == 404, (method, rule, response.status_code)
    api = web_app.test_client()
    assert api.get(f"/api/v1/articles/{article_id}", headers=api_alice.headers).get_json() == alice_article


def test_another_users_token_cannot_be_revoked_from_the_web(web_app, api_alice, api_bob):
    client = web_app.test_client()
    client.sign_in("bob", "correct horse battery")
    with services_of(web_app).database.session() as session:
        alice_tokens = [row.id for row in auth.list_tokens(session, session.get(User, api_alice.user.id))]
    for token_id in alice_tokens:
        response = client.submit(f"/settings/tokens/{token_id}/revoke", page="/settings")
        assert response.status_code == 404
    assert web_app.test_client().get("/api/v1/me", headers=api_alice.headers).status_code == 200


# --- CSRF -------------------------------------------------------------------------------------

def test_every_web_form_is_refused_without_its_csrf_token(web_app, api_alice, alice_article):
    client = web_app.test_client()
    client.sign_in("alice", "correct horse battery")
    other = web_app.test_client()
    other.sign_in("alice", "correct horse battery")
    foreign_token = other.csrf_token("/")  # valid, but for another session
    posts = [op for op in routes(web_app) if op[0] == "POST" and not op[1].startswith("/api/")]
    expected = {"/setup", "/login", "/logout", "/articles/<int:article_id>/state", "/articles/<int:article_id>/tags",
                "/articles/<int:article_id>/tags/remove", "/articles/<int:article_id>/reextract",
                "/articles/<int:article_id>/delete", "/settings/tokens", "/settings/tokens/<int:token_id>/revoke",
                "/settings/import"}
    assert {rule for _, rule in posts} == expected, "a new form: add it here and to its CSRF check"
    with services_of(web_app).database.session() as session:
        token_id = auth.list_tokens(session, session.get(User, api_alice.user.id))[0].id
    form = {"read": "1", "tags": "csrf", "tag": "Climate", "label": "csrf", "name": "alice",
            "password": "correct horse battery", "password_again": "correct horse battery"}
    for _, rule in posts:
        path = fill(rule, article_id=alice_article["id"], token_id=token_id)
        for label, token in (("none", None), ("empty", ""), ("forged", "IjEyMyI.forged.token"),
                             ("another session's", foreign_token)):
            data = dict(form) if token is None else {**form, "csrf_token": token}
            response = client.post(path, data=data)
            assert response.status_code == 400, (rule, label, response.status_code)
            assert "out of date or came from another site" in response.get_data(as_text=True), (rule, label)
    api = web_app.test_client()
    assert api.get(f"/api/v1/articles/{alice_article['id']}", headers=api_alice.headers).get_json() == alice_article
    assert api.get("/api/v1/me", headers=api_alice.headers).status_code == 200  # no token was revoked
    assert client.get("/settings").status_code == 200  # still signed in: /logout was refused


def test_the_first_run_form_needs_its_csrf_token(config):
    app = create_app(config)  # no user yet: /setup is open
    app.test_client_class = Client
    client = app.test_client()
    response = client.post("/setup", data={"name": "eve", "password": "x" * 12, "password_again": "x" * 12})
    assert response.status_code == 400
    with services_of(app).database.session() as session:
        assert session.scalar(select(User.id)) is None
    services_of(app).database.dispose()


# --- logging in ---------------------------------------------------------------------------------

@pytest.fixture
def proxied_app(tmp_path, sqlite_template):
    apps = []

    def make(trusted_proxies: int):
        data_dir = tmp_path / f"proxies{trusted_proxies}"
        data_dir.mkdir()
        shutil.copy(sqlite_template, data_dir / "folio.db")
        # The name the proxy forwards is allowed, as README's reverse-proxy section says to set.
        made = create_app(Config.for_data_dir(data_dir, trusted_proxies=trusted_proxies,
                                              allowed_hosts=("folio.example",)))
        made.test_client_class = Client
        with services_of(made).database.session() as session:
            auth.create_user(session, "alice", PASSWORD, services_of(made).config.argon2)
        apps.append(made)
        return made

    yield make
    for made in apps:
        services_of(made).database.dispose()


def failed_logins(client, count: int, headers: dict | None = None) -> list[int]:
    token = client.csrf_token("/login", headers=headers or {})
    return [client.post("/login", data={"csrf_token": token, "name": "alice", "password": f"wrong {n}"},
                        headers=headers or {}).status_code for n in range(count)]


def test_logging_in_is_rate_limited_and_a_forged_forwarded_for_does_not_reset_it(proxied_app):
    client = proxied_app(0).test_client()
    assert failed_logins(client, 10) == [401] * 10
    for spoofed in ("203.0.113.1", "198.51.100.7, 203.0.113.2", "::1"):
        assert failed_logins(client, 1, {"X-Forwarded-For": spoofed, "X-Real-IP": spoofed}) == [429]
    token = client.csrf_token("/login")
    right = client.post("/login", data={"csrf_token": token, "name": "alice", "password": PASSWORD})
    assert right.status_code == 429  # even the right password waits


def test_behind_a_trusted_proxy_the_limit_is_per_client(proxied_app):
    client = proxied_app(1).test_client()
    first = {"X-Forwarded-For": "203.0.113.1"}
    assert failed_logins(client, 10, first) == [401] * 10
    assert failed_logins(client, 1, first) == [429]
    assert failed_logins(client, 1, {"X-Forwarded-For": "203.0.113.2"}) == [401]


def test_passwords_are_hashed_with_argon2id_at_current_strength(live):
    """The live server's user was made by `folio user create` (production hashing, not the tests' cheap one)."""
    database = live.database()
    with database.session() as session:
        stored = session.scalar(select(User.password_hash).where(User.name == USER))
    database.dispose()
    assert stored.startswith("$argon2id$v=19$"), stored[:30]
    parameters = dict(part.split("=") for part in stored.split("$")[3].split(","))
    memory, time_cost = int(parameters["m"]), int(parameters["t"])
    # OWASP's password storage minimums for argon2id: 19 MiB with 2 passes, or more memory.
    assert (memory >= 19 * 1024 and time_cost >= 2) or memory >= 46 * 1024, parameters
    assert PASSWORD not in stored


# --- the session cookie -------------------------------------------------------------------------

def cookie_flags(header: str) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in header.split(";")[1:]} | \
        {part.strip().lower() for part in header.split(";")[1:] if part.strip().lower().startswith("samesite")}


def login_cookie(client, headers: dict | None = None) -> str:
    token = client.csrf_token("/login", headers=headers or {})
    response = client.post("/login", data={"csrf_token": token, "name": "alice", "password": PASSWORD},
                           headers=headers or {})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return response.headers["Set-Cookie"]


@pytest.mark.parametrize("trusted, forwarded, secure", [
    (0, {}, False),
    (0, {"X-Forwarded-Proto": "https"}, False),  # nobody vouches for the header: ignored
    (1, {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "folio.example", "Referer": "https://folio.example/login"},
     True),
    (1, {}, True),  # a proxy is configured: README says it terminates TLS, so the cookie is Secure always
])
def test_the_session_cookie_is_httponly_samesite_and_secure_behind_tls(proxied_app, trusted, forwarded, secure):
    header = login_cookie(proxied_app(trusted).test_client(), forwarded)
    flags = cookie_flags(header)
    assert header.startswith("session=")
    assert "httponly" in flags and "samesite=lax" in flags, header
    assert ("secure" in flags) is secure, header
    assert "domain" not in flags, header  # host-only: never sent to sibling subdomains


def test_the_live_server_sets_the_same_cookie(live):
    first = live.request("GET", "/login")
    cookie = first.headers["set-cookie"].split(";")[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', first.body.decode()).group(1)
    body = f"csrf_token={token}&name={USER}&password={PASSWORD.replace(' ', '+')}".encode()
    answer = live.request("POST", "/login", body, {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 303, answer.body[:300]
    flags = cookie_flags(answer.headers["set-cookie"])
    assert "httponly" in flags and "samesite=lax" in flags and "secure" not in flags


# --- host names: DNS rebinding ---------------------------------------------------------------------

def test_the_live_server_answers_only_to_its_own_names(live):
    """A page on evil.example that has pointed its name at 127.0.0.1 sends `Host: evil.example`."""
    for own in (f"127.0.0.1:{live.port}", f"localhost:{live.port}"):
        assert live.api("GET", "/api/v1/me", headers={"Host": own}).status == 200, own
    refused = live.api("POST", "/api/v1/articles", {"url": "https://example.com/rebound", "html": article_page()},
                       headers={"Host": f"evil.example:{live.port}"})
    assert refused.status == 400 and refused.json()["error"] == "unknown_host"
    assert refused.headers["content-type"].startswith("application/json")
    assert live.api("GET", "/api/v1/articles?url=https://example.com/rebound").json()["total"] == 0
    page = live.request("GET", "/login", headers={"Host": f"evil.example:{live.port}"})
    assert page.status == 400 and b"does not answer to the host name" in page.body and b"csrf_token" not in page.body


def test_a_rebinding_page_cannot_take_a_fresh_servers_setup_page(tmp_path):
    """No account yet: /setup creates one for whoever comes first, unless it comes by a foreign name."""
    server = LiveFolio(tmp_path / "fresh")
    server.start()
    try:
        own = server.request("GET", "/setup")
        assert own.status == 200
        token = re.search(r'name="csrf_token" value="([^"]+)"', own.body.decode()).group(1)
        cookie = own.headers["set-cookie"].split(";")[0]
        form = f"csrf_token={token}&name=eve&password=rebinding1&password_again=rebinding1".encode()
        foreign = {"Host": f"evil.example:{server.port}", "Cookie": cookie,
                   "Content-Type": "application/x-www-form-urlencoded"}
        assert server.request("GET", "/setup", headers={"Host": foreign["Host"]}).status == 400
        assert server.request("POST", "/setup", form, foreign).status == 400
        assert server.request("GET", "/setup").status == 200  # still nobody's
    finally:
        server.stop()
    database = server.database()
    with database.session() as session:
        assert session.scalar(select(User.id)) is None
    database.dispose()


# --- security headers -----------------------------------------------------------------------------

def csp_directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def check_security_headers(response, where: str) -> None:
    headers = response.headers
    csp = csp_directives(headers["Content-Security-Policy"])
    scripts = csp.get("script-src", csp.get("default-src"))
    assert scripts == ["'self'"], (where, scripts)  # no 'unsafe-inline', 'unsafe-eval', data: or hosts
    assert csp["default-src"] == ["'self'"], where
    assert csp.get("style-src", csp["default-src"]) == ["'self'"], where
    assert csp["frame-ancestors"] == ["'none'"] and csp["base-uri"] == ["'none'"] and csp["form-action"] == ["'self'"]
    assert "object-src" not in csp or csp["object-src"] in (["'none'"], ["'self'"])
    assert headers["X-Content-Type-Options"] == "nosniff", where
    assert headers["X-Frame-Options"] == "DENY", where
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin-when-cross-origin"), where


def test_security_headers_on_every_web_page(web_app, api_alice, alice_article):
    client = web_app.test_client()
    check_security_headers(client.get("/login"), "/login")
    check_security_headers(client.get("/"), "/ (redirect)")
    client.sign_in("alice", "correct horse battery")
    pages = [fill(rule, article_id=alice_article["id"], format_name="json", filename="web.js")
             for method, rule in routes(web_app) if method == "GET" and not rule.startswith(("/api/", "/healthz"))
             and "token_id" not in rule]
    assert "/settings" in pages and f"/articles/{alice_article['id']}" in pages
    for path in pages + ["/no-such-page", "/articles/999999", "/static/site.css", "/?tag=!!!"]:
        response = client.get(path)
        assert response.status_code < 500, path
        check_security_headers(response, path)


def test_the_live_server_sends_the_headers_too(live):
    for path in ("/login", "/static/web.js", "/nowhere"):
        answer = live.request("GET", path)
        csp = csp_directives(answer.headers["content-security-policy"])
        assert csp["script-src"] == ["'self'"] and csp["frame-ancestors"] == ["'none'"], path
        assert answer.headers["x-content-type-options"] == "nosniff" and answer.headers["x-frame-options"] == "DENY"


def test_every_api_answer_says_nosniff(web_app, api_alice, alice_article):
    """An API answer quotes page HTML (`content_html`, an error message): a browser must never
    sniff it into a document or a script."""
    client = web_app.test_client()
    answers = {"GET /healthz": client.get("/healthz"),
               "preflight": client.options("/api/v1/articles", headers={
                   "Origin": "chrome-extension://abcdefghijklmnop", "Access-Control-Request-Method": "POST"}),
               "a foreign origin": client.get("/api/v1/me",
                                              headers={**api_alice.headers, "Origin": "https://evil.example"}),
               "an unknown route": client.get("/api/v1/nowhere", headers=api_alice.headers)}
    for method, rule in routes(web_app, "/api/"):
        path = fill(rule, article_id=alice_article["id"], name="Climate")
        answers[f"{method} {rule}"] = client.open(path, method=method, headers=api_alice.headers, json={})
        answers[f"{method} {rule} without a token"] = client.open(path, method=method, json={})
    statuses = set()
    for label, response in answers.items():
        statuses.add(response.status_code)
        assert response.headers.get("X-Content-Type-Options") == "nosniff", (label, response.status_code)
    assert {200, 400, 401, 403, 404} <= statuses, statuses  # successes and errors alike


def test_the_live_server_says_nosniff_on_api_answers_too(live):
    for answer in (live.api("GET", "/api/v1/me"), live.request("GET", "/api/v1/me"), live.request("GET", "/healthz"),
                   live.api("POST", "/api/v1/extract", {"url": URL, "html": article_page()})):
        assert answer.status in (200, 401) and answer.headers["x-content-type-options"] == "nosniff", answer.status


def test_templates_hold_no_inline_script_style_or_handler():
    """The CSP forbids them; a template that used one would break (or tempt loosening the CSP)."""
    for template in TEMPLATES.rglob("*.html"):
        source = template.read_text()
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", source), template
        assert not re.search(r"\son[a-z]+\s*=", source, re.I), template
        assert not re.search(r"\sstyle\s*=", source, re.I), template
        assert "<style" not in source and "javascript:" not in source.lower(), template
        assert "|safe" not in source.replace(" ", ""), template  # markup is made safe in Python, in one place


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https://evil.example/", "\\\\evil.example",
                                    "/\t/evil.example", "javascript:alert(1)", "/%0d%0aSet-Cookie:x=1", "///evil.example",
                                    "http:evil.example", "/.//evil.example", "%2F%2Fevil.example"])
def test_login_never_redirects_off_the_server(web_app, api_alice, target):
    client = web_app.test_client()
    token = client.csrf_token("/login")
    response = client.post("/login", data={"csrf_token": token, "name": "alice", "password": "correct horse battery",
                                           "next": target})
    assert response.status_code == 303
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert parts.scheme in ("", "http") and parts.netloc in ("", "localhost"), location
    assert not location.startswith("//") and "\\" not in location and "\n" not in location, location
