"""The database connection: engine and session set-up for SQLite and PostgreSQL.

SQLite gets WAL (readers never wait for the writer), foreign keys, a busy timeout, and
`BEGIN IMMEDIATE` for write transactions (see `folio.storage.transactions`), so two writers
queue on the lock instead of failing with "database is locked" when a read turns into a write.
"""

from __future__ import annotations

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from folio.errors import Unavailable

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Execution option that marks a transaction as a writer (BEGIN IMMEDIATE on SQLite).
WRITE_TRANSACTION = "folio_write"


class Database:
    """One engine and its session factory; the app, the CLI and the tests each make one."""

    def __init__(self, url: str):
        self.url = url
        self.engine = _create_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        return self.sessions()

    def check(self) -> None:
        """Raise `Unavailable` unless a trivial query runs."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            raise Unavailable(f"database unreachable: {type(error.orig or error).__name__}") from error

    def dispose(self) -> None:
        self.engine.dispose()


def _create_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            pool_size=10,
            max_overflow=20,
            pool_timeout=60,
        )
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=10, connect_args={"connect_timeout": 5}
    )


def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is switched off so that `_begin_sqlite_transaction`
    # decides how each transaction starts (the SQLAlchemy documentation's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; safe with WAL
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_sqlite_transaction(connection) -> None:
    writer = connection.get_execution_options().get(WRITE_TRANSACTION)
    # Straight to the driver: through SQLAlchemy's statement machinery this BEGIN cost more than
    # the token lookup it opens, on every API call.
    connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if writer else "BEGIN")
