"""Values a page or an import may carry that the database columns cannot: on SQLite and PostgreSQL.

SQLite stores any length and any integer up to 2**63; PostgreSQL refuses a string longer than
its varchar column and an integer beyond its column type, which used to turn into a 500. Each
case must either be stored (and found again) or be refused with a 400 naming the field.
"""

from __future__ import annotations

import pytest

from folio.app import create_app

from .conftest import SpecCheckingClient, api_user, services_of
from .support import article_page

EXPANDING = "\ufdfa"  # NFKD folds this one character into 18 letters of a tag or site key


@pytest.fixture
def api(config, database):
    app = create_app(config.with_changes(database_url=database.url, auto_migrate=False))
    app.test_client_class = SpecCheckingClient
    who = api_user(app, "alice")
    client = app.test_client()

    def call(method: str, path: str, **kwargs):
        return client.open(path, method=method, headers=who.headers, **kwargs)

    yield call
    services_of(app).database.dispose()


def save(api, url: str, html: str, **extra):
    response = api("POST", "/api/v1/articles", json={"url": url, "html": html, **extra})
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    return response.get_json()


def listed(api, **query) -> list[int]:
    response = api("GET", "/api/v1/articles", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return [item["id"] for item in response.get_json()["items"]]


def test_a_host_longer_than_any_dns_name_is_stored(api):
    long_host = "a" * 300 + ".example"
    article = save(api, f"https://{long_host}/story", article_page())
    assert article["id"] in listed(api)
    canonical = f'<link rel="canonical" href="https://{"b" * 300}.example/story">'
    other = save(api, "https://example.com/canonical", article_page(head=canonical))
    assert other["id"] in listed(api)


def test_a_site_name_longer_than_the_key_column_is_stored_and_found(api):
    name = "The " + "Very " * 200 + "Long Gazette"
    article = save(api, "https://example.com/gazette",
                   article_page(head=f'<meta property="og:site_name" content="{name}">'))
    assert article["site_name"] == name
    assert listed(api, site=name) == [article["id"]]


def test_tag_names_that_fold_to_long_keys_are_stored_and_found(api):
    name = EXPANDING * 64
    article = save(api, "https://example.com/tags", article_page(), tags=[name])
    assert name in [tag["name"] for tag in article["tags"]]
    assert listed(api, tag=name) == [article["id"]]
    page_tags = save(api, "https://example.com/page-tags",
                     article_page(head=f'<meta name="keywords" content="{EXPANDING * 60}, {"x" * 60}">'))
    assert page_tags["id"] in listed(api)
    patched = api("PATCH", f"/api/v1/articles/{page_tags['id']}", json={"tags": [EXPANDING * 63 + "s"]})
    assert patched.status_code == 200
    renamed = api("PATCH", f"/api/v1/tags/{EXPANDING * 64}", json={"name": EXPANDING * 62 + "x"})
    assert renamed.status_code == 200, renamed.get_json()


def test_long_page_metadata_is_stored(api):
    head = ('<meta property="article:published_time" content="2024-01-01T00:00:00' + "0" * 100 + '">'
            '<meta name="author" content="' + "Author " * 500 + '">')
    article = save(api, "https://example.com/meta", article_page(head=head, html_attrs='lang="en-' + "x" * 100 + '"'))
    assert article["id"] in listed(api)


def import_one(api, **record):
    archive = {"format": "folio-export", "version": 1,
               "articles": [{"url": "https://example.com/imported", "original_html": "<p>x</p>", **record}]}
    return api("POST", "/api/v1/import", json=archive)


@pytest.mark.parametrize("record, field", [
    ({"lang": "x" * 36}, "lang"),
    ({"published": "2024-01-01" + "x" * 60}, "published"),
    ({"modified": "x" * 65}, "modified"),
    ({"word_count": 2**31}, "word_count"),
    ({"reading_minutes": 2**63}, "reading_minutes"),
    ({"word_count": 10**30}, "word_count"),
    ({"saved_at": "9999-12-31T23:59:59-23:59"}, "saved_at"),
    ({"updated_at": "0001-01-01T00:00:00+23:59"}, "updated_at"),
])
def test_an_import_with_values_beyond_the_columns_is_400(api, record, field):
    response = import_one(api, **record)
    assert response.status_code == 400, response.get_data(as_text=True)[:500]
    assert field in response.get_json()["message"]
    assert listed(api) == []


@pytest.mark.parametrize("record", [
    {"site_name": "Gazette " * 200},
    {"canonical_url": "https://" + "c" * 300 + ".example/x"},
    {"url": "https://" + "d" * 300 + ".example/x"},
    {"tags": [{"name": EXPANDING * 64, "source": "user"}]},
    {"title": "T" * 100_000, "byline": "B" * 10_000, "extractor_version": "v" * 100},
    {"lang": "x" * 35, "published": "2024-01-01", "word_count": 2**31 - 1},
    {"saved_at": "9999-12-31T23:59:59+00:00", "updated_at": "0001-01-01T00:00:00-01:00"},
])
def test_an_import_with_long_but_storable_values_is_taken(api, record):
    response = import_one(api, **record)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.get_json() == {"imported": 1, "updated": 0}
    assert len(listed(api)) == 1
    exported = api("GET", "/api/v1/export", query_string={"format": "json"})
    assert exported.status_code == 200


@pytest.mark.parametrize("query", [
    {"site": "http://[::1"}, {"q": "site:http://[::1"}, {"q": "site:https://[x]y"}, {"site": "https://example.com:99999/"},
    {"site": "d" * 300 + ".example"}, {"tag": EXPANDING * 300}, {"q": f"tag:{EXPANDING * 30}"},
])
def test_odd_site_and_tag_filters_answer(api, query):
    save(api, "https://example.com/filters", article_page())
    response = api("GET", "/api/v1/articles", query_string=query)
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:500]
    assert api("GET", "/api/v1/export", query_string={"format": "json", **query}).status_code in (200, 400)


IMPORT_TEXT_FIELDS = ["title", "byline", "site_name", "section", "source", "published", "modified", "lang", "excerpt",
                      "lead_image", "content_html", "text", "original_html", "extractor_version", "canonical_url"]


@pytest.mark.parametrize("field", IMPORT_TEXT_FIELDS)
def test_an_import_with_nul_and_half_surrogate_pairs_is_stored(api, field):
    """JSON carries "\\u0000" (PostgreSQL refuses it) and "\\ud800" (no UTF-8 form: SQLite's driver and
    nh3 refuse it); content_html and extractor_version with one of them were a 500."""
    body = ('{"format": "folio-export", "version": 1, "articles": [{"url": "https://example.com/odd", '
            f'"original_html": "<p>x</p>", "{field}": "a\\u0000b\\ud800c"}}]}}')
    response = api("POST", "/api/v1/import", data=body, content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    exported = api("GET", "/api/v1/export", query_string={"format": "json"})
    assert exported.status_code == 200
    exported.get_data().decode("utf-8")  # well-formed UTF-8 all the way through
