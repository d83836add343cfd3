"""Write transactions that survive contention: a lost race or a busy SQLite file is retried.

Two saves of the same page can both find no row and both insert; the unique constraint lets
one win and the other fails with IntegrityError. Running the whole unit of work again turns
the loser into an update. SQLite's "database is locked" and PostgreSQL's serialization and
deadlock failures are retried the same way, so none of them reaches a client.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from folio.errors import Unavailable
from folio.storage.database import WRITE_TRANSACTION

T = TypeVar("T")

MAX_ATTEMPTS = 12
# PostgreSQL SQLSTATEs worth another go: unique violation, serialization failure, deadlock.
RETRYABLE_SQLSTATES = {"23505", "40001", "40P01"}
SQLITE_RETRYABLE_MESSAGES = ("database is locked", "database table is locked", "unique constraint failed")


def write(session: Session, work: Callable[[], T]) -> T:
    """Run `work()` in a write transaction of its own and commit; retry it when contention fails it.

    `work` must do all its reading inside (objects from earlier transactions are reloaded), and
    may run more than once.
    """
    session.commit()  # close the caller's read transaction so this one starts fresh
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            session.connection(execution_options={WRITE_TRANSACTION: True})
            result = work()
            session.commit()
            return result
        except (IntegrityError, OperationalError) as error:
            session.rollback()
            if not is_retryable(error):
                raise
            if attempt == MAX_ATTEMPTS:
                raise Unavailable("the database is busy; try again in a moment") from error
            time.sleep(random.uniform(0, min(0.02 * 2**attempt, 1.0)))
    raise AssertionError("unreachable")


def is_retryable(error: DBAPIError) -> bool:
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate in RETRYABLE_SQLSTATES
    message = str(error.orig).lower()
    return any(fragment in message for fragment in SQLITE_RETRYABLE_MESSAGES)
