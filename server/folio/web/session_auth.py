"""Who is signed in: the user id in the signed session cookie, checked against the database.

The session also keeps a fingerprint of the password hash, so changing a password (or the
argon2 rehash after a parameter change) signs out every other browser.
"""

from __future__ import annotations

import functools
import hashlib
from urllib.parse import urlsplit

from flask import current_app, g, redirect, request, session, url_for
from sqlalchemy import select

from folio.app_context import db_session
from folio.storage import User

USER_KEY = "user_id"
PASSWORD_KEY = "password_mark"
HAS_USERS_FLAG = "folio_web_has_users"  # in app.extensions: once true it stays true


def has_users() -> bool:
    """Whether anyone has an account yet (remembered per process once it is true)."""
    if current_app.extensions.get(HAS_USERS_FLAG):
        return True
    found = db_session().scalar(select(User.id).limit(1)) is not None
    if found:
        current_app.extensions[HAS_USERS_FLAG] = True
    return found


def password_mark(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def log_in(user: User) -> None:
    session.clear()  # a fresh session: nothing from before the login carries over
    session[USER_KEY] = user.id
    session[PASSWORD_KEY] = password_mark(user)
    session.permanent = True
    g.web_user = user


def log_out() -> None:
    session.clear()
    g.web_user = None


def load_session_user() -> None:
    g.web_user = None
    user_id = session.get(USER_KEY)
    if not isinstance(user_id, int):
        return
    user = db_session().get(User, user_id)
    if user is None or session.get(PASSWORD_KEY) != password_mark(user):
        session.pop(USER_KEY, None)
        session.pop(PASSWORD_KEY, None)
        return
    g.web_user = user


def current_user() -> User | None:
    return g.get("web_user")


def signed_in_user() -> User:
    """The user of a view wrapped in `login_required`."""
    user = current_user()
    assert user is not None, "the view must be wrapped in login_required"
    return user


def login_required(view):
    """Sends a visitor who is not signed in to the login page, and back here afterwards (a form
    posted from an expired session comes back to the library: it cannot be replayed by a GET)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            back = request.full_path.rstrip("?") if request.method == "GET" else None
            return redirect(url_for("web.login", next=back))
        return view(*args, **kwargs)

    return wrapper


def local_path(target: str | None, default: str = "/") -> str:
    """`target` when it is a path on this server, else `default`: never an open redirect.

    Refused: absolute and scheme-relative URLs ("//evil.example"), backslashes (browsers read
    "/\\evil.example" as another host) and control characters.
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
