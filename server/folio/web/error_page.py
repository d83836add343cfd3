"""The HTML error page for everything outside /api/ (the app's error handlers call it).

It must draw without the database: it also reports that the database is unavailable.
"""

from __future__ import annotations

from flask import render_template

from folio.web.feedback import sentence

# What a reader needs to hear, by status; the service's own message is shown under it.
HEADLINES = {
    400: ("Something in that request was not right", "Go back, check what you typed, and try again."),
    401: ("Please sign in", "Your session has ended."),
    403: ("Not allowed", "That is not something this account may do."),
    404: ("Not found", "There is nothing here. The article may have been deleted, or the link is mistyped."),
    405: ("Not allowed", "That page cannot be used this way."),
    413: ("That file is too large", "Try a smaller file."),
    422: ("That could not be processed", "The page holds no article Folio could read."),
    429: ("Too many attempts", "Wait a minute, then try again."),
    503: ("Folio is not available right now", "The database cannot be reached. Try again in a moment."),
}
DEFAULT_HEADLINE = ("Something went wrong", "The error has been logged. Try again in a moment.")
# Flask-WTF's CSRF messages mean "the form is stale or came from elsewhere".
CSRF_HINT = "The form was out of date or came from another site. Go back, reload the page and try again."


def render_error(status: int, code: str, message: str):
    headline, advice = HEADLINES.get(status, DEFAULT_HEADLINE)
    detail = sentence(message) if status < 500 else ""
    if status == 400 and ("csrf" in message.lower() or "referrer" in message.lower()):
        advice, detail = CSRF_HINT, ""
    if status == 404:
        detail = ""  # "nothing at /articles/7" says no more than the headline
    return render_template("error.html", status=status, code=code, headline=headline, advice=advice,
                           detail=detail), status
