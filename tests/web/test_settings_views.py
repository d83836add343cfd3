"""The settings page: API tokens, export downloads, import of a Folio export."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from folio import auth
from folio.library.archive_format import FORMAT_NAME, FORMAT_VERSION
from .web_support import make_user_in, save, text_of

FORMATS = {"json": "application/json", "markdown": "text/markdown", "html": "text/html",
           "epub": "application/epub+zip"}


def test_a_new_token_is_shown_once_and_works_with_the_api(signed_in):
    response = signed_in.submit("/settings/tokens", {"label": "Firefox on my laptop"}, page="/settings")
    assert response.status_code == 201
    html = text_of(response)
    secret = re.search(r'id="new-token-value"[^>]*value="(folio_[^"]+)"', html).group(1)
    assert "it is shown only this once" in html and "Firefox on my laptop" in html
    assert signed_in.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).json["user"]["name"] == "alice"
    later = text_of(signed_in.get("/settings"))
    assert secret not in later
    assert secret[:14] + "…" in later and "Firefox on my laptop" in later


def test_the_token_list_shows_when_a_token_was_last_used(signed_in, db, alice):
    _, secret = auth.create_token(db, alice, "script")
    signed_in.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    row = re.search(r"<tr>\s*<td><code>" + re.escape(secret[:14]) + r"….*?</tr>", text_of(signed_in.get("/settings")), re.S)
    assert row and "Never" not in row.group(0)


def test_a_label_that_is_too_long_is_refused(signed_in, db, alice):
    response = signed_in.submit("/settings/tokens", {"label": "x" * 101}, page="/settings")
    assert response.status_code == 303
    assert "A token label has at most 100 characters." in text_of(signed_in.get("/settings"))
    assert auth.list_tokens(db, alice) == []


def test_revoking_a_token(signed_in, db, alice):
    token, secret = auth.create_token(db, alice, "old phone")
    response = signed_in.submit(f"/settings/tokens/{token.id}/revoke", page="/settings")
    assert response.status_code == 303 and response.location == "/settings#tokens"
    assert "Revoked the token" in text_of(signed_in.get("/settings"))
    assert signed_in.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_another_users_token_cannot_be_revoked(signed_in, db, bob):
    token, secret = auth.create_token(db, bob, "bob's")
    response = signed_in.submit(f"/settings/tokens/{token.id}/revoke", page="/settings")
    assert response.status_code == 404
    assert signed_in.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert "bob&#39;s" not in text_of(signed_in.get("/settings"))


def test_token_forms_need_the_csrf_token(signed_in, db, alice):
    token, _ = auth.create_token(db, alice, "keep")
    assert signed_in.post("/settings/tokens", data={"label": "x"}).status_code == 400
    assert signed_in.post(f"/settings/tokens/{token.id}/revoke").status_code == 400
    assert [t.label for t in auth.list_tokens(db, alice)] == ["keep"]


@pytest.mark.parametrize(("name", "mimetype"), FORMATS.items())
def test_exports_download_the_signed_in_users_articles(signed_in, db, alice, bob, name, mimetype):
    save(db, alice, title="Alice's article")
    save(db, bob, title="Bob's article")
    response = signed_in.get(f"/export/{name}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"].startswith("attachment; filename=folio-export-")
    data = response.data
    text = "".join(zipfile.ZipFile(io.BytesIO(data)).read(n).decode() for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
                   if n.endswith(".xhtml")) if name == "epub" else data.decode()
    assert "Alice" in text and "Bob" not in text


def test_an_export_can_be_narrowed_like_the_library(signed_in, db, alice):
    save(db, alice, "https://example.com/1", title="Kept", tags=["Keep"])
    save(db, alice, "https://example.com/2", title="Left out", tags=["Other"])
    exported = json.loads(signed_in.get("/export/json?tag=Keep").data)
    titles = [item["title"] for item in (exported["articles"] if isinstance(exported, dict) else exported)]
    assert titles == ["Kept"]


def test_an_unknown_export_format_is_a_bad_request_page(signed_in):
    response = signed_in.get("/export/pdf")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "Format must be one of json, markdown, html, epub." in text_of(response)


def test_exports_need_a_signed_in_user(client, alice):
    assert client.get("/export/json").status_code == 302


def test_the_api_never_takes_the_session_cookie(signed_in):
    assert signed_in.get("/api/v1/export?format=json").status_code == 401
    assert signed_in.get("/api/v1/articles").status_code == 401


def test_importing_a_folio_export(app, signed_in, db, alice):
    save(db, alice, "https://example.com/1", title="One")
    save(db, alice, "https://example.com/2", title="Two")
    exported = signed_in.get("/export/json").data
    make_user_in(app, "carol")
    carol = app.test_client()
    carol.sign_in("carol")
    response = carol.submit("/settings/import", {"file": (io.BytesIO(exported), "folio.json")}, page="/settings",
                            content_type="multipart/form-data")
    assert response.status_code == 303 and response.location == "/settings#import"
    assert "Imported 2 new articles, updated 0 articles." in text_of(carol.get("/settings"))
    html = text_of(carol.get("/"))
    assert "One" in html and "Two" in html
    again = carol.submit("/settings/import", {"file": (io.BytesIO(exported), "folio.json")}, page="/settings",
                         content_type="multipart/form-data")
    assert again.status_code == 303
    assert "Imported 0 new articles, updated 2 articles." in text_of(carol.get("/settings"))


@pytest.mark.parametrize(("content", "message"), [
    (b"not json at all", "The import is not JSON."),
    (b'{"articles": []}', "The import is not a Folio export"),
    (b"", "The import is not JSON."),
    (b"\xff\xfe", "The import is not JSON."),
])
def test_a_file_that_is_not_a_folio_export_is_refused_politely(signed_in, content, message):
    response = signed_in.submit("/settings/import", {"file": (io.BytesIO(content), "x.json")}, page="/settings",
                                content_type="multipart/form-data")
    assert response.status_code == 303
    html = text_of(signed_in.get("/settings"))
    assert 'data-kind="error"' in html and message in html


def test_an_error_quoting_a_huge_value_keeps_the_session_cookie_small(signed_in):
    """Flashed messages live in the session cookie; past 4 KB a browser drops it and signs the user out."""
    content = b'{"format": "folio-export", "version": "' + b"9" * 20_000 + b'", "articles": []}'
    response = signed_in.submit("/settings/import", {"file": (io.BytesIO(content), "x.json")}, page="/settings",
                                content_type="multipart/form-data")
    assert response.status_code == 303
    cookies = [value for name, value in response.headers.items() if name == "Set-Cookie"]
    assert cookies and all(len(cookie) < 1000 for cookie in cookies)
    html = text_of(signed_in.get("/settings"))
    assert "reads export version 1, not &#39;9999" in html and "9" * 100 not in html


def test_an_import_without_a_file_asks_for_one(signed_in):
    response = signed_in.submit("/settings/import", {}, page="/settings", content_type="multipart/form-data")
    assert response.status_code == 303
    assert "Choose a Folio JSON export file to import." in text_of(signed_in.get("/settings"))


def test_an_import_needs_the_csrf_token(signed_in, db, alice):
    response = signed_in.post("/settings/import", data={"file": (io.BytesIO(b"[]"), "x.json")},
                              content_type="multipart/form-data")
    assert response.status_code == 400
    assert "The form was out of date" in text_of(response)


def test_an_import_larger_than_the_limit_is_refused(make_app):
    client = make_app(max_import_bytes=2048).test_client()
    make_user_in(client.application, "alice")
    client.sign_in("alice")
    big = io.BytesIO(b"[" + b" " * 4096 + b"]")
    response = client.submit("/settings/import", {"file": (big, "big.json")}, page="/settings",
                             content_type="multipart/form-data")
    assert response.status_code == 413
    assert "That file is too large" in text_of(response)


def test_an_import_may_be_larger_than_a_page(make_app):
    """A page is limited to FOLIO_MAX_HTML_BYTES; an export file to FOLIO_MAX_IMPORT_BYTES."""
    client = make_app(max_html_bytes=4096, max_import_bytes=1024 * 1024).test_client()
    make_user_in(client.application, "alice")
    client.sign_in("alice")
    empty_export = json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION, "articles": []})
    big = io.BytesIO(empty_export.encode() + b" " * 100_000)
    response = client.submit("/settings/import", {"file": (big, "big.json")}, page="/settings",
                             content_type="multipart/form-data")
    assert response.status_code == 303
    assert "Imported 0 new articles" in text_of(client.get("/settings"))
