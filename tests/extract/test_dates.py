"""normalise_date: the many ways pages write dates become ISO 8601 (date-only when no time is given)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from folio.extract.dates import normalise_date

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?)?$")


@pytest.mark.parametrize(
    "value, expected",
    [
        # Date-only stays date-only: the page gave no time, so none is invented.
        ("2024-05-01", "2024-05-01"),
        ("  2024-05-01  ", "2024-05-01"),
        ("May 1, 2024", "2024-05-01"),
        ("1 May 2024", "2024-05-01"),
        ("2024/05/01", "2024-05-01"),
        ("20240501", "2024-05-01"),
        # With a time: seconds precision, the page's own offset kept.
        ("2024-05-01T09:30:00+02:00", "2024-05-01T09:30:00+02:00"),
        ("2024-05-01T09:30:00-05:00", "2024-05-01T09:30:00-05:00"),
        ("2024-05-01T09:30:00Z", "2024-05-01T09:30:00+00:00"),
        ("2024-05-01T09:30:00.000Z", "2024-05-01T09:30:00+00:00"),
        ("2024-05-01 09:30:00.123456+0530", "2024-05-01T09:30:00+05:30"),
        ("2024-05-01T09:30", "2024-05-01T09:30:00"),
        ("Wed, 01 May 2024 09:30:00 GMT", "2024-05-01T09:30:00+00:00"),
        ("Wed, 01 May 2024 09:30:00 +0200", "2024-05-01T09:30:00+02:00"),
        ("September 18, 2023 at 10:15 am", "2023-09-18T10:15:00"),
        # Implausible years mean a parse went wrong (epoch defaults, typos, placeholders).
        ("1899-12-31", None),
        ("0001-01-01", None),
        ("3024-05-01", None),
        ("Thu, 01 Jan 1970 00:00:00 +0000", None),
        ("1989-12-31T23:59:59Z", None),
        ("1990-01-01", "1990-01-01"),
        ("2099-12-31", "2099-12-31"),
        # Not dates at all.
        ("not a date", None),
        ("Updated 2 hours ago", None),
        ("2024-05-01T25:00:00", None),
        ("0000-00-00 00:00:00", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value, acceptable",
    [
        pytest.param("2024-05", {None, "2024-05"}, id="year-month"),
        pytest.param("May 2024", {None, "2024-05"}, id="month-name-year"),
        pytest.param("2024", {None, "2024"}, id="year"),
        pytest.param("14:00", {None}, id="time-only"),
        pytest.param("Tuesday", {None}, id="weekday"),
    ],
)
def test_partial_dates_do_not_gain_todays_missing_fields(value, acceptable):
    assert normalise_date(value) in acceptable


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2024-13-45", id="month-13"),
        pytest.param("2024-02-30", id="february-30"),
        pytest.param("2023-02-29", id="not-a-leap-year"),
    ],
)
def test_impossible_calendar_dates_are_rejected(value):
    assert normalise_date(value) is None


@settings(max_examples=150, deadline=None)
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)),
       st.sampled_from(["+00:00", "+02:00", "-05:00", "+05:30"]))
def test_iso_timestamps_come_back_unchanged_to_the_second(moment, offset):
    text = moment.replace(microsecond=0).isoformat() + offset
    assert normalise_date(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_iso_8601_or_none(value):
    result = normalise_date(value)
    assert result is None or ISO.match(result)
