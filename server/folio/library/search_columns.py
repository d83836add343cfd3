"""Keeps an article's derived search columns (domain, site key, tag names, facets) current.

Call `refresh_search_columns` after changing an article's URL, site, tags or state; the
database triggers (SQLite) or the generated column (PostgreSQL) then update the full-text index.
"""

from __future__ import annotations

from folio.library.tags import fold_words
from folio.library.urls import domain_of
from folio.storage import StoredArticle
from folio.storage.facets import facets_text


# The `domain` and `site_key` columns hold 255 characters (PostgreSQL refuses more). No DNS name
# is longer than 253; a page's site name may be, and is matched by its first 255 folded letters.
MAX_COLUMN_LENGTH = 255
MAX_DOMAIN_LENGTH = 253


def site_key(name: str) -> str:
    """A site's name folded for matching: "The Guardian" and "the-guardian" give "theguardian"."""
    return "".join(fold_words(name))[:MAX_COLUMN_LENGTH]


def refresh_search_columns(row: StoredArticle) -> None:
    domain = domain_of(row.canonical_url or row.url)
    row.domain = domain if len(domain) <= MAX_DOMAIN_LENGTH else ""
    row.site_key = site_key(row.site_name or "")
    tags = sorted((link.tag for link in row.tag_links), key=lambda tag: tag.name.casefold())
    row.tag_names = "\n".join(tag.name for tag in tags)
    row.facets = facets_text(row.user_id, [tag.key for tag in tags], row.domain, row.site_key,
                             read=row.read, archived=row.archived, favourite=row.favourite)
