"""`folio serve` for real: gunicorn on a free port, a temporary data dir, real HTTP."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
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


@pytest.fixture
def server(tmp_path):
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
        yield base, token
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_folio_serve(server):
    base, token = server
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
    """Workers inherit the loaded models: no request waits for them, one copy serves all workers."""
    from folio import wsgi_server
    from folio.config import Config

    calls = []
    monkeypatch.setattr(wsgi_server, "warm_up", lambda: calls.append("warm_up"))
    monkeypatch.setattr(wsgi_server.FolioServer, "run", lambda self: calls.append("run"))
    wsgi_server.serve(Config.for_data_dir(tmp_path), "127.0.0.1", free_port())
    assert calls == ["warm_up", "run"]
