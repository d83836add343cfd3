"""`folio serve` for real: gunicorn on a free port, a temporary data dir, real HTTP."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import article_page
from postgres_server import free_port

FOLIO = str(Path(sys.executable).with_name("folio"))


def request(url, body=None, token=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=30) as response:
        return response.status, json.loads(response.read())


@dataclass
class Served:
    base: str
    token: str
    process: subprocess.Popen


@pytest.fixture
def served(tmp_path) -> Served:
    env = {**os.environ, "FOLIO_DATA_DIR": str(tmp_path), "FOLIO_WORKERS": "2"}
    subprocess.run([FOLIO, "user", "create", "alice", "--password-stdin"], input="a long password\n",
                   text=True, env=env, check=True, capture_output=True)
    token = subprocess.run([FOLIO, "token", "create", "alice"], env=env, check=True, capture_output=True,
                           text=True).stdout.strip()
    port = free_port()
    log = open(tmp_path / "server.log", "w")
    process = subprocess.Popen([FOLIO, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request(f"{base}/healthz")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError((tmp_path / "server.log").read_text())
                time.sleep(0.2)
        yield Served(base, token, process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_folio_serve(served):
    base, token = served.base, served.token
    assert request(f"{base}/healthz") == (200, {"status": "ok", "database": "ok"})
    status, article = request(f"{base}/api/v1/extract",
                              {"url": "https://example.com/tides", "html": article_page("Tides")}, token)
    assert status == 200 and article["title"] == "Tides"
    status, saved = request(f"{base}/api/v1/articles",
                            {"url": "https://example.com/tides", "html": article_page("Tides")}, token)
    assert status == 201
    with pytest.raises(urllib.error.HTTPError) as refused:
        request(f"{base}/api/v1/me", token="wrong")
    assert refused.value.code == 401
    assert json.loads(refused.value.read())["error"] == "unauthorized"


def test_serve_loads_the_engine_once_before_the_workers_fork(tmp_path, monkeypatch):
    """Workers inherit the loaded models: no request waits for them, one copy serves all workers,
    and the garbage collector is told to leave that copy alone (else each process copies it)."""
    from folio import wsgi_server
    from folio.config import Config

    calls = []
    monkeypatch.setattr(wsgi_server, "warm_up", lambda: calls.append("warm_up"))
    monkeypatch.setattr(wsgi_server.gc, "freeze", lambda: calls.append("gc.freeze"))
    monkeypatch.setattr(wsgi_server.FolioServer, "run", lambda self: calls.append(("run", self.folio_config)))
    wsgi_server.serve(Config.for_data_dir(tmp_path), "0.0.0.0", free_port())
    assert calls[:2] == ["warm_up", "gc.freeze"]
    run, config = calls[2]
    assert run == "run" and config.listen_host == "0.0.0.0"  # its Host names are allowed (folio.allowed_hosts)


def test_every_worker_has_its_extraction_processes_before_the_first_page(served):
    """Forked as the worker boots, so the first page does not wait for a fork: one per core,
    the cores shared among the workers (2 here)."""
    per_worker = max(1, len(os.sched_getaffinity(0)) // 2)
    deadline = time.monotonic() + 20
    while len(children(served.process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children(served.process.pid)
    while any(len(children(worker)) != per_worker for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) == 2 and [len(children(worker)) for worker in workers] == [per_worker] * 2


def test_the_serving_processes_never_load_alembic(tmp_path):
    """`folio serve` migrates in a child process: every worker would otherwise inherit Alembic."""
    script = (
        "import sys\n"
        "from folio import wsgi_server\n"
        "from folio.config import Config\n"
        "wsgi_server.warm_up = lambda: None\n"
        "wsgi_server.FolioServer.run = lambda self: print('alembic' in sys.modules, flush=True)\n"
        f"wsgi_server.serve(Config.for_data_dir({str(tmp_path)!r}), '127.0.0.1', 9000)\n"
        "from folio.storage import Database\n"
        "from folio.storage.migrate import current_revision, head_revision\n"
        f"print(current_revision(Database(Config.for_data_dir({str(tmp_path)!r}).database_url)) == head_revision())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "True"], done.stderr  # not loaded, yet migrated
