"""What a request handler can reach: the config, the database session, the extractor.

`create_app` stores one `AppServices` in `app.extensions["folio"]`; handlers use the
functions below instead of globals. The session lives for one request and is closed after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g
from sqlalchemy.orm import Session

from folio.config import Config
from folio.library.extraction import Extractor
from folio.rate_limits import RateLimits
from folio.storage import Database


@dataclass
class AppServices:
    config: Config
    database: Database
    extractor: Extractor
    rate_limits: RateLimits


def services() -> AppServices:
    return current_app.extensions["folio"]


def db_session() -> Session:
    """This request's database session (opened on first use)."""
    if "db_session" not in g:
        g.db_session = services().database.session()
    return g.db_session


def close_db_session(_error: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
