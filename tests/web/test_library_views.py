"""The library page: cards, search with highlighted matches, filters, sorting, pages, tags."""

from __future__ import annotations

import re

import pytest

from folio import library
from folio.web.library_query import PER_PAGE
from .web_support import save, text_of


def card_titles(response) -> list[str]:
    return re.findall(r'class="card-title"[^>]*>\s*<a href="/articles/\d+">([^<]*)</a>', text_of(response))


def test_an_empty_library_explains_how_to_save_the_first_article(signed_in):
    html = text_of(signed_in.get("/"))
    assert "Your library is empty" in html
    assert "extension" in html and "/api/v1/articles" in html and "Authorization: Bearer" in html
    assert 'href="/settings#tokens"' in html
    assert "http://localhost" in html  # the server address to paste into the extension


def test_a_card_shows_title_site_date_reading_time_excerpt_picture_and_tags(signed_in, db, alice):
    save(db, alice, lead_image="https://cdn.example.com/sea.jpg", tags=["Climate", "Oceans"])
    html = text_of(signed_in.get("/"))
    assert "The rising sea" in html and "Example News" in html
    assert '<time datetime="2024-05-03" title="Published"><bdi>3 May 2024</bdi></time>' in html
    assert "4 min read" in html and "Sea levels rise." in html
    image = re.search(r'<img src="https://cdn.example.com/sea.jpg"[^>]*>', html).group(0)
    assert 'loading="lazy"' in image and 'referrerpolicy="no-referrer"' in image and 'alt=""' in image
    assert 'href="/?tag=Climate"' in html and 'href="/?tag=Oceans"' in html
    assert 'href="/?site=example.com"' in html


def test_a_card_without_a_picture_shows_the_sites_initial(signed_in, db, alice):
    save(db, alice, lead_image=None)
    html = text_of(signed_in.get("/"))
    assert "card-placeholder" in html and "<span>E</span>" in html


def test_a_picture_that_is_not_a_web_address_is_left_out(signed_in, db, alice):
    save(db, alice, lead_image="javascript:alert(1)")
    assert "javascript:" not in text_of(signed_in.get("/"))


def test_article_fields_are_escaped_on_cards(signed_in, db, alice):
    save(db, alice, title="<script>alert('t')</script>", excerpt="<img src=x onerror=alert(1)>",
         site_name='"><b>site</b>', tags=["<i>tag</i>"])
    html = text_of(signed_in.get("/"))
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>site</b>" not in html
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_search_highlights_the_matches_in_a_snippet(signed_in, db, alice):
    save(db, alice, "https://example.com/a", title="Tides", text="The tide brings bioluminescence to the bay.",
         content_html="<p>The tide brings bioluminescence to the bay.</p>")
    save(db, alice, "https://example.com/b", title="Bread", text="Slow bread sells out first.",
         content_html="<p>Slow bread sells out first.</p>")
    response = signed_in.get("/?q=bioluminescence")
    assert card_titles(response) == ["Tides"]
    html = text_of(response)
    assert "The tide brings <mark>bioluminescence</mark> to the bay." in html
    assert "1 result for “bioluminescence”" in html
    assert 'value="bioluminescence"' in html


def test_markup_in_the_article_text_is_escaped_in_snippets(signed_in, db, alice):
    save(db, alice, text="Watch <b onmouseover=alert(1)>tides</b> & <script>x</script> carefully.")
    html = text_of(signed_in.get("/?q=tides"))
    snippet = re.search(r'card-snippet"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "<b" not in snippet and "<script" not in snippet
    assert "&lt;b onmouseover=alert(1)&gt;<mark>tides</mark>&lt;/b&gt;" in snippet


def test_a_search_with_no_match_says_so(signed_in, article):
    html = text_of(signed_in.get("/?q=nothinglikethis"))
    assert "Nothing matches." in html and "0 results" in html
    assert "Your library is empty" not in html


@pytest.mark.parametrize("query", ['"unclosed phrase', "NEAR(a b)", "a OR b", "*", "-", "tag:", "site:",
                                   "x\x00y", "^caret", "col:umn", "'; DROP TABLE articles; --", "🙂"])
def test_search_syntax_of_any_kind_never_breaks_the_page(signed_in, article, query):
    assert signed_in.get("/", query_string={"q": query}).status_code == 200


def test_a_search_too_long_to_run_explains_itself(signed_in, article):
    response = signed_in.get("/", query_string={"q": "word " * 200})
    assert response.status_code == 400
    assert "The search is longer than 500 characters." in text_of(response)


@pytest.mark.parametrize("params", [
    {"page": "abc"}, {"page": "0"}, {"page": "-3"}, {"page": "1.5"}, {"page": "99999999999999999999999"},
    {"page": "٣"}, {"state": "nonsense"}, {"sort": "sideways"}, {"per_page": "100000"}, {"q": ""},
    {"site": "   "}, {"tag": ""},
])
def test_bad_query_parameters_fall_back_instead_of_failing(signed_in, article, params):
    response = signed_in.get("/", query_string=params)
    assert response.status_code == 200
    assert card_titles(response) == ["The rising sea"]


@pytest.mark.parametrize(("params", "message"), [
    ({"tag": "!!!"}, "Tag must hold a letter or digit."),
    ({"site": "///"}, "Site must be a domain or a site name."),
])
def test_a_filter_that_cannot_match_anything_says_why(signed_in, article, params, message):
    response = signed_in.get("/", query_string=params)
    assert response.status_code == 400
    assert message in text_of(response)


def test_filters_by_tag_site_and_state(signed_in, db, alice):
    sea = save(db, alice, "https://example.com/sea", title="Sea", tags=["Climate"])
    save(db, alice, "https://news.other.org/bread", title="Bread", site_name="Other", tags=["Food"])
    library.update_article(db, alice, sea.id, favourite=True, archived=True)
    assert card_titles(signed_in.get("/?tag=climate")) == ["Sea"]
    assert card_titles(signed_in.get("/?site=other.org")) == ["Bread"]
    assert card_titles(signed_in.get("/?state=favourite")) == ["Sea"]
    assert card_titles(signed_in.get("/?state=archived")) == ["Sea"]
    assert card_titles(signed_in.get("/?state=unread")) == ["Bread"]
    assert card_titles(signed_in.get("/?state=read")) == []
    html = text_of(signed_in.get("/?tag=Climate&site=example.com"))
    assert "Tag: Climate" in html and "Site: example.com" in html
    assert 'href="/?site=example.com"' in html  # the chip that removes the tag filter


def test_the_state_links_keep_the_search(signed_in, article):
    html = text_of(signed_in.get("/?q=sea&tag=Climate"))
    assert 'href="/?q=sea&amp;tag=Climate&amp;state=unread"' in html
    assert re.search(r'href="/\?q=sea&amp;tag=Climate" aria-current="page">All', html)


def test_sorting_oldest_first(signed_in, db, alice):
    for title in ("First", "Second", "Third"):
        save(db, alice, f"https://example.com/{title}", title=title)
    assert card_titles(signed_in.get("/")) == ["Third", "Second", "First"]
    assert card_titles(signed_in.get("/?sort=oldest")) == ["First", "Second", "Third"]
    assert '<option value="oldest" selected>' in text_of(signed_in.get("/?sort=oldest"))


def test_pages_of_articles(signed_in, db, alice):
    for number in range(PER_PAGE + 2):
        save(db, alice, f"https://example.com/{number}", title=f"Story {number}")
    first = signed_in.get("/")
    assert len(card_titles(first)) == PER_PAGE
    assert "Page 1 of 2" in text_of(first) and 'rel="next" href="/?page=2"' in text_of(first)
    second = signed_in.get("/?page=2")
    assert card_titles(second) == ["Story 1", "Story 0"]
    assert 'rel="prev" href="/"' in text_of(second)
    assert card_titles(signed_in.get("/?page=999")) == ["Story 1", "Story 0"]  # past the end: the last page


def test_the_tag_sidebar_counts_articles(signed_in, db, alice):
    save(db, alice, "https://example.com/1", tags=["Climate", "Oceans"])
    save(db, alice, "https://example.com/2", tags=["Climate"])
    html = text_of(signed_in.get("/"))
    sidebar = html[html.index('class="tag-panel"'):html.index('class="library-main"')]
    assert re.search(r'Climate</span> <span class="count" aria-label="2 articles">2</span>', sidebar)
    assert re.search(r'Oceans</span> <span class="count" aria-label="1 articles">1</span>', sidebar)
    assert sidebar.index("Climate") < sidebar.index("Oceans")  # most used first


def test_another_users_articles_and_tags_are_not_shown(signed_in, db, bob):
    save(db, bob, title="Bob's secret", tags=["Private"])
    html = text_of(signed_in.get("/"))
    assert "Bob&#39;s secret" not in html and "Private" not in html
    assert "Your library is empty" in html
    assert "Bob" not in text_of(signed_in.get("/?q=secret"))


def test_card_buttons_change_the_state_and_come_back_to_the_same_list(signed_in, db, alice, article):
    page = "/?q=sea&sort=oldest"
    html = text_of(signed_in.get(page))
    assert 'name="return_to" value="/?q=sea&amp;sort=oldest"' in html
    response = signed_in.submit(f"/articles/{article.id}/state", {"favourite": "1", "return_to": page}, page=page)
    assert response.status_code == 303 and response.location == page
    assert "Added to favourites." in text_of(signed_in.get(page))
