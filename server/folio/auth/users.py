"""Users: create one, find one, check a name and password.

Passwords are hashed at the cost the caller passes: `Config.argon2` (FOLIO_ARGON2_*).
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from folio.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from folio.config import Argon2Parameters
from folio.errors import BadInput, NotFound
from folio.storage import User, write

_USER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def validate_user_name(name: str) -> str:
    if not _USER_NAME.fullmatch(name or ""):
        raise BadInput("a user name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
    return name


def _validate_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return password


def create_user(session: Session, name: str, password: str, argon2: Argon2Parameters) -> User:
    validate_user_name(name)
    password_hash = hash_password(_validate_password(password), argon2)

    def work() -> User:
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise BadInput(f"a user named {name!r} already exists")
        user = User(name=name, password_hash=password_hash)
        session.add(user)
        session.flush()
        return user

    return write(session, work)


def get_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no user named {name!r}")
    return user


def authenticate(session: Session, name: str, password: str, argon2: Argon2Parameters) -> User | None:
    """The user when the name and password match, else None (in about the same time either way).

    A password hashed at another cost than `argon2` (an older default, or FOLIO_ARGON2_* since
    changed) is hashed again at this one.
    """
    user = session.scalar(select(User).where(User.name == name))
    if not verify_password(user.password_hash if user else None, password, argon2):
        return None
    if needs_rehash(user.password_hash, argon2):
        change_password(session, user, password, argon2)
    return user


def change_password(session: Session, user: User, password: str, argon2: Argon2Parameters) -> None:
    password_hash = hash_password(_validate_password(password), argon2)
    user_id = user.id

    def work() -> None:
        session.get(User, user_id).password_hash = password_hash

    write(session, work)
