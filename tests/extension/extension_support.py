"""What the extension's end-to-end tests share besides fixtures: where things are, the Folio
server they start, the test page's expected content, and the browser sessions' user actions."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
PAGES_DIR = Path(__file__).resolve().parent / "pages"
ARTIFACTS_DIR = ROOT / "test-artifacts"

CHROMIUM = "/usr/bin/chromium"
FIREFOX = "/usr/bin/firefox-esr"
GECKO_ID = "folio@folio.local"
# Fixed so the extension's pages are at a known moz-extension://<uuid>/ address.
FIREFOX_UUID = "6d1f3c2a-8e4b-4f0e-9a57-3c2b1d0e9f11"
FOLIO_CLI = Path(sys.executable).with_name("folio")

USER = "reader"
PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout=15.0, interval=0.1, message="condition", pause=time.sleep):
    """Poll `predicate` until it returns something truthy; fail the test after `timeout` seconds.

    `pause(seconds)` waits between polls; Playwright needs its own (see ChromiumSession.pause),
    since its synchronous API only takes in browser events while one of its calls runs.
    """
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as error:  # the page may be mid-navigation; try again
            last_error = error
        pause(interval)
    raise AssertionError(f"timed out waiting for {message}" + (f" (last error: {last_error})" if last_error else ""))


# --- a real Folio server ---


class FolioServer:
    """`folio serve` on a free port with its own data dir, a user and an API token."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "FOLIO_DATA_DIR": str(data_dir), "FOLIO_WORKERS": "1"}
        self.process: subprocess.Popen | None = None
        self.log = data_dir / "server.log"
        self.token = ""

    def cli(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [str(FOLIO_CLI), *args], input=stdin, env=self.env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"folio {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def create_user_and_token(self) -> None:
        self.cli("user", "create", USER, "--password-stdin", stdin=PASSWORD + "\n")
        self.token = self.cli("token", "create", USER).strip().splitlines()[-1].strip()

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(FOLIO_CLI), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until(self.healthy, timeout=30, interval=0.2, message="the Folio server to start")
        except AssertionError:
            self.stop()
            raise AssertionError(f"Folio did not start:\n{self.log.read_text()[-3000:]}") from None

    def healthy(self) -> bool:
        if self.process is None or self.process.poll() is not None:
            raise AssertionError(f"folio serve exited:\n{self.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)  # the server's own process group: it may have workers
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        self.process = None
        # The port must be free before a test starts the server again on it.
        wait_until(lambda: not port_open(self.port), timeout=10, message="the server's port to close")

    def api(self, path: str, **params) -> dict:
        query = ("?" + urllib.parse.urlencode(params)) if params else ""
        request = urllib.request.Request(self.url + path + query, headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def find_saved(self, page_url: str) -> list[dict]:
        return self.api("/api/v1/articles", url=page_url)["items"]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


# --- what the test page holds ---


@dataclass(frozen=True)
class NewsPage:
    url: str
    title: str
    byline: str
    paragraphs: list[str]
    boilerplate: list[str]


def story_paragraphs(path: Path) -> list[str]:
    """The article's paragraphs as a reader sees them, including the one the page's script writes."""
    from lxml import html as lxml_html  # a dependency of the server, so always installed

    tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    return [
        " ".join((p.text_content().strip() or p.get("data-text") or "").split())
        for p in tree.xpath('//div[@class="story-body"]/p')
    ]


# --- browsers ---


@dataclass(frozen=True)
class BuiltExtension:
    chromium: Path
    firefox: Path


@dataclass
class ChromiumSession:
    context: object  # playwright BrowserContext
    worker: object  # the extension's service worker
    extension_id: str

    def page_url(self, path: str) -> str:
        return f"chrome-extension://{self.extension_id}/{path}"

    def pause(self, seconds: float) -> None:
        """Sleep while Playwright keeps taking in events (new tabs, navigations)."""
        self.worker.evaluate("(ms) => new Promise((resolve) => setTimeout(resolve, ms))", int(seconds * 1000))

    def wait_until(self, predicate, **kwargs):
        return wait_until(predicate, pause=self.pause, **kwargs)


@dataclass
class FirefoxSession:
    driver: object  # selenium WebDriver

    def page_url(self, path: str) -> str:
        return f"moz-extension://{FIREFOX_UUID}/{path}"

    def click_toolbar_button(self) -> None:
        """A real click on Folio's toolbar button, from the browser's own chrome."""
        driver = self.driver
        widget = "".join(c if c.isalnum() else "_" for c in GECKO_ID) + "-browser-action"
        with driver.context(driver.CONTEXT_CHROME):
            driver.execute_script(
                "CustomizableUI.addWidgetToArea(arguments[0], CustomizableUI.AREA_NAVBAR);",
                widget,
            )
            from selenium.webdriver.common.by import By

            button = wait_until(
                lambda: driver.find_element(By.CSS_SELECTOR, f"#{widget} .unified-extensions-item-action-button"),
                message="the toolbar button",
            )
            button.click()

    def badge_text(self) -> str:
        """The badge on the toolbar button as the user sees it in the active window."""
        driver = self.driver
        widget = "".join(c if c.isalnum() else "_" for c in GECKO_ID) + "-browser-action"
        with driver.context(driver.CONTEXT_CHROME):
            return driver.execute_script(
                "const b = document.querySelector(`#${arguments[0]} .unified-extensions-item-action-button`);"
                "return b ? (b.getAttribute('badge') || '') : '';",
                widget,
            )
