"""`folio serve`: the app under gunicorn, with settings that suit a small self-hosted server."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication

from folio.app import create_app
from folio.config import Config
from folio.extract import warm_up
from folio.storage import Database
from folio.storage.migrate import upgrade

MAX_DEFAULT_WORKERS = 8
# A worker busy longer than this is killed and replaced; extraction has its own, shorter limit.
REQUEST_TIMEOUT_MARGIN = 30


def default_workers() -> int:
    """Gunicorn's rule of thumb, 2 x CPUs + 1, capped: each worker holds the extraction engine."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(2 * cpus + 1, MAX_DEFAULT_WORKERS)


def gunicorn_options(config: Config, host: str, port: int, workers: int | None) -> dict[str, object]:
    return {
        "bind": f"{host}:{port}",
        "workers": workers or config.workers or default_workers(),
        "worker_class": "sync",
        "timeout": int(config.extract_timeout) + REQUEST_TIMEOUT_MARGIN,
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": 2000,  # recycle workers now and then: bounds any slow leak in the engine
        "max_requests_jitter": 200,
        # Request bodies are limited by Flask (FOLIO_MAX_HTML_BYTES); these bound the head.
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
        # Proxies are trusted by ProxyFix alone (FOLIO_TRUSTED_PROXIES), never by gunicorn.
        "secure_scheme_headers": {},
        "forwarded_allow_ips": "127.0.0.1",
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "folio",
        # Gunicorn's runtime control socket defaults to one path per user account, so a second
        # server (or a test run) on the same machine would take it over; Folio does not use it.
        "control_socket_disable": True,
    }


class FolioServer(BaseApplication):
    """Gunicorn run from Python: each worker builds its own app after the fork."""

    def __init__(self, config: Config, options: dict[str, object]):
        self.folio_config = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        return create_app(self.folio_config)


def serve(config: Config, host: str, port: int, workers: int | None = None) -> None:
    """Migrate the database once, load the extraction engine's models, then start gunicorn.

    Workers skip the migration. They (and the extraction processes they fork) inherit the loaded
    models, so no request waits for them and one copy of their memory serves every worker.
    """
    database = Database(config.database_url)
    upgrade(database)
    database.dispose()  # no connection may cross the fork into the workers
    warm_up()
    FolioServer(config.with_changes(auto_migrate=False), gunicorn_options(config, host, port, workers)).run()
