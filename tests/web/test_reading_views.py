"""The reading page and its forms: state, tags, re-extract, delete; other users' ids are 404."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from folio.storage import StoredArticle
from .web_support import fresh, save, text_of


def test_the_reading_page_shows_the_article_in_the_reader_layout(signed_in, article):
    html = text_of(signed_in.get(f"/articles/{article.id}"))
    assert '<link rel="stylesheet" href="/static/reader.css">' in html
    assert '<article class="reader" id="article" dir="ltr" lang="en">' in html
    assert '<h1 class="reader-title">The rising sea</h1>' in html
    assert '<p class="reader-byline">By Ada Lovelace</p>' in html
    assert '<p class="reader-site">Example News</p>' in html
    assert '<time datetime="2024-05-03"><bdi>3 May 2024</bdi></time>' in html
    assert "4 min read" in html
    assert "<p>Sea levels rise faster than expected, scientists say.</p>" in html
    assert '<title>The rising sea · Folio</title>' in html


def test_the_original_link_leaks_nothing_to_the_site(signed_in, article):
    html = text_of(signed_in.get(f"/articles/{article.id}"))
    links = re.findall(r'<a [^>]*href="https://example.com/story"[^>]*>', html)
    assert links and all('rel="noopener noreferrer"' in link for link in links)


def test_a_right_to_left_article_is_marked_so(signed_in, db, alice):
    row = save(db, alice, lang="ar", dir="rtl", title="مكتبة المدينة", byline="ليلى حداد")
    html = text_of(signed_in.get(f"/articles/{row.id}"))
    assert 'dir="rtl" lang="ar"' in html
    assert '<p class="reader-byline">ليلى حداد</p>' in html  # no English "By" before an Arabic name


@pytest.mark.parametrize(("lang", "direction", "expected"), [
    ('en" onload="x', "ltr", 'dir="ltr">'), (None, "sideways", 'dir="auto">'), ("pt-BR", "auto", 'dir="auto" lang="pt-BR">'),
])
def test_odd_language_and_direction_values_are_not_trusted(signed_in, db, alice, lang, direction, expected):
    row = save(db, alice, lang=lang, dir=direction)
    html = text_of(signed_in.get(f"/articles/{row.id}"))
    assert f'<article class="reader" id="article" {expected}' in html
    assert "onload" not in html


def test_the_article_html_is_sanitized_again_on_the_way_out(signed_in, db, article):
    db.execute(update(StoredArticle).where(StoredArticle.id == article.id).values(
        content_html='<p onclick="x()">Hi<script>alert(1)</script></p><img src="javascript:alert(2)">'
                     '<a href="javascript:alert(3)">link</a><iframe src="https://evil.example"></iframe>'))
    db.commit()
    html = text_of(signed_in.get(f"/articles/{article.id}"))
    body = html[html.index('class="reader-content"'):html.index('class="reader-footer"')]
    assert "<script" not in body and "onclick" not in body and "javascript:" not in body and "<iframe" not in body
    assert "<p>Hi</p>" in body


def test_the_lead_image_is_shown_once(signed_in, db, alice):
    separate = save(db, alice, "https://example.com/a", lead_image="https://example.com/lead.jpg")
    inside = save(db, alice, "https://example.com/b", lead_image="https://example.com/lead.jpg?a=1&b=2",
                  content_html='<figure><img src="https://example.com/lead.jpg?a=1&amp;b=2"></figure><p>Text</p>')
    html = text_of(signed_in.get(f"/articles/{separate.id}"))
    assert 'class="reader-lead-image"><img src="https://example.com/lead.jpg" alt="" referrerpolicy="no-referrer"' in html
    assert "reader-lead-image" not in text_of(signed_in.get(f"/articles/{inside.id}")).split("<main")[1]


def test_display_controls_need_javascript_and_start_hidden(signed_in, article):
    html = text_of(signed_in.get(f"/articles/{article.id}"))
    assert re.search(r'<details class="menu display-menu" data-needs-js hidden>', html)
    assert re.search(r'<div class="reader-group listen-controls" role="group" aria-label="Listen" data-listen hidden>', html)


# --- another user's article, or none ---

OTHER_USERS_ACTIONS = [
    ("get", "/articles/{id}", None),
    ("get", "/articles/{id}/delete", None),
    ("post", "/articles/{id}/delete", {}),
    ("post", "/articles/{id}/state", {"read": "1"}),
    ("post", "/articles/{id}/tags", {"tags": "mine"}),
    ("post", "/articles/{id}/tags/remove", {"tag": "Climate"}),
    ("post", "/articles/{id}/reextract", {}),
]


@pytest.mark.parametrize(("method", "path", "form"), OTHER_USERS_ACTIONS)
def test_another_users_article_is_not_found(signed_in, db, bob, method, path, form):
    theirs = save(db, bob, title="Bob's private notes")
    url = path.format(id=theirs.id)
    response = signed_in.get(url) if method == "get" else signed_in.submit(url, form)
    assert response.status_code == 404
    assert response.mimetype == "text/html" and "Not found" in text_of(response)
    assert "Bob" not in text_of(response)
    row = fresh(db, theirs)
    assert row is not None and not row.read and [link.tag.name for link in row.tag_links] == ["Climate"]


@pytest.mark.parametrize("path", ["/articles/999999", "/articles/abc", "/articles/-1", "/articles/1e3",
                                  "/articles/99999999999999999999999"])
def test_an_unknown_article_is_not_found(signed_in, article, path):
    response = signed_in.get(path)
    assert response.status_code == 404 and "Not found" in text_of(response)


# --- state ---

@pytest.mark.parametrize(("field", "message"), [("read", "Marked as read."), ("archived", "Archived."),
                                                ("favourite", "Added to favourites.")])
def test_marking_read_archived_and_favourite(signed_in, db, article, field, message):
    page = f"/articles/{article.id}"
    response = signed_in.submit(f"{page}/state", {field: "1"}, page=page)
    assert response.status_code == 303 and response.location == page
    assert getattr(fresh(db, article), field) is True
    assert message in text_of(signed_in.get(page))
    signed_in.submit(f"{page}/state", {field: "0"}, page=page)
    assert getattr(fresh(db, article), field) is False


def test_the_reading_page_buttons_say_what_they_do(signed_in, db, article):
    page = f"/articles/{article.id}"
    html = text_of(signed_in.get(page))
    assert re.search(r'name="favourite" value="1">.*?aria-pressed="false"', html, re.S)
    assert "Mark as read" in html
    signed_in.submit(f"{page}/state", {"favourite": "1", "read": "1"}, page=page)
    html = text_of(signed_in.get(page))
    assert re.search(r'name="favourite" value="0">.*?aria-pressed="true"', html, re.S)
    assert "Mark as unread" in html


@pytest.mark.parametrize("form", [{"read": "yes"}, {"archived": ""}, {}, {"title": "x"}])
def test_a_bad_state_form_is_refused(signed_in, db, article, form):
    response = signed_in.submit(f"/articles/{article.id}/state", form, page=f"/articles/{article.id}")
    assert response.status_code == 400 and response.mimetype == "text/html"
    row = fresh(db, article)
    assert not row.read and not row.archived


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil"])
def test_state_forms_return_only_to_local_pages(signed_in, article, target):
    response = signed_in.submit(f"/articles/{article.id}/state", {"read": "1", "return_to": target})
    assert response.location == f"/articles/{article.id}"


def test_forms_on_the_reading_page_need_the_csrf_token(signed_in, db, article):
    for path, form in [("state", {"read": "1"}), ("tags", {"tags": "x"}), ("tags/remove", {"tag": "Climate"}),
                       ("delete", {}), ("reextract", {})]:
        response = signed_in.post(f"/articles/{article.id}/{path}", data=form)
        assert response.status_code == 400, path
    row = fresh(db, article)
    assert row is not None and not row.read and [link.tag.name for link in row.tag_links] == ["Climate"]


# --- tags ---

def tags_on(db, row) -> list[str]:
    return sorted(link.tag.name for link in fresh(db, row).tag_links)


def test_adding_tags_separated_by_commas(signed_in, db, article):
    page = f"/articles/{article.id}"
    response = signed_in.submit(f"{page}/tags", {"tags": " Oceans, science ,, "}, page=page)
    assert response.status_code == 303 and response.location == page
    assert tags_on(db, article) == ["Climate", "Oceans", "science"]
    html = text_of(signed_in.get(page))
    assert 'aria-label="Remove the tag Oceans"' in html and 'href="/?tag=science"' in html


def test_a_tag_the_library_already_has_keeps_its_spelling(signed_in, db, article):
    signed_in.submit(f"/articles/{article.id}/tags", {"tags": "climate, CLIMATE"}, page=f"/articles/{article.id}")
    assert tags_on(db, article) == ["Climate"]


def test_removing_a_tag(signed_in, db, article):
    page = f"/articles/{article.id}"
    signed_in.submit(f"{page}/tags/remove", {"tag": "Climate"}, page=page)
    assert tags_on(db, article) == []
    signed_in.submit(f"{page}/tags/remove", {"tag": "not there"}, page=page)
    assert tags_on(db, article) == []


@pytest.mark.parametrize(("typed", "message"), [
    ("x" * 65, "Each tag must be a name of 1 to 64 printable characters."),
    (",".join(f"t{n}" for n in range(60)), "Tags must be a list of at most 50 names."),
    ("", "Type a tag name to add."),
])
def test_tags_that_cannot_be_added_say_why(signed_in, db, article, typed, message):
    page = f"/articles/{article.id}"
    response = signed_in.submit(f"{page}/tags", {"tags": typed}, page=page)
    assert response.status_code == 303
    assert message in text_of(signed_in.get(page))
    assert tags_on(db, article) == ["Climate"]


# --- delete and re-extract ---

def test_delete_asks_first_then_deletes(signed_in, db, article):
    page = f"/articles/{article.id}"
    confirm = signed_in.get(f"{page}/delete")
    assert confirm.status_code == 200
    html = text_of(confirm)
    assert "Delete this article?" in html and "The rising sea" in html
    assert fresh(db, article) is not None
    response = signed_in.submit(f"{page}/delete", page=f"{page}/delete")
    assert response.status_code == 303 and response.location == "/"
    assert fresh(db, article) is None
    assert "Deleted “The rising sea”." in text_of(signed_in.get("/"))
    assert signed_in.get(page).status_code == 404


def test_extract_again_runs_the_extractor_on_the_stored_page(signed_in, db, alice):
    page_html = ("<html><head><title>Tidal mills</title></head><body><article><h1>Tidal mills</h1>"
                 + "<p>The mill turns with the tide, grinding flour for the village twice a day.</p>" * 8
                 + "</article></body></html>")
    row = save(db, alice, html=page_html, title="Old title", content_html="<p>old</p>", text="old")
    page = f"/articles/{row.id}"
    response = signed_in.submit(f"{page}/reextract", page=page)
    assert response.status_code == 303 and response.location == page
    html = text_of(signed_in.get(page))
    assert "Extracted again. Changed:" in html and "text" in html
    assert "grinding flour" in fresh(db, row).content_html


def test_extract_again_on_a_page_without_an_article_says_so(signed_in, db, alice):
    row = save(db, alice, html="<html><body></body></html>")
    page = f"/articles/{row.id}"
    response = signed_in.submit(f"{page}/reextract", page=page)
    assert response.status_code == 303
    assert 'data-kind="error"' in text_of(signed_in.get(page))
    assert fresh(db, row).content_html == "<p>Sea levels rise faster than expected, scientists say.</p>"
