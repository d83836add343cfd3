"""Golden pages for the extraction engine: where they live, how to load them, how text is compared.

Each page is `pages/<name>.html` (hand-written) plus `pages/<name>.expected.json`, the truth
about that page written by hand, not copied from any engine's output (keys: test_golden.py).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGES_DIR = Path(__file__).parent / "pages"
EXPECTED_SUFFIX = ".expected.json"


def normalize(text: str | None) -> str:
    """NFC, then every run of whitespace (including NBSP and U+3000) becomes one space."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@dataclass(frozen=True)
class GoldenPage:
    name: str
    html_path: Path
    expected: dict[str, Any]

    @property
    def url(self) -> str:
        return self.expected["url"]

    def html_bytes(self) -> bytes:
        return self.html_path.read_bytes()

    def html_text(self) -> str:
        return self.html_path.read_text(encoding="utf-8")


def golden_names() -> list[str]:
    return sorted(p.name[: -len(EXPECTED_SUFFIX)] for p in PAGES_DIR.glob(f"*{EXPECTED_SUFFIX}"))


@functools.cache
def load_golden(name: str) -> GoldenPage:
    expected_path = PAGES_DIR / f"{name}{EXPECTED_SUFFIX}"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    return GoldenPage(name=name, html_path=PAGES_DIR / f"{name}.html", expected=expected)


@functools.cache
def extract_golden(name: str):
    """The engine's Article for a golden page, extracted once per test session.

    The page goes in as bytes, as the CLI and the API hand it over. Exceptions are not cached,
    so every test of a page the engine crashes on reports the crash.
    """
    from folio.extract import extract_article

    page = load_golden(name)
    return extract_article(page.html_bytes(), page.url)
