"""Messages shown on the next page ("Archived.", "That tag is too long.") via Flask's flash."""

from __future__ import annotations

from flask import flash

from folio.errors import FolioError, clipped

SUCCESS, ERROR = "success", "error"
# Flashed messages travel in the session cookie, which a browser drops (signing the user out)
# past 4 KB: a message that quotes what the user sent is cut to this length.
MAX_MESSAGE_LENGTH = 300


def sentence(message: str) -> str:
    """Service messages are lower-case fragments ("a password needs …"); pages show sentences."""
    message = message.strip()
    if not message:
        return message
    return message[:1].upper() + message[1:] + ("" if message.endswith((".", "?", "!")) else ".")


def tell(message: str) -> None:
    flash(clipped(message, MAX_MESSAGE_LENGTH), SUCCESS)


def warn(message: str) -> None:
    flash(clipped(message, MAX_MESSAGE_LENGTH), ERROR)


def warn_about(error: FolioError) -> None:
    warn(sentence(error.message))
