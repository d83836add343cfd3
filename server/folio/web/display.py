"""How a stored article reads on a page: dates, reading time, site line, safe URLs and HTML.

Registered as Jinja filters and globals, so templates take `StoredArticle` rows as they are.
The labels match the extension's reader view (extension/lib/format.js).
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import nh3
from markupsafe import Markup

from folio.library.article_rows import tags_of
from folio.library.urls import domain_of, is_web_url
from folio.sanitize import sanitize_html
from folio.storage import StoredArticle
from folio.web.blueprint import bp

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
TEXT_DIRECTIONS = ("ltr", "rtl", "auto")
# A BCP 47 tag as pages write it ("en", "pt-BR", "zh-Hant-TW"); anything else is left out.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


@bp.app_template_filter("day")
def day_label(value: datetime | date | str | None) -> str:
    """"3 May 2024" from a datetime or an ISO 8601 string; "" when there is no readable date."""
    moment = as_date(value)
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}" if moment else ""


@bp.app_template_filter("iso_day")
def iso_day(value: datetime | date | str | None) -> str:
    moment = as_date(value)
    return moment.isoformat() if moment else ""


def as_date(value: datetime | date | str | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


@bp.app_template_filter("reading_time")
def reading_time(row: StoredArticle) -> str:
    minutes = row.reading_minutes or 0
    if minutes <= 0:
        return "1 min read" if row.word_count else ""
    return f"{minutes} min read"


@bp.app_template_filter("byline")
def byline_label(row: StoredArticle) -> str:
    """"By Jane Doe" in English articles; other languages get the name alone."""
    text = (row.byline or "").strip()
    if not text or (row.lang and not row.lang.lower().startswith("en")):
        return text
    return text if text.lower().startswith("by ") else f"By {text}"


@bp.app_template_filter("site_label")
def site_label(row: StoredArticle) -> str:
    return row.site_name or row.domain or domain_of(row.url)


@bp.app_template_filter("site_filter")
def site_filter_value(row: StoredArticle) -> str:
    """What `?site=` takes to list this site's articles: the domain, else the site name."""
    return row.domain or domain_of(row.url) or row.site_name or ""


@bp.app_template_filter("title")
def article_title(row: StoredArticle) -> str:
    return row.title or row.url


@bp.app_template_filter("web_url")
def web_url(value: str | None) -> str | None:
    """An http(s) URL, or None: pages never link or load `javascript:` or `data:` from an article."""
    return value if value and is_web_url(value) else None


@bp.app_template_global()
def tag_names(row: StoredArticle) -> list[str]:
    return [tag.name for tag in tags_of(row)]


@bp.app_template_global()
def text_direction(row: StoredArticle) -> str:
    return row.dir if row.dir in TEXT_DIRECTIONS else "auto"


@bp.app_template_global()
def language_tag(row: StoredArticle) -> str | None:
    return row.lang if row.lang and LANGUAGE_TAG.fullmatch(row.lang) else None


@bp.app_template_global()
def article_html(row: StoredArticle) -> Markup:
    """The article body: sanitized before it was stored, and again here in case the allow-list
    has tightened since (or a row was written by something that skipped it)."""
    return Markup(sanitize_html(row.content_html or ""))


@bp.app_template_global()
def separate_lead_image(row: StoredArticle) -> str | None:
    """The lead image to show above the text, unless the text already starts with it."""
    src = web_url(row.lead_image)
    if src is None:
        return None
    body = row.content_html or ""
    return None if src in body or html.escape(src) in body else src


def search_snippet(snippet: str | None) -> Markup | None:
    """A search snippet as HTML. `folio.storage.search_spec.render_snippet` escaped the text and
    added only <mark> tags; the allow-list of one tag makes sure nothing else gets through."""
    if not snippet:
        return None
    return Markup(nh3.clean(snippet, tags={"mark"}, attributes={}, strip_comments=True))
