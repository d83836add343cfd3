"""API calls carry a token, never the web pages' session cookie: their requests get no session.

Flask opens the signed-cookie session of every request before it knows the route; for an API
call that only cost time, and a session cookie sent along with an API call must not count for
anything there.
"""

from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface


class SessionOutsideApi(SecureCookieSessionInterface):
    def __init__(self, api_prefix: str):
        self.api_prefix = api_prefix.rstrip("/") + "/"

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if request.environ.get("PATH_INFO", "").startswith(self.api_prefix):  # cheaper than request.path
            return self.make_null_session(app)
        return super().open_session(app, request)
