"""Listing and searching a user's articles, on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import sample_article
from folio import library
from folio.article import Tag
from folio.errors import BadInput
from folio.library import ArticleFilter
from folio.storage import search_postgres, search_sqlite

LIBRARY = [
    # (slug, title, byline, site, text, tags)
    ("sea", "The rising sea", "Ada Lovelace", "Example News",
     "Sea levels rise faster than expected along the coast.", ["Climate", "oceans"]),
    ("forest", "Forests breathe", "Grace Hopper", "Nature Daily",
     "Old forests store carbon, and the climate depends on them.", ["Climate", "forests"]),
    ("code", "Compilers explained", "Grace Hopper", "Dev Weekly",
     "A compiler turns source code into machine code. <script>alert(1)</script>", ["programming"]),
    ("cafe", "Le café du coin", "Émile Zola", "Le Journal",
     "Un café crème au comptoir, économie de quartier.", ["food"]),
    ("economy", "Economics of tides", "Ada Lovelace", "Example News",
     "Economists model tides and the economy of fishing towns.", ["Economy"]),
]


@pytest.fixture
def articles(session, alice):
    saved = {}
    for slug, title, byline, site, text, tags in LIBRARY:
        domain = "blog.example.com" if site == "Example News" else f"{slug}.org"
        article = sample_article(url=f"https://{domain}/{slug}", title=title, byline=byline, site_name=site,
                                 text=text, tags=[Tag(name, "page") for name in tags])
        row, _ = library.save_article(session, alice, article, "<html></html>", extractor_version="t")
        saved[slug] = row.id
    return saved


def found(session, user, **filters):
    page = library.list_articles(session, user, ArticleFilter(**filters), per_page=100)
    return page


def slugs(page, articles):
    by_id = {row_id: slug for slug, row_id in articles.items()}
    return [by_id[row.id] for row in page.items]


@pytest.mark.parametrize("query, expected", [
    ("climate", {"sea", "forest"}),  # in the text of one, a tag of both
    ("climate carbon", {"forest"}),  # every word must match
    ('"sea levels rise"', {"sea"}),
    ('"levels sea"', set()),  # a phrase keeps its order
    ("climate -carbon", {"sea"}),
    ('-"machine code" -climate', {"cafe", "economy"}),
    ("econom*", {"economy", "cafe"}),  # prefixes; "économie" matches without its accent
    ("cafe", {"cafe"}),
    ("CAFÉ", {"cafe"}),
    ("hopper", {"forest", "code"}),  # the byline
    ("nature", {"forest"}),  # the site's name
    ("tag:climate", {"sea", "forest"}),
    ("tag:Ocean", {"sea"}),  # tag variants match
    ("-tag:climate", {"code", "cafe", "economy"}),
    ("tag:climate -tag:forests", {"sea"}),
    ("site:example.com", {"sea", "economy"}),  # subdomains of the site
    ("site:blog.example.com tides", {"economy"}),
    ('site:"Nature Daily"', {"forest"}),
    ("-site:example.com climate", {"forest"}),
    ("nothingmatchesthis", set()),
])
def test_queries(session, alice, articles, query, expected):
    assert set(slugs(found(session, alice, q=query), articles)) == expected


@pytest.mark.parametrize("filters, expected", [
    ({"tag": "Climate"}, {"sea", "forest"}),
    ({"tag": "climates"}, {"sea", "forest"}),
    ({"site": "example.com"}, {"sea", "economy"}),
    ({"site": "Le Journal"}, {"cafe"}),
    ({"tag": "climate", "q": "carbon"}, {"forest"}),
    ({"site": "example.com", "q": "sea"}, {"sea"}),
])
def test_filters(session, alice, articles, filters, expected):
    assert set(slugs(found(session, alice, **filters), articles)) == expected


def test_states(session, alice, articles):
    library.update_article(session, alice, articles["sea"], read=True)
    library.update_article(session, alice, articles["forest"], archived=True, favourite=True)
    assert set(slugs(found(session, alice, state="read"), articles)) == {"sea"}
    assert set(slugs(found(session, alice, state="archived"), articles)) == {"forest"}
    assert set(slugs(found(session, alice, state="favourite"), articles)) == {"forest"}
    assert set(slugs(found(session, alice, state="unread"), articles)) == {"code", "cafe", "economy"}
    assert set(slugs(found(session, alice, state="unread", q="climate"), articles)) == set()
    assert set(slugs(found(session, alice, state="read", q="climate"), articles)) == {"sea"}


def test_sorting_and_paging(session, alice, articles):
    order = ["sea", "forest", "code", "cafe", "economy"]
    assert slugs(found(session, alice), articles) == order[::-1]
    assert slugs(found(session, alice, sort="oldest"), articles) == order
    assert slugs(found(session, alice, q="climate", sort="oldest"), articles) == ["sea", "forest"]
    page = library.list_articles(session, alice, ArticleFilter(sort="oldest"), page=2, per_page=2)
    assert slugs(page, articles) == ["code", "cafe"]
    assert (page.total, page.page, page.per_page) == (5, 2, 2)
    text_page = library.list_articles(session, alice, ArticleFilter(q="a*", sort="oldest"), page=3, per_page=2)
    assert text_page.total == 5 and len(text_page.items) == 1


def test_relevance_puts_title_matches_first(session, alice, articles):
    library.save_article(session, alice, sample_article(
        url="https://x.org/tides-in-text", title="Harbours", text="tides tides tides", tags=[]),
        "<html></html>", extractor_version="t")
    ranked = slugs_or_new(found(session, alice, q="tides", sort="relevance"), articles)
    assert ranked[0] == "economy"  # the word is in its title


def slugs_or_new(page, articles):
    by_id = {row_id: slug for slug, row_id in articles.items()}
    return [by_id.get(row.id, "new") for row in page.items]


def test_snippets_mark_matches_and_escape_the_rest(session, alice, articles):
    page = found(session, alice, q="compiler")
    snippet = page.snippets[articles["code"]]
    assert "<mark>compiler</mark>" in snippet.lower()
    assert "<script>" not in snippet
    assert "<mark>" not in found(session, alice, tag="climate").snippets.get(articles["sea"], "")


def test_the_index_follows_edits_and_deletes(session, alice, articles):
    library.update_article(session, alice, articles["sea"], title="Tidal gauges")
    assert slugs(found(session, alice, q="gauges"), articles) == ["sea"]
    assert slugs(found(session, alice, q="rising"), articles) == []
    library.update_article(session, alice, articles["sea"], tags=["Hydrology"])
    assert slugs(found(session, alice, q="tag:hydrology"), articles) == ["sea"]
    assert slugs(found(session, alice, q="hydrology"), articles) == ["sea"]  # tags are searched as words too
    library.delete_article(session, alice, articles["sea"])
    assert found(session, alice, q="gauges").total == 0


def test_counts_stop_at_the_cap(session, alice, articles, monkeypatch):
    for module in (search_sqlite, search_postgres):
        monkeypatch.setattr(module, "COUNT_CAP", 2)
    page = found(session, alice, q="a*")
    assert (page.total, page.total_capped) == (2, True)
    assert len(page.items) == 5  # the page itself is not cut short
    ranked = found(session, alice, q="a*", sort="relevance")
    assert ranked.total_capped and ranked.items


@pytest.mark.parametrize("filters", [
    {"sort": "random"}, {"state": "deleted"}, {"tag": "!!!"}, {"site": "///"}, {"q": "x" * 501},
])
def test_bad_filters(session, alice, filters):
    with pytest.raises(BadInput):
        library.list_articles(session, alice, ArticleFilter(**filters))


def test_bad_paging(session, alice):
    for page, per_page in ((0, 20), (1, 0), (1, 101)):
        with pytest.raises(BadInput):
            library.list_articles(session, alice, page=page, per_page=per_page)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.sampled_from(list('abc "-*:()^{}+.,\'\\NOTANDRtagsite\x00é中')), max_size=40))
def test_no_query_breaks_the_search(session, alice, articles, query):
    """FTS5 and tsquery syntax in the search box is taken as plain text: never an error."""
    try:
        page = found(session, alice, q=query, sort="relevance")
    except BadInput as error:  # only the size limits may refuse a query
        assert "more than" in error.message or "longer" in error.message
    else:
        assert page.total >= 0
