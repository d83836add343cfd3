"""The Host allow-list (DNS rebinding): which names pass, and what a refused request gets."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from conftest import services_of
from folio.allowed_hosts import AllowedHosts
from folio.app import create_app
from folio.storage import User

REFUSED_MESSAGE = "does not answer to the host name"


@pytest.mark.parametrize("listen_host, names, host, allows", [
    # The loopback names and addresses, whatever the port, always.
    (None, (), "localhost", True),
    (None, (), "localhost:8000", True),
    (None, (), "LocalHost.:8000", True),
    (None, (), "127.0.0.1:8000", True),
    (None, (), "[::1]:8000", True),
    # A DNS-rebinding page sends its own name.
    (None, (), "evil.example", False),
    (None, (), "evil.example:8000", False),
    (None, (), "localhost.evil.example", False),
    (None, (), "127.0.0.1.evil.example", False),
    (None, (), "", False),
    (None, (), "[::1", False),
    # Listening on one address: that address too, but no other.
    ("192.168.1.20", (), "192.168.1.20:8000", True),
    ("192.168.1.20", (), "192.168.1.21:8000", False),
    ("folio.lan", (), "folio.lan:8000", True),
    # Listening on every address (the Docker image): any address, still no foreign name.
    ("0.0.0.0", (), "172.17.0.2:8000", True),
    ("0.0.0.0", (), "[fe80::1]:8000", True),
    ("::", (), "10.0.0.5", True),
    ("0.0.0.0", (), "evil.example", False),
    ("0.0.0.0", (), "folio.example.org", False),
    # FOLIO_ALLOWED_HOSTS: names, addresses, a domain with its subdomains, or anything.
    (None, ("folio.example.org",), "folio.example.org", True),
    (None, ("folio.example.org",), "FOLIO.example.org:443", True),
    (None, ("folio.example.org",), "www.folio.example.org", False),
    (None, ("folio.example.org",), "evil.example", False),
    (None, ("192.168.1.20",), "192.168.1.20", True),
    (None, ("fe80::1",), "[fe80::1]:8000", True),
    (None, (".home.arpa",), "home.arpa", True),
    (None, (".home.arpa",), "folio.home.arpa", True),
    (None, (".home.arpa",), "folio.home.arpa.evil.example", False),
    (None, (".home.arpa",), "evilhome.arpa", False),
    (None, ("*",), "anything.example", True),
])
def test_which_hosts_are_allowed(config, listen_host, names, host, allows):
    allowed = AllowedHosts.from_config(config.with_changes(listen_host=listen_host, allowed_hosts=names))
    assert allowed.allows(host) is allows


@pytest.fixture
def make_app(config):
    apps = []

    def make(**changes):
        app = create_app(config.with_changes(**changes))
        apps.append(app)
        return app

    yield make
    for app in apps:
        services_of(app).database.dispose()


def test_an_api_call_for_another_host_is_a_json_400(app, api_alice):
    response = app.test_client().get("/api/v1/me", headers={**api_alice.headers, "Host": "evil.example"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "unknown_host"
    message = response.get_json()["message"]
    assert "'evil.example'" in message and "FOLIO_ALLOWED_HOSTS" in message
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_request_without_a_valid_host_is_a_json_400(app):
    response = app.test_client().get("/healthz", headers={"Host": "two words"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "unknown_host", "message": "the request names no valid host (Host header)"}


def test_a_rebinding_page_cannot_create_the_first_account(make_app):
    """A fresh server: /setup belongs to whoever comes first, unless that is a foreign page."""
    app = make_app()
    client = app.test_client()
    foreign = {"Host": "evil.example:8000"}
    form = client.get("/setup", headers=foreign)
    assert form.status_code == 400 and "text/html" in form.content_type
    assert REFUSED_MESSAGE in form.get_data(as_text=True)
    assert "csrf_token" not in form.get_data(as_text=True)  # no form to fill in
    # Even with a token from a page it could read through a loopback name, the post is refused.
    token = client.get("/setup").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    posted = client.post("/setup", headers=foreign, data={"csrf_token": token, "name": "eve", "password": "x" * 12,
                                                          "password_again": "x" * 12})
    assert posted.status_code == 400
    with services_of(app).database.session() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 0
    assert client.get("/setup").status_code == 200  # still there for its owner


def test_behind_a_trusted_proxy_the_forwarded_host_is_checked(make_app):
    app = make_app(trusted_proxies=1, allowed_hosts=("folio.example.org",))
    client = app.test_client()
    forwarded = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    assert client.get("/healthz", headers={**forwarded, "Host": "127.0.0.1:8000",
                                           "X-Forwarded-Host": "folio.example.org"}).status_code == 200
    # The proxy passes on the name the browser asked for: a rebinding page's own.
    refused = client.get("/healthz", headers={**forwarded, "Host": "127.0.0.1:8000",
                                              "X-Forwarded-Host": "evil.example"})
    assert refused.status_code == 400 and "'evil.example'" in refused.get_json()["message"]
    # A proxy that sets only Host (no X-Forwarded-Host) works as well.
    assert client.get("/healthz", headers={**forwarded, "Host": "folio.example.org"}).status_code == 200


def test_without_a_trusted_proxy_a_forwarded_host_is_ignored(make_app):
    client = make_app(allowed_hosts=("folio.example.org",)).test_client()
    response = client.get("/healthz", headers={"Host": "evil.example", "X-Forwarded-Host": "folio.example.org"})
    assert response.status_code == 400


def test_folio_serve_allows_the_address_it_listens_on(make_app):
    client = make_app(listen_host="192.168.1.20").test_client()
    assert client.get("/healthz", headers={"Host": "192.168.1.20:8000"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "192.168.1.99:8000"}).status_code == 400
