"""The Folio export format (JSON): every stored field of every article, original page included.

    {"format": "folio-export", "version": 1, "exported_at": "...", "articles": [record, ...]}

A record is the stored article JSON without `id` and `web_url`, plus `original_html` and
`title_edited`. `read_archive` validates a file strictly, and sends its HTML and text fields
through `folio.sanitize` like any extracted page: an import is untrusted input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import IO, Any

from folio.article import TAG_SOURCE_AUTO, TAG_SOURCE_PAGE, TAG_SOURCE_USER, Article, Tag
from folio.errors import BadInput, clipped
from folio.library.article_rows import (
    CAPTURE_METHODS,
    STATE_FIELDS,
    iso_time,
    original_html,
    storable_text,
    stored_article_dict,
)
from folio.library.tags import MAX_TAG_LENGTH, clean_tag_name
from folio.library.urls import is_web_url
from folio.sanitize import sanitize_html, sanitize_text
from folio.storage import StoredArticle, utc_now

FORMAT_NAME = "folio-export"
FORMAT_VERSION = 1
TAG_SOURCES = (TAG_SOURCE_PAGE, TAG_SOURCE_AUTO, TAG_SOURCE_USER)
OPTIONAL_TEXT_FIELDS = ("title", "byline", "site_name", "section", "source", "published", "modified",
                        "lang", "excerpt", "lead_image")
COUNT_FIELDS = ("word_count", "reading_minutes")
# What the database columns hold (PostgreSQL refuses more, where SQLite would store anything).
TEXT_FIELD_LIMITS = {"published": 64, "modified": 64, "lang": 35}
MAX_COUNT = 2**31 - 1
SHOWN_VALUE_LENGTH = 40  # a value quoted back in an error message


@dataclass
class ArchivedArticle:
    """One record of an export file, checked and typed."""

    article: Article
    original_html: str
    saved_at: datetime
    updated_at: datetime
    read: bool
    archived: bool
    favourite: bool
    title_edited: bool
    capture: str
    extractor_version: str


def write_archive(rows: Iterable[StoredArticle], out: IO[bytes]) -> None:
    """Stream the export to `out`, one article at a time."""
    header = json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION, "exported_at": iso_time(utc_now())})
    out.write(header.removesuffix("}").encode() + b', "articles": [')  # the list follows, streamed
    for index, row in enumerate(rows):
        if index:
            out.write(b",")
        out.write(b"\n" + json.dumps(archive_record(row), ensure_ascii=False).encode())
    out.write(b"\n]}\n")


def archive_record(row: StoredArticle) -> dict[str, Any]:
    record = stored_article_dict(row)
    del record["id"], record["web_url"]
    record["title_edited"] = row.title_edited
    record["original_html"] = original_html(row)
    return record


def read_archive(data: bytes | str | dict) -> list[ArchivedArticle]:
    if not isinstance(data, dict):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError):  # "[[[[..." 100,000 deep: no export
            raise BadInput("the import is not JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise BadInput(f"the import is not a Folio export (\"format\": \"{FORMAT_NAME}\")")
    if data.get("version") != FORMAT_VERSION:
        found = clipped(repr(data.get("version")), SHOWN_VALUE_LENGTH)
        raise BadInput(f"this Folio reads export version {FORMAT_VERSION}, not {found}")
    if not isinstance(data.get("exported_at", ""), str):
        raise BadInput("exported_at must be a date and time (a string)")
    records = data.get("articles")
    if not isinstance(records, list):
        raise BadInput("the export has no \"articles\" list")
    return [_read_record(record, index) for index, record in enumerate(records)]


def _read_record(record: Any, index: int) -> ArchivedArticle:
    where = f"article {index + 1}"
    if not isinstance(record, dict):
        raise BadInput(f"{where} is not an object")
    field = _FieldReader(record, where)
    url = field.text("url")
    if not is_web_url(url):
        raise BadInput(f"{where}: url must be an absolute http(s) URL")
    canonical = field.text("canonical_url", default=url)
    values: dict[str, Any] = {"url": url, "canonical_url": canonical if is_web_url(canonical) else url}
    # An export file is untrusted input: it passes the same allow-list as an extracted page.
    values.update({name: sanitize_text(field.optional_text(name)) for name in OPTIONAL_TEXT_FIELDS})
    for name, limit in TEXT_FIELD_LIMITS.items():
        if values[name] is not None and len(values[name]) > limit:
            raise BadInput(f"{where}: {name} must be at most {limit} characters")
    values.update({name: field.count(name) for name in COUNT_FIELDS})
    values["dir"] = field.choice("dir", ("ltr", "rtl", "auto"), default="ltr")
    values["content_html"] = sanitize_html(field.text("content_html", default=""))
    values["text"] = field.text("text", default="")
    values["readerable"] = field.flag("readerable", default=True)
    article = Article(**values, tags=field.tags())
    states = {name: field.flag(name, default=False) for name in STATE_FIELDS}
    return ArchivedArticle(
        article=article,
        original_html=field.text("original_html"),
        saved_at=field.time("saved_at"),
        updated_at=field.time("updated_at"),
        title_edited=field.flag("title_edited", default=False),
        capture=field.choice("capture", CAPTURE_METHODS, default="import"),
        extractor_version=field.text("extractor_version", default="unknown")[:32],
        **states,
    )


_REQUIRED = object()


class _FieldReader:
    """Typed access to one record's fields, naming the record and field in every error."""

    def __init__(self, record: dict[str, Any], where: str):
        self.record = record
        self.where = where

    def _get(self, name: str, default: Any) -> Any:
        if name in self.record and self.record[name] is not None:
            return self.record[name]
        if default is _REQUIRED:
            raise BadInput(f"{self.where}: {name} is missing")
        return default

    def _fail(self, name: str, expected: str) -> BadInput:
        return BadInput(f"{self.where}: {name} must be {expected}")

    def text(self, name: str, default: Any = _REQUIRED) -> str:
        value = self._get(name, default)
        if not isinstance(value, str):
            raise self._fail(name, "a string")
        return storable_text(value)  # JSON may carry NULs and half surrogate pairs ("\ud800")

    def optional_text(self, name: str) -> str | None:
        return self.text(name, default=None) if self.record.get(name) is not None else None

    def count(self, name: str) -> int:
        value = self._get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
            raise self._fail(name, f"a whole number from 0 to {MAX_COUNT}")
        return value

    def flag(self, name: str, default: bool) -> bool:
        value = self._get(name, default)
        if not isinstance(value, bool):
            raise self._fail(name, "true or false")
        return value

    def choice(self, name: str, options: tuple[str, ...], default: str) -> str:
        value = self._get(name, default)
        if value not in options:
            raise self._fail(name, "one of " + ", ".join(options))
        return value

    def time(self, name: str) -> datetime:
        value = self._get(name, None)
        if value is None:
            return utc_now()
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None:
            raise self._fail(name, "an ISO 8601 date and time")
        try:  # "9999-12-31T23:59:59-05:00" is past the last datetime once in UTC
            return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
        except OverflowError:
            raise self._fail(name, "an ISO 8601 date and time") from None

    def tags(self) -> list[Tag]:
        value = self._get("tags", [])
        if not isinstance(value, list):
            raise self._fail("tags", "a list")
        tags = []
        for item in value:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise self._fail("tags", "a list of {\"name\", \"source\"} objects")
            name = clean_tag_name(item["name"])
            if not name or len(name) > MAX_TAG_LENGTH:
                raise self._fail("tags", f"names of 1 to {MAX_TAG_LENGTH} characters")
            if item.get("source") not in TAG_SOURCES:
                raise self._fail("tags", "sources among " + ", ".join(TAG_SOURCES))
            tags.append(Tag(name=name, source=item["source"]))
        return tags
