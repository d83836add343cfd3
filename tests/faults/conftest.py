"""Fixtures for the fault tests: real Folio servers (gunicorn) on temporary data folders.

Every server started through `folio_servers` is killed at the end of its test, whatever happened.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .running_folio import FolioServer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))  # postgres_server, a private PostgreSQL


@pytest.fixture
def folio_servers() -> Iterator[list[FolioServer]]:
    """Append every server a test starts; they are all stopped at teardown."""
    servers: list[FolioServer] = []
    yield servers
    for server in servers:
        server.kill()


@pytest.fixture
def start_server(folio_servers, tmp_path):
    def start(data_dir: Path | None = None, **options) -> FolioServer:
        server = FolioServer(data_dir or tmp_path, **options)
        folio_servers.append(server)
        return server.start()

    return start
