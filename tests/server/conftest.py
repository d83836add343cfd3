"""Fixtures for the server tests: databases (SQLite and PostgreSQL), the app, users and tokens.

`database` is parametrised: a test that takes it runs once on SQLite and once on a private
PostgreSQL server (skipped, with the reason, only when PostgreSQL is not installed). API tests
use `app`/`client` on SQLite; their client checks every response against the OpenAPI spec.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from folio import auth
from folio.api.openapi import openapi_spec
from folio.app import create_app
from folio.app_context import services
from folio.article import Article, Tag
from folio.config import Argon2Parameters, Config
from folio.storage import Database, User
from folio.storage.migrate import upgrade
from postgres_server import find_bin_dir, running_postgres

TABLES = ("article_tags", "tags", "articles", "api_tokens", "users")
# argon2 at its production cost (19 MiB, 2 passes) takes tens of milliseconds a hash; the tests
# create many users. The tests' `config` hashes at this cost too.
CHEAP_ARGON2 = Argon2Parameters(memory_kib=1024, time_cost=1, parallelism=1)


# --- databases -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file that each test copies (faster than migrating every time)."""
    path = tmp_path_factory.mktemp("template") / "folio.db"
    database = Database(f"sqlite:///{path}")
    upgrade(database)
    database.dispose()  # the last connection checkpoints the WAL into the file
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if find_bin_dir() is None:
        pytest.skip("PostgreSQL binaries not found: apt-get install -y postgresql")
    with running_postgres() as server:
        url = server.create_database("folio_test")
        database = Database(url)
        upgrade(database)
        database.dispose()
        yield url


def _open_database(kind: str, request, tmp_path) -> Database:
    if kind == "sqlite":
        path = tmp_path / "folio.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return Database(f"sqlite:///{path}")
    database = Database(request.getfixturevalue("postgres_url"))
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    return database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request, tmp_path) -> Iterator[Database]:
    """A migrated, empty database: each test using it runs on SQLite and on PostgreSQL."""
    database = _open_database(request.param, request, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_database(request, tmp_path) -> Iterator[Database]:
    database = _open_database("sqlite", request, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def postgres_database(request, tmp_path) -> Iterator[Database]:
    database = _open_database("postgresql", request, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def session(database):
    with database.session() as session:
        yield session


def make_user(session, name: str = "alice") -> User:
    return auth.create_user(session, name, "correct horse battery", CHEAP_ARGON2)


@pytest.fixture
def alice(session) -> User:
    return make_user(session, "alice")


@pytest.fixture
def bob(session) -> User:
    return make_user(session, "bob")


def sample_article(url: str = "https://example.com/story", **fields) -> Article:
    """An extracted article, as the engine would return it (no extraction involved)."""
    values = {
        "canonical_url": url,
        "title": "The rising sea",
        "byline": "Ada Lovelace",
        "site_name": "Example News",
        "lang": "en",
        "excerpt": "Sea levels rise.",
        "word_count": 12,
        "reading_minutes": 1,
        "tags": [Tag("Climate", "page"), Tag("oceans", "auto")],
        "content_html": "<p>Sea levels rise faster than expected, scientists say.</p>",
        "text": "Sea levels rise faster than expected, scientists say.",
    }
    values.update(fields)
    return Article(url=url, **values)


def article_page(title: str = "The rising sea", paragraphs: int = 8, topic: str = "ocean") -> str:
    """A page the real extraction engine finds an article in."""
    body = "".join(
        f"<p>Paragraph {number} on the {topic}: researchers measured the water along the coast for "
        f"many years and found that the level keeps climbing, season after season.</p>"
        for number in range(paragraphs)
    )
    return (f"<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body>"
            f"<nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright</footer></body></html>")


# --- the app -----------------------------------------------------------------------------------

@pytest.fixture
def config(tmp_path, sqlite_template) -> Config:
    shutil.copy(sqlite_template, tmp_path / "folio.db")
    return Config.for_data_dir(tmp_path, extract_timeout=0, api_auth_failure_limit="1000 per minute",
                               argon2=CHEAP_ARGON2)


@pytest.fixture
def app(config):
    app = create_app(config)
    app.test_client_class = SpecCheckingClient
    yield app
    services_of(app).database.dispose()


def services_of(app):
    with app.app_context():
        return services()


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()


@dataclass
class ApiUser:
    user: User
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def api_user(app, name: str) -> ApiUser:
    with services_of(app).database.session() as session:
        user = make_user(session, name)
        _, secret = auth.create_token(session, user, "tests")
        return ApiUser(user=user, token=secret)


@pytest.fixture
def api_alice(app) -> ApiUser:
    return api_user(app, "alice")


@pytest.fixture
def api_bob(app) -> ApiUser:
    return api_user(app, "bob")


# --- every API response checked against the OpenAPI spec ----------------------------------------

SPEC = openapi_spec()
_RULE_VARIABLE = re.compile(r"<(?:[^:>]+:)?([^>]+)>")


class SpecCheckingClient(FlaskClient):
    """A test client that fails the test when an API answer is not what openapi.json says."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        if request.path.startswith(("/api/", "/healthz")) and request.method != "OPTIONS":
            check_against_spec(self.application, request.method, request.path, response)
        return response


def check_against_spec(app, method: str, path: str, response) -> None:
    operation, template = _documented_operation(app, method, path)
    if operation is None:  # unknown route or method: only the error shape is promised
        assert response.status_code >= 400, f"{method} {path} answered but is not in the spec"
        _validate(response.get_json(), {"$ref": "#/components/schemas/Error"})
        return
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, f"{method} {template} -> {response.status_code} is not in the spec"
    content = documented.get("content")
    if content is None:
        assert not response.data, f"{method} {template} -> {response.status_code} should have no body"
        return
    media_type = response.mimetype
    assert media_type in content, f"{method} {template} -> {media_type} is not in the spec"
    if media_type == "application/json":
        _validate(response.get_json(), content[media_type]["schema"])


def _documented_operation(app, method: str, path: str):
    adapter = app.url_map.bind("localhost")
    try:
        rule, _ = adapter.match(path, method=method, return_rule=True)
    except Exception:  # werkzeug's NotFound / MethodNotAllowed: not a documented route
        return None, None
    template = _RULE_VARIABLE.sub(r"{\1}", rule.rule)
    return SPEC["paths"].get(template, {}).get(method.lower()), template


def _validate(instance, schema) -> None:
    jsonschema.Draft202012Validator({**schema, "components": SPEC["components"]}).validate(instance)
