"""Users, API tokens, articles, tags, and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

import logging

import sqlalchemy as sa
from alembic import op

from folio.storage.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False, index=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("last_used_at", UTCDateTime, nullable=True),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("url_key", sa.Text, nullable=False),
        sa.Column("page_url_key", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("canonical_url", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("byline", sa.Text),
        sa.Column("site_name", sa.Text),
        sa.Column("section", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("published", sa.String(64)),
        sa.Column("modified", sa.String(64)),
        sa.Column("lang", sa.String(35)),
        sa.Column("dir", sa.String(3), nullable=False),
        sa.Column("excerpt", sa.Text),
        sa.Column("lead_image", sa.Text),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("reading_minutes", sa.Integer, nullable=False),
        sa.Column("content_html", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("readerable", sa.Boolean, nullable=False),
        sa.Column("original_html", sa.LargeBinary, nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("capture", sa.String(16), nullable=False),
        sa.Column("saved_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("read", sa.Boolean, nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("favourite", sa.Boolean, nullable=False),
        sa.Column("title_edited", sa.Boolean, nullable=False),
        sa.Column("domain", sa.String(255), nullable=False),
        sa.Column("site_key", sa.String(255), nullable=False),
        sa.Column("tag_names", sa.Text, nullable=False),
        sa.Column("facets", sa.Text, nullable=False),
        sa.UniqueConstraint("user_id", "url_key", name="uq_articles_user_url_key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_articles_user_page_url_key", "articles", ["user_id", "page_url_key"])
    op.create_index("ix_articles_user_id_id", "articles", ["user_id", "id"])
    op.create_index("ix_articles_user_unread", "articles", ["user_id", "read", "archived", "id"])
    op.create_index("ix_articles_user_archived", "articles", ["user_id", "archived", "id"])
    op.create_index("ix_articles_user_favourite", "articles", ["user_id", "favourite", "id"])
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.UniqueConstraint("user_id", "key", name="uq_tags_user_key"),
    )
    op.create_table(
        "article_tags",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
        sa.Column("source", sa.String(8), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        create_sqlite_search_index()
    else:
        create_postgresql_search_index()


# What each searchable column holds, as SQL over an `articles` row (`{row}` is the row alias).
# The site column adds the domain to the site's name so "nytimes" finds nytimes.com pages.
SQLITE_SEARCH_COLUMNS = {
    "title": "{row}.title",
    "byline": "{row}.byline",
    "site": "trim(coalesce({row}.site_name, '') || ' ' || {row}.domain)",
    "tags": "{row}.tag_names",
    "text": "{row}.text",
    "facets": "{row}.facets",  # owner, tag and site keys: filters inside MATCH, weight 0
}


def create_sqlite_search_index() -> None:
    """FTS5 over an external-content view, kept in step by triggers (docs/notes: search-at-scale)."""
    names = ", ".join(SQLITE_SEARCH_COLUMNS)

    def values(row: str) -> str:
        return ", ".join(expression.format(row=row) for expression in SQLITE_SEARCH_COLUMNS.values())

    source_columns = ", ".join(
        f"{expression.format(row='articles')} AS {name}" for name, expression in SQLITE_SEARCH_COLUMNS.items()
    )
    op.execute(f"CREATE VIEW articles_fts_source AS SELECT articles.id AS id, {source_columns} FROM articles")
    op.execute(
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({names}, content='articles_fts_source', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
    )
    # Weights in column order: title > tags > byline, site > text; the facets never rank.
    op.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('rank', 'bm25(10.0, 2.0, 2.0, 5.0, 1.0, 0.0)')")
    op.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        f"INSERT INTO articles_fts(rowid, {names}) VALUES (new.id, {values('new')}); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        f"INSERT INTO articles_fts(articles_fts, rowid, {names}) VALUES ('delete', old.id, {values('old')}); END"
    )
    # Only the searched columns: marking an article read must not re-index its text.
    op.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline, site_name, domain, tag_names, "
        "text, facets ON articles BEGIN "
        f"INSERT INTO articles_fts(articles_fts, rowid, {names}) VALUES ('delete', old.id, {values('old')}); "
        f"INSERT INTO articles_fts(rowid, {names}) VALUES (new.id, {values('new')}); END"
    )


# tsvector has a 1 MB ceiling; long texts are indexed up to this many characters.
POSTGRESQL_INDEXED_TEXT_CHARS = 200_000


def create_postgresql_search_index() -> None:
    """A weighted tsvector column generated from the row, with a GIN index.

    The `simple` configuration (no stemming, no stop words: Folio holds many languages) plus
    `unaccent`, so "zolc" finds "żółć". unaccent ships with PostgreSQL's contrib modules and is
    a trusted extension; where it cannot be created, the index works without accent folding.
    """
    op.execute("CREATE TEXT SEARCH CONFIGURATION folio_search (COPY = simple)")
    if _create_unaccent():
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION folio_search "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
        )
    else:
        log.warning("unaccent is not available: PostgreSQL search will not fold accents")
    op.execute(
        "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('folio_search', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('folio_search', tag_names), 'B') || "
        "setweight(to_tsvector('folio_search', coalesce(byline, '') || ' ' || coalesce(site_name, '') "
        "|| ' ' || domain), 'C') || "
        f"setweight(to_tsvector('folio_search', left(text, {POSTGRESQL_INDEXED_TEXT_CHARS})), 'D')"
        ") STORED"
    )
    op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search_vector)")


def _create_unaccent() -> bool:
    bind = op.get_bind()
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except sa.exc.DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE articles_fts")
        op.execute("DROP VIEW articles_fts_source")
    else:
        op.execute("DROP INDEX ix_articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN search_vector")
        op.execute("DROP TEXT SEARCH CONFIGURATION folio_search")
    for table in ("article_tags", "tags", "articles", "api_tokens", "users"):
        op.drop_table(table)
