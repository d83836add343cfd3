"""Bring a database to the newest schema by running the Alembic migrations in folio/migrations.

Alembic is imported only when a migration runs: `folio serve` migrates in a short-lived process
of its own, so that the server's processes never load it (about 6 MB of each worker).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from folio.storage.database import WRITE_TRANSACTION, Database

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

# The full-text index is built by hand in the migrations, outside the models (FTS5 table,
# its view and shadow tables on SQLite; a generated tsvector column and its index on PostgreSQL).
SEARCH_INDEX_NAMES = ("articles_fts", "search_vector", "ix_articles_search")


def is_model_object(obj, name, kind, reflected, compare_to) -> bool:
    """Alembic's `include_object` hook: compare the models' tables, not the search index."""
    return not (name or "").startswith(SEARCH_INDEX_NAMES)


# Any constant works: it only has to be the same in every process migrating this database.
POSTGRESQL_MIGRATION_LOCK = 0x466F6C696F


def alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", "folio:migrations")
    return config


def upgrade(database: Database, revision: str = "head") -> None:
    """Migrate to `revision`; safe to run from several processes at once (the first one migrates)."""
    from alembic import command

    config = alembic_config()
    with database.engine.connect().execution_options(**{WRITE_TRANSACTION: True}) as connection:
        with connection.begin():
            # Hold the database's write lock while reading the current revision, so a second
            # process waits and then finds nothing left to do.
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({POSTGRESQL_MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, revision)


def current_revision(database: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
