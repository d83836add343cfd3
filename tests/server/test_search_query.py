import pytest

from folio.errors import BadInput
from folio.library.tags import tag_key
from folio.library.search_query import MAX_QUERY_LENGTH, parse_query, site_filter
from folio.storage.search_spec import Site, Term


@pytest.mark.parametrize("query, terms, excluded", [
    ("climate", [Term("climate")], []),
    ("sea level", [Term("sea"), Term("level")], []),
    ('"sea level" rise', [Term("sea level"), Term("rise")], []),
    ("climate -opinion", [Term("climate")], [Term("opinion")]),
    ('-"op ed" x', [Term("x")], [Term("op ed")]),
    ("econom*", [Term("econom", prefix=True)], []),
    ("foo-bar", [Term("foo-bar")], []),
    ('"unclosed phrase', [Term("unclosed phrase")], []),
    ("- * ** \" \"", [], []),
    ('AND OR NOT NEAR(a b) col:x ^start', [Term("AND"), Term("OR"), Term("NOT"), Term("NEAR(a"),
                                           Term("b)"), Term("col:x"), Term("^start")], []),
])
def test_words_phrases_and_exclusions(query, terms, excluded):
    parsed = parse_query(query)
    assert parsed.terms == terms
    assert parsed.excluded_terms == excluded


def test_tags_and_sites():
    parsed = parse_query('tag:Science tag:"machine learning" -tag:opinion site:www.NYTimes.com site:"The Guardian"')
    assert parsed.tag_keys == [tag_key("science"), tag_key("Machine Learning")]
    assert parsed.excluded_tag_keys == ["opinion"]
    assert parsed.sites == [Site("nytimes.com", "wwwnytimescom"), Site("", "theguardian")]
    assert parsed.terms == []


@pytest.mark.parametrize("value, site", [
    ("example.com", Site("example.com", "examplecom")),
    ("https://www.example.com/path", Site("example.com", "httpswwwexamplecompath")),
    ("Le Monde", Site("", "lemonde")),
    ("???", None),
])
def test_site_filter(value, site):
    assert site_filter(value) == site


def test_overlong_queries_are_bad_input():
    with pytest.raises(BadInput):
        parse_query("a" * (MAX_QUERY_LENGTH + 1))
    with pytest.raises(BadInput):
        parse_query(" ".join(["w"] * 40))
