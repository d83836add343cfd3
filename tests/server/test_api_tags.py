"""GET /api/v1/tags and PATCH /api/v1/tags/<name>."""

import pytest

from conftest import article_page


@pytest.fixture
def tagged(client, api_alice):
    for slug, tags in (("a", ["Python", "Web APIs"]), ("b", ["python", "Databases"]), ("c", ["Web-API"])):
        client.post("/api/v1/articles", json={"url": f"https://example.com/{slug}", "html": article_page(),
                                              "tags": tags}, headers=api_alice.headers)


def tag_counts(client, who):
    response = client.get("/api/v1/tags", headers=who.headers)
    assert response.status_code == 200
    return {item["name"]: item["count"] for item in response.json["items"] if item["count"]}


def test_tags_with_counts_merge_spelling_variants(client, api_alice, tagged):
    counts = tag_counts(client, api_alice)
    assert counts["Python"] == 2
    assert counts["Web APIs"] == 2
    assert counts["Databases"] == 1


def test_rename(client, api_alice, tagged):
    response = client.patch("/api/v1/tags/Databases", json={"name": "SQL"}, headers=api_alice.headers)
    assert response.status_code == 200
    names = [item["name"] for item in response.json["items"]]
    assert "SQL" in names and "Databases" not in names


def test_rename_onto_an_existing_tag_merges(client, api_alice, tagged):
    # "Web APIs" is on a and c, "Python" on a and b: a keeps one tag, c gains one
    response = client.patch("/api/v1/tags/web%20api", json={"name": "python"}, headers=api_alice.headers)
    counts = {item["name"]: item["count"] for item in response.json["items"]}
    assert (counts["python"], counts["Databases"]) == (3, 1)
    assert "Web APIs" not in counts


def test_names_with_slashes_and_spaces(client, api_alice):
    client.post("/api/v1/articles", json={"url": "https://example.com/x", "html": article_page(),
                                          "tags": ["TCP/IP"]}, headers=api_alice.headers)
    response = client.patch("/api/v1/tags/TCP/IP", json={"name": "Networking stuff"}, headers=api_alice.headers)
    assert response.status_code == 200
    response = client.patch("/api/v1/tags/Networking%20stuff", json={"name": "Networks"}, headers=api_alice.headers)
    assert "Networks" in [item["name"] for item in response.json["items"]]


@pytest.mark.parametrize("body, status", [
    ({"name": ""}, 400), ({"name": 3}, 400), ({}, 400), ({"name": "x" * 65}, 400),
    ({"name": "ok", "other": 1}, 400), (["name"], 400),
])
def test_rename_bad_input(client, api_alice, tagged, body, status):
    assert client.patch("/api/v1/tags/Python", json=body, headers=api_alice.headers).status_code == status


def test_rename_unknown_or_foreign_tag_is_404(client, api_alice, api_bob, tagged):
    assert client.patch("/api/v1/tags/nope", json={"name": "x"}, headers=api_alice.headers).status_code == 404
    assert client.patch("/api/v1/tags/Python", json={"name": "x"}, headers=api_bob.headers).status_code == 404
    assert tag_counts(client, api_alice)["Python"] == 2
