"""The web pages in a real Chromium against a real `folio serve`: sign in, search, read, themes,
right-to-left text, no JavaScript, keyboard, Listen; no console errors or CSP violations.

Screenshots of the library and the reading page (light and dark, desktop and phone) go to
test-artifacts/web/ for a person to look at.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extension"))
from extension_support import ARTIFACTS_DIR, PASSWORD, USER, FolioServer  # noqa: E402
from .sample_site import ARABIC, SEARCH_WORD, STORIES, SampleSite, story_url  # noqa: E402

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 360, "height": 780}
SCREENSHOTS = ARTIFACTS_DIR / "web"
DARK_BACKGROUND = "rgb(28, 27, 34)"  # reader.css [data-theme="dark"] --reader-bg

# Collects what the page's Content-Security-Policy refused (Playwright's init scripts are exempt).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
# A stand-in for the browser's voices: headless Chromium has none, and a test must not talk.
FAKE_SPEECH = """
window.__spoken = [];
const fakeSynth = {
  paused: false, speaking: false,
  speak(utterance) { window.__spoken.push(utterance.text); this.speaking = true; },
  pause() { this.paused = true; }, resume() { this.paused = false; },
  cancel() { this.speaking = false; this.paused = false; }, getVoices() { return []; },
};
Object.defineProperty(window, "speechSynthesis", { value: fakeSynth, configurable: true });
"""
NO_SPEECH = 'Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });'


@dataclass
class Library:
    server: FolioServer
    ids: dict[str, int] = field(default_factory=dict)  # story slug -> article id

    @property
    def url(self) -> str:
        return self.server.url


def save_through_the_api(server: FolioServer, url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        html = response.read().decode()
    request = urllib.request.Request(
        server.url + "/api/v1/articles", data=json.dumps({"url": url, "html": html}).encode(), method="POST",
        headers={"Authorization": f"Bearer {server.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A real server with a user (made with the CLI) and the sample stories saved through the API."""
    site = SampleSite(tmp_path_factory.mktemp("site"))
    site.start()
    server = FolioServer(tmp_path_factory.mktemp("folio"))
    server.create_user_and_token()
    server.start()
    try:
        saved = Library(server)
        for story in STORIES:
            saved.ids[story.slug] = save_through_the_api(server, story_url(site.base, story))["id"]
        yield saved
    finally:
        server.stop()
        site.stop()


@pytest.fixture(scope="module")
def browser(chromium_browser):
    return chromium_browser


class Tab:
    """One page in a fresh browser context, with its console errors and CSP violations."""

    def __init__(self, browser, base_url: str, **context_options):
        self.context = browser.new_context(base_url=base_url, **context_options)
        self.context.add_init_script(WATCH_CSP)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def sign_in(self) -> None:
        page = self.page
        page.goto("/")
        assert "/login" in page.url
        page.get_by_label("User name").fill(USER)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")

    def css(self, selector: str, prop: str) -> str:
        return self.page.eval_on_selector(selector, f"(el) => getComputedStyle(el).{prop}")

    def assert_clean(self) -> None:
        assert self.errors == []
        if self.context.pages and not self.page.is_closed():
            assert self.page.evaluate("window.__cspViolations || []") == []

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def session_state(browser, library):
    """Cookies of a signed-in browser, so most tests need not sign in again (it is rate-limited)."""
    tab = Tab(browser, library.url)
    tab.sign_in()
    state = tab.context.storage_state()
    tab.close()
    return state


@pytest.fixture
def tab(browser, library, session_state):
    opened = Tab(browser, library.url, storage_state=session_state, viewport=DESKTOP)
    yield opened
    opened.close()


def test_sign_in_find_an_article_by_its_text_and_read_it(browser, library):
    tab = Tab(browser, library.url, viewport=DESKTOP)
    page = tab.page
    tab.sign_in()
    assert page.locator(".card").count() == len(STORIES)

    page.get_by_label("Search your library").fill(SEARCH_WORD)
    page.get_by_label("Search your library").press("Enter")
    page.wait_for_url(f"**/?q={SEARCH_WORD}*")
    mark = page.locator(".card-snippet mark")
    assert mark.first.is_visible() and mark.first.inner_text() == SEARCH_WORD
    assert tab.css(".card-snippet mark", "backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator(".card").count() == 1

    page.locator(".card-title a").click()
    page.wait_for_url(f"**/articles/{library.ids['night-sea']}")
    assert page.locator("h1.reader-title").inner_text().startswith("The glowing tide")
    assert page.locator(".reader-content").inner_text().count(SEARCH_WORD) == 1
    assert page.locator(".reader-byline").inner_text() == "By Marta Oliveira"
    original = page.get_by_role("link", name="Read the original on The Coastal Review")
    assert original.get_attribute("rel") == "noopener noreferrer"
    tab.assert_clean()
    tab.close()


def test_the_dark_theme_and_text_size_are_remembered(tab, library):
    page = tab.page
    page.goto(f"/articles/{library.ids['night-sea']}")
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    page.get_by_label("Display settings").click()
    page.get_by_role("button", name="Dark").click()
    page.get_by_role("button", name="Larger text").click()
    assert tab.css("html", "backgroundColor") == DARK_BACKGROUND
    assert page.get_by_role("button", name="Dark").get_attribute("aria-pressed") == "true"

    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert tab.css("html", "backgroundColor") == DARK_BACKGROUND
    assert tab.css(".reader", "fontSize") == "22px"
    page.goto("/")  # the theme colours the whole site
    assert tab.css("html", "backgroundColor") == DARK_BACKGROUND
    tab.assert_clean()


def test_an_arabic_article_reads_right_to_left(tab, library):
    page = tab.page
    page.goto(f"/articles/{library.ids[ARABIC.slug]}")
    article = page.locator("article.reader")
    assert article.get_attribute("dir") == "rtl" and article.get_attribute("lang") == "ar"
    assert tab.css(".reader-content p", "direction") == "rtl"
    # The byline is short: in right-to-left text it sits against the right edge of its line.
    edges = page.eval_on_selector(".reader-byline", """(el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
        return {textLeft: text.left, textRight: text.right, boxLeft: box.left, boxRight: box.right};
    }""")
    assert abs(edges["textRight"] - edges["boxRight"]) < 2
    assert edges["textLeft"] - edges["boxLeft"] > 100
    assert page.locator(".reader-content p").first.inner_text().startswith("قررت بلدية المدينة")
    tab.assert_clean()


def test_reading_and_searching_work_without_javascript(browser, library):
    tab = Tab(browser, library.url, viewport=DESKTOP, java_script_enabled=False)
    page = tab.page
    tab.sign_in()
    page.get_by_label("Search your library").fill("footpaths")
    page.get_by_role("button", name="Search").click()
    assert page.locator(".card-snippet mark").first.inner_text().lower() == "footpaths"
    page.locator(".card-title a").click()
    assert page.locator("h1.reader-title").inner_text() == "Mapping forgotten footpaths before they disappear"
    assert not page.locator(".display-menu").is_visible()  # needs JavaScript: stays hidden
    assert not page.locator("[data-listen]").is_visible()

    page.get_by_label("Add tags, separated by commas").fill("Maps")
    page.get_by_role("button", name="Add", exact=True).click()
    assert page.get_by_role("link", name="Maps").is_visible()
    page.get_by_role("button", name="Remove the tag Maps").click()
    assert page.get_by_role("link", name="Maps").count() == 0
    page.get_by_role("button", name="Favourite").click()
    assert "Added to favourites." in page.locator(".flashes").inner_text()
    page.get_by_role("button", name="Favourite").click()  # and back, for the other tests
    tab.assert_clean()
    tab.close()


def test_the_keyboard_reaches_the_skip_link_first_with_a_visible_focus(tab):
    page = tab.page
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert tab.css(".skip-link", "outlineStyle") != "none"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # moved into view while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "INPUT", "BUTTON", "SELECT")
    tab.assert_clean()


def test_listen_reads_the_article_aloud_with_pause_and_stop(tab, library):
    page = tab.page
    tab.context.add_init_script(FAKE_SPEECH)
    page.goto(f"/articles/{library.ids['night-sea']}")
    listen = page.get_by_role("button", name="Listen", exact=True)
    listen.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0].startswith("The glowing tide") and any(SEARCH_WORD in text for text in spoken)
    assert len(spoken) == len(set(spoken))  # a paragraph inside a quote is read once
    page.get_by_role("button", name="Pause").click()
    assert page.get_by_role("button", name="Resume").is_visible()
    page.get_by_role("button", name="Stop").click()
    assert listen.is_visible() and not page.get_by_role("button", name="Stop").is_visible()
    tab.assert_clean()


def test_listen_is_hidden_when_the_browser_cannot_speak(tab, library):
    tab.context.add_init_script(NO_SPEECH)
    tab.page.goto(f"/articles/{library.ids['night-sea']}")
    assert not tab.page.locator("[data-listen]").is_visible()
    tab.assert_clean()


def test_phone_pages_fit_the_screen(browser, library, session_state):
    tab = Tab(browser, library.url, storage_state=session_state, viewport=PHONE)
    for path in ("/", f"/articles/{library.ids['night-sea']}", f"/articles/{library.ids[ARABIC.slug]}", "/settings"):
        tab.page.goto(path)
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    tab.assert_clean()
    tab.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots(browser, library, session_state, theme, device, viewport):
    """For a person to look at: test-artifacts/web/{library,reading}-{device}-{theme}.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = Tab(browser, library.url, storage_state=session_state, viewport=viewport)
    tab.context.add_init_script(f"localStorage.setItem('folio.reader', JSON.stringify({{theme: '{theme}'}}))")
    for name, path in (("library", "/"), ("reading", f"/articles/{library.ids['night-sea']}")):
        tab.page.goto(path)
        tab.page.wait_for_load_state("networkidle")
        assert tab.page.evaluate("document.documentElement.dataset.theme") == theme
        tab.page.screenshot(path=str(SCREENSHOTS / f"{name}-{device}-{theme}.png"))
    tab.assert_clean()
    tab.close()


def test_screenshot_of_a_right_to_left_article_in_sepia(browser, library, session_state):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = Tab(browser, library.url, storage_state=session_state, viewport=DESKTOP)
    tab.context.add_init_script("localStorage.setItem('folio.reader', JSON.stringify({theme: 'sepia'}))")
    tab.page.goto(f"/articles/{library.ids[ARABIC.slug]}")
    tab.page.wait_for_load_state("networkidle")
    tab.page.screenshot(path=str(SCREENSHOTS / "reading-rtl-desktop-sepia.png"))
    tab.assert_clean()
    tab.close()
