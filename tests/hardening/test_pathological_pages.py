"""Pathological pages through the real API on a real gunicorn server (`folio serve`, one worker).

Each page is saved with POST /api/v1/articles. The answer must come within the extraction time
limit (support.EXTRACT_TIMEOUT, from FOLIO_HARDENING_EXTRACT_TIMEOUT, 10 s by default) plus a
small margin, as an article or a 422; then the same worker process saves an ordinary page.
"""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from .support import ANSWER_MARGIN, EXTRACT_TIMEOUT, PROSE, article_page

FINE_PAGE = article_page(title="An ordinary page after a hard one")


def nested(tag: str, depth: int, inner: str = "deep") -> str:
    return f"<{tag}>" * depth + inner + f"</{tag}>" * depth


def inline_nesting(depth: int) -> str:
    return "<p>" + "<b><i><span><em>" * depth + "deep inline" + "</em></span></i></b>" * depth + "</p>"


def base_page(href: str) -> str:
    return article_page('<p>See <a href="other/page">the other page</a> and <a href="#notes">the notes</a>.'
                        '<img src="picture.jpg" alt="a picture"></p>', head=f'<base href="{href}">')


# name -> a function building the page (large pages are built only when their test runs)
PAGES = {
    "100,000 nested elements": lambda: article_page(nested("div", 100_000)),
    "100,000 nested paragraphs left open": lambda: article_page("<p>open " * 100_000),
    "deeply nested inline tags": lambda: article_page(inline_nesting(25_000)),
    "a 20 MB single text node": lambda: article_page("<p>" + "word " * (4 * 1024 * 1024) + "</p>"),
    "10,000 tables": lambda: article_page("<table><tr><th>a</th><td>b</td></tr></table>" * 10_000),
    "a 5 MB attribute value": lambda: article_page(f'<p title="{"x" * 5_000_000}">a long title</p>'),
    "200,000 attributes on one element": lambda: article_page(
        "<p " + " ".join(f'a{n}="v"' for n in range(200_000)) + ">attributes</p>"),
    "a 1 MB time datetime": lambda: article_page(f'<time datetime="{"2" * 1_000_000}">then</time>'),
    "a 1 MB title": lambda: article_page(title="T" * 1_000_000),
    "50,000 links": lambda: article_page("<p>" + "".join(f'<a href="/l{n}">link {n}</a> ' for n in range(50_000)) + "</p>"),
    "20,000 rel=tag links and 100,000 keywords": lambda: article_page(
        "".join(f'<a rel="tag" href="/t/{n}">tag{n}</a>' for n in range(20_000)),
        head='<meta name="keywords" content="' + ",".join(f"kw{n}" for n in range(100_000)) + '">'),
    "a srcset with 100,000 candidates": lambda: article_page(
        '<img src="a.jpg" srcset="' + ", ".join(f"i{n}.jpg {n + 1}w" for n in range(100_000)) + '">'),
    "JSON-LD nested 100,000 deep": lambda: article_page(
        head='<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"),
    "JSON-LD with 300,000 keys": lambda: article_page(
        head='<script type="application/ld+json">{' + ",".join(f'"k{n}":{n}' for n in range(300_000)) + "}</script>"),
    "a 10 MB comment": lambda: article_page("<!--" + "x" * 10_000_000 + "-->"),
    "1,000,000 < characters": lambda: article_page("<p>" + "<" * 1_000_000 + "</p>"),
    "1,000,000 entities": lambda: article_page("<p>" + "&amp;&#x26;&lt;" * 300_000 + "</p>"),
    "entity definitions in a DOCTYPE (billion laughs)": lambda: (
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        + article_page("<p>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</p>")),
    "200,000 list items": lambda: article_page("<ul>" + "<li>item</li>" * 200_000 + "</ul>"),
    "200,000 line breaks": lambda: article_page("<div>" + "word<br>" * 200_000 + "</div>"),
    "20,000 iframes": lambda: article_page('<iframe src="https://elsewhere.example/"></iframe>' * 20_000),
    # broken encodings: what a page looks like after a wrong decode, or with a charset that lies
    "UTF-8 read as Latin-1 (mojibake)": lambda: article_page(
        "<p>" + "Zürich — café ✓ ".encode("utf-8").decode("latin-1") * 500 + "</p>"),
    "C1 control characters": lambda: article_page("<p>" + "".join(map(chr, range(0x80, 0xA0))) * 200 + "</p>"),
    "invalid UTF-8 bytes as lone surrogates": lambda: article_page(
        "<p>" + b"caf\xe9 \xff\xfe na\xefve".decode("utf-8", "surrogateescape") * 200 + " ENDMARK</p>"),
    "a lying meta charset": lambda: article_page(
        "<p>Lëser ünd Ärger, ΑΒΓ, 日本語.</p>",
        head='<meta charset="shift_jis"><meta http-equiv="Content-Type" content="text/html; charset=utf-16">'),
    "an XML declaration with an unknown encoding": lambda: "<?xml version='1.0' encoding='ebcdic-xx'?>" + article_page(),
    "NUL characters everywhere": lambda: article_page("<p>" + "nul\x00 " * 2000 + "</p>").replace("<h1>", "<h1>\x00"),
    # <base> tricks: links must come out absolute http(s), never javascript: or data:
    "<base href=javascript:>": lambda: base_page("javascript:alert(1)//"),
    "<base href=data:>": lambda: base_page("data:text/html,<script>alert(1)</script>"),
    "<base href> to another host": lambda: base_page("https://elsewhere.example/dir/"),
    "<base href> relative and repeated": lambda: base_page("../../up/") + '<base href="vbscript:x">',
    "<base href> with spaces and controls": lambda: base_page(" \t\njava\tscript:alert(1)"),
}
# Pages that must hit the time limit: their answer proves the limit works (a 422 in time).
MUST_TIME_OUT = {"200,000 attributes on one element"}


@pytest.fixture(scope="module")
def token(live):
    return live.add_user("pathological")


@pytest.mark.parametrize("name", list(PAGES))
def test_a_pathological_page_is_answered_in_time_and_the_worker_carries_on(live, token, name):
    workers = live.worker_pids()
    html = PAGES[name]()
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
    answer = live.api("POST", "/api/v1/articles", {"url": f"https://example.com/{slug}", "html": html}, token=token)
    body = answer.json()
    assert answer.status in (200, 201, 422), (answer.status, str(body)[:500], live.log_tail())
    assert answer.seconds < EXTRACT_TIMEOUT + ANSWER_MARGIN, f"{name}: {answer.seconds:.1f} s"
    if answer.status == 422:
        assert set(body) == {"error", "message"} and body["error"] == "unprocessable"
    else:
        check_stored_article(name, body)
    if name in MUST_TIME_OUT:
        assert answer.status == 422 and "longer than" in body["message"], body
        assert answer.seconds >= EXTRACT_TIMEOUT * 0.9

    assert live.worker_pids() == workers, "the worker was replaced"
    after = live.api("POST", "/api/v1/articles", {"url": "https://example.com/ordinary", "html": FINE_PAGE}, token=token)
    assert after.status in (200, 201), after.body[:300]
    assert after.seconds < 5
    assert after.json()["title"] == "An ordinary page after a hard one"
    assert live.worker_pids() == workers


def check_stored_article(name: str, article: dict) -> None:
    assert PROSE.split()[0] in article["text"]
    content = lxml_html.fragment_fromstring(article["content_html"] or "<p></p>", create_parent="div")
    assert not content.xpath("//script|//iframe|//style|//base|//object|//embed|//svg|//math")
    for element in content.iter():
        assert not any(attribute.lower().startswith("on") for attribute in element.attrib), name
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is not None:
                assert value.startswith(("https://", "http://", "mailto:", "#")), (name, attribute, value[:200])
    if name.startswith("<base href> to another host"):
        assert 'href="https://elsewhere.example/dir/other/page"' in article["content_html"]
    if name.startswith("<base"):
        for text in ("javascript", "vbscript", "data:"):
            assert text not in article["content_html"].lower(), (name, article["content_html"])
    if name == "invalid UTF-8 bytes as lone surrogates":
        assert "ENDMARK" in article["text"]
    if name == "NUL characters everywhere":
        assert "\x00" not in json.dumps(article)


def test_the_server_is_healthy_after_all_that(live):
    answer = live.request("GET", "/healthz")
    assert answer.status == 200 and answer.json() == {"status": "ok", "database": "ok"}
    assert len(live.worker_pids()) == 1
