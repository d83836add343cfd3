"""`folio serve`: the app under gunicorn, with settings that suit a small self-hosted server."""

from __future__ import annotations

import gc
import os
import sys
import traceback

from gunicorn.app.base import BaseApplication

from folio.app import create_app
from folio.app_context import services
from folio.config import Config
from folio.extract import warm_up
from folio.storage import Database
from folio.storage.migrate import upgrade

# A worker busy longer than this is killed and replaced; extraction has its own, shorter limit.
REQUEST_TIMEOUT_MARGIN = 30
MIN_THREADS = 8


def threads_per_worker(config: Config) -> int:
    """Enough for every extraction process to be busy while the library, the web pages and API
    reads (which mostly wait on the database) are still served."""
    return max(MIN_THREADS, 4 * config.extraction_processes)


def gunicorn_options(config: Config, host: str, port: int) -> dict[str, object]:
    """One worker process by default, its requests in threads, its pages in extraction processes.

    Extraction is CPU-bound and runs in the worker's child processes, one per core, so a worker's
    own Python (HTTP, JSON, the database) is little and threads serve it well. One worker
    sharing its extraction processes keeps the one that finished last busy with the next page;
    with one single-threaded (sync) worker per core plus one, consecutive requests went to
    different workers and so to colder processes: on 2 cores the HTTP overhead of
    POST /api/v1/extract at concurrency 1 was 9-12% of the extraction, against 5-6% this way, for
    the same throughput at concurrency 8 (benchmarks/server.py). A pathological page holds one
    thread and one extraction process for up to FOLIO_EXTRACT_TIMEOUT; the others go on.
    FOLIO_WORKERS adds worker processes (they share the cores' extraction processes).
    """
    return {
        "bind": f"{host}:{port}",
        "workers": config.workers,
        "worker_class": "gthread",
        "threads": threads_per_worker(config),
        "timeout": int(config.extract_timeout) + REQUEST_TIMEOUT_MARGIN,
        "graceful_timeout": 30,
        "keepalive": 5,
        # Recycle a worker now and then, which bounds any slow leak. The engine, whose memory a
        # big page can leave behind, runs in the extraction processes, which retire sooner.
        "max_requests": 10_000,
        "max_requests_jitter": 1_000,
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
        app = create_app(self.folio_config)
        with app.app_context():
            services().extractor.start()
        return app


def serve(config: Config, host: str, port: int, workers: int | None = None) -> None:
    """Migrate the database once, load the extraction engine's models, then start gunicorn.

    The migration runs in a child process and workers skip it, so no serving process loads
    Alembic. Workers (and the extraction processes they fork) inherit the loaded
    models, so no request waits for them and one copy of their memory serves every worker.
    `gc.freeze()` keeps it one copy: the garbage collector of each process would otherwise write
    to every object it inherited, and so copy the pages holding them (measured with a 126 KB news
    page: private memory of a worker 22 -> 14 MB, of its extraction process 60 -> 29 MB); and
    its full collections, no longer walking the engine, stop adding 2-3 ms to an average page.
    """
    config = config.with_changes(workers=workers or config.workers)
    migrate_in_child_process(config)
    warm_up()
    gc.collect()
    gc.freeze()
    FolioServer(config.with_changes(auto_migrate=False, listen_host=host), gunicorn_options(config, host, port)).run()


def migrate_in_child_process(config: Config) -> None:
    """`upgrade` in a forked process; its error (printed there) stops `folio serve` here."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            database = Database(config.database_url)
            upgrade(database)
            database.dispose()
            code = 0
        except BaseException:  # noqa: BLE001 - reported here, as the exit status there
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise MigrationFailed("the database migration failed; its error is printed above")


class MigrationFailed(RuntimeError):
    """`folio serve` could not bring the database to the current schema."""
