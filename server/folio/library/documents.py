"""Exports for reading elsewhere: one Markdown file, one self-contained HTML file, or an EPUB.

Each writer takes stored articles and a binary file; the content is the article's sanitized
`content_html`, so nothing here needs to clean HTML again.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Iterable
from typing import IO

from ebooklib import epub
from markdownify import markdownify

from folio.library.article_rows import iso_time, tags_of
from folio.storage import StoredArticle, utc_now

EXPORT_TITLE = "Folio export"


def _meta_line(row: StoredArticle) -> list[str]:
    """Who, where and when, in reading order; empty parts left out."""
    parts = [row.byline, row.site_name, row.published]
    return [part for part in parts if part]


def _tag_names(row: StoredArticle) -> str:
    return ", ".join(tag.name for tag in tags_of(row))


def write_markdown(rows: Iterable[StoredArticle], out: IO[bytes]) -> None:
    out.write(f"# {EXPORT_TITLE}\n\nExported {iso_time(utc_now())}.\n".encode())
    for row in rows:
        lines = [f"\n---\n\n## {row.title or row.url}\n"]
        meta = _meta_line(row)
        if meta:
            lines.append(" · ".join(meta) + "  ")
        lines.append(f"Source: <{row.url}>  ")
        lines.append(f"Saved: {iso_time(row.saved_at)}" + (f" · Tags: {_tag_names(row)}" if row.tag_links else ""))
        lines.append("")
        lines.append(markdownify(row.content_html, heading_style="ATX").strip())
        out.write(("\n".join(lines) + "\n").encode())


HTML_STYLE = """
body { font: 18px/1.6 Georgia, serif; max-width: 42em; margin: 2em auto; padding: 0 1em; color: #222; }
article { border-top: 1px solid #ccc; margin-top: 3em; padding-top: 1em; }
.meta { color: #666; font-size: 0.9em; }
img, video { max-width: 100%; height: auto; }
pre { overflow-x: auto; }
"""


def write_html(rows: Iterable[StoredArticle], out: IO[bytes]) -> None:
    articles, contents = [], []
    for row in rows:
        title = html.escape(row.title or row.url)
        contents.append(f'<li><a href="#article-{row.id}">{title}</a></li>')
        meta = " · ".join(html.escape(part) for part in _meta_line(row))
        articles.append(
            f'<article id="article-{row.id}" lang="{html.escape(row.lang or "")}" dir="{html.escape(row.dir)}">'
            f"<h2>{title}</h2>"
            f'<p class="meta">{meta}<br><a href="{html.escape(row.url)}">{html.escape(row.url)}</a>'
            f" · saved {iso_time(row.saved_at)}"
            + (f" · tags: {html.escape(_tag_names(row))}" if row.tag_links else "")
            + f"</p>{row.content_html}</article>"
        )
    out.write(
        (
            '<!doctype html>\n<html><head><meta charset="utf-8">'
            f"<title>{EXPORT_TITLE}</title><style>{HTML_STYLE}</style></head><body>"
            f"<h1>{EXPORT_TITLE}</h1><p class=\"meta\">Exported {iso_time(utc_now())}</p>"
            f"<nav><ol>{''.join(contents)}</ol></nav>{''.join(articles)}</body></html>\n"
        ).encode()
    )


def write_epub(rows: Iterable[StoredArticle], out: IO[bytes]) -> None:
    book = epub.EpubBook()
    book.set_identifier(f"urn:uuid:{uuid.uuid4()}")
    book.set_title(EXPORT_TITLE)
    book.set_language("en")
    book.add_author("Folio")
    chapters = []
    for number, row in enumerate(rows, start=1):
        title = row.title or row.url
        meta = " · ".join(html.escape(part) for part in _meta_line(row))
        chapter = epub.EpubHtml(title=title, file_name=f"article-{number}.xhtml", lang=row.lang or "en")
        chapter.content = (
            f"<h1>{html.escape(title)}</h1><p>{meta}</p>"
            f'<p><a href="{html.escape(row.url)}">{html.escape(row.url)}</a></p>{row.content_html}'
        )
        book.add_item(chapter)
        chapters.append(chapter)
    if not chapters:  # a book needs one page; say why it is empty
        empty = epub.EpubHtml(title=EXPORT_TITLE, file_name="empty.xhtml", lang="en")
        empty.content = f"<h1>{EXPORT_TITLE}</h1><p>No articles matched.</p>"
        book.add_item(empty)
        chapters.append(empty)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters]
    epub.write_epub(out, book, {"raise_exceptions": True})
