"""A small closed-loop HTTP client for the load benchmark: N threads, each sends its next request
as soon as the previous one is answered, on a connection it keeps open (HTTP/1.1 keep-alive, as
a browser and so the extension does), or on a new connection per request if asked.

Latency is measured from sending (connecting first, when there is no open connection) to reading
the last byte of the answer. Requests are written and answers read on plain sockets: http.client
parses an answer's head with the email package, which cost this client about 0.3 ms a request (a
figure the benchmark would have counted as the server's), and at concurrency 8 its CPU is taken
from the same two cores the server runs on.
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

CLIENT_NAME = "python threads + plain sockets (closed loop, keep-alive connections)"


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
    """`request` on a new connection, closed after its answer is read to the last byte."""
    with socket.create_connection((host, port), timeout=timeout) as connection:
        return _exchange(connection, f"{host}:{port}", request, keep_alive=False)


class Connection:
    """A kept-alive connection to one server: opened on the first request, and again when the
    server has closed it (it closes idle connections after its keep-alive time)."""

    def __init__(self, host: str, port: int, timeout: float = 120):
        self.address = (host, port)
        self.timeout = timeout
        self.socket: socket.socket | None = None

    def send(self, request: Request) -> Answer:
        reused = self.socket is not None
        if not reused:
            self.socket = socket.create_connection(self.address, timeout=self.timeout)
        try:
            answer = _exchange(self.socket, "%s:%d" % self.address, request, keep_alive=True)
        except (ConnectionError, http.client.RemoteDisconnected):
            self.close()
            if not reused:
                raise
            return self.send(request)  # the server had closed the kept connection: once more, anew
        if answer.headers.get("Connection", "").lower() == "close":
            self.close()
        return answer

    def close(self) -> None:
        if self.socket is not None:
            self.socket.close()
            self.socket = None


def _exchange(connection: socket.socket, host: str, request: Request, keep_alive: bool) -> Answer:
    head = [f"{request.method} {request.path} HTTP/1.1", f"Host: {host}"]
    if not keep_alive:
        head.append("Connection: close")
    if request.body is not None:
        head.append(f"Content-Length: {len(request.body)}")
    head += [f"{name}: {value}" for name, value in request.headers.items()]
    connection.sendall("\r\n".join(head).encode("latin-1") + b"\r\n\r\n" + (request.body or b""))
    received = bytearray()
    while b"\r\n\r\n" not in received:
        received += _receive(connection)
    head_bytes, _, body = bytes(received).partition(b"\r\n\r\n")
    status, headers = _parse_head(head_bytes)
    if "chunked" in headers.get("Transfer-Encoding", "").lower():
        raise http.client.HTTPException("a chunked answer: this client reads Content-Length only")
    length = headers.get("Content-Length")
    if length is None and keep_alive:
        raise http.client.HTTPException("an answer without Content-Length on a kept-alive connection")
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

    def absorb(self, other: LoadResult) -> None:
        """Count `other`'s requests as this load's too (rounds of one load, measured apart)."""
        self.latencies += other.latencies
        self.errors += other.errors
        self.elapsed += other.elapsed


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p50 of [1, 2, 3, 4] is 2); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run_load(host: str, port: int, requests: Callable[[int], Request], total: int, concurrency: int,
             expected: tuple[int, ...] = (200,), keep_alive: bool = True) -> LoadResult:
    """Send `total` requests (`requests(i)` builds the i-th) from `concurrency` threads, each on a
    connection it keeps (or on a new connection per request)."""
    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(total))
    lock = threading.Lock()

    def client() -> None:
        connection = Connection(host, port)
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                connection.close()
                return
            request = requests(number)
            started = time.perf_counter()
            try:
                answer = connection.send(request) if keep_alive else send(host, port, request)
            except (OSError, http.client.HTTPException) as error:
                connection.close()
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
