"""Generated input: the extraction engine, every API route, and every web page and form.

Hypothesis writes HTML-ish text and bytes for `extract_article`, and JSON bodies, query strings
and path values for the routes. The only acceptable failures are the named ones (Unprocessable,
TooLarge; 4xx answers); no exception escapes, no route answers 500, every API answer matches
openapi.json (the spec-checking test client), and every article the engine returns is inert
(`active_content`). The numbers tried are printed in the run's summary.

Engine bugs already reported (known_engine_bugs.py) are counted, not failed on, so the fuzzers
keep looking; each has a strict xfail test at the end of this file.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from folio import auth
from folio.app import create_app
from folio.article import Article
from folio.config import Config
from folio.errors import TooLarge, Unprocessable
from folio.extract import extract_article
from folio.sanitize import BIDI_CONTROLS

from web.web_support import WebClient, save  # noqa: I001 - tests/ is on sys.path (tests/web is a package)

from . import tally
from .active_content import active_content
from .conftest import SpecCheckingClient, services_of
from .known_engine_bugs import FIXED_ENGINE_BUGS, KNOWN_ENGINE_BUGS, known_bug
from .support import PASSWORD, PROSE

# FOLIO_HARDENING_FUZZ_SCALE=10 runs ten times as many examples (a deeper run than the suite's).
SCALE = float(os.environ.get("FOLIO_HARDENING_FUZZ_SCALE", "1"))


def examples(number: int) -> int:
    return max(1, int(number * SCALE))


FUZZ = settings(deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])

# --- HTML-ish text ------------------------------------------------------------------------------

TAGS = ["html", "head", "body", "title", "meta", "link", "base", "script", "style", "article", "main", "section",
        "div", "p", "span", "a", "img", "picture", "source", "figure", "figcaption", "table", "tbody", "tr", "td",
        "th", "ul", "ol", "li", "h1", "h2", "h3", "pre", "code", "blockquote", "q", "time", "br", "hr", "svg",
        "math", "mtext", "template", "noscript", "iframe", "form", "input", "textarea", "select", "option",
        "details", "summary", "b", "i", "em", "strong", "nav", "header", "footer", "aside", "video", "object",
        "embed", "xmp", "plaintext", "noembed", "frameset", "font", "center", "x-custom", "image", "annotation-xml"]
ATTRIBUTES = ["href", "src", "srcset", "data-src", "data-lazy-src", "style", "class", "id", "lang", "dir", "charset",
              "content", "property", "name", "rel", "type", "datetime", "itemprop", "onerror", "onload", "title",
              "alt", "width", "height", "colspan", "rowspan", "start", "value", "cite", "poster", "action",
              "formaction", "xlink:href", "hidden", "aria-hidden", "http-equiv", "xmlns", "srcdoc", "is"]
ATTRIBUTE_VALUES = [
    "javascript:alert(1)", "java&#x09;script:alert(1)", " javascript:x", "data:text/html,<script>x</script>",
    "vbscript:x", "x\" onerror=\"x", "https://example.com/a.jpg", "/relative", "#frag", "//other.example/x",
    "a.jpg 1x, javascript:x 2x", ",,,", "rtl", "auto", "utf-16", "shift_jis", "x-unknown", "og:title",
    "article:published_time", "2024-02-30", "9999-12-31T23:59:59-23:59", "application/ld+json", "tag",
    "canonical", "author", "keywords", "display:none", "visibility:hidden", "", "\x00", "\u202e", "&amp;",
    "http://[::1", "http://127.0.0.1:1/", "http://169.254.169.254/latest/meta-data/",
]
TEXTS = [PROSE, "word", "&amp;", "&#0;", "&#xd800;", "&#x110000;", "&lt;script&gt;", "<", ">", "]]>", "<!--",
         "-->", "<![CDATA[", "\x00", "\x1a", "\u202e", "\ud800", "é", "日本語", "مرحبا", "\ufeff",
         '{"@type": "NewsArticle", "headline": "H", "author": {"name": "A"}}', "[[[[[[", "<br><br>"]


def _attribute(name: str, value: str, quote: str) -> str:
    if quote == "":
        return f"{name}={value.replace(' ', '')}" if value else name
    escaped = value.replace(quote, "&quot;" if quote == '"' else "&#39;")
    return f"{name}={quote}{escaped}{quote}"


def _element(tag: str, attributes: list[tuple[str, str, str]], children: list[str], closed: bool) -> str:
    attrs = "".join(" " + _attribute(*attribute) for attribute in attributes)
    return f"<{tag}{attrs}>" + "".join(children) + (f"</{tag}>" if closed else "")


text_leaves = st.one_of(st.sampled_from(TEXTS), st.text(max_size=40))
attribute_values = st.one_of(st.sampled_from(ATTRIBUTE_VALUES), st.text(max_size=30))
attributes = st.lists(st.tuples(st.sampled_from(ATTRIBUTES), attribute_values, st.sampled_from(['"', "'", ""])),
                      max_size=4)
html_trees = st.recursive(
    text_leaves,
    lambda children: st.builds(_element, st.sampled_from(TAGS), attributes, st.lists(children, max_size=6),
                               st.booleans()),
    max_leaves=40,
)
html_text = st.one_of(
    html_trees,
    st.lists(st.one_of(html_trees, st.sampled_from([f"<{tag}>" for tag in TAGS] + [f"</{tag}>" for tag in TAGS])),
             max_size=30).map("".join),
    st.text(max_size=300),
)
ENCODINGS = ["utf-8", "latin-1", "cp1252", "utf-16", "utf-16-be", "shift_jis", "gb18030", "koi8-r", "ascii"]
html_bytes = st.one_of(
    st.binary(max_size=600),
    st.tuples(html_text, st.sampled_from(ENCODINGS), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe",
                                                                       b"<meta charset='utf-8'>"]))
    .map(lambda parts: parts[2] + parts[0].encode(parts[1], "replace")),
    st.tuples(html_text, st.binary(max_size=40)).map(lambda parts: parts[0].encode("utf-8", "surrogatepass") + parts[1]),
)


def extract_or_refuse(page: str | bytes) -> Article | None:
    try:
        return extract_article(page, "https://example.com/story")
    except (Unprocessable, TooLarge):
        return None
    except Exception as error:  # noqa: BLE001 - a known engine bug is counted, anything else fails
        bug = known_bug(error)
        if bug is None:
            raise
        tally.record(f"known engine bug hit by the extract_article fuzzers: {bug.exception.__name__}")
        return None


def check_article(article: Article) -> None:
    assert active_content(article.content_html) == [], article.content_html
    for text in (article.title, article.byline, *(tag.name for tag in article.tags)):
        assert not text or not set(text) & BIDI_CONTROLS, text
    assert article.dir in ("ltr", "rtl", "auto")
    assert article.word_count >= 0 and article.reading_minutes >= 0
    json.dumps(article.to_dict())


@settings(FUZZ, max_examples=examples(1200))
@given(page=html_text)
def test_extract_article_on_generated_html_text(page):
    tally.record("fuzz extract_article: generated HTML text")
    article = extract_or_refuse(page)
    if article is not None:
        check_article(article)


@settings(FUZZ, max_examples=examples(500))
@given(page=html_bytes)
def test_extract_article_on_generated_bytes(page):
    tally.record("fuzz extract_article: generated bytes")
    article = extract_or_refuse(page)
    if article is not None:
        check_article(article)


@settings(FUZZ, max_examples=examples(150))
@given(inner=html_text, head=html_text)
def test_extract_article_on_a_real_article_with_generated_parts(inner, head):
    """Generated markup inside an article the engine does find: the article must come out inert."""
    tally.record("fuzz extract_article: article with generated parts")
    page = (f"<html><head><title>T</title>{head}</head><body><article><h1>T</h1><p>{PROSE * 3}</p>{inner}"
            f"<p>{PROSE * 3}</p></article></body></html>")
    article = extract_or_refuse(page)
    if article is not None:
        check_article(article)


# --- the API ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory, sqlite_template):
    """One app for a whole fuzzing run (Hypothesis calls the test body many times)."""
    data_dir = tmp_path_factory.mktemp("fuzz")
    shutil.copy(sqlite_template, data_dir / "folio.db")
    app = create_app(Config.for_data_dir(data_dir, extract_timeout=0, api_auth_failure_limit="100000 per minute"))
    app.test_client_class = SpecCheckingClient
    with services_of(app).database.session() as session:
        user = auth.create_user(session, "fuzzer", PASSWORD, services_of(app).config.argon2)
        token = auth.create_token(session, user, "fuzz")[1]
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    page = (f"<html><head><title>Seed</title></head><body><article><p>{PROSE * 4}</p></article></body></html>")
    seeded = client.post("/api/v1/articles", json={"url": "https://example.com/seed", "html": page, "tags": ["Seed"]},
                         headers=headers)
    assert seeded.status_code == 201
    yield app, client, headers, seeded.get_json()["id"]
    services_of(app).database.dispose()


def api_operations(app) -> list[tuple[str, str]]:
    """(method, rule) for every route of the API blueprint and /healthz."""
    operations = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(("/api/", "/healthz")):
            operations += [(method, rule.rule) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return operations


QUERY_NAMES = ["q", "tag", "site", "state", "sort", "page", "per_page", "url", "format"]
QUERY_VALUES = ["", "0", "1", "-1", "100", "101", "999999999", "99999999999999999999", "1e3", "١", "newest",
                "relevance", "unread", "favourite", "json", "markdown", "html", "epub", "tag:Seed", "site:example.com",
                '"sea level', "-", "*", "a*", "NEAR(a b)", "a OR b", "site:http://[::1", "tag:", "\x00",
                "https://example.com/seed", "javascript:x", "x" * 600]
# JSON text may hold what Python text strategies leave out: half surrogate pairs ("\ud800").
json_text = st.text(st.characters(exclude_categories=()), max_size=40)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                         st.floats(allow_nan=False), json_text)
json_values = st.recursive(json_scalars, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                                                st.dictionaries(json_text, kids, max_size=5)),
                           max_leaves=25)
BODY_FIELDS = ["url", "html", "tags", "capture", "title", "read", "archived", "favourite", "name", "format", "version",
               "articles", "exported_at"]
FIELD_VALUES = st.one_of(json_values, st.sampled_from([
    "https://example.com/seed", "https://example.com/new", "javascript:alert(1)", PROSE, "<p>" + PROSE + "</p>",
    "folio-export", 1, [], ["Seed"], ["x" * 70], [{"url": "https://example.com/i", "original_html": "<p>x</p>"}],
    [{"url": "https://example.com/i", "original_html": "x", "saved_at": "9999-12-31T23:59:59-23:59"}],
    [{"url": "https://example.com/i", "original_html": "x", "word_count": 2**70}], True, "extension",
]))
json_bodies = st.one_of(
    st.dictionaries(st.sampled_from(BODY_FIELDS), FIELD_VALUES, max_size=6),
    json_values,
)


@st.composite
def api_requests(draw, operations, seeded_id):
    method, rule = draw(st.sampled_from(operations))
    path = rule
    if "<int:article_id>" in rule:
        article_id = draw(st.one_of(st.just(seeded_id), st.integers(min_value=0, max_value=2**70)))
        path = path.replace("<int:article_id>", str(article_id))
    if "<path:name>" in rule:
        name = draw(st.one_of(st.just("Seed"), st.text(min_size=1, max_size=30)))
        path = path.replace("<path:name>", urllib.parse.quote(name, safe=""))
    query = draw(st.dictionaries(st.one_of(st.sampled_from(QUERY_NAMES), st.text(max_size=6)),
                                 st.one_of(st.sampled_from(QUERY_VALUES), st.text(max_size=40)), max_size=5))
    kind = draw(st.sampled_from(["json", "json", "json", "none", "raw", "form"]))
    kwargs = {}
    if kind == "json":
        kwargs["data"] = json.dumps(draw(json_bodies))
        kwargs["content_type"] = "application/json"
    elif kind == "raw":
        kwargs["data"] = draw(st.binary(max_size=200))
        kwargs["content_type"] = draw(st.sampled_from(["application/json", "text/plain", "application/json; charset=x"]))
    elif kind == "form":
        kwargs["data"] = draw(st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=3))
    return method, path, query, kwargs


@settings(FUZZ, max_examples=examples(1500))
@given(data=st.data())
def test_every_api_route_on_generated_requests(fuzz_app, data):
    app, client, headers, seeded_id = fuzz_app
    method, path, query, kwargs = data.draw(api_requests(api_operations(app), seeded_id))
    tally.record("fuzz API: generated requests")
    response = client.open(path, method=method, query_string=query, headers=headers, **kwargs)
    assert response.status_code < 500, (method, path, query, kwargs, response.get_data(as_text=True)[:500])
    if response.status_code >= 400:
        assert set(response.get_json()) == {"error", "message"}


@settings(FUZZ, max_examples=examples(400))
@given(query=st.text(max_size=200), path=st.sampled_from(["/api/v1/articles", "/api/v1/export", "/api/v1/tags",
                                                          "/api/v1/me"]))
def test_raw_query_strings(fuzz_app, query, path):
    """Query strings as a client may really send them: any bytes, percent-encoded or not."""
    app, client, headers, _ = fuzz_app
    tally.record("fuzz API: raw query strings")
    raw = urllib.parse.quote(query, safe="=&+%;/?:@,$*!'()")
    response = client.get(f"{path}?{raw}", headers=headers)
    assert response.status_code < 500, (path, raw, response.get_data(as_text=True)[:500])


# --- the web pages ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def web_fuzz(tmp_path_factory, sqlite_template):
    """A signed-in browser-like client, its CSRF token and one article to act on."""
    data_dir = tmp_path_factory.mktemp("webfuzz")
    shutil.copy(sqlite_template, data_dir / "folio.db")
    app = create_app(Config.for_data_dir(data_dir, extract_timeout=0))
    app.test_client_class = WebClient
    with services_of(app).database.session() as session:
        user = auth.create_user(session, "alice", PASSWORD, services_of(app).config.argon2)
        auth.create_token(session, user, "fuzz")
        article_id = save(session, user).id
    client = app.test_client()
    client.sign_in("alice", PASSWORD)
    yield app, client, client.csrf_token("/settings"), article_id
    services_of(app).database.dispose()


WEB_GETS = ["/", "/articles/{id}", "/articles/{id}/delete", "/settings", "/export/json", "/export/markdown",
            "/export/html", "/export/epub", "/export/{text}", "/login", "/setup", "/articles/{number}", "/{text}"]
WEB_POSTS = ["/articles/{id}/state", "/articles/{id}/tags", "/articles/{id}/tags/remove", "/articles/{id}/reextract",
             "/settings/tokens", "/settings/tokens/{number}/revoke", "/settings/import", "/articles/{number}/state",
             "/login"]
FORM_NAMES = ["read", "archived", "favourite", "tags", "tag", "label", "return_to", "name", "password", "next"]
FORM_VALUES = ["0", "1", "2", "", "Seed", "a, b, c", ",,,", "/", "//evil.example", "/\\evil.example",
               "https://evil.example", "javascript:alert(1)", "/articles/1?x=1", "\x00", "x" * 400]


@st.composite
def web_requests(draw, article_id):
    post = draw(st.booleans())
    template = draw(st.sampled_from(WEB_POSTS if post else WEB_GETS))
    path = template.format(id=article_id, number=draw(st.integers(min_value=0, max_value=2**70)),
                           text=urllib.parse.quote(draw(st.text(min_size=1, max_size=20)), safe=""))
    query = draw(st.dictionaries(st.one_of(st.sampled_from(["q", "tag", "site", "state", "sort", "page", "next"]),
                                           st.text(max_size=6)),
                                 st.one_of(st.sampled_from(FORM_VALUES + QUERY_VALUES), st.text(max_size=40)),
                                 max_size=4))
    form = draw(st.dictionaries(st.one_of(st.sampled_from(FORM_NAMES), st.text(max_size=6)),
                                st.one_of(st.sampled_from(FORM_VALUES), st.text(max_size=40)), max_size=4))
    return ("POST" if post else "GET"), path, query, form


NO_SURROGATES = re.compile("[\ud800-\udfff]")


@settings(FUZZ, max_examples=examples(500))
@given(data=st.data())
def test_every_web_page_and_form_on_generated_requests(web_fuzz, data):
    app, client, token, article_id = web_fuzz
    method, path, query, form = data.draw(web_requests(article_id))
    clean = {NO_SURROGATES.sub("", k): NO_SURROGATES.sub("", v) for k, v in form.items()}  # forms are UTF-8
    tally.record("fuzz web: generated page requests and form posts")
    if method == "POST":
        response = client.post(path, query_string=query, data={**clean, "csrf_token": token})
    else:
        response = client.get(path, query_string=query)
    assert response.status_code < 500, (method, path, query, clean, response.get_data(as_text=True)[:800])
    location = response.headers.get("Location", "")
    assert not location.startswith(("//", "http:", "https:", "javascript:")) or \
        urllib.parse.urlsplit(location).netloc in ("", "localhost"), location


IMPORT_FILES = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.dictionaries(st.sampled_from(["format", "version", "exported_at", "articles"]), FIELD_VALUES, max_size=4)
    .map(lambda value: json.dumps({"format": "folio-export", "version": 1, **value}).encode()),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: b'{"format": "folio-export", "version": 1, '
                                                                  b'"articles": ' + b"[" * depth),
)


@settings(FUZZ, max_examples=examples(200))
@given(upload=IMPORT_FILES, name=st.sampled_from(["export.json", "x", "../../etc/passwd", "a\x00b.json"]))
def test_the_web_import_form_on_generated_files(web_fuzz, upload, name):
    app, client, token, _ = web_fuzz
    tally.record("fuzz web: generated import files")
    response = client.post("/settings/import", data={"csrf_token": token, "file": (io.BytesIO(upload), name)},
                           content_type="multipart/form-data")
    assert response.status_code in (303, 400), (upload[:200], response.get_data(as_text=True)[:500])


def test_an_import_nested_too_deep_for_the_json_parser_is_refused(web_fuzz):
    """json.loads raises RecursionError (not ValueError) at about 1,000 levels: it was a 500."""
    app, client, token, _ = web_fuzz
    nested = b'{"format": "folio-export", "version": 1, "articles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post("/settings/import", data={"csrf_token": token, "file": (io.BytesIO(nested), "deep.json")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code == 200
    assert "The import is not JSON." in response.get_data(as_text=True)


# --- the engine bugs already reported ---------------------------------------------------------------

if KNOWN_ENGINE_BUGS:  # with none known, no test (pytest would report a skip for the empty list)
    @pytest.mark.parametrize("bug", KNOWN_ENGINE_BUGS, ids=lambda bug: bug.exception.__name__)
    @pytest.mark.xfail(strict=True, reason="known engine bug, reported to the lead (known_engine_bugs.py)")
    def test_known_engine_bug_is_fixed(bug):
        try:
            extract_article(bug.page, "https://example.com/story")
        except (Unprocessable, TooLarge):
            pass


@pytest.mark.parametrize("page", list(FIXED_ENGINE_BUGS.values()), ids=list(FIXED_ENGINE_BUGS))
def test_fixed_engine_bugs_stay_fixed(page):
    article = extract_or_refuse(page)
    if article is not None:
        check_article(article)


@pytest.mark.parametrize("page", [bug.page for bug in KNOWN_ENGINE_BUGS] + list(FIXED_ENGINE_BUGS.values()))
def test_engine_bugs_are_never_a_500_through_the_api(client, api_alice, page):
    text = page.decode("utf-8", "replace") if isinstance(page, bytes) else page
    response = client.post("/api/v1/extract", json={"url": "https://example.com/story", "html": text},
                           headers=api_alice.headers)
    assert response.status_code in (200, 422)
