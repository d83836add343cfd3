"""The allow-list (folio/sanitize.py) fails closed: an attribute it cannot check is dropped.

nh3 calls Folio's attribute filter for srcset and cite, whose URLs it does not check itself;
when that filter raised (urlsplit on "http://[::1" does), nh3 kept the attribute unchanged, so
`srcset="javascript:... 1x, http://[::1 2x"` came through whole. And srcset is read the way the
HTML standard says browsers read it, not by the extractor's lenient reader, which took
"a.jpg 1x ,javascript:x" for one candidate.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from folio import sanitize
from folio.sanitize import sanitize_html

from . import tally
from .active_content import active_content
from .test_fuzz import FUZZ, examples

UNPARSABLE = ["http://[::1", "https://[", "http://[zz]/", "https://a]b/"]


@pytest.mark.parametrize("broken", UNPARSABLE)
def test_a_url_list_with_an_unparsable_url_loses_its_unsafe_urls(broken):
    for html in (f'<img src="https://example.com/a.jpg" srcset="javascript:alert(1) 1x, {broken} 2x">',
                 f'<img src="https://example.com/a.jpg" srcset="{broken} 1x, data:text/html,x 2x">',
                 f'<q cite="javascript:alert(1) {broken}">q</q>', f'<blockquote cite="{broken}">q</blockquote>'):
        cleaned = sanitize_html(html)
        assert active_content(cleaned) == [], (html, cleaned)
        assert broken not in cleaned and "javascript" not in cleaned and "data:" not in cleaned, (html, cleaned)


@pytest.mark.parametrize("srcset", [",javascript:alert(1)", ",,data:text/html,x 2x", "a.jpg 1x, ,javascript:x 2x",
                                    ", ,vbscript:x", "a.jpg 1x ,javascript:alert(1) 2x", "a.jpg 9h,data:text/html,x",
                                    "a.jpg foo,javascript:x", "a.jpg 1x\t,\tjavascript:x", "a.jpg (1x,2x),javascript:x"])
def test_srcset_is_read_as_browsers_read_it(srcset):
    """The HTML standard's srcset parser skips commas and spaces before each URL, and ends a
    candidate at the first comma after its descriptors, wherever that comma is."""
    cleaned = sanitize_html(f'<img src="https://example.com/a.jpg" srcset="{srcset}">')
    assert active_content(cleaned) == [] and "script" not in cleaned and "data:" not in cleaned, cleaned


def test_a_good_candidate_beside_an_unparsable_one_is_kept():
    cleaned = sanitize_html('<img src="https://example.com/a.jpg" srcset="https://example.com/b.jpg 1x, http://[::1 2x">')
    assert cleaned == '<img src="https://example.com/a.jpg" srcset="https://example.com/b.jpg 1x">'


def test_whatever_the_filter_raises_the_attribute_is_dropped(monkeypatch):
    checked = sanitize._checked_url_list

    def broken(attribute, value):
        if attribute in ("srcset", "cite"):
            raise RuntimeError("a bug in a check")
        return checked(attribute, value)

    monkeypatch.setattr(sanitize, "_checked_url_list", broken)
    cleaned = sanitize_html('<img src="https://example.com/a.jpg" srcset="javascript:alert(1) 1x"><q cite="x">q</q>')
    assert cleaned == '<img src="https://example.com/a.jpg"><q>q</q>'


URL_PIECES = ["javascript:", "JaVaScRiPt:", "data:text/html,", "vbscript:", "http://", "https://", "mailto:", "//",
              "[", "]", "::1", "[::1", "example.com", "/a.jpg", ",", ", ", " 1x", " 2x", " 100w", "\t", "\n", "&#58;",
              "&colon;", "&#x6A;", "%20", "\x00", "\x01", " "]
url_lists = st.lists(st.one_of(st.sampled_from(URL_PIECES), st.text(max_size=6)), max_size=12).map("".join)


@settings(FUZZ, max_examples=examples(600))
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@given(value=url_lists, attribute=st.sampled_from([("img", "srcset"), ("q", "cite"), ("blockquote", "cite"),
                                                   ("a", "href"), ("img", "src")]))
def test_generated_url_attributes_come_out_safe(value, attribute):
    tally.record("fuzz sanitize_html: generated URL attribute values")
    element, name = attribute
    escaped = value.replace("&", "&amp;").replace('"', "&quot;")
    cleaned = sanitize_html(f'<{element} {name}="{escaped}">x</{element}>')
    assert active_content(cleaned) == [], (value, cleaned)
