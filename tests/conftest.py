"""Fixtures shared by every test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Generated inputs (Hypothesis, Schemathesis) are the same on every run of the suite, so a run
# fails for a change in the code, never for an input it happened to draw that day.
# HYPOTHESIS_PROFILE=explore draws new ones each run, to look for what the suite's miss (with
# FOLIO_HARDENING_FUZZ_SCALE=10 for ten times as many).
settings.register_profile("suite", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright's own browser download fails here
# Without the background-networking family Chromium keeps trying to reach the (closed) internet.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright for the whole run: its sync API cannot run two instances at once in one
    thread, so suites that each started their own broke each other when run together."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_browser(playwright_driver):
    """A headless Chromium for the page tests of every suite (each test opens its own context)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
