"""Parametrisation over the golden pages and the fixtures the extraction tests share.

A test taking `golden_name` runs once per golden page; marking it `golden_keys("a", "b")`
limits it to pages whose expected file has one of those keys. A test taking `golden_field`
runs once per (page, Article field) pair, for the fields its module lists in FIELD_CHECKS
that the page's expected file states.
"""

from __future__ import annotations

import pytest

from .goldens import GoldenPage, extract_golden, golden_names, load_golden


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "golden_keys(*keys): run a golden_name test only on pages whose expected file has one of the keys",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "golden_field" in metafunc.fixturenames:
        fields = metafunc.module.FIELD_CHECKS
        pairs = [
            (name, field)
            for name in golden_names()
            for field in fields
            if field in load_golden(name).expected
        ]
        metafunc.parametrize(
            "golden_name,golden_field", pairs, ids=[f"{name}-{field}" for name, field in pairs]
        )
    elif "golden_name" in metafunc.fixturenames:
        names = golden_names()
        marker = metafunc.definition.get_closest_marker("golden_keys")
        if marker is not None:
            names = [n for n in names if any(key in load_golden(n).expected for key in marker.args)]
        metafunc.parametrize("golden_name", names)


@pytest.fixture
def page(golden_name: str) -> GoldenPage:
    return load_golden(golden_name)


@pytest.fixture
def article(golden_name: str):
    """The engine's Article for this golden page (extracted once per session)."""
    return extract_golden(golden_name)


@pytest.fixture
def golden():
    """`golden("russian_cyrillic")` -> GoldenPage, for tests that build inputs from a page."""
    return load_golden
