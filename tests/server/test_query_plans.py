"""Query plans that keep the library fast at 100,000 articles (benchmarks/server.py).

- PostgreSQL text search finds matches through the GIN index, never by testing every row. The
  planner does not know that a tsvector lives out of line (TOAST) and costs a read per row, so
  on its own it scans the whole table, or every article of the user through the owner index
  (a common word: 150 ms at 100,000 articles, 25 ms through the index). Each search statement
  is explained at the moment it runs, with the settings in force.
- An excluded word is the set of articles holding it, found through the index too (200 ms
  before, 14 ms after, for a common word without a medium one).
- The tag counts of the library page come from the tag index alone (75 ms before, 6 ms after).
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, text

from conftest import make_user, sample_article
from folio import library
from folio.library import ArticleFilter
from folio.storage import User

SEARCHES = ["tides", "tides coast", '"along the coast"', "tid*", "tides -storm", "tides tag:oceans",
            "site:example.com tides"]


@pytest.fixture
def library_of_articles(postgres_database):
    with postgres_database.session() as session:
        user = make_user(session)
        for number in range(300):
            words = "tides along the coast" if number % 10 == 0 else "storm over the plains"
            article = sample_article(f"https://example.com/story/{number}", title=f"Story {number}",
                                     text=f"Report {number}: {words}, measured for years.")
            library.save_article(session, user, article, "<p>page</p>", extractor_version="test")
        session.execute(text("ANALYZE"))
        session.commit()
    return postgres_database


def plans_of_searches(database, query: str, sort: str = "newest") -> list[str]:
    """Run the search; return the plan of every statement it sent, explained as it was sent."""
    plans: list[str] = []

    def explain(connection, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "search_vector" in statement:
            cursor.execute("EXPLAIN " + statement, parameters)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))

    event.listen(database.engine, "before_cursor_execute", explain)
    try:
        with database.session() as session:
            page = library.list_articles(session, the_user(session), ArticleFilter(q=query, sort=sort))
            assert page.total
    finally:
        event.remove(database.engine, "before_cursor_execute", explain)
    return plans


def the_user(session) -> User:
    return session.scalars(select(User)).one()


@pytest.mark.postgres
def test_search_statements_use_the_index(library_of_articles):
    for query in SEARCHES:
        for sort in ("newest", "relevance"):
            plans = plans_of_searches(library_of_articles, query, sort)
            assert plans, query
            for plan in plans:
                assert "Seq Scan on articles" not in plan, (query, sort, plan)
                # A tag filter may drive the search from the tag's own article list instead.
                driven_by = "article_tags" if "tag:" in query else "ix_articles_search"
                assert "Index Scan on ix_articles_search" in plan or driven_by in plan, (query, sort, plan)
                assert "NOT (search_vector @@" not in plan, (query, sort, plan)  # "-word": a set, not a test


@pytest.mark.postgres
def test_other_statements_of_the_request_plan_as_usual(library_of_articles):
    """The setting that steers the search does not outlive it."""
    with library_of_articles.session() as session:
        library.list_articles(session, the_user(session), ArticleFilter(q="tides"))
        assert session.scalar(text("SHOW enable_seqscan")) == "on"


def test_tag_counts_read_only_the_tag_index(sqlite_database):
    plans: list[str] = []

    def record(connection, cursor, statement, parameters, context, executemany):
        if "article_tags" in statement and "count(" in statement:
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            plans.append(" / ".join(row[3] for row in cursor.fetchall()))

    with sqlite_database.session() as session:
        user = make_user(session)
        for number in range(3):
            article = sample_article(f"https://example.com/story/{number}")
            library.save_article(session, user, article, "<p>page</p>", tags=["Tides"], extractor_version="test")
        event.listen(sqlite_database.engine, "before_cursor_execute", record)
        try:
            counts = library.list_tags(session, user)
        finally:
            event.remove(sqlite_database.engine, "before_cursor_execute", record)
    assert [(tag.name, tag.count) for tag in counts] == [("Climate", 3), ("Tides", 3), ("oceans", 3)]
    assert plans and all("COVERING INDEX ix_article_tags_tag_id" in plan for plan in plans), plans
    assert not any("SCAN article_tags" in plan for plan in plans), plans
