"""Storage: the database models, engine and sessions, migrations runner and full-text search."""

from folio.storage.database import Database
from folio.storage.models import ApiToken, ArticleTag, Base, StoredArticle, Tag, User, utc_now
from folio.storage.transactions import write

__all__ = ["ApiToken", "ArticleTag", "Base", "Database", "StoredArticle", "Tag", "User", "utc_now", "write"]
