import pytest

from folio.library.urls import domain_of, identifying_url, is_web_url, url_key


@pytest.mark.parametrize("url, key", [
    ("https://example.com/a", "https://example.com/a"),
    ("HTTPS://Example.COM/a", "https://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/a#section-2", "https://example.com/a"),
    ("https://example.com/a?utm_source=x&utm_medium=y", "https://example.com/a"),
    ("https://example.com/a?id=3&fbclid=abc&gclid=1", "https://example.com/a?id=3"),
    ("https://example.com/a?mc_cid=1&mc_eid=2&ref=hn&igshid=9", "https://example.com/a"),
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com/Path/Case", "https://example.com/Path/Case"),  # paths are case-sensitive
])
def test_url_key(url, key):
    assert url_key(url) == key


@pytest.mark.parametrize("value, ok", [
    ("https://example.com/a", True),
    ("http://example.com", True),
    ("ftp://example.com/a", False),
    ("javascript:alert(1)", False),
    ("/relative/path", False),
    ("https://", False),
    ("https://exa mple.com/", False),
    ("https://example.com/\x00", False),
    ("https://example.com:99999999/", False),
    ("", False),
])
def test_is_web_url(value, ok):
    assert is_web_url(value) is ok


@pytest.mark.parametrize("page, canonical, expected", [
    ("https://e.com/a?utm_source=x", "https://e.com/a", "https://e.com/a"),
    ("https://e.com/amp/a", "https://e.com/a", "https://e.com/a"),
    ("https://e.com/a", None, "https://e.com/a"),
    ("https://e.com/a", "not a url", "https://e.com/a"),
    # a canonical URL pointing at the home page would merge every article of the site
    ("https://e.com/a", "https://e.com/", "https://e.com/a"),
    ("https://e.com/", "https://e.com/", "https://e.com/"),
])
def test_identifying_url(page, canonical, expected):
    assert identifying_url(page, canonical) == expected


def test_domain_drops_www():
    assert domain_of("https://www.Example.com/a") == "example.com"
    assert domain_of("https://blog.example.com/a") == "blog.example.com"
