"""The "Create your account" page: there only while the server has no user."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from folio.storage import User
from .web_support import PASSWORD, text_of


@pytest.mark.parametrize("path", ["/", "/login", "/settings", "/articles/1", "/?q=sea"])
def test_every_page_leads_to_the_setup_page_before_anyone_has_an_account(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.location == "/setup"


def test_the_api_and_health_check_are_not_redirected(client):
    assert client.get("/healthz").status_code == 200
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and response.is_json


def test_the_setup_page_is_one_labelled_form(client):
    html = text_of(client.get("/setup"))
    assert "Create your account" in html
    for field in ("name", "password", "password_again"):
        assert f'<label for="{field}">' in html and f'id="{field}" name="{field}"' in html
    assert 'name="csrf_token"' in html


def test_creating_the_account_signs_in_and_opens_the_empty_library(client, db):
    response = client.submit("/setup", {"name": "ada", "password": PASSWORD, "password_again": PASSWORD},
                             page="/setup")
    assert response.status_code == 303 and response.location == "/"
    library = client.get("/")
    assert library.status_code == 200
    assert "Welcome to Folio, ada" in text_of(library)
    assert "Your library is empty" in text_of(library)
    assert db.scalar(select(func.count()).select_from(User)) == 1


def test_after_the_first_account_the_setup_page_is_gone(client, db):
    client.submit("/setup", {"name": "ada", "password": PASSWORD, "password_again": PASSWORD}, page="/setup")
    assert client.get("/setup").status_code == 404
    token = client.csrf_token("/")
    other = client.post("/setup", data={"csrf_token": token, "name": "eve", "password": PASSWORD,
                                        "password_again": PASSWORD})
    assert other.status_code == 404
    assert db.scalar(select(func.count()).select_from(User)) == 1


def test_the_setup_page_disappears_when_an_account_is_made_elsewhere(client, alice):
    assert client.get("/setup").status_code == 404
    assert client.get("/").location.startswith("/login")


@pytest.mark.parametrize(("name", "password", "again", "message"), [
    ("ada", PASSWORD, PASSWORD + "x", "The two passwords are not the same."),
    ("ada", "short", "short", "A password needs at least 8 characters."),
    ("not a name!", PASSWORD, PASSWORD, "A user name is 1 to 64 letters"),
    ("", PASSWORD, PASSWORD, "A user name is 1 to 64 letters"),
    ("ada", "x" * 2000, "x" * 2000, "A password has at most"),
])
def test_a_refused_account_says_why_and_keeps_the_name(client, db, name, password, again, message):
    response = client.submit("/setup", {"name": name, "password": password, "password_again": again}, page="/setup")
    assert response.status_code == 400
    assert message in text_of(response)
    assert db.scalar(select(func.count()).select_from(User)) == 0
    if name:
        assert f'value="{name}"'.replace("!", "!") in text_of(response)


def test_the_setup_form_needs_its_csrf_token(client, db):
    response = client.post("/setup", data={"name": "ada", "password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 400
    assert db.scalar(select(func.count()).select_from(User)) == 0
