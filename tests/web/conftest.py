"""Fixtures for the web pages' tests: the app, a browser-like client, signed-in users, articles.

The server tests' conftest is imported under its own module name (not copied): `config` (with
its cheap password hashing, `CHEAP_ARGON2`) and `sqlite_template` come from there.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from folio.app import create_app
from folio.storage import StoredArticle, User
from .web_support import WebClient, make_user, save

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "server"))  # the server conftest imports its postgres_server helper


def _server_fixtures():
    spec = importlib.util.spec_from_file_location("folio_server_test_fixtures", TESTS / "server" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


_server = _server_fixtures()
sqlite_template = _server.sqlite_template
config = _server.config
CHEAP_ARGON2 = _server.CHEAP_ARGON2
services_of = _server.services_of


@pytest.fixture
def make_app(config):
    """`make_app(**config_changes)`: an app with its own settings (closed after the test)."""
    apps = []

    def make(**changes):
        app = create_app(config.with_changes(**changes))
        app.test_client_class = WebClient
        apps.append(app)
        return app

    yield make
    for app in apps:
        services_of(app).database.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app) -> WebClient:
    return app.test_client()


@pytest.fixture
def db(app):
    """A database session of its own, for setting up data and checking what the pages did."""
    with services_of(app).database.session() as session:
        yield session


@pytest.fixture
def alice(db) -> User:
    return make_user(db, "alice", _server.CHEAP_ARGON2)


@pytest.fixture
def bob(db) -> User:
    return make_user(db, "bob", _server.CHEAP_ARGON2)


@pytest.fixture
def signed_in(client, alice) -> WebClient:
    """A client signed in as alice."""
    client.sign_in("alice")
    return client


@pytest.fixture
def article(db, alice) -> StoredArticle:
    return save(db, alice)
