"""Exports in every format, and the Folio JSON export read back by the import."""

import html
import io
import json
import zipfile
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from conftest import make_user, sample_article
from folio import library
from folio.article import Tag
from folio.errors import BadInput
from folio.library.archive_format import read_archive
from folio.sanitize import sanitize_html, sanitize_text
from folio.storage import User, write


def export(session, user, format_name="json", **filters):
    out = io.BytesIO()
    library.export_articles(session, user, format_name, out, library.ArticleFilter(**filters))
    return out.getvalue()


def records(data: bytes) -> list[dict]:
    return json.loads(data)["articles"]


@pytest.fixture
def two_articles(session, alice):
    library.save_article(session, alice, sample_article(url="https://example.com/1", title="First <one>"),
                         "<html>one</html>", tags=["Later"], extractor_version="t")
    row, _ = library.save_article(
        session, alice, sample_article(url="https://example.com/2", title="Second", lang="fr",
                                       content_html=sanitize_html('<p>Deuxième <a href="https://x.org">lien</a></p>')),
        "<html>two</html>", extractor_version="t")
    library.update_article(session, alice, row.id, read=True, favourite=True)


def test_json_export_holds_everything(session, alice, two_articles):
    first, second = records(export(session, alice))
    assert first["title"] == "First <one>" and first["original_html"] == "<html>one</html>"
    assert {"name": "Later", "source": "user"} in first["tags"]
    assert second["read"] and second["favourite"] and not second["archived"]
    assert "id" not in first and "web_url" not in first
    assert set(first) >= {"saved_at", "updated_at", "capture", "extractor_version", "title_edited"}


def test_export_filters(session, alice, two_articles):
    assert [r["url"] for r in records(export(session, alice, tag="later"))] == ["https://example.com/1"]
    assert [r["url"] for r in records(export(session, alice, q="Second"))] == ["https://example.com/2"]
    assert len(records(export(session, alice, state="read"))) == 1


def test_markdown_export(session, alice, two_articles):
    text = export(session, alice, "markdown").decode()
    assert "## First <one>" in text
    assert "Deuxième [lien](https://x.org)" in text
    assert "Tags: Climate, Later, oceans" in text


def test_html_export_is_one_escaped_page(session, alice, two_articles):
    page = export(session, alice, "html").decode()
    assert page.startswith("<!doctype html>")
    assert html.escape("First <one>") in page and "First <one>" not in page
    assert '<a href="https://x.org" rel="noopener noreferrer nofollow">lien</a>' in page
    assert "<link" not in page and "<script" not in page  # nothing to fetch, nothing to run


def test_epub_export(session, alice, two_articles):
    book = zipfile.ZipFile(io.BytesIO(export(session, alice, "epub")))
    assert book.read("mimetype") == b"application/epub+zip"
    chapters = [name for name in book.namelist() if name.endswith(".xhtml") and "article-" in name]
    assert len(chapters) == 2
    assert "Deuxième" in book.read(next(n for n in chapters if n.endswith("article-2.xhtml"))).decode()


def test_empty_exports_are_valid(session, alice):
    assert records(export(session, alice)) == []
    assert zipfile.ZipFile(io.BytesIO(export(session, alice, "epub"))).testzip() is None


def test_unknown_format(session, alice):
    with pytest.raises(BadInput):
        export(session, alice, "pdf")


def comparable(data: bytes) -> list[dict]:
    return records(data)


def test_import_round_trip_into_another_user(session, alice, bob, two_articles):
    exported = export(session, alice)
    assert library.import_articles(session, bob, exported) == library.ImportResult(imported=2, updated=0)
    assert comparable(export(session, bob)) == comparable(exported)
    # importing again changes nothing and counts as updates
    assert library.import_articles(session, bob, exported) == library.ImportResult(imported=0, updated=2)
    assert comparable(export(session, bob)) == comparable(exported)


def test_import_keeps_the_users_other_tags(session, alice, bob, two_articles):
    exported = export(session, alice)
    library.save_article(session, bob, sample_article(url="https://example.com/1", tags=[]), "<p></p>",
                         tags=["bob's"], extractor_version="t")
    library.import_articles(session, bob, exported)
    first = records(export(session, bob))[0]
    assert {"name": "bob's", "source": "user"} in first["tags"]
    assert {"name": "Later", "source": "user"} in first["tags"]


def test_import_sanitizes_content(session, alice):
    record = {"url": "https://evil.example/x", "original_html": "<p>x</p>",
              "content_html": '<p onclick="steal()">hi<script>steal()</script><a href="javascript:x">l</a></p>'}
    library.import_articles(session, alice, {"format": "folio-export", "version": 1, "articles": [record]})
    stored = library.list_articles(session, alice).items[0].content_html
    assert stored == '<p>hi<a rel="noopener noreferrer nofollow">l</a></p>'


def archive(*articles):
    return {"format": "folio-export", "version": 1, "articles": list(articles)}


GOOD = {"url": "https://example.com/a", "original_html": "<p>a</p>"}


@pytest.mark.parametrize("data, message", [
    (b"not json", "not JSON"),
    (b"[]", "not a Folio export"),
    ({"format": "other"}, "not a Folio export"),
    ({"format": "folio-export", "version": 2, "articles": []}, "version"),
    ({"format": "folio-export", "version": 1}, "articles"),
    (archive("x"), "article 1 is not an object"),
    (archive(GOOD, {**GOOD, "url": "javascript:alert(1)"}), "article 2: url"),
    (archive({"url": "https://example.com/a"}), "original_html is missing"),
    (archive({**GOOD, "word_count": -1}), "word_count"),
    (archive({**GOOD, "word_count": True}), "word_count"),
    (archive({**GOOD, "read": "yes"}), "read must be true or false"),
    (archive({**GOOD, "saved_at": "yesterday"}), "saved_at"),
    (archive({**GOOD, "tags": ["x"]}), "tags"),
    (archive({**GOOD, "tags": [{"name": "x", "source": "magic"}]}), "tags"),
    (archive({**GOOD, "tags": [{"name": "", "source": "user"}]}), "tags"),
    (archive({**GOOD, "capture": "telepathy"}), "capture"),
    (archive({**GOOD, "dir": "up"}), "dir"),
    (archive({**GOOD, "title": 5}), "title must be a string"),
])
def test_import_refuses_bad_files(session, alice, data, message):
    with pytest.raises(BadInput, match=message):
        library.import_articles(session, alice, data)
    assert library.list_articles(session, alice).total == 0


def test_a_minimal_record_is_enough():
    (item,) = read_archive(archive(GOOD))
    assert item.article.canonical_url == "https://example.com/a"
    assert item.capture == "import"


# --- the property: export, import elsewhere, export again: the same file ----------------------

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
plain = st.text(alphabet="abcdefgh éü中-", min_size=1, max_size=12).filter(lambda s: s.strip("- "))
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1),
                       timezones=st.just(timezone.utc))

saved_articles = st.fixed_dictionaries({
    "path": st.text(alphabet="abcxyz019", min_size=1, max_size=8),
    "title": st.none() | words,
    "byline": st.none() | words,
    "site_name": st.none() | words,
    "published": st.none() | st.dates().map(str),
    "lang": st.none() | st.sampled_from(["en", "fr", "pl", "zh-Hans"]),
    "dir": st.sampled_from(["ltr", "rtl"]),
    "text": words,
    "paragraph": words,
    "word_count": st.integers(0, 10**6),
    "readerable": st.booleans(),
    "page_tags": st.lists(st.tuples(plain, st.sampled_from(["page", "auto"])), max_size=4),
    "user_tags": st.lists(plain, max_size=3),
    "read": st.booleans(),
    "archived": st.booleans(),
    "favourite": st.booleans(),
    "edited_title": st.none() | plain,
    "html": words,
    "capture": st.sampled_from(["extension", "api", "import"]),
    "saved_at": moments,
})


def build_library(session, user, specs):
    for spec in specs:
        article = sample_article(
            # what the engine returns has passed folio.sanitize, as everything stored has
            url=f"https://example.com/{spec['path']}", title=sanitize_text(spec["title"]),
            byline=sanitize_text(spec["byline"]), site_name=sanitize_text(spec["site_name"]), published=spec["published"], lang=spec["lang"], dir=spec["dir"],
            text=spec["text"], content_html=sanitize_html(f"<p>{html.escape(spec['paragraph'])}</p>"),
            word_count=spec["word_count"], readerable=spec["readerable"],
            tags=[Tag(name, source) for name, source in spec["page_tags"]],
        )
        row, _ = library.save_article(session, user, article, spec["html"], tags=spec["user_tags"],
                                      capture=spec["capture"], extractor_version="prop-1")
        library.update_article(session, user, row.id, read=spec["read"], archived=spec["archived"],
                               favourite=spec["favourite"], title=spec["edited_title"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(saved_articles, max_size=5))
def test_export_import_round_trip(session, specs):
    for name in ("source", "target"):  # hypothesis runs many examples on one database
        write(session, lambda: session.execute(delete(User).where(User.name == name)))
    session.expunge_all()
    source, target = make_user(session, "source"), make_user(session, "target")
    build_library(session, source, specs)
    exported = export(session, source)
    library.import_articles(session, target, exported)
    assert comparable(export(session, target)) == comparable(exported)
