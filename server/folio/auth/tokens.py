"""API tokens: shown once at creation, stored only as a sha256 hash, revocable one by one."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from folio.errors import BadInput, NotFound
from folio.storage import ApiToken, User, utc_now, write
from folio.storage.driver_query import DriverQuery

TOKEN_PREFIX = "folio_"
SHOWN_PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
MAX_LABEL_LENGTH = 100
# Recording every use would turn each API read into a database write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# Every API call runs this, straight on the driver (see DriverQuery). Columns, not the ORM row:
# the owner is loaded when needed.
_TOKEN_BY_HASH = DriverQuery(select(ApiToken.id, ApiToken.user_id, ApiToken.last_used_at).where(
    ApiToken.token_hash == bindparam("token_hash")))


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(session: Session, user: User, label: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`: the stored row and the secret (which only the caller ever sees)."""
    label = label.strip()
    if len(label) > MAX_LABEL_LENGTH:
        raise BadInput(f"a token label has at most {MAX_LABEL_LENGTH} characters")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    user_id = user.id

    def work() -> ApiToken:
        token = ApiToken(user_id=user_id, label=label, prefix=secret[:SHOWN_PREFIX_LENGTH], token_hash=_hash(secret))
        session.add(token)
        session.flush()
        return token

    return write(session, work), secret


def list_tokens(session: Session, user: User) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)))


def revoke_token(session: Session, id_or_prefix: str, user: User | None = None) -> ApiToken:
    """Delete the token with this id or shown prefix (of `user`'s tokens, when given)."""
    if not id_or_prefix:
        raise BadInput("name the token by its id or prefix")
    query = select(ApiToken)
    if id_or_prefix.isdigit():
        query = query.where(ApiToken.id == int(id_or_prefix))
    elif len(id_or_prefix) >= SHOWN_PREFIX_LENGTH:  # the shown prefix, or the whole token
        query = query.where(ApiToken.prefix == id_or_prefix[:SHOWN_PREFIX_LENGTH])
    else:
        query = query.where(ApiToken.prefix.startswith(id_or_prefix, autoescape=True))
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)

    def work() -> ApiToken:
        tokens = session.scalars(query).all()
        if not tokens:
            raise NotFound(f"no token {id_or_prefix!r}")
        if len(tokens) > 1:
            raise BadInput(f"{id_or_prefix!r} names {len(tokens)} tokens; use the token id")
        session.delete(tokens[0])
        return tokens[0]

    return write(session, work)


def token_owner_id(session: Session, secret: str) -> int | None:
    """The id of this token's owner, or None when it is unknown or revoked; notes when it was used."""
    token = _TOKEN_BY_HASH.first(session.get_bind(), token_hash=_hash(secret))
    if token is None:
        return None
    token_id, user_id, last_used_at = token
    now = utc_now()
    if last_used_at is None or now - last_used_at >= LAST_USED_RESOLUTION:

        def work() -> None:
            used = session.get(ApiToken, token_id)
            if used is not None:  # revoked meanwhile: nothing to note
                used.last_used_at = now

        write(session, work)
    return user_id
