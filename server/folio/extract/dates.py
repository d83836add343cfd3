"""Normalises the many ways pages write dates to ISO 8601 (date-only when no time is given)."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
# Earliest and latest plausible publication years; outside this a parse went wrong.
PLAUSIBLE_YEARS = range(1990, 2100)
MAX_DATE_LENGTH = 100
FIRST_DEFAULT = datetime(2001, 1, 1)
SECOND_DEFAULT = datetime(2002, 2, 2)


def normalise_date(value: str | None) -> str | None:
    if not value or len(value) > MAX_DATE_LENGTH:
        return None  # no date is that long, and dateutil's time grows with the square of it
    text = value.strip()
    if DATE_ONLY.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None  # 2024-02-30
        return text if day.year in PLAUSIBLE_YEARS else None
    parsed = _parse(text)
    if parsed is None or parsed.year not in PLAUSIBLE_YEARS:
        return None
    if not HAS_TIME.search(text):
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        # dateutil fills what the text lacks from a default date: parsing with two different
        # defaults shows whether the text really named a year, a month and a day.
        first = dateutil_parser.parse(text, default=FIRST_DEFAULT)
        second = dateutil_parser.parse(text, default=SECOND_DEFAULT)
    except (ValueError, OverflowError, TypeError):
        return None
    return first if first.date() == second.date() else None
