"""Running the extraction engine on a page within a time limit.

A pathological page can keep the extractor busy for minutes, inside C code (lxml, libxml2) that
no signal can interrupt, and a bug in a C library can crash the process. So pages are extracted
in a child process that is killed when the time is up, and a crash costs only that child: the
worker survives and answers 422. (A timer signal in the worker would cost nothing, but it waits
for C code to return, and a crash would still take the worker down.)

The children are forked as the gunicorn worker boots, and then extract page after page, sent
over a pipe. Forking a child for every page (the first design) cost about 25 ms a page, nearly
doubling the time of a 126 KB news page (28 ms), because each new child copies the memory it
touches; the pipe costs well under a millisecond (benchmarks/server.py measures all three). A
child that times out or dies is replaced on the next call, and every child retires after
`PAGES_PER_PROCESS` pages so that memory left behind by big pages is given back.

The worker's threads share its children: at most `processes` pages are extracted at once (one
per core: more would only take turns on the cores, each evicting the others' caches), and the
child that finished last takes the next page, its caches still warm. Pages spread over several
children in turn took 4% longer each (benchmarks/server.py, "children in turn").
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.connection import Connection

from folio.article import Article
from folio.errors import Unavailable, Unprocessable
from folio.extract import EXTRACTOR_VERSION, extract_article

log = logging.getLogger(__name__)

PAGES_PER_PROCESS = 500
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Extractor:
    """`extract(html, url) -> Article` with `timeout` seconds at most (0: in-process, no limit).

    Raises `Unprocessable` for a page without an article, a timeout, or a failure of the engine
    (logged: an engine bug must not turn a user's page into a server error), and `Unavailable`
    when `processes` pages of other requests kept it busy for `timeout` seconds. Safe to call
    from several threads: up to `processes` calls run at once, each in a child of its own.
    """

    def __init__(self, timeout: float, processes: int = 1):
        self.timeout = timeout
        self.processes = processes
        self.version = EXTRACTOR_VERSION
        self._idle: list[ExtractionProcess] = []  # the last one returned is taken first
        self._lock = threading.Lock()
        self._running = threading.BoundedSemaphore(processes)

    def __call__(self, html: str | bytes, url: str) -> Article:
        if not self._running.acquire(timeout=self.timeout or None):
            raise Unavailable("the server is busy extracting other pages; try again in a moment")
        try:
            outcome, value = self._run_in_child(html, url) if self.isolated else _run(html, url)
        finally:
            self._running.release()
        if outcome == "article":
            return value
        if outcome == "unprocessable":
            raise Unprocessable(value)
        log.error("extraction of %s failed: %s", url, value)
        raise Unprocessable("the page could not be processed")

    @property
    def isolated(self) -> bool:
        """Whether pages are extracted in child processes (with a time limit) or in this one."""
        return bool(self.timeout) and "fork" in multiprocessing.get_all_start_methods()

    def start(self) -> None:
        """Fork the extraction processes now (a gunicorn worker does as it boots, before its
        threads start), so that no page waits for a fork."""
        if self.isolated:
            children = [ExtractionProcess() for _ in range(self.processes)]
            with self._lock:
                self._idle.extend(children)

    def close(self) -> None:
        """Stop the idle child processes (they also stop by themselves when this process ends)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for child in idle:
            child.stop()

    def _run_in_child(self, html: str | bytes, url: str) -> tuple[str, object]:
        child = self._take_child()
        if not child.send(html, url):
            # The child was gone before it saw this page (killed from outside): not the page's fault.
            child.stop()
            child = ExtractionProcess()
            if not child.send(html, url):
                child.stop()
                return "failed", "the extractor process could not be started"
        outcome, value = child.receive(self.timeout)
        with self._lock:
            kept = child.usable and len(self._idle) < self.processes
            if kept:
                self._idle.append(child)
        if not kept:
            child.stop()
        return outcome, value

    def _take_child(self) -> ExtractionProcess:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return ExtractionProcess()


class ExtractionProcess:
    """A forked child that extracts the pages sent to it over a pipe, one at a time."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_child_main, args=(child_end, self.connection, os.getpid()),
                                       daemon=True, name="folio-extractor")
        self.process.start()
        child_end.close()
        self.pages = 0
        self.usable = True

    def send(self, html: str | bytes, url: str) -> bool:
        try:
            self.connection.send((html, url))
        except OSError:  # BrokenPipeError, ConnectionResetError: the child is gone
            self.usable = False
            return False
        self.pages += 1
        return True

    def receive(self, timeout: float) -> tuple[str, object]:
        try:
            if not self.connection.poll(timeout):
                self.usable = False
                return "unprocessable", f"the page took longer than {timeout:g} seconds to extract"
            outcome = self.connection.recv()
        except (EOFError, OSError):
            self.usable = False
            self.stop()
            return "failed", f"the extractor process died (exit code {self.process.exitcode})"
        self.usable = self.pages < PAGES_PER_PROCESS
        return outcome

    def stop(self) -> None:
        self.usable = False
        self.connection.close()  # an idle child reads the end of the pipe and exits
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def _run(html: str | bytes, url: str) -> tuple[str, object]:
    try:
        return "article", extract_article(html, url)
    except Unprocessable as error:
        return "unprocessable", error.message
    except Exception as error:  # noqa: BLE001 - see Extractor: reported, not raised
        return "failed", f"{type(error).__name__}: {error}"


def _child_main(connection: Connection, parent_end: Connection, parent: int) -> None:
    parent_end.close()  # else this child would keep its own pipe open and never see the end
    _close_inherited_files(keep=connection.fileno())
    _die_with(parent)
    # Signals meant for the server (a terminal's Ctrl-C reaches the whole process group) must not
    # cut a page short, nor wake the gunicorn worker through the wake-up pipe it shares.
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)
    while True:
        try:
            html, url = connection.recv()
        except (EOFError, OSError):
            return  # the parent closed the pipe or died
        try:
            connection.send(_run(html, url))
        except OSError:
            return  # the parent gave up waiting, or died


def _close_inherited_files(keep: int) -> None:
    """Close what the fork copied from the worker (its listening socket, database connections,
    log files) but the pipe and the standard streams: the engine needs none of them, and a child
    that outlives its worker must not keep the server's port open."""
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when `parent` dies (Linux).

    A child busy with a pathological page would otherwise outlive a worker killed with SIGKILL.
    The kernel sends the signal when the thread that forked the child ends, which for a child
    forked by a request thread can come before the worker's end (gunicorn's threads last as long
    as the worker, so it seldom does): the next page then finds the child gone and takes a new one.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(0)
