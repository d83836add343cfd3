"""read_metadata: the article's headline, byline, site, dates, language and tags from the page's own statements."""

from __future__ import annotations

import json

import pytest

from folio.extract.document import parse_page
from folio.extract.metadata import direction_of_language, normalise_language, read_metadata

URL = "https://news.example.org/2024/05/01/tram-extension"
HEADLINE = "Council approves the northern tram extension"


def metadata(head: str = "", body: str = "", html_attributes: str = "", url: str = URL):
    return read_metadata(parse_page(f"<html {html_attributes}><head>{head}</head><body>{body}</body></html>"), url)


def json_ld(value) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


def meta(key: str, content: str) -> str:
    attribute = "property" if key.startswith(("og:", "article:")) else "name"
    return f'<meta {attribute}="{key}" content="{content}">'


# --- title -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "title, expected",
    [
        (f"{HEADLINE} | The Valley Courier", HEADLINE),
        (f"{HEADLINE} - The Valley Courier", HEADLINE),
        (f"{HEADLINE} — Courier", HEADLINE),
        (f"{HEADLINE} · Courier", HEADLINE),
        (f"Valley Courier » {HEADLINE}", HEADLINE),
        (f"Courier / {HEADLINE}", HEADLINE),
        (f"{HEADLINE} | Local News | The Valley Courier", f"{HEADLINE} | Local News"),
        # Hyphens inside words and numbers are not separators.
        ("Council votes 7-2 to extend the well-used tram line", "Council votes 7-2 to extend the well-used tram line"),
        # Cutting would leave four words or fewer: the whole title is kept, as Readability does.
        ("Council approves tram extension | The Valley Courier", "Council approves tram extension | The Valley Courier"),
        ("Home | Courier", "Home | Courier"),
        # Colons: a label before the headline is dropped; a long phrase before the colon is the headline.
        (f"News: {HEADLINE}", HEADLINE),
        ("Tram: Council approves extension", "Tram: Council approves extension"),
        ("Why the council finally said yes to a tram after a decade of debate: analysis",
         "Why the council finally said yes to a tram after a decade of debate: analysis"),
    ],
    ids=["pipe-site", "hyphen-site", "em-dash-site", "middle-dot-site", "site-guillemet-headline",
         "site-slash-headline", "several-separators", "hyphen-in-words", "short-headline-kept-whole",
         "home-page", "label-colon", "short-after-colon", "long-before-colon"],
)
def test_title_from_the_title_element(title, expected):
    assert metadata(f"<title>{title}</title>").title == expected


@pytest.mark.parametrize(
    "title, body, expected",
    [
        ("Short", f"<h1>{HEADLINE}</h1>", HEADLINE),  # too short to be a headline: the page's only <h1>
        ("Short", f"<h1>{HEADLINE}</h1><h1>Another</h1>", "Short"),
        # The <title> equals a heading on the page: its colon is part of the headline.
        ("Trams: a history of the city in ten journeys", "<h1>Trams: a history of the city in ten journeys</h1>",
         "Trams: a history of the city in ten journeys"),
        (None, f"<h1>{HEADLINE}</h1>", HEADLINE),
        (None, "<p>No title anywhere</p>", None),
    ],
    ids=["short-title-uses-h1", "two-h1s", "colon-title-matches-heading",
         "no-title-element", "no-title-at-all"],
)
def test_title_falls_back_to_the_page_heading(title, body, expected):
    head = f"<title>{title}</title>" if title is not None else ""
    assert metadata(head, body).title == expected


@pytest.mark.parametrize(
    "head, expected",
    [
        (json_ld({"@type": "NewsArticle", "headline": "From JSON-LD"}) + meta("og:title", "From Open Graph"),
         "From JSON-LD"),
        (meta("dc.title", "From Dublin Core") + meta("og:title", "From Open Graph"), "From Dublin Core"),
        (meta("og:title", "From Open Graph") + meta("twitter:title", "From Twitter"), "From Open Graph"),
        (meta("twitter:title", "From Twitter") + meta("parsely-title", "From Parse.ly"), "From Twitter"),
        (meta("og:title", "Caf&amp;eacute; &amp; bar   opens"), "Café & bar opens"),
        (meta("og:title", "   ") + meta("twitter:title", "Non-blank wins"), "Non-blank wins"),
        # JSON-LD "name" is preferred, unless "headline" looks like the page title and "name" does not
        # (some sites put the site name in "name").
        (json_ld({"@type": "Article", "name": "The Valley Courier", "headline": HEADLINE}), HEADLINE),
        (json_ld({"@type": "Article", "name": HEADLINE, "headline": "Tram vote"}), HEADLINE),
        (json_ld({"@type": "Article", "name": "  ", "headline": "Headline only"}), "Headline only"),
    ],
    ids=["json-ld-over-open-graph", "dublin-core-over-open-graph", "open-graph-over-twitter",
         "twitter-over-parsely", "entities-and-whitespace", "blank-meta-skipped", "headline-when-name-is-site",
         "name-when-it-matches", "blank-name"],
)
def test_title_precedence(head, expected):
    assert metadata(f"<title>{HEADLINE} | The Valley Courier</title>{head}").title == expected


@pytest.mark.parametrize(
    "head, expected",
    [
        (meta("og:title", f"{HEADLINE} | The Valley Courier") + meta("og:site_name", "The Valley Courier"), HEADLINE),
        (meta("og:title", f"The Valley Courier » {HEADLINE}") + meta("og:site_name", "the valley courier"), HEADLINE),
        (meta("og:title", f"{HEADLINE} - Courier") + json_ld({"@type": "NewsArticle", "publisher": {"name": "Courier"}}),
         HEADLINE),
        # Only the site's exact name is removed.
        (meta("og:title", f"{HEADLINE} | The Valley Courier") + meta("og:site_name", "Valley Courier"),
         f"{HEADLINE} | The Valley Courier"),
        (meta("og:title", f"{HEADLINE} | Other Site") + meta("og:site_name", "The Valley Courier"),
         f"{HEADLINE} | Other Site"),
        (meta("og:title", "Courier awards go to Courier | Courier") + meta("og:site_name", "Courier"),
         "Courier awards go to Courier"),
        # A title that is only the site's name stays: there is nothing else to show.
        (meta("og:title", "Courier") + meta("og:site_name", "Courier"), "Courier"),
        (meta("og:title", "Valley: Courier") + meta("og:site_name", "Courier"), "Valley: Courier"),
    ],
    ids=["suffix", "prefix-any-case", "publisher-name", "partial-name-kept", "other-site-kept",
         "name-inside-headline-kept", "title-is-site-name", "colon-without-space-kept"],
)
def test_site_name_is_removed_from_the_title_only_when_it_matches(head, expected):
    assert metadata(head).title == expected


# --- site name ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "head, expected",
    [
        (json_ld({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Valley Media"}})
         + meta("og:site_name", "Courier"), "Valley Media"),
        (json_ld({"@type": "NewsArticle", "publisher": [{"@type": "Organization", "name": "Valley Media"}]}),
         "Valley Media"),
        (json_ld({"@type": "NewsArticle", "publisher": "A bare string"}) + meta("og:site_name", "Courier"), "Courier"),
        (meta("og:site_name", "The Valley Courier"), "The Valley Courier"),
        (meta("application-name", "Courier App"), "Courier App"),
        (f"<title>{HEADLINE} | The Valley Courier</title>", "The Valley Courier"),
        (f"<title>Valley Courier » {HEADLINE}</title>", "Valley Courier"),
        # More than four words after the separator is not a site's name.
        (f"<title>{HEADLINE} | The Valley Courier Online Edition Daily</title>", None),
        (f"<title>{HEADLINE}</title>", None),
    ],
    ids=["json-ld-publisher", "publisher-list", "publisher-string-ignored", "og-site-name", "application-name",
         "title-suffix", "title-prefix", "long-suffix", "no-separator"],
)
def test_site_name(head, expected):
    assert metadata(head).site_name == expected


# --- byline ------------------------------------------------------------------------------------------

def person(name: str) -> dict:
    return {"@type": "Person", "name": name}


@pytest.mark.parametrize(
    "head, body, expected",
    [
        (json_ld({"@type": "NewsArticle", "author": [person("Rosa Delgado"), person("Tom Reed")]}), "",
         "Rosa Delgado, Tom Reed"),
        (json_ld({"@type": "NewsArticle", "author": [person("Rosa Delgado"), person("Rosa Delgado")]}), "",
         "Rosa Delgado"),
        (json_ld({"@type": "NewsArticle", "author": person("Ann Lee")}) + meta("author", "Meta Author"), "", "Ann Lee"),
        (json_ld({"@type": "NewsArticle", "creator": person("Creator Name")}), "", "Creator Name"),
        (json_ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Reuters"}}), "", "Reuters"),
        # A bare string author is often a CMS user name: only named objects count.
        (json_ld({"@type": "NewsArticle", "author": "CC7567"}), "", None),
        (meta("author", "Jane Doe"), "", "Jane Doe"),
        (meta("dc.creator", "DC Person") + meta("author", "Jane Doe"), "", "DC Person"),
        (meta("author", "By Jane Doe"), "", "Jane Doe"),
        (meta("article:author", "Jane Doe"), "", "Jane Doe"),
        (meta("article:author", "https://www.facebook.com/janedoe"), "", None),
        ("", '<a rel="author" href="/authors/jane">Jane Doe</a>', "Jane Doe"),
        ("", '<span class="byline">By Jane Doe</span>', "Jane Doe"),
        ("", '<div class="author" itemprop="author"><span itemprop="name">Jane Doe</span>'
             "<span>Transport correspondent</span></div>", "Jane Doe"),
        ("", "<p>By Harold Jennings</p><p>The council voted.</p>", "Harold Jennings"),
        ("", "<p>Por María García</p>", "María García"),
        ("", "<p>Автор: Иван Петров</p>", "Иван Петров"),
        ("", "<p>By the way, this is not a byline</p>", None),
        # Menus and footers that happen to have "author" in a class name are page furniture.
        ("", '<footer><div class="author">Site Author Inc</div></footer>', None),
        ("", '<div class="author-list"><a href="/a">A</a><a href="/b">B</a><a href="/c">C</a></div>', None),
    ],
    ids=["json-ld-authors-joined", "json-ld-duplicate-authors", "json-ld-over-meta", "json-ld-creator",
         "organisation-only", "bare-string-author", "meta-author", "dublin-core-first", "by-label-removed",
         "article-author-name", "article-author-url", "rel-author", "class-byline", "itemprop-name",
         "by-line-in-text", "por-line-in-text", "russian-label", "by-in-a-sentence", "footer-furniture",
         "author-link-list"],
)
def test_byline(head, body, expected):
    assert metadata(head, body).byline == expected


@pytest.mark.parametrize(
    "byline, expected",
    [
        ("By Jane Doe · September 18, 2023", "Jane Doe"),
        ("Jane Doe | 12:30", "Jane Doe"),
        ("Jane Doe - 18 September 2023", "Jane Doe"),
        ("Jane Doe | Staff writer | 18 Sep 2023", "Jane Doe, Staff writer"),
        ("Mary Smith-Jones", "Mary Smith-Jones"),
        ("Jean-Paul Dupont | Paris", "Jean-Paul Dupont | Paris"),
    ],
    ids=["middle-dot-date", "time", "hyphen-date", "keeps-other-parts", "hyphenated-name", "no-date-untouched"],
)
def test_dates_are_removed_from_the_byline(byline, expected):
    assert metadata("", f'<span class="byline">{byline}</span>').byline == expected


def test_byline_in_text_with_two_people():
    assert metadata("", "<p>By Harold Jennings and Mary Poe</p>").byline == "Harold Jennings and Mary Poe"


# --- source, section, canonical, image, excerpt ---------------------------------------------------------

@pytest.mark.parametrize(
    "head, body, expected",
    [
        (meta("original-source", "AFP") + meta("source", "Reuters"), "", "AFP"),
        (meta("source", "https://www.reuters.com/article"), "", None),
        ("", "<div><p>The story.</p><p>Source: Reuters</p></div>", "Reuters"),
        ("", "<p>Source: Reuters.</p>", "Reuters"),
        ("", '<p>Source: <a href="https://www.reuters.com">Reuters</a></p>', "Reuters"),
        ("", "<p>Sources: AP, Reuters</p>", "AP, Reuters"),
        ("", "<p>Quelle: dpa</p>", "dpa"),
        ("", "<p>Источник: ТАСС</p>", "ТАСС"),
        ("", "<p>来源：新华社</p>", "新华社"),
        # Picture credits and page furniture name no source for the article.
        ("", '<figure><img src="/t.jpg"><figcaption><span>Source: Getty Images</span></figcaption></figure>', None),
        ("", "<footer><p>Source: our own reporting</p></footer>", None),
        ("", "<p>Data source: the 2020 census</p>", None),
        ("", "<p>Sources say the deal is close.</p>", None),
    ],
    ids=["meta-original-source", "meta-url-ignored", "source-line", "trailing-full-stop", "linked-name",
         "several-sources", "german", "russian", "chinese", "figcaption-credit", "footer", "not-at-line-start",
         "no-colon"],
)
def test_source_credit(head, body, expected):
    assert metadata(head, body).source == expected


def test_source_credit_with_a_bold_label():
    assert metadata("", "<p><strong>Source:</strong> Reuters</p>").source == "Reuters"


@pytest.mark.parametrize(
    "head, expected",
    [
        (json_ld({"@type": "NewsArticle", "articleSection": "Local"}) + meta("article:section", "Transport"), "Local"),
        (json_ld({"@type": "NewsArticle", "articleSection": ["Politics", "Local"]}), "Politics"),
        (meta("article:section", "Transport"), "Transport"),
        (meta("parsely-section", "Transport"), "Transport"),
        (meta("category", "Transport"), "Transport"),
        ("", None),
    ],
    ids=["json-ld-first", "json-ld-list", "article-section", "parsely", "category", "none"],
)
def test_section(head, expected):
    assert metadata(head).section == expected


@pytest.mark.parametrize(
    "head, url, expected",
    [
        ('<link rel="canonical" href="/2024/05/01/tram">', URL, "https://news.example.org/2024/05/01/tram"),
        ('<link rel="canonical" href="https://www.example.org/tram">' + meta("og:url", "https://og.example.org/tram"),
         URL, "https://www.example.org/tram"),
        (meta("og:url", "https://news.example.org/tram?ref=og"), URL, "https://news.example.org/tram?ref=og"),
        ('<link rel="Canonical" href=" //cdn.example.org/tram ">', URL, "https://cdn.example.org/tram"),
        ('<link rel="alternate canonical" href="/tram">', URL, "https://news.example.org/tram"),
        ('<link rel="canonical" href="javascript:alert(1)">', URL, None),
        ('<link rel="canonical" href="http://[broken">', URL, None),
        ('<link rel="canonical" href="https://news.example.org/tram">', "file:///home/me/saved.html",
         "https://news.example.org/tram"),
        ('<link rel="canonical" href="/tram">', "file:///home/me/saved.html", None),
        ("", URL, None),
    ],
    ids=["relative", "link-over-og", "og-url", "protocol-relative-padded", "several-rel-words", "javascript",
         "malformed", "file-page-absolute", "file-page-relative", "none"],
)
def test_canonical_url(head, url, expected):
    assert metadata(head, url=url).canonical_url == expected


@pytest.mark.parametrize(
    "head, expected",
    [
        (meta("og:image", "/photos/tram.jpg"), "https://news.example.org/photos/tram.jpg"),
        (meta("twitter:image", "https://cdn.example.org/t.jpg"), "https://cdn.example.org/t.jpg"),
        (json_ld({"@type": "NewsArticle", "image": {"@type": "ImageObject", "url": "https://cdn.example.org/i.jpg"}}),
         "https://cdn.example.org/i.jpg"),
        (json_ld({"@type": "NewsArticle", "image": ["https://cdn.example.org/1.jpg", "https://cdn.example.org/2.jpg"]}),
         "https://cdn.example.org/1.jpg"),
        ('<link rel="image_src" href="/t.jpg">', "https://news.example.org/t.jpg"),
        (meta("og:image", "data:image/png;base64,AAAA"), None),
    ],
    ids=["og-image-relative", "twitter-image", "json-ld-image-object", "json-ld-image-list", "image-src-link",
         "data-uri"],
)
def test_lead_image(head, expected):
    assert metadata(head).lead_image == expected


@pytest.mark.parametrize(
    "head, expected",
    [
        (json_ld({"@type": "NewsArticle", "description": "From JSON-LD"}) + meta("description", "Plain"), "From JSON-LD"),
        (meta("og:description", "From Open Graph") + meta("description", "Plain"), "From Open Graph"),
        (meta("description", "Trams &amp; buses:\n  the plan"), "Trams & buses: the plan"),
        ("", None),
    ],
    ids=["json-ld", "open-graph-over-description", "entities-and-whitespace", "none"],
)
def test_excerpt(head, expected):
    assert metadata(head).excerpt == expected


@pytest.mark.parametrize(
    "name, content, field, expected",
    [
        ("DC.title", "Dublin Core headline", "title", "Dublin Core headline"),
        ("DC.creator", "Ann Lee", "byline", "Ann Lee"),
        ("dcterms.creator", "Ann Lee", "byline", "Ann Lee"),
        ("dc.description", "Dublin Core summary", "excerpt", "Dublin Core summary"),
        pytest.param("dcterms.title", "Dublin Core headline", "title", "Dublin Core headline"),
        pytest.param("dcterms.description", "Dublin Core summary", "excerpt", "Dublin Core summary"),
        pytest.param("dc.language", "de", "lang", "de"),
        pytest.param("dc.source", "Reuters", "source", "Reuters"),
        pytest.param("dcterms.modified", "2024-05-02", "modified", "2024-05-02"),
    ],
    ids=["dc-title", "dc-creator", "dcterms-creator", "dc-description", "dcterms-title", "dcterms-description",
         "dc-language", "dc-source", "dcterms-modified"],
)
def test_dublin_core_meta_tags(name, content, field, expected):
    assert getattr(metadata(f'<meta name="{name}" content="{content}">'), field) == expected


# --- language and direction ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, expected",
    [
        ("en_US", "en-US"),
        ("EN-us", "en-US"),
        ("en", "en"),
        ("  fr-CA  ", "fr-CA"),
        ("zh_Hant_TW", "zh-Hant-TW"),
        ("sr-latn-rs", "sr-Latn-RS"),
        ("de-DE-1996", "de-DE-1996"),
        ("pt-BR, en", "pt-BR"),
        ("x", None),
        ("english", None),
        ("123", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_language(value, expected):
    assert normalise_language(value) == expected


@pytest.mark.parametrize(
    "head, html_attributes, body, expected",
    [
        ("", 'lang="en_GB"', "", "en-GB"),
        ("", 'xml:lang="es"', "", "es"),
        ("", "", '<div lang="ignored"></div>', None),
        (meta("og:locale", "fr_FR"), "", "", "fr-FR"),
        (meta("og:locale", "fr_FR"), 'lang="it"', "", "it"),
        ("", 'lang="not a language"', "", None),
    ],
    ids=["html-lang", "xml-lang", "inner-lang-ignored", "og-locale", "html-lang-first", "junk"],
)
def test_declared_language(head, html_attributes, body, expected):
    assert metadata(head, body, html_attributes).lang == expected


def test_body_lang_is_read_when_html_has_none():
    root = parse_page('<html><head></head><body lang="pt-br"><p>Olá</p></body></html>')
    assert read_metadata(root, URL).lang == "pt-BR"


def test_http_equiv_content_language():
    assert metadata('<meta http-equiv="Content-Language" content="de-AT">').lang == "de-AT"


@pytest.mark.parametrize(
    "html_attributes, body, expected",
    [
        ('dir="rtl"', "<p>نص عربي</p>", "rtl"),
        ('dir="RTL"', "<p>x</p>", "rtl"),
        ('dir="ltr"', "<main dir='rtl'><p>שלום עולם, זה טקסט ארוך של הכתבה</p></main><footer>x</footer>", "rtl"),
        ('dir="ltr"', "<main><p>The whole article is written in English here.</p><span dir='rtl'>שלום</span></main>",
         "ltr"),
        ('dir="auto"', "<p>x</p>", None),
        ("", "<p>x</p>", None),
    ],
    ids=["html-rtl", "upper-case", "nearest-to-the-text", "small-inner-span-ignored", "auto", "none"],
)
def test_declared_direction(html_attributes, body, expected):
    assert metadata("", body, html_attributes).dir == expected


@pytest.mark.parametrize(
    "lang, expected",
    [("ar", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("ur-PK", "rtl"), ("iw", "rtl"), ("en-US", "ltr"),
     ("ru", "ltr"), ("zh-Hant", "ltr"), (None, None), ("", None)],
)
def test_direction_of_language(lang, expected):
    assert direction_of_language(lang) == expected


# --- page tags ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "head, body, expected",
    [
        ("", '<a rel="tag" href="/t/trams">Trams</a><a rel="nofollow tag" href="/t/budget">#Budget</a>',
         ["Trams", "Budget"]),
        (meta("article:tag", "Trams, buses and bikes") + meta("article:tag", "Budget"), "",
         ["Trams, buses and bikes", "Budget"]),
        (meta("keywords", "trams, , budget,council ,Trams"), "", ["trams", "budget", "council"]),
        (meta("news_keywords", "Trams, Budget"), "", ["Trams", "Budget"]),
        (json_ld({"@type": "NewsArticle", "keywords": "trams, Budget"}), "", ["trams", "Budget"]),
        (json_ld({"@type": "NewsArticle", "keywords": ["Zeta", "alpha", "ZETA", 7]}), "", ["Zeta", "alpha"]),
        # Order: rel=tag links, then <meta> tags, then JSON-LD; a tag seen before (any case) is not repeated.
        (meta("keywords", "Trams") + json_ld({"@type": "NewsArticle", "keywords": "trams, Budget"}),
         '<a rel="tag">Council</a>', ["Council", "Trams", "Budget"]),
        (meta("keywords", "ok, " + "x" * 61), "", ["ok"]),
        ("", "", []),
    ],
    ids=["rel-tag", "article-tag-not-split", "keywords-split-and-deduplicated", "news-keywords",
         "json-ld-string", "json-ld-list", "order-and-case-duplicates", "overlong-tag-dropped", "none"],
)
def test_page_tags(head, body, expected):
    assert metadata(head, body).page_tags == expected


def test_page_tags_are_capped():
    assert len(metadata(meta("keywords", ", ".join(f"tag{i}" for i in range(30)))).page_tags) == 20


# --- dates ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "head, body, url, expected",
    [
        (json_ld({"@type": "NewsArticle", "datePublished": "2024-05-01T09:30:00+02:00"})
         + meta("article:published_time", "2020-01-01"), "", URL, "2024-05-01T09:30:00+02:00"),
        (meta("article:published_time", "2024-05-01T09:30:00Z"), "", URL, "2024-05-01T09:30:00+00:00"),
        (meta("date", "2024-05-01"), "", URL, "2024-05-01"),
        ("", '<time datetime="2023-01-01">Old</time><span class="published"><time datetime="2024-05-01">May 1'
             "</time></span>", URL, "2024-05-01"),
        ("", '<time itemprop="datePublished" datetime="2024-05-02T08:00:00+01:00">May 2</time>', URL,
         "2024-05-02T08:00:00+01:00"),
        ("", '<time datetime="2024-04-02">April 2</time>', URL, "2024-04-02"),
        ("", "<p>Posted on September 18, 2023 by Rosa</p>", "https://news.example.org/story", "2023-09-18"),
        ("", "<p>Nothing dated here.</p>", "https://news.example.org/2021/03/04/story", "2021-03-04"),
        ("", "<p>Nothing dated here.</p>", "https://news.example.org/story", None),
    ],
    ids=["json-ld-first", "utc", "date-only-stays-date-only", "marked-time-first", "itemprop-time", "any-time",
         "date-in-text", "date-in-url", "none"],
)
def test_published(head, body, url, expected):
    assert metadata(head, body, url=url).published == expected


@pytest.mark.parametrize(
    "head, expected",
    [
        (meta("article:modified_time", "2024-05-02T10:00:00Z"), "2024-05-02T10:00:00+00:00"),
        (json_ld({"@type": "NewsArticle", "dateModified": "2024-05-03"}), "2024-05-03"),
        (meta("og:updated_time", "2024-05-04T10:00:00-05:00"), "2024-05-04T10:00:00-05:00"),
        (meta("article:modified_time", "0000-00-00 00:00:00"), None),
        ("", None),
    ],
    ids=["article-modified", "json-ld", "og-updated", "junk", "none"],
)
def test_modified(head, expected):
    assert metadata(head).modified == expected


@pytest.mark.parametrize("value", ["2024-05", "2024", " 2024-05 "])
def test_a_time_element_naming_only_a_month_or_year_does_not_invent_a_day(value):
    """htmldate, asked next, reads the same element and makes the 1st of the month of it."""
    assert metadata("", f'<time datetime="{value}">May 2024</time>').published is None


def test_a_full_date_elsewhere_still_counts_after_a_month_only_time_element():
    body = '<time datetime="2024-05">May 2024</time><time datetime="2024-05-17">17 May</time>'
    assert metadata("", body).published == "2024-05-17"
