"""data_tables: a grid of data is told from a table used for page layout, as Readability.js does."""

from __future__ import annotations

import lxml.html
import pytest

from folio.extract.data_tables import data_table_parts, is_data_table


def grid(rows: int, columns: int, attributes: str = "", inside: str = "") -> str:
    cells = "".join(f"<td>cell {c}{inside}</td>" for c in range(columns))
    return f"<table {attributes}>" + "".join(f"<tr>{cells}</tr>" for _ in range(rows)) + "</table>"


def table(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html)


@pytest.mark.parametrize(
    "html, expected",
    [
        (grid(3, 3, 'summary="Results by district"'), True),
        ("<table><caption>Films with time loops</caption><tr><td>a</td><td>b</td></tr></table>", True),
        ("<table><thead><tr><th>Film</th><th>Year</th></tr></thead><tr><td>a</td><td>1993</td></tr></table>", True),
        ("<table><tr><th>Film</th><td>a</td></tr></table>", True),
        (grid(12, 2), True),
        (grid(2, 5), True),
        (grid(4, 3), True),
        (grid(3, 3), False),
        (grid(1, 4), False),
        (grid(6, 1), False),
        (grid(12, 2, 'role="presentation"'), False),
        (grid(12, 2, 'datatable="0"'), False),
        (grid(12, 3, inside="<table><tr><td>nested</td></tr></table>"), False),
        ('<table><tr><td colspan="5">wide</td></tr><tr><td>a</td></tr></table>', True),
        ('<table><tr><td colspan="x">a</td><td>b</td></tr></table>', False),
    ],
    ids=["summary", "caption", "thead", "th", "ten-rows", "five-columns", "twelve-cells", "small-grid",
         "one-row", "one-column", "presentation", "datatable-0", "layout-with-nested-table", "colspan",
         "bad-colspan"],
)
def test_data_tables_are_told_from_layout_tables(html, expected):
    assert is_data_table(table(html)) is expected


def test_parts_are_the_data_tables_and_everything_inside_them():
    page = lxml.html.fragment_fromstring(
        f"<div>{grid(12, 2, inside='<a href=/x>link</a>')}{grid(2, 2)}</div>")
    data, layout = page.findall("table")
    parts = data_table_parts(page)
    assert set(data.iter()) <= parts
    assert not set(layout.iter()) & parts
