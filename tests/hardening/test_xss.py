"""The XSS battery (xss_vectors.py) in every place a page or a user can put text, on a live server.

Each vector is saved through the API in a page that carries it in the article text, the
<title>, og:title, the JSON-LD headline and author, the author meta tag, rel=tag links and
keywords; then the user edits titles and tags to vectors too (PATCH), and names API tokens
after them. First the database rows are checked (content_html inert, text fields without
bidi overrides, URLs http(s) only); then a real Chromium renders every reading page, the
library pages, search results with snippets, tag filters, the delete page, settings and an
error page. Playwright listens for dialogs, console messages and page errors; an init script
collects CSP violations and watches the `window.__pwned` sentinel the vectors try to set.
Synthetic mouse and focus events are fired at every element of the content, so a handler
that survived would run.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse

import pytest
from sqlalchemy import select

from folio import auth
from folio.library.article_rows import tags_of
from folio.library.urls import is_web_url
from folio.sanitize import BIDI_CONTROLS
from folio.storage import StoredArticle, User

from . import tally
from .active_content import active_content
from .support import PASSWORD, PROSE
from .xss_vectors import DECLARED_URL_VECTORS, REFUSED_URL_VECTORS, URL_VECTORS, VECTORS

pytestmark = pytest.mark.browser  # the database checks run too; `-m "not browser"` skips the module

XSS_USER = "mallory"
MARKER = "Zanzibar"  # in every vector page's text, next to the vector: search snippets show both

# Runs before any page script: the sentinel, dialogs caught early, CSP violations collected.
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI + " " + (event.sample || ""));
});
Object.defineProperty(window, "__pwned", {
  configurable: false,
  get() { return window.__pwnedCount || 0; },
  set(value) { window.__pwnedCount = (window.__pwnedCount || 0) + 1; },
});
"""
# Fires the events that inline handlers listen for at every element of what the page shows of
# an article (not at links, buttons or summaries: those would navigate or submit).
PROVOKE = """
() => {
  const scope = document.querySelectorAll("main *");
  for (const element of scope) {
    if (element.closest("a, button, summary, form, input, select, textarea")) continue;
    for (const type of ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "click", "dblclick"]) {
      element.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
    }
    for (const type of ["focus", "blur", "animationstart", "animationend", "transitionend", "toggle", "load", "error"]) {
      element.dispatchEvent(new Event(type, {bubbles: false}));
    }
  }
  return scope.length;
}
"""
# The DOM as the browser built it (after its own parsing: where mutation XSS shows itself).
INSPECT = """
() => {
  const problems = [];
  const safe = ["http:", "https:", "mailto:"];
  const protocol = (url) => { try { return new URL(url, location.href).protocol; } catch (e) { return "invalid:"; } };
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      // web.js sets the reader's size and width on <html> through the CSSOM: its own style attribute
      const style = name === "style" && element !== document.documentElement;
      if (name.startsWith("on") || name === "srcdoc" || name === "formaction" || style || name === "xlink:href") {
        problems.push(`${element.tagName} ${name}=${attribute.value.slice(0, 80)}`);
      }
    }
  }
  for (const script of document.scripts) {
    if (new URL(script.src || "about:blank").pathname !== "/static/web.js") problems.push("script " + script.outerHTML.slice(0, 120));
  }
  for (const element of document.querySelectorAll(
      "iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], portal, math, template, style, " +
      "noscript, xmp, plaintext, textarea:not([name]), link:not([rel=stylesheet]):not([rel=icon])")) {
    problems.push("element " + element.outerHTML.slice(0, 120));
  }
  for (const link of document.querySelectorAll("link")) {
    if (new URL(link.href).origin !== location.origin) problems.push("link " + link.outerHTML.slice(0, 120));
  }
  for (const svg of document.querySelectorAll("svg")) {
    if (!svg.classList.contains("icon")) problems.push("svg " + svg.outerHTML.slice(0, 120));
  }
  for (const element of document.querySelectorAll("a[href], area[href]")) {
    if (!safe.includes(protocol(element.getAttribute("href")))) problems.push("href " + element.getAttribute("href").slice(0, 120));
  }
  // srcset as the HTML standard parses it: commas and spaces before a URL skipped, descriptors
  // running to the next comma outside parentheses (a comma inside a URL is part of it)
  const srcsetUrls = (value) => {
    const urls = [];
    let rest = value;
    while ((rest = rest.replace(/^[\\s,]+/, ""))) {
      let url = rest.match(/^\\S+/)[0];
      rest = rest.slice(url.length);
      if (url.endsWith(",")) {
        url = url.replace(/,+$/, "");
      } else {
        let inParens = false, index = 0;
        while (index < rest.length && (inParens || rest[index] !== ",")) {
          inParens = rest[index] === "(" || (inParens && rest[index] !== ")");
          index += 1;
        }
        rest = rest.slice(index + 1);
      }
      urls.push(url);
    }
    return urls;
  };
  for (const image of document.images) {
    for (const url of [image.getAttribute("src") || "", ...srcsetUrls(image.getAttribute("srcset") || "")]) {
      if (url && !safe.includes(protocol(url))) problems.push("img " + url.slice(0, 120));
    }
  }
  for (const form of document.forms) {
    if (new URL(form.action).origin !== location.origin) problems.push("form " + form.action);
  }
  return problems;
}
"""
IGNORED_CONSOLE = re.compile(r"Failed to load resource|net::ERR_")


# --- the library full of vectors ---------------------------------------------------------------

def vector_page(vector: str, number: int) -> str:
    quoted = html.escape(vector, quote=True)
    headline = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": vector,
                           "author": {"@type": "Person", "name": vector}, "keywords": [vector]}).replace("</", "<\\/")
    head = (f'<meta property="og:title" content="{quoted}"><meta name="author" content="{quoted}">'
            f'<meta name="keywords" content="{quoted}, vectors"><meta property="article:tag" content="{quoted}">'
            f'<meta property="og:site_name" content="{quoted}"><meta name="description" content="{quoted}">'
            f'<script type="application/ld+json">{headline}</script>')
    prose = f"<p>{PROSE}{PROSE}</p>"
    body = (f'<article><h1>{vector}</h1><p class="byline">By {vector}</p>{prose}'
            f"<p>{MARKER} {vector} {MARKER} number {number}.</p>{prose}{prose}"
            f'<p>Filed under <a rel="tag" href="/tag/{number}">{quoted}</a>.</p></article>')
    return f"<!doctype html><html lang=\"en\"><head><title>{vector}</title>{head}</head><body>{body}</body></html>"


def declared_urls_page(url: str) -> str:
    quoted = html.escape(url, quote=True)
    ld = json.dumps({"@type": "NewsArticle", "headline": "Declared URLs", "image": url, "url": url}).replace("</", "<\\/")
    head = (f'<link rel="canonical" href="{quoted}"><meta property="og:url" content="{quoted}">'
            f'<meta property="og:image" content="{quoted}"><script type="application/ld+json">{ld}</script>')
    body = (f"<article><h1>Declared URLs</h1><p>{PROSE * 3}</p><figure><img src=\"{quoted}\" alt=\"lead\"></figure>"
            f"<p>{PROSE * 3}</p></article>")
    return f"<html><head><title>Declared URLs</title>{head}</head><body>{body}</body></html>"


def editable_title(vector: str) -> bool:
    return len(vector) <= 1000 and not any(ord(ch) < 32 for ch in vector)


def editable_tag(vector: str) -> bool:
    return (0 < len(vector.strip()) <= 64 and not any(ord(ch) < 32 for ch in vector)
            and any(ch.isalnum() for ch in vector))


@pytest.fixture(scope="module")
def vectors_saved(live):
    """Saves the battery as mallory; returns {article id: vector}."""
    token = live.add_user(XSS_USER)
    saved: dict[int, str] = {}
    refused = 0
    for number, vector in enumerate(VECTORS):
        answer = live.api("POST", "/api/v1/articles",
                          {"url": f"https://example.com/xss/{number}", "html": vector_page(vector, number),
                           "tags": ["vectors"]}, token=token)
        assert answer.status in (201, 422), (vector, answer.body[:300])
        if answer.status == 422:
            refused += 1
            continue
        article_id = answer.json()["id"]
        saved[article_id] = vector
        # the user's own edits: a title (every other article) and a tag
        if number % 2 and editable_title(vector):
            edited = live.api("PATCH", f"/api/v1/articles/{article_id}", {"title": vector}, token=token)
            assert edited.status == 200, edited.body[:300]
        tagged = live.api("PATCH", f"/api/v1/articles/{article_id}", {"tags": [vector, "vectors"]}, token=token)
        assert tagged.status == (200 if editable_tag(vector) else 400), (vector, tagged.body[:300])
    for number, url in enumerate(URL_VECTORS):
        answer = live.api("POST", "/api/v1/articles", {"url": url, "html": vector_page(VECTORS[number], 1000 + number)},
                          token=token)
        assert answer.status == 201, (url, answer.body[:300])
        saved[answer.json()["id"]] = url
    for url in REFUSED_URL_VECTORS:
        answer = live.api("POST", "/api/v1/articles", {"url": url, "html": vector_page(VECTORS[0], 0)}, token=token)
        assert answer.status == 400 and answer.json()["error"] == "bad_input", (url, answer.body[:300])
    for number, url in enumerate(DECLARED_URL_VECTORS):
        answer = live.api("POST", "/api/v1/articles",
                          {"url": f"https://example.com/declared/{number}", "html": declared_urls_page(url)}, token=token)
        assert answer.status == 201, (url, answer.body[:300])
        saved[answer.json()["id"]] = url
    database = live.database()
    with database.session() as session:  # token labels are shown on the settings page
        user = session.scalar(select(User).where(User.name == XSS_USER))
        for vector in VECTORS[:20]:
            auth.create_token(session, user, vector[:100])
    database.dispose()
    tally.battery("XSS vectors (each in body, <title>, og:title, JSON-LD, byline, tags, site name)", len(VECTORS))
    tally.battery("XSS vectors in page URLs", len(URL_VECTORS) + len(REFUSED_URL_VECTORS))
    tally.battery("XSS vectors in declared URLs (canonical, og:image, og:url, JSON-LD)", len(DECLARED_URL_VECTORS))
    assert refused <= len(VECTORS) // 10, f"{refused} vector pages held no article"
    return saved


def test_stored_rows_hold_nothing_active(live, vectors_saved):
    database = live.database()
    with database.session() as session:
        user = session.scalar(select(User).where(User.name == XSS_USER))
        rows = session.scalars(select(StoredArticle).where(StoredArticle.user_id == user.id)).all()
        assert {row.id for row in rows} == set(vectors_saved)
        for row in rows:
            where = f"article {row.id} ({vectors_saved[row.id][:60]!r})"
            assert active_content(row.content_html) == [], where
            for field in ("title", "byline", "site_name", "section", "source", "excerpt"):
                value = getattr(row, field) or ""
                assert not set(value) & BIDI_CONTROLS, (where, field)
                assert "\x00" not in value, (where, field)
            for tag in tags_of(row):
                assert not set(tag.name) & BIDI_CONTROLS and len(tag.name) <= 64, (where, tag.name)
            assert row.lead_image is None or (is_web_url(row.lead_image) and row.lead_image.lower().startswith("http")), \
                (where, row.lead_image)
            assert is_web_url(row.canonical_url), (where, row.canonical_url)
            assert row.dir in ("ltr", "rtl", "auto") and (row.lang is None or len(row.lang) <= 35)
        tokens = auth.list_tokens(session, user)
    database.dispose()
    assert len(tokens) >= 20


# --- in Chromium --------------------------------------------------------------------------------

class WatchedTab:
    def __init__(self, browser, base_url: str, storage_state=None):
        self.base_url = base_url
        self.context = browser.new_context(base_url=base_url, storage_state=storage_state)
        self.context.add_init_script(WATCH)
        self.context.route("**/*", self._only_this_server)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.pages_checked = 0

    def _only_this_server(self, route):
        if route.request.url.startswith(self.base_url):
            route.continue_()
        else:  # article images on their own sites: no network here, and nothing to learn from them
            self.outside.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def sign_in(self, name: str) -> None:
        self.page.goto("/login")
        self.page.get_by_label("User name").fill(name)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/")

    def visit(self, path: str, expect_status: int = 200) -> None:
        response = self.page.goto(path, wait_until="load")
        assert response.status == expect_status, (path, response.status)
        self.page.evaluate(PROVOKE)
        self.page.wait_for_timeout(30)  # animations, toggles and timers get their turn
        self.check(path)

    def check(self, where: str) -> None:
        self.pages_checked += 1
        assert self.problems() == {}, where

    def problems(self) -> dict[str, object]:
        """What the listeners and the page saw (and forget it, for the next page)."""
        found = {
            "dialogs": self.dialogs[:], "page errors": self.errors[:],
            "sentinel": self.page.evaluate("window.__pwned"),
            "CSP violations": self.page.evaluate("window.__cspViolations || []"),
            "DOM": self.page.evaluate(INSPECT),
            # errors (a script that ran and failed) and anything that mentions the sentinel; warnings
            # such as "Failed parsing 'srcset'" are the browser reading odd but inert markup
            "console": [line for line in self.console if not IGNORED_CONSOLE.search(line)
                        and (line.startswith("error:") or "__pwned" in line)],
        }
        self.dialogs.clear(), self.errors.clear(), self.console.clear()
        return {name: value for name, value in found.items() if value}

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def mallory_state(chromium, live, vectors_saved):
    tab = WatchedTab(chromium, live.url)
    tab.sign_in(XSS_USER)
    state = tab.context.storage_state()
    tab.close()
    return state


@pytest.fixture
def tab(chromium, live, mallory_state):
    opened = WatchedTab(chromium, live.url, storage_state=mallory_state)
    yield opened
    tally.record("XSS: pages rendered and checked in Chromium", opened.pages_checked)
    opened.close()


def test_the_watch_sees_a_vector_that_gets_through(tab, vectors_saved):
    """A control: the same listeners do report markup that was not sanitized."""
    tab.page.goto(f"/articles/{next(iter(vectors_saved))}")
    tab.page.evaluate("""document.querySelector(".reader-content").insertAdjacentHTML("beforeend",
        '<img src="/nothing.png" onerror="window.__pwned=1"><a href="javascript:window.__pwned=1">x</a>')""")
    tab.page.wait_for_timeout(200)
    seen = tab.problems()
    assert seen["CSP violations"] and seen["DOM"], seen  # the page's CSP refused the inline handler
    assert "sentinel" not in seen  # ... so it did not run
    tab.page.goto("about:blank")  # no CSP here
    tab.page.set_content('<img src="/nothing.png" onerror="window.__pwned=1; alert(1)">')
    tab.page.wait_for_timeout(200)
    seen = tab.problems()
    assert seen["sentinel"] == 1 and seen["dialogs"] == ["alert: 1"] and seen["DOM"], seen


def test_every_reading_page_runs_nothing(tab, vectors_saved):
    for article_id in vectors_saved:
        tab.visit(f"/articles/{article_id}")
    assert tab.page.locator(".reader-content p").count() > 0


def test_library_search_and_filter_pages_run_nothing(tab, vectors_saved):
    pages = -(-len(vectors_saved) // 24)
    for number in range(1, pages + 1):
        tab.visit(f"/?page={number}")
    searched = -(-len(VECTORS) // 24)
    for number in range(1, searched + 1):
        tab.visit(f"/?q={MARKER}&page={number}")
        assert tab.page.locator(".card-snippet mark").count() > 0
    for vector in VECTORS[::5]:  # the query itself is shown in the search box, title and chips
        tab.visit("/?" + urllib.parse.urlencode({"q": vector[:500]}), expect_status=200 if len(vector) <= 500 else 400)
    for vector in [v for v in VECTORS if editable_tag(v)][::3]:
        tab.visit("/?" + urllib.parse.urlencode({"tag": vector}), expect_status=200 if any(c.isalnum() for c in vector) else 400)
        tab.visit("/?" + urllib.parse.urlencode({"site": vector}), expect_status=200)


def test_tags_typed_into_the_reading_page_run_nothing(tab, vectors_saved):
    article_id = next(iter(vectors_saved))
    typed = [vector for vector in VECTORS if editable_tag(vector) and "," not in vector][:12]
    for vector in typed:
        tab.page.goto(f"/articles/{article_id}")
        tab.page.fill("#new-tags", vector)
        with tab.page.expect_navigation():
            tab.page.click(".tag-add")
        tab.page.evaluate(PROVOKE)
        tab.check(f"tag form: {vector}")
    assert tab.page.locator(".reader-tag").count() > len(typed) // 2  # they were taken, and shown as text
    tally.battery("XSS vectors typed into the web tag form", len(typed))


def test_delete_settings_and_error_pages_run_nothing(tab, vectors_saved):
    for article_id in list(vectors_saved)[:15]:
        tab.visit(f"/articles/{article_id}/delete")
    tab.visit("/settings")
    assert tab.page.locator(".token-table tbody tr").count() >= 20
    for vector in VECTORS[:10]:
        tab.visit("/" + urllib.parse.quote(vector, safe=""), expect_status=404)
    tab.visit("/login?" + urllib.parse.urlencode({"next": "javascript:window.__pwned=1"}), expect_status=200)
