"""Running the extraction engine on a page within a time limit.

A pathological page can keep the extractor busy for minutes, and Python cannot stop a thread,
so each extraction runs in a forked child that is killed when the time is up. Forking is cheap
(the child shares the parent's already-imported engine) and the child exits after one page.
"""

from __future__ import annotations

import logging
import multiprocessing

from folio.article import Article
from folio.errors import Unprocessable
from folio.extract import EXTRACTOR_VERSION, extract_article

log = logging.getLogger(__name__)


class Extractor:
    """`extract(html, url) -> Article` with `timeout` seconds at most (0: in-process, no limit).

    Raises `Unprocessable` for a page without an article, a timeout, or a failure of the engine
    (logged: an engine bug must not turn a user's page into a server error).
    """

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.version = EXTRACTOR_VERSION

    def __call__(self, html: str | bytes, url: str) -> Article:
        if not self.timeout or "fork" not in multiprocessing.get_all_start_methods():
            outcome, value = _run(html, url)
        else:
            outcome, value = _run_in_child(html, url, self.timeout)
        if outcome == "article":
            return value
        if outcome == "unprocessable":
            raise Unprocessable(value)
        log.error("extraction of %s failed: %s", url, value)
        raise Unprocessable("the page could not be processed")


def _run(html: str | bytes, url: str) -> tuple[str, object]:
    try:
        return "article", extract_article(html, url)
    except Unprocessable as error:
        return "unprocessable", error.message
    except Exception as error:  # noqa: BLE001 - see Extractor: reported, not raised
        return "failed", f"{type(error).__name__}: {error}"


def _run_in_child(html: str | bytes, url: str, timeout: float) -> tuple[str, object]:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, html, url), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            return "unprocessable", f"the page took longer than {timeout:g} seconds to extract"
        return receiver.recv()
    except EOFError:
        return "failed", f"the extractor process died (exit code {child.exitcode})"
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


def _child_main(sender, html: str | bytes, url: str) -> None:
    try:
        sender.send(_run(html, url))
    finally:
        sender.close()
