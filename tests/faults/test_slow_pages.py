"""A page the engine cannot finish in time, or that crashes it: the worker answers 422 and lives on."""

from __future__ import annotations

import os
import signal
import threading
import time

from .running_folio import Answer, article_page, call, children_of, cpu_seconds, create_api_user

TIMEOUT = 1.0  # FOLIO_EXTRACT_TIMEOUT; the slow page takes several times longer


def slow_page() -> str:
    """About 5 MB of paragraphs: seconds of extraction, within FOLIO_MAX_HTML_BYTES."""
    body = "".join(f"<p>Paragraph {number} about the tides and the coast, measured every morning by "
                   f"observers along the shore.</p>" for number in range(50_000))
    return f"<html><body><article><h1>A very long page</h1>{body}</article></body></html>"


def test_a_slow_page_times_out_and_a_crash_is_contained(start_server, tmp_path):
    token = create_api_user(f"sqlite:///{tmp_path / 'folio.db'}")
    server = start_server(workers=1, settings={"FOLIO_EXTRACT_TIMEOUT": str(TIMEOUT)})
    [worker] = server.worker_pids()
    extract = f"{server.base}/api/v1/extract"
    normal = {"url": "https://example.com/normal", "html": article_page(1)}
    slow = {"url": "https://example.com/slow", "html": slow_page()}
    assert call(extract, "POST", normal, token).status == 200

    started = time.monotonic()
    timed_out = call(extract, "POST", slow, token)
    assert timed_out.status == 422 and f"longer than {TIMEOUT:g} seconds" in timed_out.body["message"]
    assert time.monotonic() - started < TIMEOUT + 3  # cut at the limit, not after the whole page
    assert server.worker_pids() == [worker]
    assert call(extract, "POST", normal, token).status == 200

    # The extraction process dies in the middle of a page (a crash of the engine's C code).
    answers: list[Answer] = []
    request = threading.Thread(target=lambda: answers.append(call(extract, "POST", slow, token)))
    [child] = children_of(worker)
    busy_from = cpu_seconds(child)
    request.start()
    deadline = time.monotonic() + 10
    while cpu_seconds(child) - busy_from < 0.2 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(child, signal.SIGKILL)
    request.join(30)
    assert answers and answers[0].status == 422, answers
    assert answers[0].body == {"error": "unprocessable", "message": "the page could not be processed"}
    assert server.worker_pids() == [worker]
    assert call(extract, "POST", normal, token).status == 200
    assert child not in children_of(worker)
