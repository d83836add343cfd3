"""Tells data tables (a list of films, a results grid) from tables used for layout.

Link-dense tables look like navigation to a link-density test, yet on a list page they are the
article. This is Readability.js's `_getReadabilityDataTable` rule: the table's own markup
(summary, caption, header cells) says so, or it is a grid larger than a layout table would be.
"""

from __future__ import annotations

import lxml.html

HEADER_MARKUP = (".//col", ".//colgroup", ".//tfoot", ".//thead", ".//th")
# A table with this many rows, more columns than this, or more cells than this is a grid.
MIN_DATA_ROWS = 10
MAX_LAYOUT_COLUMNS = 4
MAX_LAYOUT_CELLS = 10


def is_data_table(table: lxml.html.HtmlElement) -> bool:
    if table.get("role") == "presentation" or table.get("datatable") == "0":
        return False
    if table.get("summary"):
        return True
    caption = table.find("caption")
    if caption is not None and (len(caption) or (caption.text or "").strip()):
        return True
    if any(table.find(path) is not None for path in HEADER_MARKUP):
        return True
    if table.find(".//table") is not None:
        return False  # tables inside tables are page layout
    rows, columns = _size(table)
    if rows == 1 or columns == 1:
        return False
    return rows >= MIN_DATA_ROWS or columns > MAX_LAYOUT_COLUMNS or rows * columns > MAX_LAYOUT_CELLS


def data_table_parts(root: lxml.html.HtmlElement) -> set:
    """The data tables under `root` and every element inside them."""
    parts = set()
    for table in root.iter("table"):
        if table not in parts and is_data_table(table):
            parts.update(table.iter())
    return parts


def _size(table: lxml.html.HtmlElement) -> tuple[int, int]:
    rows = columns = 0
    for row in table.iter("tr"):
        rows += _span(row, "rowspan")
        cells = sum(_span(cell, "colspan") for cell in row if cell.tag in ("td", "th"))
        columns = max(columns, cells)
    return rows, columns


def _span(element: lxml.html.HtmlElement, attribute: str) -> int:
    value = (element.get(attribute) or "").strip()
    return max(1, min(int(value), 1000)) if value.isdigit() else 1
