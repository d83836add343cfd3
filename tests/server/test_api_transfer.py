"""GET /api/v1/export in every format and POST /api/v1/import."""

import io
import json
import zipfile

import pytest

from conftest import article_page


@pytest.fixture
def saved(client, api_alice):
    for slug in ("one", "two"):
        client.post("/api/v1/articles", json={"url": f"https://example.com/{slug}",
                                              "html": article_page(slug.title()), "tags": [slug]},
                    headers=api_alice.headers)


@pytest.mark.parametrize("format_name, mimetype, extension", [
    ("json", "application/json", "json"),
    ("markdown", "text/markdown", "md"),
    ("html", "text/html", "html"),
    ("epub", "application/epub+zip", "epub"),
])
def test_export_formats(client, api_alice, saved, format_name, mimetype, extension):
    response = client.get(f"/api/v1/export?format={format_name}", headers=api_alice.headers)
    assert response.status_code == 200
    assert response.mimetype == mimetype
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith(f".{extension}")
    if format_name == "epub":
        assert zipfile.ZipFile(io.BytesIO(response.data)).testzip() is None
    elif format_name == "json":
        assert len(response.json["articles"]) == 2
    else:
        assert "One" in response.get_data(as_text=True)


def test_export_with_filters(client, api_alice, saved):
    response = client.get("/api/v1/export?format=json&tag=two", headers=api_alice.headers)
    assert [record["title"] for record in response.json["articles"]] == ["Two"]


@pytest.mark.parametrize("query", ["?format=pdf", "?format=json&state=lost", "?format=json&url=https://e.com/"])
def test_export_bad_parameters(client, api_alice, query):
    assert client.get(f"/api/v1/export{query}", headers=api_alice.headers).status_code == 400


def test_import_what_another_user_exported(client, api_alice, api_bob, saved):
    exported = client.get("/api/v1/export?format=json", headers=api_alice.headers).data
    response = client.post("/api/v1/import", data=exported, content_type="application/json",
                           headers=api_bob.headers)
    assert response.status_code == 200
    assert response.json == {"imported": 2, "updated": 0}
    again = client.post("/api/v1/import", data=exported, content_type="application/json", headers=api_bob.headers)
    assert again.json == {"imported": 0, "updated": 2}
    mine = json.loads(client.get("/api/v1/export?format=json", headers=api_bob.headers).data)["articles"]
    assert mine == json.loads(exported)["articles"]


@pytest.mark.parametrize("body, status", [
    ({"format": "folio-export", "version": 1, "articles": [{"url": "nope"}]}, 400),
    ({"articles": []}, 400),
    ([], 400),
])
def test_import_bad_files(client, api_alice, body, status):
    assert client.post("/api/v1/import", json=body, headers=api_alice.headers).status_code == status


def test_import_needs_json(client, api_alice):
    response = client.post("/api/v1/import", data=b"PK\x03\x04", content_type="application/zip",
                           headers=api_alice.headers)
    assert response.status_code == 415
