"""What the web tests share besides fixtures: a browser-like test client and data helpers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from folio import auth, library
from folio.app_context import services
from folio.article import Article
from folio.config import Argon2Parameters
from folio.storage import StoredArticle, User

PASSWORD = "correct horse battery"
_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


class WebClient(FlaskClient):
    """A test client that fills in forms like a browser: `submit` reads the CSRF token from the
    page the form is on, then posts to the form's action."""

    def csrf_token(self, page: str = "/", **kwargs) -> str:
        response = self.get(page, **kwargs)
        found = _CSRF_FIELD.search(response.get_data(as_text=True))
        assert found, f"no form with a CSRF token on {page} ({response.status_code})"
        return found.group(1)

    def submit(self, action: str, data: dict | None = None, *, page: str = "/", **kwargs):
        form = {"csrf_token": self.csrf_token(page), **(data or {})}
        return self.post(action, data=form, **kwargs)

    def sign_in(self, name: str, password: str = PASSWORD):
        response = self.submit("/login", {"name": name, "password": password}, page="/login")
        assert response.status_code == 303, response.get_data(as_text=True)
        return response


def make_user(db: Session, name: str, argon2: Argon2Parameters) -> User:
    return auth.create_user(db, name, PASSWORD, argon2)


def make_user_in(app, name: str) -> User:
    """A user whose password is hashed at the app's own cost (so signing in does not rehash it)."""
    with app.app_context():
        with services().database.session() as session:
            return make_user(session, name, services().config.argon2)


def save(db: Session, user: User, url: str = "https://example.com/story", *, html: str = "<html></html>",
         tags: Sequence[str] = ("Climate",), **fields) -> StoredArticle:
    """Store an article as the extraction engine would have produced it (no extraction run),
    with `tags` as the user's own tags."""
    values = {
        "canonical_url": url, "title": "The rising sea", "byline": "Ada Lovelace", "site_name": "Example News",
        "lang": "en", "published": "2024-05-03", "excerpt": "Sea levels rise.", "word_count": 900,
        "reading_minutes": 4,
        "content_html": "<p>Sea levels rise faster than expected, scientists say.</p>",
        "text": "Sea levels rise faster than expected, scientists say.",
    }
    values.update(fields)
    row, _ = library.save_article(db, user, Article(url=url, **values), html, tags=tags, extractor_version="test")
    return row


def fresh(db: Session, row: StoredArticle) -> StoredArticle | None:
    """The row as the database holds it now (after a page changed it)."""
    article_id = row.id
    db.rollback()  # ends the session's read transaction: SQLite would keep showing its snapshot
    db.expire_all()
    return db.get(StoredArticle, article_id)


def text_of(response) -> str:
    return response.get_data(as_text=True)
