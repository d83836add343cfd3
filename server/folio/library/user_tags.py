"""A user's tags in the database: put tags on an article, count them, rename and merge them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from folio.article import Tag
from folio.errors import BadInput, NotFound
from folio.library.search_columns import refresh_search_columns
from folio.library.tags import MAX_TAG_LENGTH, clean_tag_name, tag_key
from folio.storage import ArticleTag, StoredArticle, User, write
from folio.storage import Tag as TagRow


@dataclass(frozen=True)
class TagCount:
    name: str
    count: int


def known_tags(session: Session, user_id: int) -> dict[str, str]:
    """The user's tags as {key: name}."""
    return dict(session.execute(select(TagRow.key, TagRow.name).where(TagRow.user_id == user_id)).all())


def set_article_tags(session: Session, row: StoredArticle, tags: list[Tag]) -> None:
    """Make `tags` the article's tags (creating the user's tag rows as needed), then re-index it."""
    current = {link.tag.key: link for link in row.tag_links}
    links = []
    for tag in tags:
        key = tag_key(tag.name)
        link = current.get(key)
        if link is None:
            link = ArticleTag(tag=_tag_row(session, row.user_id, tag.name, key))
        link.source = tag.source
        links.append(link)
    row.tag_links = links
    refresh_search_columns(row)


def _tag_row(session: Session, user_id: int, name: str, key: str) -> TagRow:
    tag = session.scalar(select(TagRow).where(TagRow.user_id == user_id, TagRow.key == key))
    if tag is None:
        tag = TagRow(user_id=user_id, name=name, key=key)
        session.add(tag)
        session.flush()  # a concurrent save creating the same tag fails here, and is retried
    return tag


def prune_unused_tags(session: Session, user_id: int) -> None:
    session.flush()
    session.execute(
        delete(TagRow).where(
            TagRow.user_id == user_id, ~exists().where(ArticleTag.tag_id == TagRow.id)
        ).execution_options(synchronize_session="fetch")  # forget the deleted rows in the session too
    )


def list_tags(session: Session, user: User) -> list[TagCount]:
    """The user's tags with how many articles carry each, most used first.

    Each tag counts its links in the tag index alone, without reading the links themselves: the
    library page shows these counts on every visit, and joining and grouping the links took
    75 ms at 100,000 articles against 6 ms this way (benchmarks/server.py).
    """
    links = (select(func.count()).select_from(ArticleTag).where(ArticleTag.tag_id == TagRow.id)
             .correlate(TagRow).scalar_subquery())
    counted = select(TagRow.name.label("name"), links.label("count")).where(TagRow.user_id == user.id).subquery()
    rows = session.execute(
        select(counted.c.name, counted.c.count).where(counted.c.count > 0)
        .order_by(counted.c.count.desc(), counted.c.name)
    )
    return [TagCount(name=name, count=number) for name, number in rows]


def rename_tag(session: Session, user: User, name: str, new_name: str) -> list[TagCount]:
    """Rename the tag `name`; when `new_name` is another of the user's tags, merge the two.

    `name` finds the tag however it is spelt ("python" finds "Python"): a user's tags never
    share a key.
    """
    cleaned = clean_tag_name(new_name)
    if not cleaned or len(cleaned) > MAX_TAG_LENGTH:
        raise BadInput(f"a tag name has 1 to {MAX_TAG_LENGTH} characters, with a letter or digit")
    new_key = tag_key(cleaned)
    user_id = user.id

    def work() -> None:
        tag = session.scalar(select(TagRow).where(TagRow.user_id == user_id, TagRow.key == tag_key(name)))
        if tag is None:
            raise NotFound(f"no tag named {name!r}")
        target = session.scalar(select(TagRow).where(TagRow.user_id == user_id, TagRow.key == new_key))
        if target is not None and target.id != tag.id:
            _move_links(session, tag, target)
            session.delete(tag)
            tag = target
        tag.name = cleaned
        tag.key = new_key
        session.flush()
        for row in _articles_tagged(session, tag):
            refresh_search_columns(row)

    write(session, work)
    return list_tags(session, user)


def _move_links(session: Session, source: TagRow, target: TagRow) -> None:
    for row in _articles_tagged(session, source):
        links = {link.tag_id: link for link in row.tag_links}
        moving = links[source.id]
        row.tag_links.remove(moving)
        if target.id not in links:
            row.tag_links.append(ArticleTag(tag=target, source=moving.source))
    session.flush()


def _articles_tagged(session: Session, tag: TagRow) -> list[StoredArticle]:
    return list(session.scalars(
        select(StoredArticle).join(ArticleTag).where(ArticleTag.tag_id == tag.id).order_by(StoredArticle.id)
    ))
