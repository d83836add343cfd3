"""urls: every address in the article body becomes absolute, against the page's <base> or its URL."""

from __future__ import annotations

import lxml.html
import pytest

from folio.extract.document import parse_page
from folio.extract.urls import make_urls_absolute, page_base

PAGE_URL = "https://news.example.org/2024/story.html"


def absolute(html: str, base: str = PAGE_URL) -> str:
    body = lxml.html.fragment_fromstring(html, create_parent="div")
    make_urls_absolute(body, base)
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body)


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<a href="/about">a</a>', '<a href="https://news.example.org/about">a</a>'),
        ('<a href="next.html">a</a>', '<a href="https://news.example.org/2024/next.html">a</a>'),
        ('<a href="../archive/">a</a>', '<a href="https://news.example.org/archive/">a</a>'),
        ('<a href="?page=2">a</a>', '<a href="https://news.example.org/2024/story.html?page=2">a</a>'),
        ('<a href="//cdn.example.com/x">a</a>', '<a href="https://cdn.example.com/x">a</a>'),
        ('<a href="  /padded  ">a</a>', '<a href="https://news.example.org/padded">a</a>'),
        ('<a href="https://other.example/x?q=1#f">a</a>', '<a href="https://other.example/x?q=1#f">a</a>'),
        ('<a href="mailto:desk@example.org">a</a>', '<a href="mailto:desk@example.org">a</a>'),
        # In-page links keep pointing into the article.
        ('<a href="#section-2">a</a>', '<a href="#section-2">a</a>'),
        # Malformed and empty addresses are dropped rather than guessed at.
        ('<a href="http://[::1">a</a>', "<a>a</a>"),
        ('<a href="">a</a>', "<a>a</a>"),
        ('<a href="   ">a</a>', "<a>a</a>"),
        ("<a>no address</a>", "<a>no address</a>"),
        ('<img src="../img/t.jpg">', '<img src="https://news.example.org/img/t.jpg">'),
        ('<q cite="/source">q</q>', '<q cite="https://news.example.org/source">q</q>'),
        ('<blockquote cite="quote.html">b</blockquote>',
         '<blockquote cite="https://news.example.org/2024/quote.html">b</blockquote>'),
    ],
    ids=["root-relative", "relative", "parent", "query-only", "protocol-relative", "whitespace", "absolute",
         "mailto", "fragment", "malformed", "empty", "blank", "no-href", "image", "q-cite", "blockquote-cite"],
)
def test_addresses_become_absolute(html, expected):
    assert absolute(html) == expected


@pytest.mark.parametrize(
    "srcset, expected",
    [
        ("t-1x.jpg 1x, /t-2x.jpg 2x",
         "https://news.example.org/2024/t-1x.jpg 1x, https://news.example.org/t-2x.jpg 2x"),
        ("/a.jpg 320w,/b.jpg 640w", "https://news.example.org/a.jpg 320w, https://news.example.org/b.jpg 640w"),
        ("//cdn.example.com/a.jpg", "https://cdn.example.com/a.jpg"),
        ("/a.jpg 1x, http://[bad 2x, ", "https://news.example.org/a.jpg 1x"),
    ],
    ids=["density", "width-no-spaces", "protocol-relative", "malformed-entry-dropped"],
)
def test_srcset_entries_become_absolute(srcset, expected):
    body = lxml.html.fragment_fromstring(f'<div><img srcset="{srcset}"><picture><source srcset="{srcset}">'
                                         "</picture></div>")
    make_urls_absolute(body, PAGE_URL)
    assert [e.get("srcset") for e in body.iter("img", "source")] == [expected, expected]


def test_srcset_with_commas_inside_urls():
    srcset = ("https://res.cloudinary.com/demo/image/upload/w_400,c_fill/tram.jpg 400w, "
              "https://res.cloudinary.com/demo/image/upload/w_800,c_fill/tram.jpg 800w")
    body = lxml.html.fragment_fromstring(f'<div><img srcset="{srcset}"></div>')
    make_urls_absolute(body, PAGE_URL)
    assert body.find("img").get("srcset") == srcset


def base_of(head: str, url: str = PAGE_URL, canonical: str | None = None) -> str:
    return page_base(parse_page(f"<html><head>{head}</head><body><p>x</p></body></html>"), url, canonical)


@pytest.mark.parametrize(
    "head, url, canonical, expected",
    [
        ("", PAGE_URL, None, PAGE_URL),
        ('<base href="/other/">', PAGE_URL, None, "https://news.example.org/other/"),
        ('<base href="https://cdn.example.com/base/">', PAGE_URL, None, "https://cdn.example.com/base/"),
        ('<base href="javascript:void(0)">', PAGE_URL, None, PAGE_URL),
        ('<base target="_blank">', PAGE_URL, None, PAGE_URL),
        # The canonical address only stands in for a page that was not fetched from the web.
        ("", PAGE_URL, "https://elsewhere.example/c", PAGE_URL),
        ("", "file:///home/me/saved.html", "https://news.example.org/2024/story.html",
         "https://news.example.org/2024/story.html"),
        ('<base href="/sub/">', "file:///home/me/saved.html", "https://news.example.org/c",
         "https://news.example.org/sub/"),
        ("", "file:///home/me/saved.html", None, "file:///home/me/saved.html"),
    ],
    ids=["page-url", "relative-base", "absolute-base", "javascript-base", "base-without-href",
         "web-page-ignores-canonical", "file-page-uses-canonical", "file-page-base-against-canonical",
         "file-page-without-canonical"],
)
def test_page_base(head, url, canonical, expected):
    assert base_of(head, url, canonical) == expected


def test_base_and_body_together():
    base = base_of('<base href="https://static.example.net/articles/">')
    html = '<a href="tram.html">t</a><img src="img/t.jpg" srcset="img/t@2x.jpg 2x">'
    assert absolute(html, base) == ('<a href="https://static.example.net/articles/tram.html">t</a>'
                                    '<img src="https://static.example.net/articles/img/t.jpg" '
                                    'srcset="https://static.example.net/articles/img/t@2x.jpg 2x">')
