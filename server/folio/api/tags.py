"""API routes for tags: list with counts, rename (merging into an existing tag)."""

from __future__ import annotations

from folio import library
from folio.api.blueprint import bp, current_user
from folio.api.inputs import json_body, new_tag_name
from folio.app_context import db_session


def _tag_list(tags: list[library.TagCount]) -> dict:
    return {"items": [{"name": tag.name, "count": tag.count} for tag in tags]}


@bp.get("/tags")
def list_tags():
    return _tag_list(library.list_tags(db_session(), current_user()))


@bp.patch("/tags/<path:name>")
def rename_tag(name: str):
    new_name = new_tag_name(json_body())
    return _tag_list(library.rename_tag(db_session(), current_user(), name, new_name))
