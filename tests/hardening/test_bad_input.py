"""Bad input to the API: wrong bodies, content types, fields, URLs, encodings and sizes.

Every answer is `{"error", "message"}` with the contract's 4xx, never a 500 (the `client` also
checks each answer against openapi.json). Size and compression limits are proven on the live
server too: a body over the limit is refused from its header alone, and a compressed body is
refused without being inflated.
"""

from __future__ import annotations

import gzip
import io
import json
import time
import zlib

import pytest

from folio.app import create_app

from .conftest import SpecCheckingClient, api_user, services_of
from .support import (
    LIVE_MAX_HTML_BYTES,
    article_page,
    body_of,
    raw_exchange,
    resident_megabytes,
    status_of,
)

URL = "https://example.com/story"
PAGE = article_page()
BODY_ROUTES = [("post", "/api/v1/extract"), ("post", "/api/v1/articles"), ("patch", "/api/v1/articles/{id}"),
               ("patch", "/api/v1/tags/climate"), ("post", "/api/v1/import")]


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    body = response.get_json()
    assert set(body) == {"error", "message"}, body
    assert body["message"].strip(), body
    if code is not None:
        assert body["error"] == code, body
    return body


class RecordingExtractor:
    """Stands in for the engine: remembers whether anything reached it."""

    version = "recording"

    def __init__(self, real):
        self.real = real
        self.calls = 0

    def __call__(self, html, url):
        self.calls += 1
        return self.real(html, url)


@pytest.fixture
def extractor(app):
    services = services_of(app)
    recording = RecordingExtractor(services.extractor)
    services.extractor = recording
    return recording


@pytest.fixture
def saved(client, api_alice):
    response = client.post("/api/v1/articles", json={"url": URL, "html": PAGE, "tags": ["Climate"]},
                           headers=api_alice.headers)
    assert response.status_code == 201
    return response.get_json()


def body_routes(saved):
    return [(method, path.format(id=saved["id"])) for method, path in BODY_ROUTES]


# --- not JSON ---------------------------------------------------------------------------------

@pytest.mark.parametrize("content_type", [None, "text/plain", "text/html", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/xml",
                                          "application/jsonp", "json"])
def test_a_body_that_is_not_declared_json_is_415(client, api_alice, saved, extractor, content_type):
    headers = dict(api_alice.headers)
    if content_type:
        headers["Content-Type"] = content_type
    for method, path in body_routes(saved):
        response = getattr(client, method)(path, data=json.dumps({"url": URL, "html": PAGE}), headers=headers)
        assert_error(response, 415, "unsupported_media_type")
    assert extractor.calls == 0


@pytest.mark.parametrize("body", [
    b"", b"{", b"{'url': 'x'}", b'{"url": "https://example.com/", "html": "x",}', b"\xff\xfe{}", b"\x00" * 64,
    b"<html></html>", b"[" * 50_000 + b"]" * 50_000, b'{"a": ' * 10_000 + b"1" + b"}" * 10_000, b"NaN",
    b'{"url": "https://example.com/", "html": "\xc3\x28"}', gzip.compress(b'{"url": "https://example.com/"}'),
])
def test_a_body_that_is_not_json_is_400(client, api_alice, saved, extractor, body):
    for method, path in body_routes(saved):
        response = getattr(client, method)(path, data=body, headers=api_alice.headers, content_type="application/json")
        assert_error(response, 400, "bad_input")
    assert extractor.calls == 0


@pytest.mark.parametrize("value", [[], ["x"], "x", 1, 1.5, None, True])
def test_a_body_that_is_not_an_object_is_400(client, api_alice, saved, value):
    for method, path in body_routes(saved):
        response = getattr(client, method)(path, data=json.dumps(value), headers=api_alice.headers,
                                           content_type="application/json")
        body = assert_error(response, 400, "bad_input")
        assert "object" in body["message"]


def test_json_in_another_unicode_encoding_is_read(client, api_alice):
    # RFC 8259 JSON is UTF-8; Python also reads UTF-16/32 with a BOM-less detection. Either way, not a 500.
    data = json.dumps({"url": URL, "html": PAGE}).encode("utf-16")
    response = client.post("/api/v1/extract", data=data, headers=api_alice.headers, content_type="application/json")
    assert response.status_code in (200, 400)


# --- fields -----------------------------------------------------------------------------------

PAGE_FIELD_CASES = [
    ({"html": PAGE}, "url"),
    ({"url": URL}, "html"),
    ({"url": None, "html": PAGE}, "url"),
    ({"url": 1, "html": PAGE}, "url"),
    ({"url": [URL], "html": PAGE}, "url"),
    ({"url": {"href": URL}, "html": PAGE}, "url"),
    ({"url": URL, "html": None}, "html"),
    ({"url": URL, "html": 1}, "html"),
    ({"url": URL, "html": [PAGE]}, "html"),
    ({"url": URL, "html": {"outerHTML": PAGE}}, "html"),
    ({"url": URL, "html": ""}, "html"),
    ({"url": URL, "html": " \n\t "}, "html"),
    ({"url": URL, "html": PAGE, "extra": 1}, "extra"),
    ({"url": URL, "html": PAGE, "URL": URL}, "URL"),
    ({"url": URL, "html": PAGE, "__proto__": {}}, "__proto__"),
]
SAVE_FIELD_CASES = [
    ({"url": URL, "html": PAGE, "tags": "Climate"}, "tags"),
    ({"url": URL, "html": PAGE, "tags": [1]}, "tag"),
    ({"url": URL, "html": PAGE, "tags": [None]}, "tag"),
    ({"url": URL, "html": PAGE, "tags": [""]}, "tag"),
    ({"url": URL, "html": PAGE, "tags": ["   "]}, "tag"),
    ({"url": URL, "html": PAGE, "tags": ["x" * 65]}, "tag"),
    ({"url": URL, "html": PAGE, "tags": ["new\nline"]}, "tag"),
    ({"url": URL, "html": PAGE, "tags": [["nested"]]}, "tag"),
    ({"url": URL, "html": PAGE, "tags": [f"t{n}" for n in range(51)]}, "tags"),
    ({"url": URL, "html": PAGE, "tags": None}, "tags"),
    ({"url": URL, "html": PAGE, "capture": "browser"}, "capture"),
    ({"url": URL, "html": PAGE, "capture": None}, "capture"),
    ({"url": URL, "html": PAGE, "capture": ["api"]}, "capture"),
    ({"url": URL, "html": PAGE, "id": 7}, "id"),
]


@pytest.mark.parametrize("body, named", PAGE_FIELD_CASES)
def test_page_fields_are_checked(client, api_alice, extractor, body, named):
    for path in ("/api/v1/extract", "/api/v1/articles"):
        message = assert_error(client.post(path, json=body, headers=api_alice.headers), 400, "bad_input")["message"]
        assert named in message, message
    assert extractor.calls == 0


@pytest.mark.parametrize("body, named", SAVE_FIELD_CASES)
def test_save_fields_are_checked(client, api_alice, extractor, body, named):
    message = assert_error(client.post("/api/v1/articles", json=body, headers=api_alice.headers), 400)["message"]
    assert named in message, message
    assert extractor.calls == 0
    if "tags" in body or "capture" in body:  # /extract takes neither
        assert_error(client.post("/api/v1/extract", json=body, headers=api_alice.headers), 400)


@pytest.mark.parametrize("change", [
    {"title": 1}, {"title": None}, {"title": ["x"]}, {"title": "x" * 1001}, {"title": "two\nlines"},
    {"title": "nul\x00"}, {"read": "true"}, {"read": 1}, {"read": None}, {"archived": "yes"},
    {"favourite": 0}, {"tags": "x"}, {"tags": [1]}, {"tags": [f"t{n}" for n in range(51)]},
    {"url": URL}, {"content_html": "<script>x</script>"}, {"id": 2}, {"user_id": 2},
])
def test_patch_fields_are_checked(client, api_alice, saved, change):
    path = f"/api/v1/articles/{saved['id']}"
    assert_error(client.patch(path, json=change, headers=api_alice.headers), 400, "bad_input")
    assert client.get(path, headers=api_alice.headers).get_json() == saved  # nothing changed


@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": 1}, {"name": ""}, {"name": "!!!"}, {"name": "x" * 65},
                                  {"name": "a\tb"}, {"name": "ok", "extra": 1}])
def test_tag_rename_fields_are_checked(client, api_alice, saved, body):
    assert_error(client.patch("/api/v1/tags/Climate", json=body, headers=api_alice.headers), 400, "bad_input")


# --- URLs -------------------------------------------------------------------------------------

BAD_URLS = [
    "javascript:alert(1)", "JavaScript://example.com/%0aalert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.com/x", "about:blank", "blob:https://example.com/x",
    "/relative/path", "relative", "//example.com/x", "example.com/x", "https:example.com", "https://", "http:///x",
    "https://:443/", "http://[::1", "http://example.com:99999/", "http://example.com:port/", "https://exa mple.com/",
    "https://example.com/a b", " https://example.com/", "https://example.com/\n", "https://example.com/\t",
    "https://example.com/\x00", "https://example.com/\u2028", "https://\u202eexample.com/", "https://example.com/\u200b",
    "https://example.com/" + "a" * 10_000, "", "   ", "http:\\\\example.com\\x",
    "https://\"><svg/onload=alert(1)>.example/", "https://a<b.example/", "https://a^b.example/", "https://[zz::1]/",
    "https://[::1/", "https://exa|mple.com/",
]
GOOD_URLS = [
    "https://example.com/story", "HTTPS://EXAMPLE.COM/Story", "http://example.com:8080/a?b=c#d",
    "https://bücher.example/straße", "https://例え.テスト/記事", "https://example.com/" + "a" * 8000,
    "http://127.0.0.1/x", "https://[2001:db8::1]/x",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_urls_that_are_not_absolute_web_urls_are_refused(client, api_alice, extractor, url):
    for path in ("/api/v1/extract", "/api/v1/articles"):
        message = assert_error(client.post(path, json={"url": url, "html": PAGE}, headers=api_alice.headers), 400)["message"]
        assert "url" in message
    response = client.get("/api/v1/articles", query_string={"url": url}, headers=api_alice.headers)
    assert_error(response, 400, "bad_input")
    assert extractor.calls == 0


@pytest.mark.parametrize("url", GOOD_URLS)
def test_unusual_but_valid_urls_are_taken(client, api_alice, url):
    response = client.post("/api/v1/articles", json={"url": url, "html": PAGE}, headers=api_alice.headers)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["url"] == url
    found = client.get("/api/v1/articles", query_string={"url": url}, headers=api_alice.headers).get_json()
    assert [item["id"] for item in found["items"]] == [response.get_json()["id"]]


# --- html that is not a page ----------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "\x00\x01\x02\x03" * 100, "".join(chr(n) for n in range(1, 32)) * 20, "\ufeff", "\ufeff \n",
    "<html></html>", "<!-- only a comment -->", "<script>var x = 1;</script>", "<?xml version='1.0'?><a/>",
    "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + "\x00" * 100, "PK\x03\x04" + "\x00" * 200, "\x89PNG\r\n\x1a\n" + "\x00" * 200,
])
def test_html_without_an_article_is_422(client, api_alice, html):
    for path in ("/api/v1/extract", "/api/v1/articles"):
        assert_error(client.post(path, json={"url": URL, "html": html}, headers=api_alice.headers), 422, "unprocessable")
    assert client.get("/api/v1/articles", headers=api_alice.headers).get_json()["total"] == 0


def test_lone_surrogates_do_not_cut_the_page_short(client, api_alice):
    """JavaScript strings may hold half of a surrogate pair (a cut emoji); JSON.stringify sends it
    as "\\ud83d". The text after it must survive, not be dropped by the parser."""
    page = article_page("<p>A cut emoji \ud83d here, and the story goes on after it: FINALWORD.</p>")
    for html in (page, "\ud800" + page, page + "\udfff"):
        response = client.post("/api/v1/extract", json={"url": URL, "html": html}, headers=api_alice.headers)
        assert response.status_code == 200, response.get_json()
        assert "FINALWORD" in response.get_json()["text"]
        assert "\ud83d" not in response.get_json()["text"]


def test_lone_surrogates_in_tags_and_titles_are_refused_or_replaced(client, api_alice, saved):
    path = f"/api/v1/articles/{saved['id']}"
    for change in ({"title": "half \ud83d"}, {"tags": ["half \ud83d"]}):
        response = client.patch(path, json=change, headers=api_alice.headers)
        assert response.status_code in (200, 400), response.get_json()
        if response.status_code == 200:
            stored = json.dumps(response.get_json(), ensure_ascii=False)
            stored.encode("utf-8")  # no lone surrogate left: it would not encode


# --- sizes ------------------------------------------------------------------------------------

def body_of_size(size: int) -> bytes:
    """A JSON page body of exactly `size` bytes."""
    empty = json.dumps({"url": URL, "html": ""}).encode()
    padding = size - len(empty) - len("<p></p>")
    body = json.dumps({"url": URL, "html": "<p>" + "x" * padding + "</p>"}).encode()
    assert len(body) == size
    return body


@pytest.fixture
def small_limit_app(config):
    """An app whose page limit is small enough to cross in a test."""
    made = create_app(config.with_changes(max_html_bytes=20_000))
    made.test_client_class = SpecCheckingClient
    yield made
    services_of(made).database.dispose()


def test_a_body_one_byte_over_the_limit_is_413_and_never_parsed(small_limit_app):
    client = small_limit_app.test_client()
    who = api_user(small_limit_app, "alice")
    services = services_of(small_limit_app)
    recording = RecordingExtractor(services.extractor)
    services.extractor = recording
    limit = services.config.max_html_bytes
    for path in ("/api/v1/extract", "/api/v1/articles"):
        response = client.post(path, data=body_of_size(limit + 1), headers=who.headers, content_type="application/json")
        assert_error(response, 413, "too_large")
        assert str(limit) in response.get_json()["message"]
    assert recording.calls == 0
    # exactly at the limit it is read (and extracted: the page holds no article, hence 422)
    response = client.post("/api/v1/extract", data=body_of_size(limit), headers=who.headers, content_type="application/json")
    assert response.status_code in (200, 422)
    assert recording.calls == 1


def test_a_streamed_body_without_length_is_held_to_the_limit(small_limit_app):
    """Chunked bodies have no Content-Length: Werkzeug cuts them at the limit silently, which
    must be a 413, not a 400 for the cut JSON (and not a truncated body read as a page)."""
    client = small_limit_app.test_client()
    who = api_user(small_limit_app, "alice")
    limit = services_of(small_limit_app).config.max_html_bytes

    def streamed(body: bytes):
        return client.post("/api/v1/extract", input_stream=io.BytesIO(body), headers=who.headers,
                           content_type="application/json", environ_overrides={"wsgi.input_terminated": True})

    assert_error(streamed(body_of_size(limit + 1)), 413, "too_large")
    assert_error(streamed(body_of_size(limit) + b" " * 10), 413, "too_large")  # even if the cut part is valid JSON
    assert streamed(body_of_size(limit)).status_code in (200, 422)  # exactly at the limit: read


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "compress", "zstd", "gzip, gzip", "GZIP", "x-gzip"])
def test_compressed_bodies_are_refused_with_415(client, api_alice, saved, extractor, encoding):
    plain = json.dumps({"url": URL, "html": PAGE}).encode()
    data = zlib.compress(plain) if encoding == "deflate" else gzip.compress(plain)
    for method, path in body_routes(saved):
        response = getattr(client, method)(path, data=data, headers={**api_alice.headers, "Content-Encoding": encoding},
                                           content_type="application/json")
        message = assert_error(response, 415, "unsupported_media_type")["message"]
        assert "Content-Encoding" in message
    assert extractor.calls == 0


def test_identity_encoding_is_plain(client, api_alice):
    response = client.post("/api/v1/extract", json={"url": URL, "html": PAGE},
                           headers={**api_alice.headers, "Content-Encoding": "identity"})
    assert response.status_code == 200


# --- the same limits on the live server ----------------------------------------------------------

def head(path: str, token: str, length: int | None, extra: str = "") -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {token}",
             "Content-Type: application/json", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def test_live_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(live):
    """Only the request head is sent: an answer proves the server never waited for the body."""
    started = time.monotonic()
    answer = raw_exchange(live.port, head("/api/v1/articles", live.token, LIVE_MAX_HTML_BYTES + 1), timeout=10)
    assert status_of(answer) == 413, answer[:300]
    assert body_of(answer)["error"] == "too_large"
    assert time.monotonic() - started < 5
    # without a token too: the size is checked first, so nobody can make the server read a huge body
    answer = raw_exchange(live.port, head("/api/v1/articles", "wrong", 10**12), timeout=10)
    assert status_of(answer) == 413


def test_live_a_chunked_body_over_the_limit_is_413(live):
    """No Content-Length: the limit applies while the body is read."""
    chunk = b"x" * (1024 * 1024)
    pieces = [b'{"url": "https://example.com/", "html": "']
    pieces += [chunk] * (LIVE_MAX_HTML_BYTES // len(chunk) + 2)
    framed = [f"{len(piece):x}\r\n".encode() + piece + b"\r\n" for piece in pieces] + [b"0\r\n\r\n"]
    answer = raw_exchange(live.port, head("/api/v1/extract", live.token, None, "Transfer-Encoding: chunked\r\n"),
                          framed, timeout=60)
    assert status_of(answer) == 413, answer[:300]
    assert body_of(answer)["error"] == "too_large"
    assert live.api("GET", "/api/v1/me").status == 200


def gzip_bomb(inflated_bytes: int) -> bytes:
    """A gzip body of ~1/1000 the size it inflates to, made of repeated gzip members (each member
    is a complete gzip stream; readers concatenate them)."""
    block = 64 * 1024 * 1024
    member = gzip.compress(b"\0" * block, compresslevel=9)
    return member * (inflated_bytes // block)


def test_live_a_gzip_bomb_is_refused_without_inflating_it(live):
    bomb = gzip_bomb(1024**3)  # 1 GiB of zeros in about 1 MB
    assert len(bomb) < 2 * 1024 * 1024
    worker = live.worker_pids()[0]
    before = resident_megabytes(worker)
    for path in ("/api/v1/extract", "/api/v1/articles", "/api/v1/import"):
        for encoding in ("gzip", "deflate"):
            answer = live.request("POST", path, bomb, {"Authorization": f"Bearer {live.token}",
                                                       "Content-Type": "application/json", "Content-Encoding": encoding})
            assert answer.status == 415, (path, encoding, answer.body[:300])
            assert answer.json()["error"] == "unsupported_media_type"
            assert answer.seconds < 5
    assert live.worker_pids() == [worker]
    assert resident_megabytes(worker) - before < 100  # an inflated bomb would be 1 GB
    assert live.api("GET", "/api/v1/me").status == 200
