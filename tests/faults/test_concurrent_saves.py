"""Many saves at the same moment, on SQLite, through a real gunicorn server with several workers."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

from .running_folio import Answer, article_page, call, cpu_seconds, create_api_user


def save_all_at_once(base: str, token: str, bodies: list[dict]) -> list[Answer]:
    """POST every body at the same moment (a barrier releases all the threads together)."""
    barrier = threading.Barrier(len(bodies))

    def save(body: dict) -> Answer:
        barrier.wait()
        return call(f"{base}/api/v1/articles", "POST", body, token, timeout=120)

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(save, bodies))


def stored_urls(data_dir) -> list[str]:
    with sqlite3.connect(data_dir / "folio.db") as connection:
        return [url for (url,) in connection.execute("SELECT url FROM articles ORDER BY id")]


def test_fifty_saves_of_one_page_store_one_article(start_server, tmp_path):
    token = create_api_user(f"sqlite:///{tmp_path / 'folio.db'}")
    server = start_server(workers=3)
    url = "https://example.com/news/tides?utm_source=newsletter"
    answers = save_all_at_once(server.base, token, [{"url": url, "html": article_page(1)}] * 50)

    statuses = sorted(answer.status for answer in answers)
    assert set(statuses) <= {200, 201}, [a.body for a in answers if a.status not in (200, 201)]
    assert statuses.count(201) == 1
    assert len({answer.body["id"] for answer in answers}) == 1
    assert stored_urls(tmp_path) == [url]
    listed = call(f"{server.base}/api/v1/articles", token=token)
    assert listed.body["total"] == 1


def test_two_hundred_saves_across_workers_are_all_stored(start_server, tmp_path):
    token = create_api_user(f"sqlite:///{tmp_path / 'folio.db'}")
    server = start_server(workers=3)
    workers = server.worker_pids()
    busy_before = {pid: cpu_seconds(pid) for pid in workers}
    urls = [f"https://example.com/reports/{number}" for number in range(200)]
    answers = save_all_at_once(server.base, token, [
        {"url": url, "html": article_page(number), "tags": ["coast", f"batch {number % 7}"]}
        for number, url in enumerate(urls)
    ])

    failures = [(answer.status, answer.body) for answer in answers if answer.status != 201]
    assert not failures, failures[:5]
    assert sorted(stored_urls(tmp_path)) == sorted(urls)
    assert "database is locked" not in server.log()
    # The saves were spread over the workers (each one worked), so they wrote concurrently.
    assert sum(cpu_seconds(pid) - busy_before[pid] > 0.1 for pid in workers) >= 2
    assert server.worker_pids() == workers  # no worker died or was replaced
