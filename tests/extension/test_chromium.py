"""The extension in Chromium, end to end: options, reading a news page, saving, the queue.

The toolbar click can't be made in headless Chromium, so the tests call the worker's `readTab`,
the function the click runs, with the tab (see extension/background.js).
"""

from __future__ import annotations

import importlib.util
import time

import pytest

from extension_support import PASSWORD, USER, free_port

pytestmark = pytest.mark.browser


# --- what a user does, as helpers ---


def options_page(session):
    page = session.context.new_page()
    page.goto(session.page_url("pages/options.html"))
    return page


def fill_connection(page, server_url: str, token: str) -> None:
    page.fill("#server-url", server_url)
    page.fill("#token", token)


def wait_until(page, function: str, arg=None, timeout: float = 15.0) -> None:
    """Polls `function` in the page. Not page.wait_for_function: that compiles its predicate with
    eval inside the page, which the extension pages' CSP forbids; evaluate() runs over CDP."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(function, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {function}")
        time.sleep(0.1)


def connection_status(page, expected: str) -> str:
    wait_until(page, "(text) => document.getElementById('connection-status').textContent.includes(text)", expected)
    return page.inner_text("#connection-status")


def configure(session, server) -> None:
    page = options_page(session)
    fill_connection(page, server.url, server.token)
    page.click("#save-settings")
    connection_status(page, "Connected to Folio")
    page.close()


def open_news_page(session, url: str):
    page = session.context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def tab_for(session, url: str) -> dict:
    return session.worker.evaluate("async (url) => (await chrome.tabs.query({ url }))[0]", url)


def read_in_folio(session, url: str):
    """The toolbar button on the tab showing `url`; returns the reader tab, article shown."""
    with session.context.expect_page(lambda p: "pages/reader.html" in p.url, timeout=15000) as opened:
        session.worker.evaluate("async (url) => { await folio.readTab((await chrome.tabs.query({ url }))[0]); }", url)
    reader = opened.value
    reader.wait_for_selector("#article:not([hidden])", timeout=30000)
    return reader


def badge(session, tab_id: int | None = None) -> str:
    details = {"tabId": tab_id} if tab_id is not None else {}
    return session.worker.evaluate("(details) => chrome.action.getBadgeText(details)", details)


# --- tests ---


def test_first_run_asks_for_a_server_and_test_connection_says_what_is_wrong(chromium, folio_server, news_page, artifacts_dir):
    options = chromium.wait_until(
        lambda: next((p for p in chromium.context.pages if "pages/options.html" in p.url), None),
        message="the options page to open on first run",
    )
    options.wait_for_selector("#welcome:not([hidden])")
    options.close()

    # Nothing is sent until the extension is set up: the button opens the options instead.
    open_news_page(chromium, news_page.url)
    chromium.worker.evaluate("async (url) => { await folio.readTab((await chrome.tabs.query({ url }))[0]); }", news_page.url)
    options = chromium.wait_until(
        lambda: next((p for p in chromium.context.pages if "pages/options.html" in p.url), None),
        message="the button to open the options",
    )
    assert not any("reader.html" in p.url for p in chromium.context.pages)
    options.wait_for_selector("#welcome:not([hidden])")
    assert options.input_value("#server-url") == "http://127.0.0.1:8000"

    fill_connection(options, f"http://127.0.0.1:{free_port()}", folio_server.token)
    options.click("#test-connection")
    assert "Can't reach the Folio server" in connection_status(options, "Can't reach")

    fill_connection(options, news_page.url.rsplit("/pages/", 1)[0], folio_server.token)
    options.click("#test-connection")
    assert "not a Folio server" in connection_status(options, "not a Folio server")

    fill_connection(options, folio_server.url, "wrong-token")
    options.click("#test-connection")
    assert "rejected the API token (401)" in connection_status(options, "401")

    fill_connection(options, "127.0.0.1:8000", folio_server.token)
    options.click("#test-connection")
    assert "http://" in connection_status(options, "Start the address")

    fill_connection(options, folio_server.url + "/", folio_server.token)
    options.click("#test-connection")
    assert f"as {USER}" in connection_status(options, "Connected to Folio")
    options.click("#save-settings")
    connection_status(options, "Saved. Connected to Folio")
    assert options.input_value("#server-url") == folio_server.url
    stored = chromium.worker.evaluate("chrome.storage.local.get('settings')")
    assert stored["settings"] == {"serverUrl": folio_server.url, "token": folio_server.token}
    options.screenshot(path=str(artifacts_dir / "options-chromium.png"), full_page=True)


def test_read_a_news_page_and_save_it_with_edited_tags(chromium, folio_server, news_page, artifacts_dir):
    configure(chromium, folio_server)
    news = open_news_page(chromium, news_page.url)
    reader = read_in_folio(chromium, news_page.url)

    assert reader.inner_text("#title") == news_page.title
    assert news_page.byline in reader.inner_text("#byline")
    content = " ".join(reader.inner_text("#content").split())
    for paragraph in news_page.paragraphs:
        assert paragraph in content, f"missing paragraph: {paragraph[:60]}…"
    whole_page = reader.inner_text("body")
    for boilerplate in news_page.boilerplate:
        assert boilerplate not in whole_page, f"boilerplate in the reader view: {boilerplate}"
    assert reader.get_attribute("#article", "dir") == "ltr"
    assert reader.get_attribute("#article", "lang", ) in ("en", "en-GB", "en-US")
    assert reader.locator("#content script, #content iframe, #content [onerror], #content [onclick]").count() == 0
    assert reader.title() == news_page.title

    reader.wait_for_load_state("networkidle")
    reader.screenshot(path=str(artifacts_dir / "reader-chromium.png"), full_page=True)

    # Theme, size and width are remembered.
    reader.click("[data-theme-choice=sepia]")
    reader.click("#font-larger")
    reader.click("#width-narrower")
    reader.reload()
    reader.wait_for_selector("#article:not([hidden])", timeout=30000)
    assert reader.get_attribute("html", "data-theme") == "sepia"
    assert reader.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--reader-font-size')") == "22px"
    assert reader.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--reader-width')") == "55ch"
    reader.screenshot(path=str(artifacts_dir / "reader-chromium-sepia.png"))
    reader.click("[data-theme-choice=dark]")
    reader.screenshot(path=str(artifacts_dir / "reader-chromium-dark.png"))
    reader.click("[data-theme-choice=light]")
    reader.click("#font-smaller")
    reader.click("#width-wider")

    # On a phone the page fits the screen: nothing scrolls sideways.
    reader.set_viewport_size({"width": 390, "height": 844})
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    reader.screenshot(path=str(artifacts_dir / "reader-chromium-phone.png"))
    reader.set_viewport_size({"width": 1280, "height": 900})

    # Listen starts speech and offers pause/stop.
    assert reader.is_enabled("#listen")
    reader.click("#listen")
    # Speech starts (Pause and Stop appear), or ends at once on a machine without voices.
    reader.evaluate("document.getElementById('listen-stop').click()")
    reader.wait_for_selector("#listen:not([hidden])")
    assert reader.is_hidden("#listen-stop")

    # Edit the tags: drop the first suggestion, add one.
    suggested = reader.locator("#tags .reader-tag").evaluate_all("els => els.map(e => e.dataset.tag)")
    if suggested:
        reader.click(f"#tags .reader-tag[data-tag='{suggested[0]}'] .tag-remove")
    reader.fill("#tag-input", "coastal towns")
    reader.press("#tag-input", "Enter")
    chips = reader.locator("#tags .reader-tag").evaluate_all("els => els.map(e => e.dataset.tag)")
    assert "coastal towns" in chips and (not suggested or suggested[0] not in chips)

    reader.click("#save")
    reader.wait_for_selector("#saved-link", timeout=30000)
    assert "Saved to your library" in reader.inner_text("#notice")
    assert reader.inner_text("#save") == "Saved"
    link = reader.get_attribute("#saved-link", "href")
    assert link.startswith(folio_server.url + "/articles/")

    saved = folio_server.find_saved(news_page.url)
    assert len(saved) == 1
    article = saved[0]
    assert article["title"] == news_page.title
    assert article["capture"] == "extension"
    assert link == folio_server.url + article["web_url"]
    tag_names = {t["name"] for t in article["tags"]}
    assert "coastal towns" in tag_names
    if suggested:
        assert suggested[0] not in tag_names

    # Back on the page, the badge says it is in the library.
    news.reload()
    tab = tab_for(chromium, news_page.url)
    chromium.wait_until(lambda: badge(chromium, tab["id"]) == "✓", message="the ✓ badge on the saved page")


@pytest.mark.skipif(
    importlib.util.find_spec("folio.web") is None,
    reason="folio.web (the server's web pages) does not exist yet; saving is checked through the API above",
)
def test_a_saved_page_is_listed_in_the_library(chromium, folio_server, news_page, artifacts_dir):
    configure(chromium, folio_server)
    open_news_page(chromium, news_page.url)
    reader = read_in_folio(chromium, news_page.url)
    reader.click("#save")
    reader.wait_for_selector("#saved-link", timeout=30000)

    # Sign in to the server's web pages, as the user does, and look at the library page `/`.
    library = chromium.context.new_page()
    library.goto(folio_server.url + "/login")
    library.fill("#name", USER)
    library.fill("#password", PASSWORD)
    library.click("button[type=submit]")
    library.wait_for_load_state("load")
    library.goto(folio_server.url + "/")
    assert news_page.title in library.inner_text("main")
    library.screenshot(path=str(artifacts_dir / "library-chromium.png"))


def test_saving_while_the_server_is_down_waits_and_loses_nothing(chromium, folio_server, news_page, artifacts_dir):
    configure(chromium, folio_server)
    open_news_page(chromium, news_page.url)
    reader = read_in_folio(chromium, news_page.url)

    folio_server.stop()
    reader.click("#save")
    wait_until(reader, "() => document.getElementById('notice').dataset.kind === 'pending'")
    notice = reader.inner_text("#notice")
    assert "Not saved yet" in notice and "will be sent automatically" in notice
    assert reader.inner_text("#save") == "Waiting to save…"
    assert badge(chromium) == "1"
    reader.screenshot(path=str(artifacts_dir / "reader-chromium-pending.png"))

    options = options_page(chromium)
    options.wait_for_selector("#pending-list li")
    assert news_page.title in options.inner_text("#pending-list")
    assert "waiting" in options.inner_text("#pending-list")
    pending = chromium.worker.evaluate(
        "async () => Object.entries(await chrome.storage.local.get(null)).filter(([k]) => k.startsWith('pending:')).map(([, v]) => v)"
    )
    assert len(pending) == 1 and pending[0]["url"] == news_page.url and "tidal mill" in pending[0]["html"]
    alarm = chromium.worker.evaluate("chrome.alarms.get('folio-retry')")
    assert alarm and alarm["scheduledTime"] > 0

    folio_server.start()
    # Let the back-off time pass: make the save due and the alarm fire now rather than in 30 s.
    # (The Firefox test uses the "Retry now" button instead.)
    chromium.worker.evaluate(
        """async () => {
            const all = await chrome.storage.local.get(null);
            for (const [key, item] of Object.entries(all)) {
                if (key.startsWith("pending:")) await chrome.storage.local.set({ [key]: { ...item, nextAttemptAt: 0 } });
            }
            await chrome.alarms.create("folio-retry", { when: Date.now() + 100 });
        }"""
    )
    options.wait_for_selector("#pending-list li", state="detached", timeout=30000)
    assert news_page.title in options.inner_text("#recent-list")
    reader.wait_for_selector("#saved-link", timeout=15000)
    assert reader.inner_text("#save") == "Saved"
    assert badge(chromium) == ""
    assert len(folio_server.find_saved(news_page.url)) == 1
    assert chromium.worker.evaluate("chrome.alarms.get('folio-retry')") is None


def test_pages_the_extension_cannot_read_get_an_explanation(chromium, folio_server, artifacts_dir):
    configure(chromium, folio_server)
    browser_page = chromium.context.new_page()
    browser_page.goto("chrome://version")
    # A click passes the tab with its URL (the activeTab grant); a chrome:// page is refused up front.
    with chromium.context.expect_page(lambda p: "unreadable.html" in p.url) as opened:
        chromium.worker.evaluate(
            """async () => {
                const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
                await folio.readTab({ ...tab, url: "chrome://version/" });
            }"""
        )
    message = opened.value
    message.wait_for_selector("#explanation:not(:empty)")
    message.screenshot(path=str(artifacts_dir / "unreadable-chromium.png"))
    assert "browser's own pages" in message.inner_text("h1")
    assert "built-in pages" in message.inner_text("#explanation")

    # Without a URL the browser refuses the injection; that is explained too, never silent.
    browser_page.bring_to_front()
    with chromium.context.expect_page(lambda p: "unreadable.html" in p.url) as opened:
        chromium.worker.evaluate(
            """async () => {
                const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
                await folio.readTab(tab);
            }"""
        )
    opened.value.wait_for_selector("#explanation:not(:empty)")
    assert "couldn't read this page" in opened.value.inner_text("h1")


def test_right_to_left_articles_read_right_to_left(chromium, folio_server, news_site, artifacts_dir):
    configure(chromium, folio_server)
    url = f"{news_site}/pages/rtl-article.html"
    open_news_page(chromium, url)
    reader = read_in_folio(chromium, url)
    assert reader.get_attribute("#article", "dir") == "rtl"
    assert reader.get_attribute("#article", "lang").startswith("he")
    assert "טחנת הגאות" in reader.inner_text("#title")
    assert reader.evaluate("getComputedStyle(document.querySelector('#content p')).direction") == "rtl"
    reader.screenshot(path=str(artifacts_dir / "reader-chromium-rtl.png"))


def test_context_menu_save_stores_the_page_without_opening_the_reader(chromium, folio_server, news_page):
    configure(chromium, folio_server)
    open_news_page(chromium, news_page.url)
    pages_before = len(chromium.context.pages)
    # "Save page to Folio" in the context menu and the save shortcut both run saveTab(tab).
    outcome = chromium.worker.evaluate(
        "async (url) => folio.saveTab((await chrome.tabs.query({ url }))[0])", news_page.url
    )
    assert outcome["state"] == "saved"
    assert len(chromium.context.pages) == pages_before
    assert badge(chromium, tab_for(chromium, news_page.url)["id"]) == "✓"
    saved = folio_server.find_saved(news_page.url)
    assert len(saved) == 1 and saved[0]["title"] == news_page.title and saved[0]["capture"] == "extension"
    # No tags were edited, so the server keeps the ones it suggested.
    assert saved[0]["tags"]
