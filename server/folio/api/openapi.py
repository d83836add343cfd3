"""The OpenAPI 3.1 description of the API, served at /api/v1/openapi.json.

Kept true by tests/server/test_api_openapi.py: every response the API tests receive is
validated against the schema listed here for its path, method and status.
"""

from __future__ import annotations

from typing import Any

from folio import __version__
from folio.api.inputs import MAX_TAGS, MAX_TITLE_LENGTH
from folio.library.article_rows import CAPTURE_METHODS
from folio.library.articles import MAX_PER_PAGE
from folio.library.export import EXPORT_FORMATS
from folio.library.tags import MAX_TAG_LENGTH
from folio.storage.search_spec import COUNT_CAP, SORTS, STATES


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required, "additionalProperties": False}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


TAG = _object({"name": {"type": "string"}, "source": {"enum": ["page", "auto", "user"]}})
ARTICLE_PROPERTIES: dict[str, Any] = {
    "url": {"type": "string"},
    "canonical_url": {"type": "string"},
    **{name: _nullable("string") for name in ("title", "byline", "site_name", "section", "source")},
    "published": {**_nullable("string"), "description": "ISO 8601; a date alone when the page gives no time"},
    "modified": _nullable("string"),
    "lang": {**_nullable("string"), "description": "BCP 47"},
    "dir": {"enum": ["ltr", "rtl", "auto"]},
    "excerpt": _nullable("string"),
    "lead_image": _nullable("string"),
    "word_count": {"type": "integer", "minimum": 0},
    "reading_minutes": {"type": "integer", "minimum": 0},
    "tags": {"type": "array", "items": _ref("Tag")},
    "content_html": {"type": "string", "description": "sanitized article HTML"},
    "text": {"type": "string"},
    "readerable": {"type": "boolean"},
}
STORED_PROPERTIES: dict[str, Any] = {
    "id": {"type": "integer"},
    **ARTICLE_PROPERTIES,
    "tags": {"type": "array", "items": _ref("Tag"), "description": "the user's tags on the article"},
    "saved_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
    "read": {"type": "boolean"},
    "archived": {"type": "boolean"},
    "favourite": {"type": "boolean"},
    "capture": {"enum": list(CAPTURE_METHODS)},
    "extractor_version": {"type": "string"},
    "web_url": {"type": "string", "description": "path of the article's reading page"},
}
ARCHIVE_RECORD = {
    "type": "object",
    "description": "a stored article without id and web_url, plus the original page",
    "properties": {
        **{name: schema for name, schema in STORED_PROPERTIES.items() if name not in ("id", "web_url")},
        "title_edited": {"type": "boolean"},
        "original_html": {"type": "string"},
    },
    "required": ["url", "original_html"],
}

SCHEMAS: dict[str, Any] = {
    "Error": _object({"error": {"type": "string"}, "message": {"type": "string"}}),
    "Tag": TAG,
    "Article": _object(ARTICLE_PROPERTIES),
    "StoredArticle": _object(STORED_PROPERTIES),
    "ReextractedArticle": _object({
        **STORED_PROPERTIES,
        "changes": {"type": "array", "items": {"type": "string"}, "description": "fields that changed"},
    }),
    "ArticleList": _object({
        "items": {"type": "array", "items": _object({
            **STORED_PROPERTIES,
            "snippet": {**_nullable("string"),
                        "description": "when q has words: HTML-escaped text with <mark> around matches"},
        })},
        "total": {"type": "integer", "minimum": 0},
        "total_capped": {"type": "boolean",
                         "description": f"true when more than {COUNT_CAP} articles match; total is then {COUNT_CAP}"},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1},
    }),
    "TagList": _object({"items": {"type": "array", "items": _object(
        {"name": {"type": "string"}, "count": {"type": "integer", "minimum": 1}})}}),
    "Me": _object({"service": {"const": "folio"}, "version": {"type": "string"},
                   "user": _object({"name": {"type": "string"}})}),
    "ImportResult": _object({"imported": {"type": "integer", "minimum": 0},
                             "updated": {"type": "integer", "minimum": 0}}),
    "Health": _object({"status": {"const": "ok"}, "database": {"const": "ok"}}),
    "HealthDown": _object({"status": {"const": "unavailable"}, "database": {"type": "string"},
                           "error": {"type": "string"}, "message": {"type": "string"}}),
    "PageInput": _object({"url": {"type": "string", "format": "uri", "description": "absolute http(s) URL"},
                          "html": {"type": "string", "minLength": 1}}),
    "SaveInput": _object({
        "url": {"type": "string", "format": "uri"},
        "html": {"type": "string", "minLength": 1},
        "tags": {"type": "array", "maxItems": MAX_TAGS,
                 "items": {"type": "string", "minLength": 1, "maxLength": MAX_TAG_LENGTH}},
        "capture": {"enum": list(CAPTURE_METHODS), "default": "api"},
    }, required=["url", "html"]),
    "ArticleChanges": _object({
        "tags": {"type": "array", "maxItems": MAX_TAGS,
                 "items": {"type": "string", "minLength": 1, "maxLength": MAX_TAG_LENGTH},
                 "description": "replaces the article's tags"},
        "title": {"type": "string", "maxLength": MAX_TITLE_LENGTH},
        "read": {"type": "boolean"},
        "archived": {"type": "boolean"},
        "favourite": {"type": "boolean"},
    }, required=[]),
    "TagRename": _object({"name": {"type": "string", "minLength": 1, "maxLength": MAX_TAG_LENGTH}}),
    "FolioExport": {
        "type": "object",
        "properties": {"format": {"const": "folio-export"}, "version": {"const": 1},
                       "exported_at": {"type": "string"}, "articles": {"type": "array", "items": ARCHIVE_RECORD}},
        "required": ["format", "version", "articles"],
    },
}

ERROR_DESCRIPTIONS = {
    400: "bad input, or a Host name the server does not answer to (FOLIO_ALLOWED_HOSTS)", 401: "missing, unknown or revoked token", 403: "a foreign Origin",
    404: "no such article (or another user's)", 405: "method not allowed", 413: "body too large",
    415: "body is not JSON", 422: "the html holds no article", 429: "too many failed authentications",
    500: "a server fault (a bug)", 503: "database unavailable",
}


def _errors(*statuses: int) -> dict[str, Any]:
    common = (400, 401, 403, 429, 500, 503)
    return {str(status): _json(_ref("Error"), ERROR_DESCRIPTIONS[status]) for status in sorted({*common, *statuses})}


def _body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}


ARTICLE_ID = {"name": "article_id", "in": "path", "required": True, "schema": {"type": "integer"}}
# allowEmptyValue: "?state=&page=" means the default, as an HTML form sends an empty field.
LIST_FILTERS = [
    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500},
     "description": 'words (all must match), "exact phrase", -excluded, word*, tag:NAME, site:NAME'},
    {"name": "tag", "in": "query", "schema": {"type": "string"}},
    {"name": "site", "in": "query", "schema": {"type": "string"}, "description": "a domain or a site name"},
    {"name": "state", "in": "query", "schema": {"enum": list(STATES)}, "allowEmptyValue": True,
     "description": "unread: neither read nor archived; empty: every article"},
    {"name": "sort", "in": "query", "schema": {"enum": list(SORTS), "default": "newest"}, "allowEmptyValue": True,
     "description": "newest/oldest: the order articles were added; relevance: needs words in q"},
]
# An export is always in the order the articles were added: it takes the filters but no sort.
EXPORT_FILTERS = [parameter for parameter in LIST_FILTERS if parameter["name"] != "sort"]
PAGING = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}, "allowEmptyValue": True},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                                                   "default": 20}, "allowEmptyValue": True},
    {"name": "url", "in": "query", "schema": {"type": "string"},
     "description": "only the article saved from this page (tracking parameters and fragment ignored)"},
]

PATHS: dict[str, Any] = {
    "/healthz": {"get": {
        "summary": "Server and database health", "security": [],
        "responses": {"200": _json(_ref("Health"), "healthy"), "400": _json(_ref("Error"), ERROR_DESCRIPTIONS[400]),
                      "503": _json(_ref("HealthDown"), "database down")},
    }},
    "/api/v1/me": {"get": {
        "summary": "The token's user (the extension's connection test)",
        "responses": {"200": _json(_ref("Me"), "the service and user"), **_errors()},
    }},
    "/api/v1/openapi.json": {"get": {
        "summary": "This document", "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1"), **_errors()},
    }},
    "/api/v1/extract": {"post": {
        "summary": "Extract the article from a page; nothing is stored", "requestBody": _body("PageInput"),
        "responses": {"200": _json(_ref("Article"), "the article"), **_errors(413, 415, 422)},
    }},
    "/api/v1/articles": {
        "post": {
            "summary": "Save a page (again: updates it, keeping tags and state)", "requestBody": _body("SaveInput"),
            "responses": {"201": _json(_ref("StoredArticle"), "saved"), "200": _json(_ref("StoredArticle"), "updated"),
                          **_errors(413, 415, 422)},
        },
        "get": {
            "summary": "List or search articles", "parameters": LIST_FILTERS + PAGING,
            "responses": {"200": _json(_ref("ArticleList"), "one page"), **_errors()},
        },
    },
    "/api/v1/articles/{article_id}": {
        "parameters": [ARTICLE_ID],
        "get": {"summary": "One article",
                "responses": {"200": _json(_ref("StoredArticle"), "the article"), **_errors(404)}},
        "patch": {"summary": "Change tags, title or state", "requestBody": _body("ArticleChanges"),
                  "responses": {"200": _json(_ref("StoredArticle"), "changed"), **_errors(404, 413, 415)}},
        "delete": {"summary": "Delete an article",
                   "responses": {"204": {"description": "deleted"}, **_errors(404)}},
    },
    "/api/v1/articles/{article_id}/reextract": {
        "parameters": [ARTICLE_ID],
        "post": {"summary": "Run the extractor again on the stored page",
                 "responses": {"200": _json(_ref("ReextractedArticle"), "re-extracted"), **_errors(404, 422)}},
    },
    "/api/v1/tags": {"get": {
        "summary": "The user's tags with article counts",
        "responses": {"200": _json(_ref("TagList"), "tags, most used first"), **_errors()},
    }},
    "/api/v1/tags/{name}": {"patch": {
        "summary": "Rename a tag; renaming onto an existing tag merges them",
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
        "requestBody": _body("TagRename"),
        "responses": {"200": _json(_ref("TagList"), "tags after the change"), **_errors(404, 413, 415)},
    }},
    "/api/v1/export": {"get": {
        "summary": "Download the articles matching the filters",
        "parameters": [{"name": "format", "in": "query", "schema": {"enum": list(EXPORT_FORMATS), "default": "json"}},
                       *EXPORT_FILTERS],
        "responses": {
            "200": {"description": "the file (attachment)", "content": {
                "application/json": {"schema": _ref("FolioExport")},
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/epub+zip": {"schema": {"type": "string", "contentEncoding": "binary"}},
            }},
            **_errors(),
        },
    }},
    "/api/v1/import": {"post": {
        "summary": "Import a Folio export (JSON)", "requestBody": _body("FolioExport"),
        "responses": {"200": _json(_ref("ImportResult"), "counts"), **_errors(413, 415)},
    }},
}


def openapi_spec() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Folio API", "version": __version__,
                 "description": "Self-hosted reading mode and archive. Errors are {\"error\", \"message\"}."},
        "servers": [{"url": "/"}],
        "security": [{"token": []}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                          "description": "an API token from `folio token create NAME`"}},
        },
    }
