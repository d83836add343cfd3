"""The two content extractors, run on the shared pre-cleaned tree: each finds the article or says None."""

from __future__ import annotations

import re

import lxml.html
import pytest

from folio.extract.blocks import normalised_text
from folio.extract.candidates import _fast_clean, readability_candidate, trafilatura_candidate
from folio.extract.document import parse_page

URL = "https://news.example.org/2024/05/01/tram"
PARAGRAPHS = [
    "The council voted on Tuesday to extend the tram line to the northern suburbs after years of debate.",
    "Construction will begin next spring and is expected to last three years, officials said on Wednesday.",
    "Residents along the route have been invited to a series of public meetings in the coming weeks.",
    "Critics argue that the budget underestimates the cost of moving underground utilities under the old town.",
    "The mayor said the extension would cut commuting times by a third for forty thousand people every day.",
]
ARTICLE_PAGE = f"""<html><head><title>Tram</title></head><body>
<div id="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></div>
<div id="content"><h1>Council approves tram extension</h1>{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</div>
<div id="footer"><p>Copyright 2024 The Valley Courier. All rights reserved.</p></div>
</body></html>"""
EXTRACTORS = [readability_candidate, trafilatura_candidate]


def paragraph_texts(body) -> list[str]:
    return [normalised_text(p) for p in body.iter("p")]


@pytest.mark.parametrize("extract", EXTRACTORS, ids=["readability", "trafilatura"])
def test_candidate_holds_the_article_and_not_the_chrome(extract):
    candidate = extract(parse_page(ARTICLE_PAGE), URL)
    text = normalised_text(candidate.body)
    assert [p for p in PARAGRAPHS if p in paragraph_texts(candidate.body)] == PARAGRAPHS
    assert "Copyright" not in text and "Sport" not in text


@pytest.mark.parametrize("extract", EXTRACTORS, ids=["readability", "trafilatura"])
def test_candidate_names_its_extractor(extract):
    candidate = extract(parse_page(ARTICLE_PAGE), URL)
    assert candidate.name == extract.__name__.removesuffix("_candidate")


@pytest.mark.parametrize("extract", EXTRACTORS, ids=["readability", "trafilatura"])
def test_extractors_leave_the_shared_tree_untouched(extract):
    # Both extractors read the same pre-cleaned tree; the second must see what the first saw.
    page = parse_page(ARTICLE_PAGE)
    before = lxml.html.tostring(page)
    extract(page, URL)
    assert lxml.html.tostring(page) == before


@pytest.mark.parametrize("extract", EXTRACTORS, ids=["readability", "trafilatura"])
@pytest.mark.parametrize(
    "page",
    [
        "<html><body></body></html>",
        "<html><body><div></div><div>   </div></body></html>",
        "<html><body><img src='/t.jpg'></body></html>",
    ],
    ids=["empty-body", "empty-divs", "image-only"],
)
def test_page_without_text_gives_no_candidate(extract, page):
    assert extract(parse_page(page), URL) is None


def test_readability_turns_text_written_directly_in_divs_into_paragraphs():
    page = (f"<html><body><div id='story'>{PARAGRAPHS[0]} <b>{PARAGRAPHS[1]}</b><br>{PARAGRAPHS[2]}"
            f"<div class='inner'>{PARAGRAPHS[3]}</div></div></body></html>")
    body = readability_candidate(parse_page(page), URL).body
    assert paragraph_texts(body) == [f"{PARAGRAPHS[0]} {PARAGRAPHS[1]}", PARAGRAPHS[2], PARAGRAPHS[3]]
    assert body.find(".//br") is None


def library_clean(text: str) -> str:
    """readability-lxml 0.9's own `clean`, which Folio replaces with _fast_clean."""
    text = re.sub(r"\s{255,}", " " * 255, text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    text = re.sub(r"\t|[ \t]{2,}", " ", text)
    return text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "a  b   c",
        "  leading and trailing  ",
        "line one\n\n\n   line two",
        "  \n  \n  ",
        "a\tb",
        "x\r\ny\r\n",
        "non\xa0breaking\xa0 space",
        "one\n\xa0\ntwo",
        " \t ",
        pytest.param("a\t b"),
        pytest.param("a\t\tb"),
    ],
)
def test_fast_clean_measures_text_as_readability_does(text):
    # readability-lxml scores containers by these lengths; the faster version must not change them.
    assert len(_fast_clean(text)) == len(library_clean(text))


FILMS = [(f"Film number {n}", str(1950 + n), f"A character relives the same day number {n} until she breaks the loop.")
         for n in range(14)]
LIST_PAGE = f"""<html><body><div id="menu"><a href="/">Home</a> <a href="/films">Films</a></div>
<div id="content"><p>This <b>list of films featuring <a href="/loop">time loops</a></b> names films in which
characters relive the same period of time again and again.</p>
<table class="wikitable sortable"><caption>Films with time loops</caption>
<thead><tr><th class="headerSort">Film</th><th class="headerSort">Year</th><th>Description</th></tr></thead>
<tbody>{"".join(f'<tr><th><a href="/{n}">{n}</a></th><td>{y}</td><td>{d}</td></tr>' for n, y, d in FILMS)}</tbody>
</table></div></body></html>"""


def test_readability_keeps_a_list_pages_whole_data_table_and_its_introduction():
    # readability-lxml scores a cell's row and row group only, drops link-dense tables, and takes
    # a sortable column's "headerSort" class for a page header: the table would lose its caption,
    # header and introduction, or vanish.
    body = readability_candidate(parse_page(LIST_PAGE), URL).body
    text = normalised_text(body)
    assert body.find(".//table") is not None
    assert "list of films featuring time loops" in text
    for words in ["Films with time loops", "Film", "Year", "Description", *[part for row in FILMS for part in row]]:
        assert words in text
    assert "Home" not in text
