"""Messages shown on the next page ("Archived.", "That tag is too long.") via Flask's flash."""

from __future__ import annotations

from flask import flash

from folio.errors import FolioError

SUCCESS, ERROR = "success", "error"


def sentence(message: str) -> str:
    """Service messages are lower-case fragments ("a password needs …"); pages show sentences."""
    message = message.strip()
    if not message:
        return message
    return message[:1].upper() + message[1:] + ("" if message.endswith((".", "?", "!")) else ".")


def tell(message: str) -> None:
    flash(message, SUCCESS)


def warn(message: str) -> None:
    flash(message, ERROR)


def warn_about(error: FolioError) -> None:
    warn(sentence(error.message))
