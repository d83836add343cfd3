"""The tag, site and state filters of a search as SQL conditions over `articles`."""

from __future__ import annotations

from sqlalchemy import and_, false, not_, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from folio.storage.models import ArticleTag, StoredArticle, Tag
from folio.storage.search_spec import SearchSpec, Site


def filter_conditions(spec: SearchSpec) -> list[ColumnElement[bool]]:
    """The tag, site and state filters as SQL over `articles`."""
    conditions = [_has_tag(spec.user_id, key) for key in spec.tag_keys]
    conditions += [not_(_has_tag(spec.user_id, key)) for key in spec.excluded_tag_keys]
    conditions += [_on_site(site) for site in spec.sites]
    conditions += [not_(_on_site(site)) for site in spec.excluded_sites]
    if spec.state:
        conditions.append(state_condition(spec.state))
    return conditions


def state_condition(state: str) -> ColumnElement[bool]:
    if state == "unread":  # the reading queue: neither read nor put away
        return and_(StoredArticle.read == false(), StoredArticle.archived == false())
    column = {"read": StoredArticle.read, "archived": StoredArticle.archived,
              "favourite": StoredArticle.favourite}[state]
    return column == true()


def _has_tag(user_id: int, key: str) -> ColumnElement[bool]:
    # Driven from the tag's own article list (indexed), not tested row by row over the library.
    tagged = (select(ArticleTag.article_id).join(Tag, Tag.id == ArticleTag.tag_id)
              .where(Tag.user_id == user_id, Tag.key == key))
    return StoredArticle.id.in_(tagged)


def _on_site(site: Site) -> ColumnElement[bool]:
    options = [StoredArticle.site_key == site.key] if site.key else []
    if site.domain:
        options += [
            StoredArticle.domain == site.domain,
            StoredArticle.domain.endswith("." + site.domain, autoescape=True),
        ]
    return or_(*options) if options else false()
