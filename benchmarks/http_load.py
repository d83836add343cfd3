"""A small closed-loop HTTP client for the load benchmark: N threads, each sends its next request
as soon as the previous one is answered (http.client, one connection per request, as gunicorn's
sync workers close each connection after answering).

Latency is measured from connecting to reading the last byte of the answer.
"""

from __future__ import annotations

import http.client
import math
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CLIENT_NAME = "python threads + http.client (closed loop, one connection per request)"


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Answer:
    status: int
    body: bytes
    headers: http.client.HTTPMessage


def send(host: str, port: int, request: Request, timeout: float = 120) -> Answer:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request(request.method, request.path, body=request.body, headers=request.headers)
        response = connection.getresponse()
        return Answer(response.status, response.read(), response.headers)
    finally:
        connection.close()


@dataclass
class LoadResult:
    concurrency: int
    latencies: list[float]  # seconds, answered requests with the expected status
    errors: list[str]
    elapsed: float

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction: float) -> float:
        return percentile(self.latencies, fraction)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p50 of [1, 2, 3, 4] is 2); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run_load(host: str, port: int, requests: Callable[[int], Request], total: int, concurrency: int,
             expected: tuple[int, ...] = (200,)) -> LoadResult:
    """Send `total` requests (`requests(i)` builds the i-th) from `concurrency` threads."""
    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(total))
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            request = requests(number)
            started = time.perf_counter()
            try:
                answer = send(host, port, request)
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{request.method} {request.path}: {type(error).__name__}: {error}")
                continue
            took = time.perf_counter() - started
            if answer.status in expected:
                latencies.append(took)
            else:
                errors.append(f"{request.method} {request.path}: {answer.status} {answer.body[:200]!r}")

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(concurrency, latencies, errors, time.perf_counter() - started)
