"""What every page promises: security headers, no inline code (CSP), landmarks and labels,
and plain HTML error pages that never show a stack trace."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.exc import OperationalError

from folio.web import blueprint
from .web_support import save, text_of

CSP = ("default-src 'self'; img-src 'self' https: http: data:; script-src 'self'; style-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def every_page(client, db, alice) -> dict[str, str]:
    """Each kind of page a signed-in user sees, by name."""
    row = save(db, alice, lead_image="https://example.com/lead.jpg", tags=["Climate", "Oceans"])
    pages = {path: client.get(path) for path in (
        "/", "/?q=sea", "/?q=nothinglike", f"/articles/{row.id}", f"/articles/{row.id}/delete", "/settings",
        "/?tag=!!!", "/articles/999", "/nowhere")}
    pages["new token"] = client.submit("/settings/tokens", {"label": "x"}, page="/settings")
    return {name: text_of(response) for name, response in pages.items()}


def test_pages_hold_no_inline_scripts_styles_or_handlers(signed_in, db, alice):
    for name, html in every_page(signed_in, db, alice).items():
        assert not re.search(r"<script(?![^>]*\ssrc=)", html), name
        assert not re.search(r"\sstyle=", html), name
        assert not re.search(r"\son[a-z]+\s*=", html, re.I), name
        assert "javascript:" not in html, name
        assert "<style" not in html, name


def test_pages_have_landmarks_a_skip_link_and_labelled_fields(signed_in, db, alice):
    for name, html in every_page(signed_in, db, alice).items():
        assert '<a class="skip-link" href="#main">Skip to content</a>' in html, name
        assert '<main id="main"' in html and "<header" in html, name
        assert '<html lang="en"' in html, name
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html, name
        for field_id in re.findall(r'<(?:input|select)(?![^>]*type="(?:hidden|submit)")[^>]*\sid="([^"]+)"', html):
            assert f'<label for="{field_id}"' in html or f'<label class="visually-hidden" for="{field_id}"' in html, \
                f"{name}: #{field_id} has no label"
        assert len(re.findall(r"<h1[\s>]", html)) == 1, name


@pytest.mark.parametrize("path", ["/login", "/static/site.css", "/static/web.js", "/nowhere"])
def test_security_headers_before_signing_in(client, alice, path):
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_security_headers_on_signed_in_pages_downloads_and_errors(signed_in, article):
    for path in ("/", f"/articles/{article.id}", "/settings", "/export/json", "/articles/999", "/?tag=!!!"):
        response = signed_in.get(path)
        assert response.headers["Content-Security-Policy"] == CSP, path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path


def test_the_api_keeps_its_own_headers(client, alice):
    response = client.get("/api/v1/me")
    assert "Content-Security-Policy" not in response.headers


def test_the_shared_stylesheet_and_the_scripts_are_served(client):
    for path, mimetype in [("/static/reader.css", "text/css"), ("/static/site.css", "text/css"),
                           ("/static/web.js", "text/javascript"), ("/static/favicon.svg", "image/svg+xml")]:
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == mimetype, path


def test_a_method_the_page_does_not_take_is_a_405_page(signed_in, article):
    response = signed_in.put(f"/articles/{article.id}")
    assert response.status_code == 405 and response.mimetype == "text/html"
    assert "Not allowed" in text_of(response)


def test_an_unexpected_error_is_a_plain_500_page(signed_in, monkeypatch):
    from folio import library

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(library, "list_tags", broken)
    response = signed_in.get("/")
    assert response.status_code == 500 and response.mimetype == "text/html"
    html = text_of(response)
    assert "Something went wrong" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_a_database_outage_is_a_503_page_drawn_without_the_database(client, monkeypatch):
    def unavailable():
        raise OperationalError("SELECT 1", {}, Exception("unable to open database file"))

    monkeypatch.setattr(blueprint, "has_users", unavailable)
    response = client.get("/")
    assert response.status_code == 503 and response.mimetype == "text/html"
    assert "Folio is not available right now" in text_of(response)


def test_a_body_larger_than_a_page_is_a_413_page(signed_in, article, app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = signed_in.submit(f"/articles/{article.id}/tags", {"tags": "x" * 5000}, page=f"/articles/{article.id}")
    assert response.status_code == 413 and "That file is too large" in text_of(response)


def test_the_reading_page_loads_the_shared_reader_stylesheet_before_the_sites(signed_in, article):
    html = text_of(signed_in.get(f"/articles/{article.id}"))
    assert html.index("/static/reader.css") < html.index("/static/site.css") < html.index("/static/web.js")
    assert '<body class="reader-page site reading">' in html
