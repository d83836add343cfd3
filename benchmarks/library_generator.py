"""A synthetic library for the load benchmark: articles recombined from real pages' paragraphs.

Each corpus page is extracted once; every generated article takes a page's site, byline,
language and tags, some of its paragraphs in order, then paragraphs of other pages in the same
language (8 to 40 in all, as in the shared notes on search at scale). A fixed seed gives the
same library every time. Rows go into the database in bulk through the storage layer (one
executemany per batch, the search columns filled the way `folio.library` fills them), so the
SQLite triggers and the PostgreSQL generated column build the full-text index as they would for
saves. The finished SQLite file is cached under /tmp, keyed by size, seed and `VERSION`.
"""

from __future__ import annotations

import fcntl
import html
import json
import math
import random
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert, select, text

from folio import auth
from folio.config import Argon2Parameters
from folio.errors import FolioError
from folio.extract import EXTRACTOR_VERSION, extract_article
from folio.extract.text import CHARACTERS_PER_MINUTE, UNSPACED_SCRIPT, WORDS_PER_MINUTE, word_count
from folio.library.article_rows import compress_html
from folio.library.search_columns import site_key
from folio.library.tags import clean_tag_name, tag_key
from folio.library.urls import domain_of, url_key
from folio.storage import ArticleTag, Database, StoredArticle, Tag
from folio.storage.facets import facets_text
from folio.storage.migrate import upgrade

VERSION = 1  # change whenever the generated library changes: it is part of the cache key
CACHE_ROOT = Path("/tmp/folio-bench")
USER_NAME = "reader"
PASSWORD = "benchmark reader password"
CORPUS_URL = "http://fakehost/test/page.html"  # the address the Mozilla pages were captured under
BATCH = 2000
MIN_PARAGRAPH_CHARS = 40
PARAGRAPHS = (8, 40)
SHARED_TAGS = 60  # tags that appear all over the library, beside each page's own
FIRST_SAVE = datetime(2022, 1, 1, tzinfo=timezone.utc)
SAVING_PERIOD = timedelta(days=3 * 365)


@dataclass
class SourcePage:
    name: str
    title: str
    byline: str | None
    site_name: str | None
    domain: str
    lang: str
    dir: str
    paragraphs: list[str]
    tags: list[str]


def read_sources(corpus: Path) -> list[SourcePage]:
    """Every corpus page with an article, extracted once."""
    sources = []
    for folder in sorted(path for path in corpus.iterdir() if (path / "source.html").is_file()):
        try:
            article = extract_article((folder / "source.html").read_bytes(), CORPUS_URL)
        except FolioError:
            continue
        paragraphs = [p.strip() for p in article.text.split("\n") if len(p.strip()) >= MIN_PARAGRAPH_CHARS]
        if len(paragraphs) < 3 or article.lang == "la":  # the corpus's synthetic lorem ipsum pages
            continue
        domain = domain_of(article.canonical_url)
        if domain in ("", "fakehost"):
            domain = re.sub(r"[^a-z0-9]+", "", folder.name.lower()) + ".example.org"
        tags = [name for name in (clean_tag_name(tag.name) for tag in article.tags) if name and len(name) <= 40]
        sources.append(SourcePage(
            name=folder.name, title=article.title or folder.name, byline=article.byline,
            site_name=article.site_name, domain=domain, lang=(article.lang or "en").split("-")[0],
            dir=article.dir, paragraphs=paragraphs, tags=tags[:8],
        ))
    return sources


def generate_articles(sources: list[SourcePage], count: int, seed: int) -> Iterator[dict]:
    """`count` article rows (column values of `articles`, plus "tag_list": [names])."""
    rng = random.Random(seed)
    by_language: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        by_language[source.lang].extend(source.paragraphs)
    every_tag = sorted({name for source in sources for name in source.tags})
    shared_tags = rng.sample(every_tag, min(SHARED_TAGS, len(every_tag)))
    for number in range(1, count + 1):
        source = rng.choice(sources)
        wanted = rng.randint(*PARAGRAPHS)
        start = rng.randrange(len(source.paragraphs))
        own = source.paragraphs[start:start + rng.randint(2, max(2, wanted // 2))]
        pool = by_language[source.lang]
        paragraphs = own + [rng.choice(pool) for _ in range(wanted - len(own))]
        words = rng.choice(paragraphs).split()
        title = " ".join(words[:rng.randint(4, 11)]).strip(" ,.;:") or source.title
        tags = rng.sample(source.tags, min(len(source.tags), rng.randint(0, 2)))
        if rng.random() < 0.5:
            tags.append(shared_tags[min(int(rng.paretovariate(1.2)) - 1, len(shared_tags) - 1)])
        saved = FIRST_SAVE + SAVING_PERIOD * (number / count)
        slug = re.sub(r"\W+", "-", title.lower()).strip("-")[:60] or "story"
        url = f"https://{source.domain}/{saved:%Y/%m}/{slug}-{number}"
        yield _row(number, url, title, source, paragraphs, tags, saved, rng)


def _row(number: int, url: str, title: str, source: SourcePage, paragraphs: list[str], tags: list[str],
         saved: datetime, rng: random.Random) -> dict:
    body = "\n".join(paragraphs)
    content_html = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    page = (f"<!doctype html><html lang=\"{source.lang}\"><head><title>{html.escape(title)}</title></head>"
            f"<body><article><h1>{html.escape(title)}</h1>{content_html}</article></body></html>")
    unique_tags = list({tag_key(name): name for name in tags if tag_key(name)}.items())
    read, archived, favourite = rng.random() < 0.4, rng.random() < 0.1, rng.random() < 0.05
    domain = domain_of(url)
    site = site_key(source.site_name or "")
    return {
        "id": number, "url": url, "canonical_url": url, "url_key": url_key(url), "page_url_key": url_key(url),
        "title": title, "byline": source.byline, "site_name": source.site_name, "section": None, "source": None,
        "published": f"{saved:%Y-%m-%d}", "modified": None, "lang": source.lang, "dir": source.dir,
        "excerpt": paragraphs[0][:300], "lead_image": None, **_reading(paragraphs),
        "content_html": content_html, "text": body, "readerable": True, "original_html": compress_html(page),
        "extractor_version": EXTRACTOR_VERSION, "capture": "extension", "saved_at": saved, "updated_at": saved,
        "read": read, "archived": archived, "favourite": favourite, "title_edited": False, "domain": domain, "site_key": site,
        "tag_names": "\n".join(sorted((name for _, name in unique_tags), key=str.casefold)),
        "tag_list": unique_tags,  # [(key, name)]: tag rows and links, not a column
    }


def _reading(paragraphs: list[str]) -> dict[str, int]:
    """`word_count` and `reading_minutes` of the joined text, from per-paragraph counts (the
    engine's functions over the whole text cost more than everything else here together)."""
    words = characters = 0
    for paragraph in paragraphs:
        paragraph_words, paragraph_characters = _counts(paragraph)
        words += paragraph_words
        characters += paragraph_characters
    minutes = (words - characters) / WORDS_PER_MINUTE + characters / CHARACTERS_PER_MINUTE
    return {"word_count": words, "reading_minutes": max(1, math.ceil(minutes))}


@lru_cache(maxsize=None)
def _counts(paragraph: str) -> tuple[int, int]:
    return word_count(paragraph), len(UNSPACED_SCRIPT.findall(paragraph))


def load_library(database: Database, articles: Iterator[dict], *, log=print) -> int:
    """Create the benchmark user and insert the articles in batches; returns the user's id."""
    upgrade(database)
    with database.session() as session:
        user = auth.create_user(session, USER_NAME, PASSWORD, Argon2Parameters())
        user_id = user.id
    tag_ids: dict[str, int] = {}
    started = time.monotonic()
    inserted = 0
    with database.engine.connect() as connection:
        batch: list[dict] = []
        for row in articles:
            batch.append(row)
            if len(batch) == BATCH:
                inserted += _insert_batch(connection, user_id, batch, tag_ids)
                batch = []
                if inserted % (BATCH * 10) == 0:
                    log(f"  {inserted:,} articles, {time.monotonic() - started:.0f} s")
        if batch:
            inserted += _insert_batch(connection, user_id, batch, tag_ids)
        if connection.dialect.name == "postgresql":
            # Rows came with their ids: move the sequence past them as saves would have.
            connection.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), "
                                    "(SELECT max(id) FROM articles))"))
            connection.commit()
            connection.execute(text("ANALYZE"))  # autovacuum would do it soon after a real import
            connection.commit()
    return user_id


def _insert_batch(connection, user_id: int, batch: list[dict], tag_ids: dict[str, int]) -> int:
    new_tags = {key: name for row in batch for key, name in row["tag_list"] if key not in tag_ids}
    if new_tags:
        connection.execute(insert(Tag.__table__), [
            {"user_id": user_id, "key": key, "name": name} for key, name in new_tags.items()])
        tag_ids.update(connection.execute(
            select(Tag.key, Tag.id).where(Tag.user_id == user_id, Tag.key.in_(list(new_tags)))).all())
    rows, links = [], []
    for row in batch:
        values = {name: value for name, value in row.items() if name != "tag_list"}
        values["user_id"] = user_id
        values["facets"] = facets_text(user_id, [key for key, _ in row["tag_list"]], row["domain"], row["site_key"],
                                       read=row["read"], archived=row["archived"], favourite=row["favourite"])
        rows.append(values)
        links += [{"article_id": row["id"], "tag_id": tag_ids[key], "source": "page"} for key, _ in row["tag_list"]]
    connection.execute(insert(StoredArticle.__table__), rows)
    if links:
        connection.execute(insert(ArticleTag.__table__), links)
    connection.commit()
    return len(batch)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """One benchmark at a time builds or uses a cached library (other sessions share /tmp)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def library_key(count: int, seed: int) -> str:
    return f"library-v{VERSION}-{count}-seed{seed}"


def sqlite_library(corpus: Path, count: int, seed: int, *, log=print) -> Path:
    """The data folder of a cached SQLite library (built on first use): it holds folio.db."""
    folder = CACHE_ROOT / f"sqlite-{library_key(count, seed)}"
    ready = folder / "ready.json"
    with locked(CACHE_ROOT / "sqlite.lock"):
        if not ready.exists():
            _build_sqlite_library(folder, corpus, count, seed, log)
        else:
            log(f"SQLite library: cached at {folder} ({json.loads(ready.read_text())['build_seconds']:.0f} s to build)")
    return folder


def _build_sqlite_library(folder: Path, corpus: Path, count: int, seed: int, log) -> None:
    for stale in folder.glob("folio.db*"):
        stale.unlink()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    log(f"SQLite library: building {count:,} articles into {folder} (cached for later runs)")
    started = time.monotonic()
    sources = read_sources(corpus)
    database = Database(f"sqlite:///{folder / 'folio.db'}")
    try:
        load_library(database, generate_articles(sources, count, seed), log=log)
    finally:
        database.dispose()  # the last connection checkpoints the WAL into the file
    seconds = time.monotonic() - started
    (folder / "ready.json").write_text(json.dumps({"build_seconds": seconds, "sources": len(sources)}))
    log(f"SQLite library: built in {seconds:.0f} s from {len(sources)} corpus pages")


def postgres_library(cluster, corpus: Path, count: int, seed: int, *, log=print) -> str:
    """The URL of a database of `cluster` (tests/server/postgres_server.py) holding the same
    library, loaded on first use; the cluster lives under the cache too."""
    name = library_key(count, seed).replace("-", "_")
    ready = cluster.root / f"{name}.ready"
    if ready.exists():
        log(f"PostgreSQL library: cached ({json.loads(ready.read_text())['build_seconds']:.0f} s to load)")
        return cluster.url(name)
    url = cluster.create_database(name)  # drops a half-loaded one
    log(f"PostgreSQL library: loading {count:,} articles (cached for later runs)")
    started = time.monotonic()
    database = Database(url)
    try:
        load_library(database, generate_articles(read_sources(corpus), count, seed), log=log)
    finally:
        database.dispose()
    seconds = time.monotonic() - started
    ready.write_text(json.dumps({"build_seconds": seconds}))
    log(f"PostgreSQL library: loaded in {seconds:.0f} s")
    return url
