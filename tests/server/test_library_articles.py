"""Saving, updating, reading and deleting articles, on SQLite and PostgreSQL."""

import threading

import pytest
from sqlalchemy import func, select

from conftest import make_user, sample_article
from folio import library
from folio.article import Tag
from folio.errors import BadInput, NotFound, Unprocessable
from folio.library.article_rows import original_html
from folio.storage import StoredArticle


def save(session, user, article=None, **options):
    options.setdefault("extractor_version", "test-1")
    return library.save_article(session, user, article or sample_article(), "<html>page</html>", **options)


def engine(function, version="x"):
    """A stand-in for the extraction engine: a function with a version."""
    function.version = version
    return function


def tag_pairs(row):
    return sorted((tag["name"], tag["source"]) for tag in library.stored_article_dict(row)["tags"])


def test_a_new_article_stores_every_field(session, alice):
    article = sample_article(section="Science", published="2024-05-01", lead_image="https://example.com/i.jpg")
    row, created = save(session, alice, article, capture="extension")
    assert created
    stored = library.stored_article_dict(library.get_article(session, alice, row.id))
    for name, value in article.to_dict().items():
        if name != "tags":
            assert stored[name] == value, name
    assert stored["capture"] == "extension"
    assert stored["extractor_version"] == "test-1"
    assert (stored["read"], stored["archived"], stored["favourite"]) == (False, False, False)
    assert stored["web_url"] == f"/articles/{row.id}"
    assert stored["saved_at"].endswith("Z")
    assert original_html(row) == "<html>page</html>"


def test_saving_the_same_page_again_updates_one_row_and_keeps_user_data(session, alice):
    first, _ = save(session, alice, tags=["Later"])
    library.update_article(session, alice, first.id, read=True, favourite=True)
    again, created = save(session, alice, sample_article(
        url="https://example.com/story?utm_source=newsletter#comments", title="The rising sea, updated"))
    assert not created
    assert again.id == first.id
    assert session.scalar(select(func.count()).select_from(StoredArticle)) == 1
    assert again.title == "The rising sea, updated"
    assert again.read and again.favourite
    assert ("Later", "user") in tag_pairs(again)
    assert again.saved_at == first.saved_at


def test_pages_with_the_same_canonical_url_are_one_article(session, alice):
    first, _ = save(session, alice, sample_article(url="https://example.com/story"))
    second, created = save(session, alice, sample_article(url="https://example.com/amp/story",
                                                          canonical_url="https://example.com/story"))
    assert not created and second.id == first.id
    for url in ("https://example.com/amp/story?fbclid=x", "https://EXAMPLE.com/story#top"):
        assert library.find_article_by_url(session, alice, url).id == first.id
    assert library.find_article_by_url(session, alice, "https://example.com/other") is None


def test_an_edited_title_survives_a_resave(session, alice):
    row, _ = save(session, alice)
    library.update_article(session, alice, row.id, title="My own title")
    again, _ = save(session, alice, sample_article(title="Site's title"))
    assert again.title == "My own title"


def test_suggested_tags_map_onto_the_users_tags(session, alice):
    save(session, alice, sample_article(url="https://example.com/1", tags=[Tag("Machine Learning", "page")]))
    row, _ = save(session, alice, sample_article(
        url="https://example.com/2", tags=[Tag("machine-learning", "auto"), Tag("robots", "auto"), Tag("ai", "auto")]))
    # the match uses the user's spelling, and no new auto tags come with it
    assert tag_pairs(row) == [("Machine Learning", "auto")]


def test_resaving_adds_no_new_suggested_tags(session, alice):
    row, _ = save(session, alice, sample_article(tags=[]))
    again, _ = save(session, alice, sample_article(tags=[Tag("brand new", "auto")]))
    assert tag_pairs(again) == []


def test_update_replaces_tags_keeping_sources(session, alice):
    row, _ = save(session, alice)
    updated = library.update_article(session, alice, row.id, tags=["climate", "To Read"], archived=True)
    assert tag_pairs(updated) == [("Climate", "page"), ("To Read", "user")]
    assert updated.archived
    assert [tag.name for tag in library.list_tags(session, alice)] == ["Climate", "To Read"]  # "oceans" pruned


def test_delete(session, alice):
    row, _ = save(session, alice)
    library.delete_article(session, alice, row.id)
    with pytest.raises(NotFound):
        library.get_article(session, alice, row.id)
    assert library.list_tags(session, alice) == []


def test_reextract_reports_changed_fields(session, alice):
    row, _ = save(session, alice)
    seen = {}

    def extract(html, url):
        seen["args"] = (html, url)
        return sample_article(title="Better title", word_count=99, tags=[Tag("Climate", "auto")])

    updated, changes = library.reextract_article(session, alice, row.id, extract=engine(extract, "test-2"))
    assert seen["args"] == ("<html>page</html>", "https://example.com/story")
    assert sorted(changes) == ["title", "word_count"]
    assert updated.extractor_version == "test-2"


def test_reextract_of_a_page_without_article_is_unprocessable(session, alice):
    row, _ = save(session, alice)

    def extract(html, url):
        raise Unprocessable("no article")

    with pytest.raises(Unprocessable):
        library.reextract_article(session, alice, row.id, extract=engine(extract))


def test_two_users_never_see_each_others_articles(session, alice, bob):
    row, _ = save(session, alice, tags=["private"])
    bobs, _ = save(session, bob)
    assert bobs.id != row.id  # the same page saved by two users is two articles
    with pytest.raises(NotFound):
        library.get_article(session, bob, row.id)
    with pytest.raises(NotFound):
        library.update_article(session, bob, row.id, read=True)
    with pytest.raises(NotFound):
        library.delete_article(session, bob, row.id)
    with pytest.raises(NotFound):
        library.reextract_article(session, bob, row.id, extract=engine(lambda html, url: sample_article()))
    assert [item.id for item in library.list_articles(session, bob).items] == [bobs.id]
    assert library.list_articles(session, bob, library.ArticleFilter(q="private OR sea")).total == 0
    assert library.list_articles(session, bob, library.ArticleFilter(tag="private")).total == 0
    assert "private" not in [tag.name for tag in library.list_tags(session, bob)]
    with pytest.raises(NotFound):
        library.rename_tag(session, bob, "private", "public")
    assert library.find_article_by_url(session, bob, "https://example.com/story").id == bobs.id


def test_rename_and_merge_tags(session, alice):
    one, _ = save(session, alice, sample_article(url="https://example.com/1", tags=[]), tags=["ML"])
    two, _ = save(session, alice, sample_article(url="https://example.com/2", tags=[]),
                  tags=["Machine Learning", "ML"])
    assert library.rename_tag(session, alice, "ml", "Deep Learning") == [
        library.TagCount("Deep Learning", 2), library.TagCount("Machine Learning", 1)]
    merged = library.rename_tag(session, alice, "Deep Learning", "machine-learning")
    assert merged == [library.TagCount("machine-learning", 2)]
    assert library.list_articles(session, alice, library.ArticleFilter(q='tag:"machine learning"')).total == 2
    assert library.list_articles(session, alice, library.ArticleFilter(q="tag:ml")).total == 0
    with pytest.raises(BadInput):
        library.rename_tag(session, alice, "machine-learning", "  ")
    with pytest.raises(NotFound):
        library.rename_tag(session, alice, "no such tag", "x")


def test_fifty_concurrent_saves_of_one_page_make_one_row(database):
    with database.session() as session:
        user = make_user(session, "racer")
    errors = []
    start = threading.Barrier(50)

    def save_once(number):
        try:
            with database.session() as session:
                start.wait()
                save(session, user, sample_article(url=f"https://example.com/story?utm_source={number}",
                                                   tags=[Tag("Climate", "page"), Tag(f"auto {number}", "auto")]),
                     tags=[f"thread {number % 3}"])
        except Exception as error:  # collected: any failure fails the test below
            errors.append(error)

    threads = [threading.Thread(target=save_once, args=(number,)) for number in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(StoredArticle)) == 1
        row = session.scalars(select(StoredArticle)).one()
        names = {tag["name"] for tag in library.stored_article_dict(row)["tags"]}
        assert {"Climate", "thread 0", "thread 1", "thread 2"} <= names


def test_capture_must_be_known(session, alice):
    with pytest.raises(BadInput):
        save(session, alice, capture="carrier pigeon")
