"""Storage on both backends: schema, connection settings, transactions, cascades."""

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from conftest import make_user, sample_article
from folio import library
from folio.errors import Unavailable
from folio.storage import ArticleTag, Base, StoredArticle, Tag, User, write
from folio.storage import transactions
from folio.storage.migrate import current_revision, head_revision, is_model_object, upgrade


def test_migrations_reach_head_and_match_the_models(database):
    assert current_revision(database) == head_revision()
    upgrade(database)  # a second run finds nothing to do
    with database.engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"include_object": is_model_object}), Base.metadata
        )
    assert differences == []


def test_concurrent_migrations_do_not_collide(tmp_path):
    from folio.storage import Database

    database = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    errors = []

    def migrate():
        try:
            upgrade(database)
        except Exception as error:  # collected for the assertion below
            errors.append(error)

    threads = [threading.Thread(target=migrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert current_revision(database) == head_revision()
    database.dispose()


def test_sqlite_connection_settings(sqlite_database):
    with sqlite_database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


@pytest.mark.postgres
def test_sqlite_write_transactions_take_the_write_lock_at_begin_and_reads_do_not(sqlite_database):
    """BEGIN IMMEDIATE for writers: two writers queue on the lock instead of one failing with
    "database is locked" when its read turns into a write."""
    import sqlite3

    from folio.storage.database import WRITE_TRANSACTION

    other = sqlite3.connect(sqlite_database.url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    with sqlite_database.session() as reading:
        reading.connection()  # a read transaction has begun
        other.execute("BEGIN IMMEDIATE")  # and another process may still write
        other.execute("ROLLBACK")
    with sqlite_database.session() as writing:
        writing.connection(execution_options={WRITE_TRANSACTION: True})
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released when the writer's transaction ended
    other.execute("ROLLBACK")
    other.close()


def test_postgresql_folds_accents(postgres_database):
    session = postgres_database.session()
    alice = make_user(session, "alice")
    assert session.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'")) == 1
    library.save_article(session, alice, sample_article(text="Un café à Łódź"), "<p>x</p>",
                         extractor_version="t")
    page = library.list_articles(session, alice, library.ArticleFilter(q="cafe"))
    assert page.total == 1
    session.close()


def test_deleting_a_user_deletes_their_articles_and_tags(session, alice):
    library.save_article(session, alice, sample_article(), "<p>x</p>", tags=["mine"], extractor_version="t")
    write(session, lambda: session.delete(session.get(User, alice.id)))
    for model in (StoredArticle, Tag, ArticleTag):
        assert session.scalar(select(func.count()).select_from(model)) == 0


def test_write_retries_a_lost_race(session, monkeypatch):
    monkeypatch.setattr(transactions.time, "sleep", lambda seconds: None)
    attempts = []

    def work():
        attempts.append(1)
        session.add(User(name="dup", password_hash="x"))
        if len(attempts) == 1:  # the first attempt collides with a row another writer added
            session.add(User(name="dup", password_hash="y"))
        session.flush()

    write(session, work)
    assert len(attempts) == 2
    assert session.scalar(select(func.count()).select_from(User).where(User.name == "dup")) == 1


def test_write_gives_up_as_unavailable(session, monkeypatch):
    monkeypatch.setattr(transactions.time, "sleep", lambda seconds: None)

    def always_collides():
        session.add(User(name="same", password_hash="x"))
        session.add(User(name="same", password_hash="y"))
        session.flush()

    with pytest.raises(Unavailable):
        write(session, always_collides)


def test_other_integrity_errors_are_not_retried(session):
    calls = []

    def bad_reference():
        calls.append(1)
        session.add(Tag(user_id=999_999, name="x", key="x"))  # no such user
        session.flush()

    with pytest.raises(IntegrityError):
        write(session, bad_reference)
    assert len(calls) == 1


def test_user_names_are_unique(session):
    make_user(session, "carol")
    with pytest.raises(Exception, match="already exists"):
        make_user(session, "carol")
