"""The small set of named errors that services raise (the web layer turns them into responses),
and the length their messages may quote."""

from __future__ import annotations


class FolioError(Exception):
    """Base class: `code` is the machine-readable error name, `status` the HTTP status."""

    code = "error"
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadInput(FolioError):
    code = "bad_input"
    status = 400


class Unprocessable(FolioError):
    """The input is well-formed but cannot be turned into an article (empty, binary, no text)."""

    code = "unprocessable"
    status = 422


class TooLarge(FolioError):
    code = "too_large"
    status = 413


class NotFound(FolioError):
    code = "not_found"
    status = 404


class Forbidden(FolioError):
    code = "forbidden"
    status = 403


class Unauthorized(FolioError):
    code = "unauthorized"
    status = 401


class Unavailable(FolioError):
    """The database cannot be reached, or stayed busy through every retry."""

    code = "unavailable"
    status = 503


class UnsupportedMediaType(FolioError):
    code = "unsupported_media_type"
    status = 415


def clipped(text: str, limit: int) -> str:
    """`text` (a message, or what a user sent quoted in one) at most `limit` characters long, the
    last one an ellipsis when it was cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
