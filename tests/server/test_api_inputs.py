"""Reading API input: the lone-surrogate repair of page HTML."""

import json

import pytest

from conftest import article_page
from folio.sanitize import without_lone_surrogates


@pytest.mark.parametrize("text, repaired", [
    ("plain ASCII", "plain ASCII"),
    ("café, naïve, 東京", "café, naïve, 東京"),
    ("a whole pair: \U0001F30A", "a whole pair: \U0001F30A"),
    ("a cut emoji \ud83d here", "a cut emoji \ufffd here"),
    ("\udc00 low half first", "\ufffd low half first"),
    ("at the end \udfff", "at the end \ufffd"),
    ("two halves the wrong way round \udc00\ud800", "two halves the wrong way round \ufffd\ufffd"),
    ("with non-ASCII é and a half \ud800", "with non-ASCII é and a half \ufffd"),
])
def test_lone_surrogates_become_replacement_characters(text, repaired):
    assert without_lone_surrogates(text) == repaired


def test_text_without_lone_surrogates_is_returned_as_it_is():
    text = "café " * 1000
    assert without_lone_surrogates(text) is text


def test_the_stored_page_holds_no_lone_surrogate(client, api_alice):
    """The original HTML is stored as sent: a half pair in it would not encode for the database."""
    url = "https://example.com/cut-emoji"
    page = article_page().replace("</article>", "<p>A cut emoji \ud83d here.</p></article>")
    saved = client.post("/api/v1/articles", json={"url": url, "html": page}, headers=api_alice.headers)
    assert saved.status_code == 201, saved.get_json()
    exported = json.loads(client.get("/api/v1/export?format=json", headers=api_alice.headers).data)
    [record] = exported["articles"]
    assert "A cut emoji \ufffd here." in record["original_html"]
