"""The one definition of an article, shared by the CLI, the API, storage and templates."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

TAG_SOURCE_PAGE = "page"
TAG_SOURCE_AUTO = "auto"
TAG_SOURCE_USER = "user"


@dataclass(frozen=True)
class Tag:
    name: str
    source: str  # "page" (declared by the page), "auto" (inferred topic) or "user"


@dataclass
class Article:
    url: str
    canonical_url: str
    title: str | None = None
    byline: str | None = None
    site_name: str | None = None
    section: str | None = None
    source: str | None = None
    published: str | None = None  # ISO 8601; date-only when the page gives no time
    modified: str | None = None
    lang: str | None = None  # BCP 47
    dir: str = "ltr"
    excerpt: str | None = None
    lead_image: str | None = None
    word_count: int = 0
    reading_minutes: int = 0
    tags: list[Tag] = field(default_factory=list)
    content_html: str = ""
    text: str = ""
    readerable: bool = True

    def to_dict(self) -> dict[str, Any]:
        # Not asdict(), which deep-copies every value: only the tags are objects to turn into dicts.
        values = {field.name: getattr(self, field.name) for field in fields(self)}
        values["tags"] = [{"name": tag.name, "source": tag.source} for tag in self.tags]
        return values

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["tags"] = [Tag(name=t["name"], source=t["source"]) for t in data.get("tags") or []]
        return cls(**values)
