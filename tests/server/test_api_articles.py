"""The article endpoints of the API (responses are checked against openapi.json by the client)."""

import pytest

from conftest import article_page

PAGE_URL = "https://example.com/tides"


def save(client, who, url=PAGE_URL, **body):
    return client.post("/api/v1/articles", json={"url": url, "html": article_page(), **body}, headers=who.headers)


# --- extract -----------------------------------------------------------------------------------

def test_extract_returns_the_article_and_stores_nothing(client, api_alice):
    response = client.post("/api/v1/extract", json={"url": PAGE_URL, "html": article_page("Tides")},
                           headers=api_alice.headers)
    assert response.status_code == 200
    assert response.json["title"] == "Tides"
    assert response.json["url"] == PAGE_URL
    assert client.get("/api/v1/articles", headers=api_alice.headers).json["total"] == 0


def test_extract_without_an_article_is_422(client, api_alice):
    response = client.post("/api/v1/extract", json={"url": PAGE_URL, "html": "<html><body></body></html>"},
                           headers=api_alice.headers)
    assert response.status_code == 422
    assert response.json["error"] == "unprocessable"


BAD_PAGE_BODIES = [
    ([], "object"),
    ("just a string", "object"),
    ({"html": "<p>x</p>"}, "url"),
    ({"url": "ftp://example.com/x", "html": "<p>x</p>"}, "url"),
    ({"url": "/relative", "html": "<p>x</p>"}, "url"),
    ({"url": 5, "html": "<p>x</p>"}, "url"),
    ({"url": PAGE_URL}, "html"),
    ({"url": PAGE_URL, "html": ""}, "html"),
    ({"url": PAGE_URL, "html": "   "}, "html"),
    ({"url": PAGE_URL, "html": ["<p>"]}, "html"),
    ({"url": PAGE_URL, "html": "<p>x</p>", "extra": 1}, "unknown field"),
]


@pytest.mark.parametrize("body, mentions", BAD_PAGE_BODIES)
def test_extract_bad_input_is_400(client, api_alice, body, mentions):
    response = client.post("/api/v1/extract", json=body, headers=api_alice.headers)
    assert response.status_code == 400
    assert response.json["error"] == "bad_input"
    assert mentions in response.json["message"]


def test_malformed_json_is_400(client, api_alice):
    for raw in (b"{", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000):
        response = client.post("/api/v1/extract", data=raw, content_type="application/json",
                               headers=api_alice.headers)
        assert response.status_code == 400, raw[:10]
        assert response.json["error"] == "bad_input"


def test_non_json_is_415(client, api_alice):
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        response = client.post("/api/v1/articles", data='{"url": "x"}', content_type=content_type,
                               headers=api_alice.headers)
        assert response.status_code == 415
        assert response.json["error"] == "unsupported_media_type"


# --- save --------------------------------------------------------------------------------------

def test_save_new_then_again(client, api_alice):
    created = save(client, api_alice, tags=["Later"], capture="extension")
    assert created.status_code == 201
    article = created.json
    assert created.headers["Location"] == f"/api/v1/articles/{article['id']}"
    assert article["capture"] == "extension"
    assert article["web_url"] == f"/articles/{article['id']}"
    assert {"name": "Later", "source": "user"} in article["tags"]
    client.patch(f"/api/v1/articles/{article['id']}", json={"read": True}, headers=api_alice.headers)

    again = save(client, api_alice, url=PAGE_URL + "?utm_source=feed#top")
    assert again.status_code == 200
    assert again.json["id"] == article["id"]
    assert again.json["read"] is True
    assert {"name": "Later", "source": "user"} in again.json["tags"]
    assert again.json["capture"] == "api"  # the default


@pytest.mark.parametrize("body, mentions", BAD_PAGE_BODIES[2:-1] + [
    ({"url": PAGE_URL, "html": "<p>x</p>", "tags": "one"}, "tags"),
    ({"url": PAGE_URL, "html": "<p>x</p>", "tags": [1]}, "tag"),
    ({"url": PAGE_URL, "html": "<p>x</p>", "tags": [""]}, "tag"),
    ({"url": PAGE_URL, "html": "<p>x</p>", "tags": ["x" * 65]}, "tag"),
    ({"url": PAGE_URL, "html": "<p>x</p>", "tags": ["new\nline"]}, "tag"),
    ({"url": PAGE_URL, "html": "<p>x</p>", "tags": ["t"] * 51}, "tags"),
    ({"url": PAGE_URL, "html": "<p>x</p>", "capture": "fax"}, "capture"),
    ({"url": PAGE_URL, "html": "<p>x</p>", "id": 3}, "unknown field"),
])
def test_save_bad_input_is_400(client, api_alice, body, mentions):
    response = client.post("/api/v1/articles", json=body, headers=api_alice.headers)
    assert response.status_code == 400
    assert mentions in response.json["message"]


def test_save_without_an_article_is_422(client, api_alice):
    response = client.post("/api/v1/articles", json={"url": PAGE_URL, "html": "<html></html>"},
                           headers=api_alice.headers)
    assert response.status_code == 422


# --- list, search, lookup ----------------------------------------------------------------------

@pytest.fixture
def three(client, api_alice):
    ids = {}
    for slug, topic in (("tides", "ocean"), ("forests", "forest"), ("rivers", "river")):
        response = client.post("/api/v1/articles", json={
            "url": f"https://example.com/{slug}", "html": article_page(slug.title(), topic=topic),
            "tags": [topic]}, headers=api_alice.headers)
        ids[slug] = response.json["id"]
    return ids


def listing(client, who, query=""):
    response = client.get(f"/api/v1/articles{query}", headers=who.headers)
    assert response.status_code == 200, response.json
    return response.json


def test_list_newest_first_with_paging(client, api_alice, three):
    everything = listing(client, api_alice)
    assert [item["id"] for item in everything["items"]] == [three["rivers"], three["forests"], three["tides"]]
    assert (everything["total"], everything["page"], everything["per_page"]) == (3, 1, 20)
    second = listing(client, api_alice, "?per_page=2&page=2")
    assert [item["id"] for item in second["items"]] == [three["tides"]]
    assert listing(client, api_alice, "?sort=oldest")["items"][0]["id"] == three["tides"]


def test_search_with_snippets(client, api_alice, three):
    found = listing(client, api_alice, "?q=forest&sort=relevance")
    assert [item["id"] for item in found["items"]] == [three["forests"]]
    assert "<mark>" in found["items"][0]["snippet"].lower()
    assert listing(client, api_alice, "?q=tag:river")["total"] == 1
    assert listing(client, api_alice, '?q="the+forest"+-river')["total"] == 1
    assert listing(client, api_alice, "?tag=ocean")["items"][0]["id"] == three["tides"]
    assert listing(client, api_alice, "?site=example.com")["total"] == 3
    assert listing(client, api_alice)["items"][0]["snippet"] is None


def test_state_filter(client, api_alice, three):
    client.patch(f"/api/v1/articles/{three['tides']}", json={"archived": True}, headers=api_alice.headers)
    assert [i["id"] for i in listing(client, api_alice, "?state=archived")["items"]] == [three["tides"]]
    assert listing(client, api_alice, "?state=unread")["total"] == 2


def test_lookup_by_url_for_the_badge(client, api_alice, three):
    found = listing(client, api_alice, "?url=https://EXAMPLE.com/tides?utm_campaign%3Dx%23comments")
    assert [item["id"] for item in found["items"]] == [three["tides"]]
    assert listing(client, api_alice, "?url=https://example.com/unsaved")["items"] == []


@pytest.mark.parametrize("query", [
    "?page=0", "?page=x", "?page=-1", "?per_page=101", "?per_page=0", "?sort=best", "?state=gone",
    "?url=notaurl", "?tag=%21%21", "?q=" + "x" * 501,
])
def test_list_bad_parameters_are_400(client, api_alice, query):
    response = client.get(f"/api/v1/articles{query}", headers=api_alice.headers)
    assert response.status_code == 400
    assert response.json["error"] == "bad_input"


@pytest.mark.parametrize("query", ['?q="', "?q=AND", "?q=NEAR(a+b)", "?q=*", "?q=-", "?q=col:x", "?q=%00", "?q=a%22b%22c"])
def test_search_syntax_is_never_an_error(client, api_alice, three, query):
    assert client.get(f"/api/v1/articles{query}", headers=api_alice.headers).status_code == 200


# --- one article -------------------------------------------------------------------------------

def test_get_patch_delete(client, api_alice, three):
    url = f"/api/v1/articles/{three['tides']}"
    assert client.get(url, headers=api_alice.headers).json["title"] == "Tides"
    changed = client.patch(url, json={"title": "My title", "favourite": True, "tags": ["ocean", "Keep"]},
                           headers=api_alice.headers)
    assert changed.status_code == 200
    assert changed.json["title"] == "My title" and changed.json["favourite"] is True
    assert sorted(t["name"] for t in changed.json["tags"]) == ["Keep", "ocean"]
    assert client.patch(url, json={}, headers=api_alice.headers).status_code == 200
    assert client.delete(url, headers=api_alice.headers).status_code == 204
    assert client.get(url, headers=api_alice.headers).status_code == 404
    assert client.delete(url, headers=api_alice.headers).status_code == 404


@pytest.mark.parametrize("body", [
    {"read": "yes"}, {"archived": 1}, {"favourite": None}, {"title": 5}, {"title": "a\nb"},
    {"title": "x" * 1001}, {"tags": "x"}, {"tags": [None]}, {"colour": "red"}, [],
])
def test_patch_bad_input_is_400(client, api_alice, three, body):
    response = client.patch(f"/api/v1/articles/{three['tides']}", json=body, headers=api_alice.headers)
    assert response.status_code == 400


def test_reextract(client, api_alice, three):
    response = client.post(f"/api/v1/articles/{three['tides']}/reextract", headers=api_alice.headers)
    assert response.status_code == 200
    assert response.json["changes"] == []
    assert response.json["id"] == three["tides"]


def test_another_users_articles_are_404(client, api_alice, api_bob, three):
    url = f"/api/v1/articles/{three['tides']}"
    for method, body in (("get", None), ("patch", {"read": True}), ("delete", None)):
        response = getattr(client, method)(url, json=body, headers=api_bob.headers)
        assert response.status_code == 404, method
        assert response.json["error"] == "not_found"
    assert client.post(url + "/reextract", headers=api_bob.headers).status_code == 404
    assert listing(client, api_bob)["total"] == 0
    assert listing(client, api_bob, "?q=forest")["total"] == 0
    assert listing(client, api_bob, "?url=https://example.com/tides")["total"] == 0
    assert client.get("/api/v1/tags", headers=api_bob.headers).json["items"] == []
    # the same page saved by bob is bob's own article
    assert save(client, api_bob, url="https://example.com/tides").status_code == 201


def test_unknown_ids_are_404(client, api_alice):
    assert client.get("/api/v1/articles/999999", headers=api_alice.headers).status_code == 404
    assert client.get("/api/v1/articles/not-a-number", headers=api_alice.headers).status_code == 404
