"""A real Folio server for the fault tests: `folio serve` (gunicorn) on a free 127.0.0.1 port.

The server runs in a process group of its own, so a test can kill the master and all its
workers at once with SIGKILL, as a power cut of the process tree would.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from folio import auth
from folio.config import Argon2Parameters
from folio.storage import Database
from folio.storage.migrate import upgrade

FOLIO = str(Path(sys.executable).with_name("folio"))
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    body: dict = field(default_factory=dict)


def call(url: str, method: str = "GET", body: dict | None = None, token: str | None = None,
         timeout: float = 60) -> Answer:
    """One HTTP request; an HTTP error status is an answer too (connection failures raise)."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, json.loads(response.read() or b"{}"))
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return Answer(error.code, json.loads(raw))
        except ValueError:
            return Answer(error.code, {"raw": raw.decode("utf-8", "replace")})


def create_api_user(database_url: str, name: str = "alice") -> str:
    """Migrate the database, create a user and return a fresh API token for them."""
    database = Database(database_url)
    try:
        upgrade(database)
        with database.session() as session:
            user = auth.create_user(session, name, "a long password", Argon2Parameters())
            _, token = auth.create_token(session, user, "fault tests")
        return token
    finally:
        database.dispose()


def article_page(number: int, topic: str = "tides") -> str:
    """A page with an article the real engine finds, different for every number."""
    paragraphs = "".join(
        f"<p>Report {number}, part {part}: observers of the {topic} wrote down the water level along "
        f"the coast every morning and compared it with the records of earlier decades.</p>"
        for part in range(6)
    )
    return (f"<!doctype html><html lang=\"en\"><head><title>Report {number} on the {topic}</title></head>"
            f"<body><nav><a href=\"/\">Home</a></nav><article><h1>Report {number} on the {topic}</h1>"
            f"{paragraphs}</article><footer>Copyright</footer></body></html>")


class FolioServer:
    def __init__(self, data_dir: Path, workers: int = 2, database_url: str | None = None,
                 port: int | None = None, settings: dict[str, str] | None = None):
        self.data_dir = data_dir
        self.workers = workers
        self.port = port or free_port()
        self.env = {**os.environ, "FOLIO_DATA_DIR": str(data_dir), **(settings or {})}
        if database_url:
            self.env["FOLIO_DATABASE_URL"] = database_url
        self.process: subprocess.Popen | None = None
        self.log_path = data_dir / f"server-{self.port}.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FolioServer:
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [FOLIO, "serve", "--port", str(self.port), "--workers", str(self.workers)],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if call(f"{self.base}/healthz", timeout=5).status in (200, 503):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.kill()
                raise AssertionError(f"folio serve did not start:\n{self.log()}")
            time.sleep(0.1)
        self.wait_for_workers()
        return self

    def wait_for_workers(self, within: float = 30) -> None:
        deadline = time.monotonic() + within
        while len(self.worker_pids()) < self.workers and time.monotonic() < deadline:
            time.sleep(0.1)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the master's children (their extraction processes are grandchildren)."""
        return children_of(self.process.pid) if self.process else []

    def kill(self) -> None:
        """SIGKILL to the master, the workers and their extraction processes, all at once."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        self.kill()


def children_of(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return sorted(children)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
