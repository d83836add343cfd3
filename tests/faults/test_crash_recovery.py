"""kill -9 of the whole server in the middle of a burst of saves: nothing acknowledged is lost."""

from __future__ import annotations

import sqlite3
import threading
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPException

from .running_folio import article_page, call, create_api_user

CLIENTS = 12
SAVES = 400
KILL_AFTER_ACKNOWLEDGED = 60
BURST_TIMEOUT = 60


def test_saves_acknowledged_before_a_kill_survive_it(start_server, tmp_path):
    token = create_api_user(f"sqlite:///{tmp_path / 'folio.db'}")
    server = start_server(workers=3)
    acknowledged: dict[str, int] = {}  # url -> id, for every 200/201 a client received
    lock = threading.Lock()
    enough = threading.Event()

    def save(number: int) -> None:
        if server.process.poll() is not None:
            return
        url = f"https://example.com/burst/{number}"
        try:
            answer = call(f"{server.base}/api/v1/articles", "POST", {"url": url, "html": article_page(number)},
                          token, timeout=30)
        except (urllib.error.URLError, ConnectionError, HTTPException, TimeoutError):
            return  # the server died under this request: it was never acknowledged
        assert answer.status in (200, 201), answer
        with lock:
            acknowledged[url] = answer.body["id"]
            if len(acknowledged) >= KILL_AFTER_ACKNOWLEDGED:
                enough.set()

    with ThreadPoolExecutor(CLIENTS) as pool:
        burst = [pool.submit(save, number) for number in range(SAVES)]
        assert enough.wait(BURST_TIMEOUT), f"too few saves acknowledged:\n{server.log()}"
        server.kill()  # master, workers and extraction processes, mid-burst
        for future in burst:
            future.result()
    assert len(acknowledged) < SAVES, "the kill came after the burst: it tested nothing"

    restarted = start_server(tmp_path, workers=2, port=server.port)
    with sqlite3.connect(tmp_path / "folio.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # The full-text index agrees with the table it indexes (raises SQLITE_CORRUPT otherwise).
        connection.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        stored = dict(connection.execute("SELECT url, id FROM articles"))
    assert {url: stored.get(url) for url in acknowledged} == acknowledged

    # The restarted server serves them, and takes new saves.
    url, article_id = next(iter(acknowledged.items()))
    assert call(f"{restarted.base}/api/v1/articles/{article_id}", token=token).body["url"] == url
    assert call(f"{restarted.base}/api/v1/articles", "POST",
                {"url": "https://example.com/after", "html": article_page(9999)}, token).status == 201
    started = time.monotonic()
    found = call(f"{restarted.base}/api/v1/articles?q=report", token=token)
    assert found.status == 200 and found.body["total"] >= len(acknowledged)
    assert time.monotonic() - started < 10
