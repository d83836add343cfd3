"""A read-only SELECT run straight on a pooled driver connection: for the one query that every
API call makes, the token check.

Through an ORM session that query cost about 0.7 ms of a worker's time per request on a 2-core
machine (session, pool, BEGIN, the statement machinery, ROLLBACK at the end), more than
everything else Flask does for an API call; straight on the driver it costs about a tenth of
that. SQLAlchemy still writes the SQL for the database in use and converts the column values
(a SQLite date is text until its column type reads it), and a driver error is raised as
SQLAlchemy's own (a lost PostgreSQL is `OperationalError`, answered 503), with the broken
connection dropped from the pool as SQLAlchemy's own execution would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DBAPIError


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positions: tuple[str, ...] | None  # parameter names in order, for drivers with "?" parameters
    converters: tuple[Callable[[Any], Any] | None, ...]  # one per column


class DriverQuery:
    """`first(engine, **parameters)`: the statement's first row as a tuple, or None."""

    def __init__(self, statement: Select):
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def first(self, engine: Engine, **parameters: Any) -> tuple | None:
        compiled = self._compile(engine.dialect)
        values = tuple(parameters[name] for name in compiled.positions) if compiled.positions else parameters
        driver_error = engine.dialect.loaded_dbapi.Error
        try:
            connection = engine.raw_connection()
        except driver_error as error:  # the pool hands on the driver's own error: no server
            raise DBAPIError.instance(compiled.sql, values, error, driver_error) from error
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(compiled.sql, values)
                row = cursor.fetchone()
            finally:
                cursor.close()
        except driver_error as error:
            if engine.dialect.is_disconnect(error, connection.driver_connection, None):
                connection.invalidate(error)
            raise DBAPIError.instance(compiled.sql, values, error, driver_error) from error
        finally:
            connection.close()  # back to the pool, which ends any transaction the driver began
        if row is None:
            return None
        return tuple(value if convert is None else convert(value)
                     for value, convert in zip(row, compiled.converters, strict=True))

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            statement = self.statement.compile(dialect=dialect)
            converters = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                               for column in self.statement.selected_columns)
            positions = tuple(statement.positiontup) if statement.positional else None
            compiled = self._compiled[dialect.name] = _Compiled(str(statement), positions, converters)
        return compiled
