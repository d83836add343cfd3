"""The extension in Firefox, end to end, driven as a user does: the options page, a real click on
the toolbar button, the reader view, saving, and the queue while the server is down."""

from __future__ import annotations

import pytest

from extension_support import USER, wait_until

pytestmark = pytest.mark.browser

By = pytest.importorskip("selenium.webdriver.common.by").By


# --- what a user does, as helpers ---


def find(driver, css: str):
    return driver.find_element(By.CSS_SELECTOR, css)


def text_of(driver, css: str) -> str:
    return find(driver, css).text


def wait_for(driver, css: str, timeout: float = 15):
    """The element once it is displayed."""
    return wait_until(lambda: (e := find(driver, css)).is_displayed() and e, timeout=timeout, message=css)


def type_into(driver, css: str, text: str) -> None:
    field = find(driver, css)
    field.clear()
    field.send_keys(text)


def connection_status(driver, expected: str) -> str:
    return wait_until(
        lambda: expected in (t := text_of(driver, "#connection-status")) and t, message=f"status {expected!r}"
    )


def open_tab(driver, url: str) -> str:
    driver.switch_to.new_window("tab")
    driver.get(url)
    return driver.current_window_handle


def configure(firefox, server) -> None:
    driver = firefox.driver
    open_tab(driver, firefox.page_url("pages/options.html"))
    type_into(driver, "#server-url", server.url)
    type_into(driver, "#token", server.token)
    find(driver, "#save-settings").click()
    connection_status(driver, "Connected to Folio")


def click_and_switch_to_new_tab(firefox, url_part: str) -> str:
    """Click Folio's toolbar button on the current tab; switch to the tab it opens."""
    driver = firefox.driver
    before = set(driver.window_handles)
    firefox.click_toolbar_button()
    handle = wait_until(lambda: next(iter(set(driver.window_handles) - before), None), message="a new tab")
    driver.switch_to.window(handle)
    wait_until(lambda: url_part in driver.current_url, message=f"a tab at {url_part}")
    return handle


def read_in_folio(firefox, url: str) -> str:
    driver = firefox.driver
    open_tab(driver, url)
    handle = click_and_switch_to_new_tab(firefox, "pages/reader.html")
    wait_for(driver, "#article", timeout=30)
    return handle


# --- tests ---


def test_options_test_connection_and_unreadable_pages(firefox, folio_server):
    driver = firefox.driver
    # First run opens the options page.
    options = wait_until(
        lambda: next((h for h in driver.window_handles if driver.switch_to.window(h) or "options.html" in driver.current_url), None),
        message="the options page to open on first run",
    )
    driver.switch_to.window(options)
    wait_for(driver, "#welcome")

    type_into(driver, "#server-url", folio_server.url)
    type_into(driver, "#token", "wrong-token")
    find(driver, "#test-connection").click()
    assert "rejected the API token (401)" in connection_status(driver, "401")

    type_into(driver, "#token", folio_server.token)
    find(driver, "#test-connection").click()
    assert f"as {USER}" in connection_status(driver, "Connected to Folio")
    find(driver, "#save-settings").click()
    connection_status(driver, "Saved. Connected to Folio")
    assert "did not grant access" not in text_of(driver, "#connection-status")

    # The browser's own pages can't be read: a real click there explains why.
    open_tab(driver, "about:robots")
    click_and_switch_to_new_tab(firefox, "pages/unreadable.html")
    assert "browser's own pages" in wait_until(lambda: text_of(driver, "h1"), message="the heading")
    assert "built-in pages" in text_of(driver, "#explanation")


def test_read_a_news_page_with_a_toolbar_click_and_save_it(firefox, folio_server, news_page, artifacts_dir):
    driver = firefox.driver
    configure(firefox, folio_server)
    read_in_folio(firefox, news_page.url)
    news_tab = driver.window_handles[-2]

    assert text_of(driver, "#title") == news_page.title
    assert news_page.byline in text_of(driver, "#byline")
    content = " ".join(text_of(driver, "#content").split())
    for paragraph in news_page.paragraphs:
        assert paragraph in content, f"missing paragraph: {paragraph[:60]}…"
    whole_page = text_of(driver, "body")
    for boilerplate in news_page.boilerplate:
        assert boilerplate not in whole_page, f"boilerplate in the reader view: {boilerplate}"
    assert find(driver, "#article").get_attribute("dir") == "ltr"
    assert not driver.find_elements(By.CSS_SELECTOR, "#content script, #content iframe, #content [onerror]")
    wait_until(
        lambda: driver.execute_script("return [...document.images].every((i) => i.complete)"), message="images to load"
    )
    driver.get_full_page_screenshot_as_file(str(artifacts_dir / "reader-firefox.png"))

    find(driver, "[data-theme-choice=dark]").click()
    assert driver.execute_script("return document.documentElement.dataset.theme") == "dark"
    driver.save_screenshot(str(artifacts_dir / "reader-firefox-dark.png"))
    find(driver, "[data-theme-choice=light]").click()

    # Tags: add one, then save.
    type_into(driver, "#tag-input", "coastal towns")
    find(driver, "#tag-form button").click()
    assert "coastal towns" in [e.get_attribute("data-tag") for e in driver.find_elements(By.CSS_SELECTOR, "#tags .reader-tag")]
    find(driver, "#save").click()
    link = wait_for(driver, "#saved-link", timeout=30).get_attribute("href")
    assert "Saved to your library" in text_of(driver, "#notice")

    saved = folio_server.find_saved(news_page.url)
    assert len(saved) == 1
    assert saved[0]["capture"] == "extension"
    assert link == folio_server.url + saved[0]["web_url"]
    assert "coastal towns" in {t["name"] for t in saved[0]["tags"]}

    # Back on the page, the toolbar button shows it is in the library.
    driver.switch_to.window(news_tab)
    driver.refresh()
    wait_until(lambda: firefox.badge_text() == "✓", message="the ✓ badge")


def test_saving_while_the_server_is_down_waits_then_goes_through(firefox, folio_server, news_page):
    driver = firefox.driver
    configure(firefox, folio_server)
    reader = read_in_folio(firefox, news_page.url)

    folio_server.stop()
    find(driver, "#save").click()
    wait_until(lambda: find(driver, "#notice").get_attribute("data-kind") == "pending" and "Not saved yet" in text_of(driver, "#notice"),
               message="the pending notice")
    assert "will be sent automatically" in text_of(driver, "#notice")
    assert text_of(driver, "#save") == "Waiting to save…"
    assert firefox.badge_text() == "1"

    options = open_tab(driver, firefox.page_url("pages/options.html"))
    item = wait_for(driver, "#pending-list li")
    assert news_page.title in item.text and "waiting" in item.text

    folio_server.start()
    find(driver, "#retry-now").click()
    wait_until(lambda: not driver.find_elements(By.CSS_SELECTOR, "#pending-list li"), timeout=30, message="the queue to empty")
    assert news_page.title in text_of(driver, "#recent-list")
    assert len(folio_server.find_saved(news_page.url)) == 1

    driver.switch_to.window(reader)
    wait_for(driver, "#saved-link")
    assert text_of(driver, "#save") == "Saved"
    driver.switch_to.window(options)
    wait_until(lambda: firefox.badge_text() == "", message="the pending badge to clear")
