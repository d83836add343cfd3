"""read_structured_data: <meta> tags and schema.org JSON-LD, collected once for the metadata stage."""

from __future__ import annotations

import json

import pytest

from folio.extract.document import parse_page
from folio.extract.structured_data import names_of, read_structured_data, text_of


def structured(head: str):
    return read_structured_data(parse_page(f"<html><head>{head}</head><body><p>x</p></body></html>"))


def script(text: str, kind: str = "application/ld+json") -> str:
    return f'<script type="{kind}">{text}</script>'


@pytest.mark.parametrize(
    "head, name, expected",
    [
        ('<meta property="og:title" content="Open Graph">', "og:title", "Open Graph"),
        ('<meta property="og:title twitter:title" content="Both">', "twitter:title", "Both"),
        ('<meta name="DC.creator" content="Ann">', "dc:creator", "Ann"),
        ('<meta name="dcterms.title" content="T">', "dcterms:title", "T"),
        ('<meta property="OG:Site_Name" content="Courier">', "og:site_name", "Courier"),
        ('<meta property="og:article:author" content="Ann">', "og:article:author", "Ann"),
        ('<meta itemprop="datePublished" content="2024-01-01">', "datepublished", "2024-01-01"),
        ('<meta name="description" content="  padded  ">', "description", "padded"),
        ('<meta name="author" content="   "><meta name="author" content="Second">', "author", "Second"),
        ('<meta name="author">', "author", None),
        ('<meta charset="utf-8">', "charset", None),
    ],
    ids=["property", "several-names", "dublin-core-dot", "dcterms-dot", "case", "og-article",
         "itemprop", "trimmed", "blank-skipped", "no-content", "charset"],
)
def test_meta_tags_are_found_by_one_spelling(head, name, expected):
    assert structured(head).first_meta(name) == expected


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="DC.title" content="Name"><meta property="dc:title" content="Property">',
        '<meta property="dc:title" content="Property"><meta name="DC.title" content="Name">',
    ],
    ids=["name-first", "property-first"],
)
def test_property_values_come_before_name_values_of_the_same_key(head):
    # property="..." is RDFa, the syntax Open Graph and Dublin Core in HTML define.
    assert structured(head).all_meta("dc:title") == ["Property", "Name"]


def test_first_meta_tries_names_in_order_and_all_meta_keeps_every_value():
    data = structured('<meta name="keywords" content="a, b"><meta name="keywords" content="c">'
                      '<meta property="article:tag" content="x">')
    assert data.first_meta("news_keywords", "keywords") == "a, b"
    assert data.all_meta("keywords") == ["a, b", "c"]
    assert data.all_meta("missing") == []


@pytest.mark.parametrize(
    "head, expected_headline",
    [
        (script(json.dumps({"@type": "NewsArticle", "headline": "Plain"})), "Plain"),
        (script(json.dumps({"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": "Courier"}, {"@type": "NewsArticle", "headline": "In a graph"}]})),
         "In a graph"),
        (script(json.dumps([{"@type": "BreadcrumbList"}, {"@type": "BlogPosting", "headline": "In a list"}])),
         "In a list"),
        (script(json.dumps({"@type": ["Thing", "ReportageNewsArticle"], "headline": "Type list"})), "Type list"),
        (script('<![CDATA[ {"@type": "Article", "headline": "In CDATA"} ]]>'), "In CDATA"),
        (script('<!-- {"@type": "Article", "headline": "In a comment"} -->'), "In a comment"),
        (script('{"@type": "Article", "headline": "Raw\nnewline\tand tab"}'), "Raw newline and tab"),
        (script(json.dumps({"@type": "WebPage", "name": "Page"}))
         + script(json.dumps({"@type": "Article", "headline": "Second script"})), "Second script"),
        (script('{"@type": "Article", "headline": "Broken", ') + script(json.dumps({"@type": "Article",
                                                                                   "headline": "Valid one"})),
         "Valid one"),
        (script(json.dumps({"@type": "Article", "headline": "Odd type attribute"}), " Application/LD+JSON "),
         "Odd type attribute"),
        (script(json.dumps({"@type": "Recipe", "name": "Soup"})), None),
        (script(json.dumps({"@type": "WebPage", "headline": "Not an article"})), None),
        (script('[1, "x", null]'), None),
        (script(json.dumps({"@type": "Article", "headline": "Wrong type"}), "text/javascript"), None),
        (script(""), None),
    ],
    ids=["object", "graph", "list", "type-list", "cdata", "html-comment", "raw-control-characters",
         "several-scripts", "invalid-json-skipped", "type-attribute-case", "recipe-is-an-article-type",
         "web-page-is-not", "no-objects", "not-json-ld", "empty-script"],
)
def test_json_ld_article_is_found(head, expected_headline):
    article = structured(head).article
    assert article.get("headline") == expected_headline


def test_every_json_ld_object_is_kept_in_the_graph():
    data = structured(script(json.dumps({"@graph": [{"@type": "WebSite"}, {"@type": "Article", "@graph": [
        {"@type": "Person"}]}]})))
    assert [obj.get("@type") for obj in data.graph] == [None, "WebSite", "Article", "Person"]


def test_article_type_written_as_an_iri():
    head = script(json.dumps({"@type": "https://schema.org/NewsArticle", "headline": "IRI type"}))
    assert structured(head).article.get("headline") == "IRI type"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Rosa Delgado", ["Rosa Delgado"]),
        ("   ", []),
        ({"@type": "Person", "name": " Rosa Delgado "}, ["Rosa Delgado"]),
        ({"name": ["Rosa Delgado", "Tom Reed"]}, ["Rosa Delgado", "Tom Reed"]),
        ([{"name": "Rosa Delgado"}, "Tom Reed", {"url": "/no-name"}], ["Rosa Delgado", "Tom Reed"]),
        ({"@type": "Person"}, []),
        (None, []),
        (42, []),
    ],
    ids=["string", "blank", "object", "name-list", "mixed-list", "no-name", "none", "number"],
)
def test_names_of(value, expected):
    assert names_of(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("  2024-05-01 ", "2024-05-01"),
        ("", None),
        (["first", "second"], "first"),
        ([], None),
        ({"@type": "ImageObject", "url": "https://cdn.example.org/i.jpg", "name": "n"}, "https://cdn.example.org/i.jpg"),
        ({"@id": "https://example.org/#id"}, "https://example.org/#id"),
        ({"name": "Local"}, "Local"),
        (5, None),
        (None, None),
    ],
    ids=["string", "empty", "list", "empty-list", "url-first", "id", "name", "number", "none"],
)
def test_text_of(value, expected):
    assert text_of(value) == expected
