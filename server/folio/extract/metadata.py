"""Article metadata from the page's own statements: JSON-LD, <meta> tags, then the visible page.

The order of preference follows Mozilla Readability (JSON-LD, then Dublin Core/Open Graph/
Twitter/Parse.ly tags, then the document), with Folio's additions: section, source, modified
date, page tags, and the site name removed from the headline.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html

from htmldate import find_date

from folio.extract.dates import normalise_date
from folio.extract.structured_data import StructuredData, names_of, read_structured_data, text_of

TITLE_META = ("dc:title", "dcterm:title", "dcterms:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title",
              "twitter:title", "parsely-title")
BYLINE_META = ("dc:creator", "dcterm:creator", "dcterms:creator", "author", "parsely-author", "sailthru.author",
               "byl")
EXCERPT_META = ("dc:description", "dcterm:description", "dcterms:description", "og:description", "weibo:article:description",
                "weibo:webpage:description", "description", "twitter:description")
PUBLISHED_META = ("article:published_time", "parsely-pub-date", "og:published_time", "datepublished",
                  "date", "dc:date", "dc:date.issued", "dcterms:issued", "dcterms:created", "dcterms:date",
                  "pubdate", "publishdate", "sailthru.date", "article.published", "published_time")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms:modified",
                 "last-modified", "article.updated")
SECTION_META = ("article:section", "parsely-section", "section", "article.section", "category")
SOURCE_META = ("original-source", "syndication-source", "dc:source", "source")
IMAGE_META = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
PAGE_TAG_META = ("article:tag", "parsely-tags", "news_keywords", "keywords")
# Separators between a headline and a site name in <title> (Readability's, plus dashes).
TITLE_SEPARATORS = r"[\|\-–—\\\/>»·:]"
HIERARCHICAL_SEPARATORS = re.compile(r" [\\\/>»] ")
ANY_SEPARATOR = re.compile(rf" {TITLE_SEPARATORS} ")
# Elements that credit the author, by the class/id/rel/itemprop words sites use for them.
BYLINE_NAMES = re.compile(r"byline|author|dateline|writtenby|p-author", re.IGNORECASE)
MAX_BYLINE_LENGTH = 100
MAX_TITLE_LENGTH = 1000  # what the API accepts when a user edits a title
MAX_SITE_NAME_WORDS = 4
DATE_SEARCH_CHARACTERS = 5000
MONTHS = r"(Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t|tember)?|Oct(ober)?|Nov(ember)?|Dec(ember)?)"
WRITTEN_DATE = re.compile(rf"\b{MONTHS}\.? \d{{1,2}}, (19|20)\d{{2}}\b|\b\d{{1,2}} {MONTHS} (19|20)\d{{2}}\b|"
                          r"\b(19|20)\d{2}-[01]\d-[0-3]\d\b")
PUBLISHED_NAMES = re.compile(r"publish|posted|created|dateline|pubdate", re.IGNORECASE)
# A <time datetime> may name only a year or a month (HTML's "valid month string": 2024-05).
YEAR_OR_MONTH = re.compile(r"\s*\d{4}(-\d{2})?\s*$")
BYLINE_IN_TEXT = re.compile(r"^(By|BY|Par|Por|Von|Di|Door|Av|Автор|От|Του|Της|Από)[:\s]+"
                            r"([^\W\d_][\w'’.-]+(?:\s+(?:and\s+|&\s+|et\s+|y\s+|und\s+)?[^\W\d_][\w'’.-]+){0,4})$")
BYLINE_PARTS = re.compile(r"\s+[·•|–—]\s+|\s+-\s+|\s*\|\s*")
DIGITS = re.compile(r"\d")
NAME_CONNECTORS = {"and", "&", "et", "y", "und"}
DATE_LIKE = re.compile(r"\b\d{1,2}:\d{2}\b|\b(19|20)\d{2}\b")
NOT_BYLINE_TAGS = {"script", "style", "meta", "link", "html", "body", "head", "title", "nav", "form"}
# "By Jane Doe" in the languages Folio is read in; the word is a label, not part of the name.
BYLINE_PREFIX = re.compile(r"^(by|from|par|por|von|di|door|av|af|de|автор|авторы|от|του|της|από|作者|文|记者)"
                           r"[\s:：]+", re.IGNORECASE)
# "Source: Reuters" credits to another outlet, in the same languages.
SOURCE_LABEL = r"^\s*(source|sources|quelle|fuente|fonte|источник|πηγή|来源|來源|المصدر|מקור)\s*[:：]"
SOURCE_CREDIT = re.compile(SOURCE_LABEL + r"\s*(.{2,80})$", re.IGNORECASE)
STARTS_WITH_SOURCE_LABEL = re.compile(SOURCE_LABEL, re.IGNORECASE)
SOURCE_ELEMENTS = ("p", "span", "div", "li", "small", "em", "strong", "cite", "dd")
DIRECTION_TEXT_SHARE = 0.5
RTL_LANGUAGES = {"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "syr", "arc"}
MAX_PAGE_TAGS = 20
MAX_TAG_LENGTH = 60
# What templates print when a CMS field is empty.
PLACEHOLDER_TAGS = {"null", "undefined", "none", "nan", "[]", "n/a"}


@dataclass
class PageMetadata:
    title: str | None = None
    byline: str | None = None
    site_name: str | None = None
    section: str | None = None
    source: str | None = None
    published: str | None = None
    modified: str | None = None
    lang: str | None = None
    dir: str | None = None
    excerpt: str | None = None
    lead_image: str | None = None
    canonical_url: str | None = None
    page_tags: list[str] = field(default_factory=list)


def read_metadata(root: lxml.html.HtmlElement, url: str) -> PageMetadata:
    data = read_structured_data(root)
    article = data.article
    document_title = _document_title(root)
    site_name = _clean(_publisher_name(article) or data.first_meta("og:site_name", "application-name")) \
        or _site_name_in_title(root, document_title)
    title = _clean(_json_ld_title(article, document_title) or data.first_meta(*TITLE_META)) or document_title
    return PageMetadata(
        title=_shortened(_without_site_name(title, site_name), MAX_TITLE_LENGTH),
        byline=_byline(article, data, root),
        site_name=site_name,
        section=_clean(text_of(article.get("articleSection")) or data.first_meta(*SECTION_META)),
        source=_source(data, root),
        published=normalise_date(text_of(article.get("datePublished")) or data.first_meta(*PUBLISHED_META))
        or _published_in_page(root, url),
        modified=normalise_date(text_of(article.get("dateModified")) or data.first_meta(*MODIFIED_META)),
        lang=_declared_language(root, data),
        dir=_declared_direction(root),
        excerpt=_clean(text_of(article.get("description")) or data.first_meta(*EXCERPT_META)),
        lead_image=_absolute(url, data.first_meta(*IMAGE_META) or text_of(article.get("image"))
                             or _link_href(root, "image_src")),
        canonical_url=_absolute(url, _link_href(root, "canonical") or data.first_meta("og:url")),
        page_tags=_page_tags(root, data, article),
    )


def _shortened(text: str | None, limit: int) -> str | None:
    if not text or len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(html.unescape(str(value)).split())
    return text or None


def _publisher_name(article: dict) -> str | None:
    publisher = article.get("publisher")
    names = names_of(publisher) if isinstance(publisher, (dict, list)) else []
    return names[0] if names else None


def _json_ld_title(article: dict, document_title: str | None) -> str | None:
    name, headline = article.get("name"), article.get("headline")
    name = name if isinstance(name, str) and name.strip() else None
    headline = headline if isinstance(headline, str) and headline.strip() else None
    if name and headline and name != headline and document_title:
        # Some sites put the site name in "name": take the one that looks like the page title.
        if _similarity(headline, document_title) > 0.75 >= _similarity(name, document_title):
            return headline
    return name or headline


def _similarity(a: str, b: str) -> float:
    """Readability's text similarity: the share of b's words also in a."""
    words_a = set(re.findall(r"\w+", a.lower()))
    words_b = re.findall(r"\w+", b.lower())
    if not words_a or not words_b:
        return 0.0
    unique_b = [w for w in words_b if w not in words_a]
    return 1 - len(" ".join(unique_b)) / max(1, len(" ".join(words_b)))


def _document_title(root: lxml.html.HtmlElement) -> str | None:
    """The headline from <title>, cut at a site-name separator as Readability does."""
    element = root.find(".//title")
    original = _clean(element.text_content() if element is not None else None)
    if not original:
        heading = root.find(".//h1")
        return _clean(heading.text_content()) if heading is not None else None
    title, hierarchical = original, False
    separators = list(ANY_SEPARATOR.finditer(original))
    if separators:
        hierarchical = bool(HIERARCHICAL_SEPARATORS.search(original))
        title = original[:separators[-1].start()]
        if _words(title) < 3:
            title = original[separators[0].end():]
    elif ": " in original:
        headings = {_clean(h.text_content()) for h in root.iter("h1", "h2")}
        if original not in headings:
            title = original[original.rfind(":") + 1:]
            if _words(title) < 3:
                title = original[original.find(":") + 1:]
            elif _words(original[:original.find(":")]) > 5:
                title = original
    elif len(original) > 150 or len(original) < 15:
        h1s = root.findall(".//h1")
        if len(h1s) == 1:
            title = _clean(h1s[0].text_content()) or original
    title = " ".join(title.split())
    if _words(title) <= 4 and (not hierarchical or
                               _words(title) != _words(re.sub(TITLE_SEPARATORS + "+", "", original)) - 1):
        title = original
    return title


def _words(text: str) -> int:
    return len(text.split())


def _without_site_name(title: str | None, site_name: str | None) -> str | None:
    """'Headline | Site' -> 'Headline' when the page tells us the site's name."""
    if not title or not site_name:
        return title
    pattern = re.escape(site_name)
    for regex in (rf"^(.*\S)\s+{TITLE_SEPARATORS}+\s+{pattern}$", rf"^{pattern}\s+{TITLE_SEPARATORS}+\s+(\S.*)$"):
        match = re.match(regex, title, re.IGNORECASE)
        if match and _words(match.group(1)) >= 1:
            return match.group(1).strip()
    return title


def _published_in_page(root: lxml.html.HtmlElement, url: str) -> str | None:
    """A <time datetime> the page marks as the publication date, else the first one, else a
    date written in the page's text or URL (htmldate, the date finder trafilatura uses)."""
    times = [t for t in root.iter("time") if t.get("datetime")]
    marked = [t for t in times if t.get("itemprop") == "datePublished" or t.get("pubdate") is not None
              or PUBLISHED_NAMES.search(f"{t.get('class', '')} {t.getparent().get('class', '') if t.getparent() is not None else ''}")]
    for element in marked + times:
        date = normalise_date(element.get("datetime"))
        if date:
            return date
    if any(YEAR_OR_MONTH.match(element.get("datetime")) for element in marked or times[:1]):
        return None  # the page dates itself to the month or year: htmldate would make up the 1st
    # htmldate's thorough text search costs more than the whole extraction; its markup and URL
    # search is cheap, and a date written out near the top of the page is looked for here.
    found = find_date(root, extensive_search=False, original_date=True,
                      url=url if url.startswith("http") else None, outputformat="%Y-%m-%d")
    return normalise_date(found) or _date_in_text(root)


def _date_in_text(root: lxml.html.HtmlElement) -> str | None:
    body = root.find("body")
    text = " ".join((body if body is not None else root).text_content()[:DATE_SEARCH_CHARACTERS].split())
    match = WRITTEN_DATE.search(text)
    return normalise_date(match.group(0)) if match else None


def _site_name_in_title(root: lxml.html.HtmlElement, headline: str | None) -> str | None:
    """'Headline - The Valley Courier' names the site when nothing else does."""
    element = root.find(".//title")
    title = _clean(element.text_content() if element is not None else None)
    if not title or not headline or title == headline:
        return None
    separators = list(ANY_SEPARATOR.finditer(title))
    if not separators:
        return None
    suffix = title[separators[-1].end():].strip()
    prefix = title[:separators[0].start()].strip()
    if title.startswith(headline) and 0 < _words(suffix) <= MAX_SITE_NAME_WORDS:
        return suffix
    if title.endswith(headline) and 0 < _words(prefix) <= MAX_SITE_NAME_WORDS:
        return prefix
    return None


def _byline(article: dict, data: StructuredData, root: lxml.html.HtmlElement) -> str | None:
    # A bare string author in JSON-LD is often a CMS user name ("CC7567"): only named objects count.
    names = names_of(_named_objects(article.get("author"))) or names_of(_named_objects(article.get("creator")))
    byline = ", ".join(dict.fromkeys(_clean(n) for n in names if _clean(n))) if names else None
    if not byline:
        byline = data.first_meta(*BYLINE_META)
        article_author = data.first_meta("article:author", "og:article:author")
        if not byline and article_author and not article_author.startswith(("http://", "https://")):
            byline = article_author
    byline = _clean(byline) or _byline_in_page(root) or _byline_in_text(root)
    return _without_dates(_without_byline_label(byline))


def _named_objects(value):
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return value if isinstance(value, dict) else None


def _byline_in_page(root: lxml.html.HtmlElement) -> str | None:
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in NOT_BYLINE_TAGS:
            continue
        rel, itemprop = element.get("rel") or "", element.get("itemprop") or ""
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if not (rel == "author" or "author" in itemprop or BYLINE_NAMES.search(names)):
            continue
        name_element = next((e for e in element.iter() if e.get("itemprop") == "name"), None)
        raw = (name_element if name_element is not None else element).text_content().strip()
        # Measured before whitespace is folded, as Readability does: a wrapper whose markup spreads
        # name, job title and date over indented lines is passed over for the tighter element inside.
        if raw and len(raw) < MAX_BYLINE_LENGTH and not _in_page_furniture(element):
            return _clean(raw)
    return None


def _byline_in_text(root: lxml.html.HtmlElement) -> str | None:
    """A line of text such as "By Harold Jennings" on pages with no markup for it."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in NOT_BYLINE_TAGS:
            continue
        for text in (element.text, element.tail):
            if text and len(text) < MAX_BYLINE_LENGTH:
                match = BYLINE_IN_TEXT.match(" ".join(text.split()))
                if match and all(word[0].isupper() for word in match.group(2).split()
                                 if word not in NAME_CONNECTORS):
                    return match.group(2)
    return None


def _without_dates(byline: str | None) -> str | None:
    """'Rosa Delgado · September 18, 2023' -> 'Rosa Delgado': bylines often carry the date."""
    if not byline:
        return None
    parts = [part.strip() for part in BYLINE_PARTS.split(byline) if part.strip()]
    kept = [part for part in parts if not (DIGITS.search(part) and normalise_date(part))]
    kept = [part for part in kept if not DATE_LIKE.search(part)] or kept
    return ", ".join(kept) if kept and len(kept) < len(parts) else byline


def _in_page_furniture(element: lxml.html.HtmlElement) -> bool:
    """Menus, sign-in bars and link lists that happen to have "author" in a class name."""
    links = element.findall(".//a")
    if len(links) >= 3:
        return True
    return any(a.tag in ("nav", "footer", "aside", "form") or a.get("role") in ("navigation", "menu")
               for a in element.iterancestors())


def _without_byline_label(byline: str | None) -> str | None:
    if not byline:
        return None
    cleaned = BYLINE_PREFIX.sub("", byline).strip(" ,;|") or byline
    return cleaned


def _source(data: StructuredData, root: lxml.html.HtmlElement) -> str | None:
    stated = _clean(data.first_meta(*SOURCE_META))
    if stated and not stated.startswith(("http://", "https://")):
        return stated
    for element in root.iter(*SOURCE_ELEMENTS):
        lead = element.text if (element.text or "").strip() else (element[0].text if len(element) else None)
        if not lead or not STARTS_WITH_SOURCE_LABEL.match(lead):
            continue
        match = SOURCE_CREDIT.match(" ".join(element.text_content().split()))
        if match and not any(a.tag in ("figcaption", "figure", "nav", "footer") for a in element.iterancestors()):
            return match.group(2).strip(" .")  # picture credits and page furniture are not the source
    return None


def _declared_language(root: lxml.html.HtmlElement, data: StructuredData) -> str | None:
    body = root.find("body")
    declared = root.get("lang") or root.get("xml:lang") or (body.get("lang") if body is not None else None) \
        or data.first_meta("content-language", "dc:language", "dcterms:language", "og:locale", "language")
    return normalise_language(declared)


def normalise_language(value: str | None) -> str | None:
    """'en_US' / 'EN-us' -> 'en-US'; anything that is not a language tag -> None."""
    if not value:
        return None
    tag = value.strip().split(",")[0].replace("_", "-")
    parts = tag.split("-")
    if not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None
    normalised = [parts[0].lower()]
    for part in parts[1:]:
        if re.fullmatch(r"[A-Za-z]{2}", part):
            normalised.append(part.upper())
        elif re.fullmatch(r"[A-Za-z]{4}", part):
            normalised.append(part.title())
        elif re.fullmatch(r"[A-Za-z0-9]{1,8}", part):
            normalised.append(part.lower())
    return "-".join(normalised)


def _declared_direction(root: lxml.html.HtmlElement) -> str | None:
    """The dir attribute nearest to the text: of the elements that declare one, the deepest that
    still holds most of the page's text (a page may say ltr on <html> and rtl on <main>)."""
    declared = [e for e in root.iter() if isinstance(e.tag, str) and (e.get("dir") or "").lower() in ("rtl", "ltr")]
    if not declared:
        return None
    if len(declared) == 1:
        return declared[0].get("dir").lower()
    body = root.find("body")
    total = len((body if body is not None else root).text_content().strip())
    best, best_depth = None, -1
    for element in declared:
        depth = sum(1 for _ in element.iterancestors())
        if depth > best_depth and len(element.text_content().strip()) >= DIRECTION_TEXT_SHARE * total:
            best, best_depth = element, depth
    return best.get("dir").lower() if best is not None else None


def direction_of_language(lang: str | None) -> str | None:
    if not lang:
        return None
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def _link_href(root: lxml.html.HtmlElement, rel: str) -> str | None:
    for link in root.iter("link"):
        if rel in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href").strip()
    return None


def _absolute(base: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        absolute = urljoin(base, value.strip())
    except ValueError:
        return None
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _page_tags(root: lxml.html.HtmlElement, data: StructuredData, article: dict) -> list[str]:
    found: list[str] = []
    for link in root.iter("a"):
        if "tag" in (link.get("rel") or "").lower().split():
            found.append(link.text_content())
    for name in PAGE_TAG_META:
        for value in data.all_meta(name):
            found.extend(value.split(",") if name != "article:tag" else [value])
    keywords = article.get("keywords")
    if isinstance(keywords, str):
        found.extend(keywords.split(","))
    elif isinstance(keywords, list):
        found.extend(k for k in keywords if isinstance(k, str))
    tags, seen = [], set()
    for raw in found:
        tag = _clean(raw.lstrip("#"))
        if not tag or len(tag) > MAX_TAG_LENGTH or tag.casefold() in seen or tag.casefold() in PLACEHOLDER_TAGS:
            continue
        seen.add(tag.casefold())
        tags.append(tag)
    return tags[:MAX_PAGE_TAGS]
