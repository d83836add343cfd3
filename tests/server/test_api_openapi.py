"""The OpenAPI document: served, well-formed, and describing exactly the routes that exist.

That real answers match it is checked on every API call of every test (conftest's client).
"""

import re

import jsonschema

from conftest import SPEC


def test_served_to_token_holders(client, api_alice):
    response = client.get("/api/v1/openapi.json", headers=api_alice.headers)
    assert response.status_code == 200
    assert response.json["openapi"].startswith("3.1")
    assert response.json == SPEC


def test_every_schema_is_valid_json_schema():
    for name, schema in SPEC["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_route_is_documented_and_every_documented_route_exists(app):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(("/api/", "/healthz")):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
            routes |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {
        (path, method) for path, item in SPEC["paths"].items() for method in item if method != "parameters"
    }
    assert routes == documented


def test_every_reference_resolves():
    text = str(SPEC)
    for name in set(re.findall(r"#/components/schemas/(\w+)", text)):
        assert name in SPEC["components"]["schemas"], name


def test_every_operation_lists_its_errors():
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method == "parameters" or path == "/healthz":
                continue
            assert {"400", "401", "403", "429", "500", "503"} <= set(operation["responses"]), (path, method)


def test_me(client, api_alice):
    response = client.get("/api/v1/me", headers=api_alice.headers)
    assert response.json["service"] == "folio"
    assert response.json["user"] == {"name": "alice"}
