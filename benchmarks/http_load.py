"""A small closed-loop HTTP client for the load benchmark: N threads, each sends its next request
as soon as the previous one is answered (one connection per request, as gunicorn's sync workers
close each connection after answering).

Latency is measured from connecting to reading the last byte of the answer. Requests are written
and answers read on plain sockets: http.client parses an answer's head with the email package,
which cost this client about 0.3 ms a request (a figure the benchmark would have counted as the
server's), and at concurrency 8 its CPU is taken from the same two cores the server runs on.
"""

from __future__ import annotations

import http.client
import math
import socket
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CLIENT_NAME = "python threads + plain sockets (closed loop, one connection per request)"


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Headers(dict):
    """An answer's header fields by lower-case name (the first of a repeated field)."""

    def get(self, name: str, default=None):
        return super().get(name.lower(), default)


@dataclass
class Answer:
    status: int
    body: bytes
    headers: Headers


def send(host: str, port: int, request: Request, timeout: float = 120) -> Answer:
    """`request` on a new connection, its answer read to the last byte of the body."""
    head = [f"{request.method} {request.path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    if request.body is not None:
        head.append(f"Content-Length: {len(request.body)}")
    head += [f"{name}: {value}" for name, value in request.headers.items()]
    with socket.create_connection((host, port), timeout=timeout) as connection:
        connection.sendall("\r\n".join(head).encode("latin-1") + b"\r\n\r\n" + (request.body or b""))
        received = bytearray()
        while b"\r\n\r\n" not in received:
            received += _receive(connection)
        head_bytes, _, body = bytes(received).partition(b"\r\n\r\n")
        status, headers = _parse_head(head_bytes)
        if "chunked" in headers.get("Transfer-Encoding", "").lower():
            raise http.client.HTTPException("a chunked answer: this client reads Content-Length only")
        length = headers.get("Content-Length")
        rest = bytearray(body)
        while length is None or len(rest) < int(length):
            chunk = connection.recv(RECEIVE_BYTES)
            if not chunk:
                if length is None:
                    break  # the answer ends with the connection
                raise http.client.IncompleteRead(bytes(rest), int(length) - len(rest))
            rest += chunk
    return Answer(status, bytes(rest), headers)


RECEIVE_BYTES = 256 * 1024


def _receive(connection: socket.socket) -> bytes:
    chunk = connection.recv(RECEIVE_BYTES)
    if not chunk:
        raise http.client.RemoteDisconnected("the server closed the connection before answering")
    return chunk


def _parse_head(head: bytes) -> tuple[int, Headers]:
    status_line, *fields = head.decode("latin-1").split("\r\n")
    try:
        status = int(status_line.split(" ", 2)[1])
    except (IndexError, ValueError):
        raise http.client.BadStatusLine(status_line) from None
    headers = Headers()
    for field in fields:
        name, _, value = field.partition(":")
        headers.setdefault(name.strip().lower(), value.strip())
    return status, headers


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
