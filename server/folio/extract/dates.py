"""Normalises the many ways pages write dates to ISO 8601 (date-only when no time is given)."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
# Earliest and latest plausible publication years; outside this a parse went wrong.
PLAUSIBLE_YEARS = range(1990, 2100)


def normalise_date(value: str | None) -> str | None:
    if not value:
        return None
    text = value.strip()
    if DATE_ONLY.match(text):
        return text if int(text[:4]) in PLAUSIBLE_YEARS else None
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
        return dateutil_parser.parse(text, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
