"""The extraction engine under a time limit (forked child) or in-process."""

import time

import pytest

from conftest import article_page
from folio.errors import Unprocessable
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
    import os

    monkeypatch.setattr(extraction, "extract_article", lambda html, url: os._exit(3))
    with pytest.raises(Unprocessable):
        Extractor(10)("<p>x</p>", "https://example.com/")
