"""The extraction pipeline: page HTML and its URL in, a sanitized Article out.

The page is parsed once; metadata is read from the untouched tree, then the tree is cleaned in
place and shared (as copies) by the two content extractors.
"""

from __future__ import annotations

import lxml.html

from folio.article import TAG_SOURCE_AUTO, TAG_SOURCE_PAGE, Article, Tag
from folio.errors import Unprocessable
from folio.extract.article_figures import restore_figures
from folio.extract.candidates import Candidate, readability_candidate, trafilatura_candidate
from folio.extract.decode import decode_page
from folio.extract.document import parse_page
from folio.extract.language import detect_language, text_direction
from folio.extract.lazy_images import resolve_lazy_images
from folio.extract.merge import covers_page_prose, merge_candidates
from folio.extract.lead_figure import add_lead_figure, first_content_image
from folio.extract.metadata import read_metadata
from folio.extract.page_places import PageIndex
from folio.extract.paragraphs import paragraphs_from_line_breaks
from folio.extract.postclean import postclean
from folio.extract.preclean import preclean
from folio.extract.readerable import is_probably_readerable
from folio.extract.tags import auto_tags
from folio.extract.text import body_text, reading_minutes, word_count
from folio.extract.urls import make_urls_absolute, page_base
from folio.sanitize import sanitize_html, sanitize_text

EXTRACTOR_VERSION = "1.0.0"


def extract_article(html: str | bytes, url: str) -> Article:
    page = parse_page(decode_page(html))
    metadata = read_metadata(page, url)
    readerable = is_probably_readerable(page)
    base = page_base(page, url, metadata.canonical_url)
    resolve_lazy_images(page)
    preclean(page)
    paragraphs_from_line_breaks(page)
    index = PageIndex(page)
    candidate = _article_body(page, url, index)
    if candidate is None:
        raise Unprocessable("no article text was found in the page")
    body = candidate.body
    restore_figures(body, page, index)
    postclean(body, metadata.title, metadata.byline)
    add_lead_figure(body, page)
    make_urls_absolute(body, base)
    content_html = sanitize_html(lxml.html.tostring(body, encoding="unicode"))
    content = lxml.html.fragment_fromstring(content_html or "<p></p>", create_parent="div")
    text = body_text(content)
    if not text:
        raise Unprocessable("no article text was found in the page")

    lang = metadata.lang or detect_language(text)
    title = sanitize_text(metadata.title)
    page_tags = [sanitize_text(t) for t in metadata.page_tags]
    tags = [Tag(name, TAG_SOURCE_PAGE) for name in page_tags if name]
    byline = sanitize_text(metadata.byline)
    tags += [Tag(name, TAG_SOURCE_AUTO) for name in auto_tags(title, _prose(content) or text, lang, page_tags, byline)]
    return Article(
        url=url,
        canonical_url=metadata.canonical_url or url,
        title=title,
        byline=byline,
        site_name=sanitize_text(metadata.site_name),
        section=sanitize_text(metadata.section),
        source=sanitize_text(metadata.source),
        published=metadata.published,
        modified=metadata.modified,
        lang=lang,
        dir=metadata.dir or text_direction(lang, text),
        excerpt=sanitize_text(metadata.excerpt) or _first_paragraph(content),
        lead_image=metadata.lead_image or first_content_image(content),
        word_count=word_count(text),
        reading_minutes=reading_minutes(text),
        tags=tags,
        content_html=content_html,
        text=text,
        readerable=readerable,
    )


WARM_UP_PAGE = """<html lang="en"><head><title>Warm-up | Folio</title></head><body><article>
<h1>Warm-up</h1><p>Folio loads its language model and keyphrase extractor on first use. This page
is extracted once at start-up so that no reader waits for that, and so that worker processes
forked afterwards share what was loaded.</p><p>Zweiter Absatz auf Deutsch, damit die
Spracherkennung geladen wird, bevor die erste echte Seite kommt.</p></article></body></html>"""


def warm_up() -> None:
    """Loads the lazily loaded models (language identification, YAKE) in this process."""
    article = extract_article(WARM_UP_PAGE, "https://folio.invalid/warm-up")
    detect_language(article.text)


def _article_body(page: lxml.html.HtmlElement, url: str, index: PageIndex) -> Candidate | None:
    base = readability_candidate(page, url)
    if base is not None and covers_page_prose(base, page):
        return base
    return merge_candidates(base, trafilatura_candidate(page, url), page, index)


def _prose(content: lxml.html.HtmlElement) -> str:
    """The article's paragraphs without captions: photo credits name no topic."""
    return "\n".join(p.text_content() for p in content.iter("p")
                     if not any(a.tag in ("figure", "figcaption") for a in p.iterancestors()))


def _first_paragraph(content: lxml.html.HtmlElement) -> str | None:
    """The excerpt when the page gives none: its first paragraph, as Readability does."""
    for paragraph in content.iter("p"):
        text = " ".join(paragraph.text_content().split())
        if text:
            return text
    return None
