"""Reading API input strictly: the JSON body and query parameters, checked and typed.

Anything malformed is a `BadInput` (400) or `UnsupportedMediaType` (415) naming the field; no
bad input gets as far as a service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, request

from folio.errors import BadInput, TooLarge, UnsupportedMediaType
from folio.library import ArticleFilter
from folio.library.article_rows import CAPTURE_METHODS
from folio.library.articles import MAX_PER_PAGE
from folio.library.tags import MAX_TAG_LENGTH
from folio.library.urls import is_web_url

MAX_TAGS = 50
MAX_TITLE_LENGTH = 1000


@dataclass(frozen=True)
class PageInput:
    url: str
    html: str
    tags: list[str]
    capture: str


def json_body() -> dict[str, Any]:
    """The request body as a JSON object."""
    if not request.is_json:
        raise UnsupportedMediaType("send the body as JSON with 'Content-Type: application/json'")
    if request.content_encoding and request.content_encoding.strip().lower() != "identity":
        # Nothing here inflates bodies (a 1 MB gzip can hold 1 GB): say so instead of reading bytes.
        raise UnsupportedMediaType("send the body uncompressed: Content-Encoding is not supported")
    try:
        body = current_app.json.loads(_body_bytes())
    except (ValueError, RecursionError):
        raise BadInput("the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise BadInput("the body must be a JSON object")
    return body


def _body_bytes() -> bytes:
    data = request.get_data(cache=False)
    limit = request.max_content_length
    if request.content_length is None and limit is not None and len(data) >= limit:
        # A body streamed without Content-Length (chunked) is cut at the limit without a word;
        # one more byte waiting means it was larger, and is not to be read as the truncated JSON.
        if request.environ["wsgi.input"].read(1):
            raise TooLarge(f"the request body is larger than {limit} bytes")
    return data


def _only_fields(body: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise BadInput(f"unknown field {unknown[0]!r}; expected some of {', '.join(sorted(allowed))}")


def page_input(body: dict[str, Any], *, with_tags: bool) -> PageInput:
    """`{"url", "html"}`, plus `"tags"` and `"capture"` when saving."""
    _only_fields(body, {"url", "html", "tags", "capture"} if with_tags else {"url", "html"})
    url = body.get("url")
    if not isinstance(url, str) or not is_web_url(url):
        raise BadInput("url must be an absolute http:// or https:// URL")
    html = body.get("html")
    if not isinstance(html, str) or not html.strip():
        raise BadInput("html must be a non-empty string")
    capture = body.get("capture", "api")
    if capture not in CAPTURE_METHODS:
        raise BadInput(f"capture must be one of {', '.join(CAPTURE_METHODS)}")
    return PageInput(url=url, html=html, tags=tag_names(body.get("tags", [])), capture=capture)


def tag_names(value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_TAGS:
        raise BadInput(f"tags must be a list of at most {MAX_TAGS} names")
    for name in value:
        if (not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_TAG_LENGTH
                or any(ord(ch) < 32 for ch in name)):
            raise BadInput(f"each tag must be a name of 1 to {MAX_TAG_LENGTH} printable characters")
    return value


def article_changes(body: dict[str, Any]) -> dict[str, Any]:
    """PATCH /articles/<id>: the fields to change, as keyword arguments of `update_article`."""
    _only_fields(body, {"tags", "title", "read", "archived", "favourite"})
    changes: dict[str, Any] = {}
    if "tags" in body:
        changes["tags"] = tag_names(body["tags"])
    if "title" in body:
        title = body["title"]
        if not isinstance(title, str) or len(title) > MAX_TITLE_LENGTH or any(ord(ch) < 32 for ch in title):
            raise BadInput(f"title must be a single line of at most {MAX_TITLE_LENGTH} characters")
        changes["title"] = title
    for name in ("read", "archived", "favourite"):
        if name in body:
            if not isinstance(body[name], bool):
                raise BadInput(f"{name} must be true or false")
            changes[name] = body[name]
    return changes


def new_tag_name(body: dict[str, Any]) -> str:
    _only_fields(body, {"name"})
    return tag_names([body.get("name")])[0]


def list_filters() -> ArticleFilter:
    """The filters of GET /articles and GET /export (values are checked by the library)."""
    url = request.args.get("url")
    if url is not None and not is_web_url(url):
        raise BadInput("url must be an absolute http:// or https:// URL")
    return ArticleFilter(
        q=request.args.get("q", ""),
        tag=request.args.get("tag") or None,
        site=request.args.get("site") or None,
        state=request.args.get("state") or None,
        sort=request.args.get("sort") or "newest",
        url=url,
    )


def paging() -> tuple[int, int]:
    return _whole_number("page", 1, minimum=1), _whole_number("per_page", 20, minimum=1, maximum=MAX_PER_PAGE)


def _whole_number(name: str, default: int, *, minimum: int, maximum: int | None = None) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise BadInput(f"{name} must be a whole number")
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        raise BadInput(f"{name} must be between {minimum} and {maximum}" if maximum else f"{name} must be at least {minimum}")
    return value
