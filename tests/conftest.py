"""Fixtures shared by every test suite."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright for the whole run: its sync API cannot run two instances at once in one
    thread, so suites that each started their own broke each other when run together."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        yield playwright
