"""The library: a user's saved articles and tags, as services that take a session and a user.

Pure Python, no Flask: the API, the web pages and the CLI all call these.
"""

from folio.library.article_rows import article_of, original_html, stored_article_dict
from folio.library.articles import (
    ArticleFilter,
    ArticlePage,
    delete_article,
    find_article_by_url,
    get_article,
    list_articles,
    reextract_article,
    save_article,
    save_page,
    update_article,
)
from folio.library.export import EXPORT_FORMATS, ImportResult, export_articles, export_format, import_articles
from folio.library.extraction import Extractor
from folio.library.user_tags import TagCount, list_tags, rename_tag

__all__ = [
    "EXPORT_FORMATS", "ArticleFilter", "ArticlePage", "Extractor", "ImportResult", "TagCount",
    "article_of", "delete_article", "export_articles", "export_format", "find_article_by_url",
    "get_article", "import_articles", "list_articles", "list_tags", "original_html",
    "reextract_article", "rename_tag", "save_article", "save_page", "stored_article_dict",
    "update_article",
]
