import pytest

from folio.article import Tag
from folio.library.tags import (
    MAX_NEW_AUTO_TAGS,
    MAX_NEW_PAGE_TAGS,
    choose_suggested_tags,
    clean_tag_name,
    merge_tags,
    resolve_user_tags,
    tag_key,
)


@pytest.mark.parametrize("one, other", [
    ("Python", "python"),
    ("Machine Learning", "machine-learning"),
    ("machine_learning", "Machine learning"),
    ("Web APIs", "web api"),
    ("stories", "Story"),
    ("Movies", "movie"),
    ("boxes", "box"),
    ("classes", "class"),
    ("cities", "city"),
    ("Café", "cafe"),
    ("Économie", "economie"),
    ("#climate", "climate"),
    ("C.I.A.", "cia"),
])
def test_variants_share_a_key(one, other):
    assert tag_key(clean_tag_name(one)) == tag_key(clean_tag_name(other))


@pytest.mark.parametrize("one, other", [
    ("news", "new"),
    ("analysis", "analysi"),
    ("gas", "ga"),
    ("python", "pythons-and-snakes"),
])
def test_different_tags_keep_different_keys(one, other):
    assert tag_key(one) != tag_key(other)


@pytest.mark.parametrize("raw, clean", [
    ("  two   words ", "two words"),
    ("#hashtag", "hashtag"),
    ("tab\there", "tab here"),
    ("nul\x00byte", "nulbyte"),
    ("!!!", ""),
    ("", ""),
])
def test_clean_tag_name(raw, clean):
    assert clean_tag_name(raw) == clean


def test_suggestions_take_the_users_spelling():
    known = {tag_key("Machine Learning"): "Machine Learning"}
    chosen = choose_suggested_tags([Tag("machine-learning", "page")], known, allow_new=True)
    assert chosen == [Tag("Machine Learning", "page")]


def test_no_new_auto_tags_when_the_users_tags_already_match():
    known = {tag_key("science"): "science"}
    suggested = [Tag("Science", "auto"), Tag("oceans", "auto"), Tag("tides", "auto")]
    assert choose_suggested_tags(suggested, known, allow_new=True) == [Tag("science", "auto")]


def test_new_suggestions_are_capped():
    suggested = [Tag(f"page {n}", "page") for n in range(10)] + [Tag(f"auto {n}", "auto") for n in range(10)]
    chosen = choose_suggested_tags(suggested, {}, allow_new=True)
    assert sum(tag.source == "page" for tag in chosen) == MAX_NEW_PAGE_TAGS
    assert sum(tag.source == "auto" for tag in chosen) == MAX_NEW_AUTO_TAGS


def test_updates_add_only_known_tags():
    known = {tag_key("science"): "science"}
    chosen = choose_suggested_tags([Tag("Sciences", "page"), Tag("new thing", "page")], known, allow_new=False)
    assert chosen == [Tag("science", "page")]


def test_duplicate_and_unusable_suggestions_are_dropped():
    suggested = [Tag("AI", "page"), Tag("ai", "auto"), Tag("???", "page"), Tag("x" * 65, "page")]
    assert choose_suggested_tags(suggested, {}, allow_new=True) == [Tag("AI", "page")]


def test_user_tags_follow_existing_spelling_and_dedupe():
    known = {tag_key("Python"): "Python"}
    assert resolve_user_tags(["python", "PYTHON", "Rust", "  "], known) == [Tag("Python", "user"), Tag("Rust", "user")]


def test_merge_keeps_current_and_promotes_user_tags():
    merged = merge_tags([Tag("Climate", "auto")], [Tag("climate", "user"), Tag("Sea", "page")])
    assert merged == [Tag("Climate", "user"), Tag("Sea", "page")]
