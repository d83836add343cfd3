"""PostgreSQL stops while Folio runs: Folio says so (503), then recovers by itself when it is back."""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest

from postgres_server import PostgresServer, find_bin_dir, running_postgres
from .running_folio import article_page, call, create_api_user

RECOVERY_TIMEOUT = 30


@pytest.fixture
def postgres() -> Iterator[PostgresServer]:
    if find_bin_dir() is None:
        pytest.skip("PostgreSQL binaries not found: apt-get install -y postgresql")
    with running_postgres() as server:
        yield server


def checkpoint(postgres: PostgresServer) -> None:
    with psycopg.connect(f"host=127.0.0.1 port={postgres.port} user=postgres dbname=postgres",
                         autocommit=True) as connection:
        connection.execute("CHECKPOINT")


def wait_for_status(url: str, status: int, token: str | None = None) -> float:
    """Seconds until `url` answers `status` (fails after RECOVERY_TIMEOUT)."""
    started = time.monotonic()
    while call(url, token=token, timeout=10).status != status:
        assert time.monotonic() - started < RECOVERY_TIMEOUT, f"{url} never answered {status}"
        time.sleep(0.2)
    return time.monotonic() - started


@pytest.mark.parametrize("stop_mode", ["fast", "immediate"])
def test_postgres_outage_is_reported_and_recovered_from(postgres, start_server, stop_mode):
    """"fast" ends each session with an error, as a restart of the database does; "immediate"
    drops them without a word, as a crash or a lost network does."""
    database_url = postgres.create_database("folio_faults")
    token = create_api_user(database_url)
    server = start_server(workers=2, database_url=database_url)
    saved = call(f"{server.base}/api/v1/articles", "POST",
                 {"url": "https://example.com/before", "html": article_page(1)}, token)
    assert saved.status == 201
    # Both workers hold pooled connections when the database goes away.
    for _ in range(6):
        assert call(f"{server.base}/api/v1/articles", token=token).status == 200
    workers = server.worker_pids()

    checkpoint(postgres)  # the throwaway cluster commits asynchronously: keep what was saved
    postgres.stop(stop_mode)
    health = call(f"{server.base}/healthz")
    assert health.status == 503
    assert health.body["status"] == "unavailable" and health.body["error"] == "unavailable"
    assert health.body["message"]
    for method, path, body in [
        ("GET", "/api/v1/articles", None),
        ("GET", f"/api/v1/articles/{saved.body['id']}", None),
        ("POST", "/api/v1/articles", {"url": "https://example.com/during", "html": article_page(2)}),
        ("GET", "/api/v1/me", None),
    ]:
        for _ in range(3):  # every worker, every pooled connection: each must answer 503
            answer = call(f"{server.base}{path}", method, body, token)
            assert answer.status == 503, (method, path, answer)
            assert set(answer.body) == {"error", "message"} and answer.body["error"] == "unavailable"

    postgres.start()
    wait_for_status(f"{server.base}/healthz", 200)
    for _ in range(6):
        listed = call(f"{server.base}/api/v1/articles", token=token)
        assert listed.status == 200 and [item["url"] for item in listed.body["items"]] == ["https://example.com/before"]
    after = call(f"{server.base}/api/v1/articles", "POST",
                 {"url": "https://example.com/after", "html": article_page(3)}, token)
    assert after.status == 201
    assert server.process.poll() is None and server.worker_pids() == workers  # recovered, not restarted
