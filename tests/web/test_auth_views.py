"""Signing in and out: session cookie, generic failure message, rate limit, safe `next`, CSRF."""

from __future__ import annotations

import pytest

from folio import auth
from .conftest import CHEAP_ARGON2
from .web_support import PASSWORD, make_user_in, text_of


def test_the_login_page_has_labelled_fields(client, alice):
    html = text_of(client.get("/login"))
    assert '<label for="name">User name</label>' in html
    assert '<label for="password">Password</label>' in html
    assert 'autocomplete="current-password"' in html


def test_signing_in_sets_an_httponly_samesite_session_cookie(client, alice):
    response = client.submit("/login", {"name": "alice", "password": PASSWORD}, page="/login")
    assert response.status_code == 303 and response.location == "/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http here
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(("name", "password"), [("alice", "wrong password"), ("nobody", PASSWORD), ("alice", ""),
                                                ("", ""), ("alice", "x" * 5000)])
def test_a_failed_login_says_the_same_thing_whatever_was_wrong(client, alice, name, password):
    response = client.submit("/login", {"name": name, "password": password}, page="/login")
    assert response.status_code == 401
    assert "That user name and password do not match." in text_of(response)
    assert client.get("/").status_code == 302


def test_pages_ask_to_sign_in_and_come_back_afterwards(client, alice):
    response = client.get("/settings?x=1")
    assert response.status_code == 302
    assert response.location == "/login?next=/settings?x%3D1"
    login_page = text_of(client.get(response.location))
    assert 'name="next" value="/settings?x=1"' in login_page
    signed = client.submit("/login", {"name": "alice", "password": PASSWORD, "next": "/settings?x=1"}, page="/login")
    assert signed.location == "/settings?x=1"


@pytest.mark.parametrize("target", [
    "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "evil.example",
    "/%0d%0aLocation:%20x", "\t//evil.example", "",
])
def test_next_only_ever_leads_to_a_path_on_this_server(client, alice, target):
    response = client.submit("/login", {"name": "alice", "password": PASSWORD, "next": target}, page="/login")
    assert response.status_code == 303
    assert response.location.startswith("/") and not response.location.startswith("//")
    assert "evil" not in response.location or response.location.startswith("/%")


def test_a_signed_in_visit_to_the_login_page_goes_to_the_library(signed_in):
    assert signed_in.get("/login").location == "/"


def test_logging_in_is_rate_limited(client, alice):
    token = client.csrf_token("/login")
    statuses = [client.post("/login", data={"csrf_token": token, "name": "alice", "password": "wrong"}).status_code
                for _ in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    page = client.post("/login", data={"csrf_token": token, "name": "alice", "password": PASSWORD})
    assert page.status_code == 429
    assert "Too many attempts" in text_of(page) and page.mimetype == "text/html"


def test_the_rate_limit_counts_only_login_posts(client, alice):
    for _ in range(15):
        assert client.get("/login").status_code == 200


def test_a_login_without_its_csrf_token_is_refused(client, alice):
    response = client.post("/login", data={"name": "alice", "password": PASSWORD})
    assert response.status_code == 400
    assert "The form was out of date" in text_of(response)
    assert client.get("/").status_code == 302


def test_signing_out_ends_the_session(signed_in):
    response = signed_in.submit("/logout", page="/settings")
    assert response.status_code == 303 and response.location == "/login"
    assert "You are signed out." in text_of(signed_in.get("/login"))
    assert signed_in.get("/").status_code == 302


def test_signing_out_needs_the_csrf_token(signed_in):
    assert signed_in.post("/logout").status_code == 400
    assert signed_in.get("/").status_code == 200
    assert signed_in.get("/logout").status_code == 405


def test_a_password_change_signs_out_other_browsers(signed_in, db, alice):
    auth.change_password(db, alice, "another good password", CHEAP_ARGON2)
    response = signed_in.get("/")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_a_deleted_user_session_is_dropped(signed_in, db, alice):
    db.delete(db.merge(alice))
    db.commit()
    assert signed_in.get("/").status_code == 302


def test_a_forged_session_cookie_is_ignored(client, alice):
    client.set_cookie("session", "eyJ1c2VyX2lkIjoxfQ.forged.signature")
    assert client.get("/").status_code == 302


def test_the_session_cookie_is_secure_over_https(make_app):
    client = make_app(allowed_hosts=("folio.example",)).test_client()
    make_user_in(client.application, "alice")
    https = {"base_url": "https://folio.example", "headers": {"Referer": "https://folio.example/login"}}
    token = client.csrf_token("/login", base_url=https["base_url"])
    response = client.post("/login", data={"csrf_token": token, "name": "alice", "password": PASSWORD}, **https)
    assert response.status_code == 303, text_of(response)
    assert "Secure" in response.headers["Set-Cookie"]


def test_behind_a_trusted_proxy_the_forwarded_scheme_makes_the_cookie_secure(make_app):
    client = make_app(trusted_proxies=1, allowed_hosts=("folio.example",)).test_client()
    make_user_in(client.application, "alice")
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "folio.example",
                 "Referer": "https://folio.example/login"}
    token = client.csrf_token("/login", headers=forwarded)
    response = client.post("/login", data={"csrf_token": token, "name": "alice", "password": PASSWORD},
                           headers=forwarded)
    assert response.status_code == 303, text_of(response)
    assert "Secure" in response.headers["Set-Cookie"]


def test_a_form_posted_after_the_session_ended_leads_to_the_login_page(client, article):
    response = client.post(f"/articles/{article.id}/state", data={"csrf_token": client.csrf_token("/login"),
                                                                  "read": "1"})
    assert response.status_code == 302 and response.location == "/login"
