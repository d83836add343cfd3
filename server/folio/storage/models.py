"""The database tables as typed SQLAlchemy models: users, API tokens, stored articles, tags.

The full-text index is not a model: the migrations build it (FTS5 on SQLite, a generated
tsvector on PostgreSQL) from the `tag_names` and `facets` columns the library keeps current.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in Python on every backend (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Folio stores UTC times only")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    prefix: Mapped[str] = mapped_column(String(16), index=True)  # shown in lists, accepted by revoke
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the secret
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    user: Mapped[User] = relationship(lazy="joined")


class StoredArticle(Base):
    """One saved page of one user: every `Article` field plus the library's own state."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("user_id", "url_key", name="uq_articles_user_url_key"),
        Index("ix_articles_user_page_url_key", "user_id", "page_url_key"),
        Index("ix_articles_user_id_id", "user_id", "id"),
        # The state filters, newest first, without reading the (large) rows.
        Index("ix_articles_user_unread", "user_id", "read", "archived", "id"),
        Index("ix_articles_user_archived", "user_id", "archived", "id"),
        Index("ix_articles_user_favourite", "user_id", "favourite", "id"),
        {"sqlite_autoincrement": True},  # ids never reused: they give the save order
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    url_key: Mapped[str] = mapped_column(Text)  # normalised canonical URL: one row per page
    page_url_key: Mapped[str] = mapped_column(Text)  # normalised URL the page was saved from

    # The `folio.article.Article` fields.
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))
    modified: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(35))
    dir: Mapped[str] = mapped_column(String(3), default="ltr")
    excerpt: Mapped[str | None] = mapped_column(Text)
    lead_image: Mapped[str | None] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    reading_minutes: Mapped[int] = mapped_column(Integer, default=0)
    content_html: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    readerable: Mapped[bool] = mapped_column(Boolean, default=True)

    # The page as captured, zlib-compressed, so a better extractor can run on it again.
    original_html: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    extractor_version: Mapped[str] = mapped_column(String(32))
    capture: Mapped[str] = mapped_column(String(16))  # extension, api or import
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)
    title_edited: Mapped[bool] = mapped_column(Boolean, default=False)  # re-saves keep the title

    # Search columns, derived by folio.library.search_columns.
    domain: Mapped[str] = mapped_column(String(255), default="")
    site_key: Mapped[str] = mapped_column(String(255), default="")
    tag_names: Mapped[str] = mapped_column(Text, default="")
    facets: Mapped[str] = mapped_column(Text, default="")

    tag_links: Mapped[list[ArticleTag]] = relationship(
        back_populates="article", cascade="all, delete-orphan", lazy="selectin"
    )


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_tags_user_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))  # folio.library.tags.tag_key(name)


class ArticleTag(Base):
    __tablename__ = "article_tags"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    source: Mapped[str] = mapped_column(String(8))  # page, auto or user

    article: Mapped[StoredArticle] = relationship(back_populates="tag_links")
    tag: Mapped[Tag] = relationship(lazy="joined")
