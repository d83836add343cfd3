"""Flask's JSON through orjson: what orjson refuses still reads and writes as Flask's own JSON did."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

import pytest
from flask import Flask
from flask.json.provider import DefaultJSONProvider

from folio.json_provider import FastJSONProvider


@pytest.fixture
def plain_app() -> Flask:
    app = Flask(__name__)
    app.json = FastJSONProvider(app)
    app.json.sort_keys = False
    return app


@pytest.fixture
def provider(plain_app) -> FastJSONProvider:
    return plain_app.json


@pytest.mark.parametrize("text", [
    '{"html": "<p>caf\\u00e9 \\u4e2d\\u6587</p>", "n": [1, 2.5, true, null]}',
    '{"n": NaN}',
    '"\\u00e9"'.encode("utf-16"),  # bytes in UTF-16, which the standard library detects
])
def test_reads_what_the_standard_library_reads(provider, text):
    assert provider.loads(text) == json.loads(text)


def test_a_lone_surrogate_reads_as_a_replacement_character(provider):
    # orjson refuses it, JavaScript's JSON.stringify sends it for a cut emoji
    text = '{"cut \\udc00": ["a \\ud83d here", {"x": "\\ud83d\\ude00 whole"}], "n": NaN}'
    read = provider.loads(text)
    assert read["cut \ufffd"] == ["a \ufffd here", {"x": "\U0001f600 whole"}]


def test_an_integer_beyond_64_bits_reads_as_a_float(provider):
    # orjson's one difference; the API takes no such number, and refuses a float where it wants an int
    assert provider.loads('{"big": 123456789012345678901234567890}') == {"big": 1.2345678901234568e29}


def test_refuses_what_the_standard_library_refuses(provider):
    with pytest.raises(ValueError):
        provider.loads(b'{"html": ')


@dataclass
class Point:
    x: int
    y: int


@pytest.mark.parametrize("value", [
    {"title": "Ελληνικά 中文", "tags": [{"name": "a", "source": "page"}], "n": 3, "z": None},
    {"when": datetime(2026, 12, 5, 8, 30, tzinfo=timezone.utc), "point": Point(1, 2)},
    {"cut": "\ud83d"},  # orjson refuses a lone surrogate
    {1: "a key that is not a string"},
    {"big": 2**70},
])
def test_writes_what_flask_wrote(plain_app, provider, value):
    flask_json = DefaultJSONProvider(plain_app)
    flask_json.sort_keys = False
    assert json.loads(provider.dumps(value)) == json.loads(flask_json.dumps(value))


def test_answers_keep_field_order_and_utf8(plain_app, provider):
    with plain_app.app_context():
        response = provider.response({"b": "中文", "a": 1})
    assert response.mimetype == "application/json"
    assert response.get_data() == '{"b":"中文","a":1}\n'.encode()


def test_debug_answers_are_indented(plain_app, provider):
    plain_app.debug = True
    with plain_app.app_context():
        response = provider.response({"a": 1})
    assert response.get_data(as_text=True) == '{\n  "a": 1\n}\n'


def test_api_reads_a_page_with_a_lone_surrogate(client, api_alice):
    body = '{"url": "https://example.com/a", "html": "<article><h1>Cut</h1><p>A cut emoji \\ud83d in a paragraph long enough to be an article of its own, with more words.</p></article>"}'
    response = client.post("/api/v1/extract", data=body, content_type="application/json", headers=api_alice.headers)
    assert response.status_code == 200, response.json
    assert "\ufffd" in response.json["content_html"]
