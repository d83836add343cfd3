"""What the hardening tests share besides fixtures: pages, raw HTTP, and a live server's processes.

The live server is the extension tests' `FolioServer` (`folio serve`, gunicorn, one worker);
`LiveFolio` adds what these tests need: settings of their own, more users, and raw requests
that a polite HTTP client would refuse to send.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "extension"))
from extension_support import PASSWORD, USER, FolioServer  # noqa: E402,F401 - shared here

from folio import auth  # noqa: E402
from folio.config import Argon2Parameters  # noqa: E402
from folio.storage import Database  # noqa: E402

# Extraction time limit of the live server. The README's default is 30 s; 10 keeps the suite fast
# while still far above what a real page takes. FOLIO_HARDENING_EXTRACT_TIMEOUT overrides it.
EXTRACT_TIMEOUT = float(os.environ.get("FOLIO_HARDENING_EXTRACT_TIMEOUT", "10"))
# Time a pathological page may take beyond the limit: the child is killed, the answer written.
ANSWER_MARGIN = 5.0
# The live server takes pages this large, so a 20 MB text node gets through; 413 above it.
LIVE_MAX_HTML_BYTES = 40 * 1024 * 1024

# A paragraph the engine recognises as prose; pages are made of it plus the thing under test.
PROSE = ("Readers measured the water along the coast for many years and found that the level keeps "
         "climbing, season after season, faster than the old tide tables said it would. ")


def article_page(inner: str = "", *, head: str = "", title: str = "A plain story", html_attrs: str = 'lang="en"',
                 paragraphs: int = 6) -> str:
    """A news page with an article the engine finds; `inner` goes in the middle of its text."""
    prose = "".join(f"<p>{PROSE * 2}</p>" for _ in range(paragraphs // 2))
    return (f"<!doctype html><html {html_attrs}><head><meta charset=\"utf-8\"><title>{title}</title>{head}</head>"
            f"<body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{prose}{inner}{prose}</article>"
            f"<footer>Copyright</footer></body></html>")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    def json(self):
        return json.loads(self.body)


class LiveFolio(FolioServer):
    """`folio serve` with the hardening settings; `request` sends anything, `api` sends JSON."""

    def __init__(self, data_dir: Path, **settings: str):
        super().__init__(data_dir)
        self.env.update({"FOLIO_EXTRACT_TIMEOUT": str(EXTRACT_TIMEOUT),
                         "FOLIO_MAX_HTML_BYTES": str(LIVE_MAX_HTML_BYTES), **settings})
        self.database_url = f"sqlite:///{data_dir / 'folio.db'}"

    def add_user(self, name: str, password: str = PASSWORD) -> str:
        """A user with an API token (made directly in the database, faster than the CLI), the
        password hashed at the server's default cost."""
        database = Database(self.database_url)
        try:
            with database.session() as session:
                user = auth.create_user(session, name, password, Argon2Parameters())
                return auth.create_token(session, user, "hardening")[1]
        finally:
            database.dispose()

    def database(self) -> Database:
        return Database(self.database_url)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = EXTRACT_TIMEOUT + 30) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data,
                      time.monotonic() - started)

    def api(self, method: str, path: str, payload=None, token: str | None = None, **kwargs) -> Answer:
        headers = {"Authorization": f"Bearer {token or self.token}", **kwargs.pop("headers", {})}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        return self.request(method, path, body, headers, **kwargs)

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the children of `folio serve` (the gunicorn master)."""
        return children(self.process.pid)

    def log_tail(self, size: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-size:]


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return sorted(int(part) for part in text.split())


def resident_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def raw_exchange(port: int, head: bytes, body_chunks: list[bytes] = (), timeout: float = 30) -> bytes:
    """Send a hand-written request head (and optional body pieces); return what the server says.

    For requests http.client will not write: a Content-Length larger than the body actually
    sent, chunked bodies, or a head alone so the test can see whether the server waits for a body.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head)
        try:
            for chunk in body_chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending: read its answer
        received = b""
        while True:
            try:
                data = sock.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not data:
                break
            received += data
            if b"\r\n\r\n" in received:
                head_part, _, rest = received.partition(b"\r\n\r\n")
                length = _content_length(head_part)
                if length is not None and len(rest) >= length:
                    break
    return received


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return None


def status_of(raw: bytes) -> int:
    return int(raw.split(b" ", 2)[1]) if raw.startswith(b"HTTP/") else 0


def body_of(raw: bytes) -> dict:
    return json.loads(raw.partition(b"\r\n\r\n")[2] or b"null")

