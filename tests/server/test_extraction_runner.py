"""The extraction engine under a time limit (in a reused child process) or in-process."""

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import article_page
from folio.article import Article
from folio.errors import Unavailable, Unprocessable
from folio.library import extraction
from folio.library.extraction import Extractor


@pytest.mark.parametrize("timeout", [0, 30])
def test_extracts_a_page(timeout):
    article = Extractor(timeout)(article_page("Tides and time"), "https://example.com/tides")
    assert article.title == "Tides and time"
    assert article.url == "https://example.com/tides"


@pytest.mark.parametrize("timeout", [0, 30])
def test_a_page_without_article_is_unprocessable(timeout):
    with pytest.raises(Unprocessable):
        Extractor(timeout)("<html><body></body></html>", "https://example.com/")


def test_a_slow_extraction_is_stopped(monkeypatch):
    def stuck(html, url):
        time.sleep(60)

    monkeypatch.setattr(extraction, "extract_article", stuck)
    started = time.monotonic()
    with pytest.raises(Unprocessable, match="longer than 0.5 seconds"):
        Extractor(0.5)("<p>x</p>", "https://example.com/")
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("timeout", [0, 30])
def test_an_engine_crash_is_unprocessable_not_a_server_error(monkeypatch, timeout):
    def broken(html, url):
        raise RuntimeError("bug in the engine")

    monkeypatch.setattr(extraction, "extract_article", broken)
    with pytest.raises(Unprocessable, match="could not be processed"):
        Extractor(timeout)("<p>x</p>", "https://example.com/")


def test_a_dying_child_is_unprocessable(monkeypatch):
    monkeypatch.setattr(extraction, "extract_article", lambda html, url: os._exit(3))
    with pytest.raises(Unprocessable):
        Extractor(10)("<p>x</p>", "https://example.com/")


# --- the extraction process is forked once and reused --------------------------------------------

def pid_article(html, url):
    """A stand-in engine that answers with the id of the process it ran in."""
    return Article(url=url, canonical_url=url, title=str(os.getpid()))


def test_one_child_extracts_page_after_page(monkeypatch):
    monkeypatch.setattr(extraction, "extract_article", pid_article)
    extractor = Extractor(10)
    pids = {extractor("<p>x</p>", f"https://example.com/{n}").title for n in range(5)}
    extractor.close()
    assert len(pids) == 1 and pids != {str(os.getpid())}


def test_after_a_timeout_the_next_page_gets_a_fresh_child(monkeypatch):
    def stuck_on_slow_pages(html, url):
        if "slow" in url:
            time.sleep(60)
        return pid_article(html, url)

    monkeypatch.setattr(extraction, "extract_article", stuck_on_slow_pages)
    extractor = Extractor(0.5)
    before = extractor("<p>x</p>", "https://example.com/fast").title
    with pytest.raises(Unprocessable, match="longer than"):
        extractor("<p>x</p>", "https://example.com/slow")
    after = extractor("<p>x</p>", "https://example.com/fast").title
    extractor.close()
    assert before != after
    _assert_gone(int(before))


def test_after_a_crash_the_next_page_is_extracted(monkeypatch):
    def crash_on_bad_pages(html, url):
        if "bad" in url:
            os._exit(3)
        return pid_article(html, url)

    monkeypatch.setattr(extraction, "extract_article", crash_on_bad_pages)
    extractor = Extractor(10)
    with pytest.raises(Unprocessable, match="could not be processed"):
        extractor("<p>x</p>", "https://example.com/bad")
    assert extractor("<p>x</p>", "https://example.com/good").title
    extractor.close()


def test_a_child_killed_while_idle_is_replaced_without_failing_the_page(monkeypatch):
    monkeypatch.setattr(extraction, "extract_article", pid_article)
    extractor = Extractor(10)
    first = int(extractor("<p>x</p>", "https://example.com/1").title)
    os.kill(first, signal.SIGKILL)
    _assert_gone(first)
    second = int(extractor("<p>x</p>", "https://example.com/2").title)
    extractor.close()
    assert second != first


def test_a_child_retires_after_its_share_of_pages(monkeypatch):
    monkeypatch.setattr(extraction, "extract_article", pid_article)
    monkeypatch.setattr(extraction, "PAGES_PER_PROCESS", 3)
    extractor = Extractor(10)
    pids = [extractor("<p>x</p>", f"https://example.com/{n}").title for n in range(7)]
    extractor.close()
    assert [len(set(pids[i:i + 3])) for i in (0, 3, 6)] == [1, 1, 1]
    assert len(set(pids)) == 3
    _assert_gone(int(pids[0]))


def extractor_children() -> list[multiprocessing.Process]:
    return [child for child in multiprocessing.active_children() if child.name == "folio-extractor"]


def test_a_started_extractor_has_its_child_ready_for_the_first_page(monkeypatch):
    monkeypatch.setattr(extraction, "extract_article", pid_article)
    extractor = Extractor(10)
    extractor.start()
    [ready] = extractor_children()
    first = extractor("<p>x</p>", "https://example.com/").title
    extractor.close()
    assert first == str(ready.pid)  # the page went to the child forked in advance


def test_starting_an_in_process_extractor_forks_nothing():
    Extractor(0).start()
    assert extractor_children() == []


def test_concurrent_calls_from_threads_each_get_their_own_answer(monkeypatch):
    def echo(html, url):
        time.sleep(0.05)
        return pid_article(html, url)

    monkeypatch.setattr(extraction, "extract_article", echo)
    extractor = Extractor(10, processes=3)
    urls = [f"https://example.com/{n}" for n in range(24)]
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda url: extractor("<p>x</p>", url), urls))
    idle = extractor_children()
    extractor.close()
    assert [article.url for article in answers] == urls
    assert 1 < len({article.title for article in answers}) <= 3  # up to 3 children served them
    assert len(idle) <= 3


def test_the_child_ends_when_its_parent_dies():
    """A worker killed with SIGKILL (gunicorn's timeout, the OOM killer) leaves no child behind."""
    script = (
        "import os\n"
        "from folio.article import Article\n"
        "from folio.library import extraction\n"
        "from folio.library.extraction import Extractor\n"
        "extraction.extract_article = lambda html, url: Article(url=url, canonical_url=url, title=str(os.getpid()))\n"
        "print(Extractor(10)('<p>x</p>', 'https://example.com/').title, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).parent)
    assert done.returncode == -signal.SIGKILL, done.stderr
    _assert_gone(int(done.stdout.strip()))


def _assert_gone(pid: int, within: float = 10) -> None:
    """The process has exited (a zombie waiting for its parent counts as gone)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return
        except FileNotFoundError:
            return
        time.sleep(0.05)
    os.kill(pid, 9)
    raise AssertionError(f"process {pid} still runs")


def test_a_busy_child_ends_when_its_parent_is_killed():
    """Even in the middle of a page: it would otherwise keep the server's listening socket open."""
    _assert_busy_child_ends_with_its_killed_parent("Extractor(300)('<p>x</p>', 'https://example.com/')\n")


def test_a_busy_child_forked_by_a_request_thread_ends_when_its_worker_is_killed():
    """A child that replaces one (after a timeout, a crash, retirement) is forked by the request
    thread that needed it, as in a gunicorn gthread worker."""
    _assert_busy_child_ends_with_its_killed_parent(
        "import threading\n"
        "thread = threading.Thread(target=Extractor(300), args=('<p>x</p>', 'https://example.com/'))\n"
        "thread.start()\n"
        "thread.join()\n"
    )


def _assert_busy_child_ends_with_its_killed_parent(extract_a_page: str) -> None:
    """A process whose extraction child is stuck in a page (`extract_a_page` sends it one) is
    killed: the child must end too."""
    script = (
        "import os, sys, time\n"
        "from folio.library import extraction\n"
        "from folio.library.extraction import Extractor\n"
        "def stuck(html, url):\n"
        "    print(os.getpid(), flush=True)\n"
        "    time.sleep(120)\n"
        "extraction.extract_article = stuck\n"
    ) + extract_a_page
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).parent)
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    _assert_gone(child, within=5)


def test_a_child_left_behind_by_a_thread_that_ended_is_replaced_without_failing_the_page(monkeypatch):
    """The kernel kills a child when the thread that forked it ends: the next page takes a new one."""
    monkeypatch.setattr(extraction, "extract_article", pid_article)
    extractor = Extractor(10)
    with ThreadPoolExecutor(1) as pool:
        first = int(pool.submit(extractor, "<p>x</p>", "https://example.com/1").result().title)
    _assert_gone(first, within=5)
    second = int(extractor("<p>x</p>", "https://example.com/2").title)
    extractor.close()
    assert second != first


def test_the_child_that_finished_last_takes_the_next_page(monkeypatch):
    """Its caches are still warm; the other children wait for pages that come at the same time."""
    monkeypatch.setattr(extraction, "extract_article", pid_article)
    extractor = Extractor(10, processes=3)
    extractor.start()
    assert len(extractor_children()) == 3
    pids = [extractor("<p>x</p>", f"https://example.com/{n}").title for n in range(5)]
    extractor.close()
    assert len(set(pids)) == 1


def test_no_more_pages_at_once_than_processes(monkeypatch):
    def timed(html, url):
        began = time.time()
        time.sleep(0.15)
        return Article(url=url, canonical_url=url, title=f"{began} {time.time()}")

    monkeypatch.setattr(extraction, "extract_article", timed)
    extractor = Extractor(10, processes=2)
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda n: extractor("<p>x</p>", f"https://example.com/{n}"), range(6)))
    extractor.close()
    spans = [tuple(map(float, article.title.split())) for article in answers]
    most = max(sum(1 for began, ended in spans if began <= moment < ended) for moment, _ in spans)
    assert most == 2


def test_a_page_that_waits_too_long_for_a_process_is_unavailable_not_unprocessable():
    extractor = Extractor(0.3, processes=1)
    extractor._running.acquire()  # another request's page holds the only process
    with pytest.raises(Unavailable):
        extractor("<p>x</p>", "https://example.com/")
