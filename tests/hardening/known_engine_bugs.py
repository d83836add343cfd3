"""Failures of the extraction engine (server/folio/extract/, the lead's) found by these tests.

The engine is not ours to change: each bug is listed here with a minimal page that shows it,
and test_fuzz.py keeps one strict xfail test per entry (it starts failing, as a reminder to
delete the entry, once the engine is fixed). The fuzzers count a hit on a listed bug instead of
failing on it, so they keep looking for new ones. Through the API each of these is a logged
422 ("the page could not be processed"): `folio.library.extraction` catches what the engine
raises. None is a 500.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class KnownBug:
    name: str
    exception: type[BaseException]
    message: re.Pattern
    page: str | bytes  # the smallest page that shows it


KNOWN_ENGINE_BUGS: list[KnownBug] = []
# Found by these tests and fixed since: kept as regression pages.
FIXED_ENGINE_BUGS = {
    "a vertical tab or form feed outside any tag (ValueError)": "x\x0b" + "<p>A sentence of the story. </p>" * 20,
    "a page without a body (readability returned a whole document: AssertionError)": "<title>",
    "a control character in readability's summary (ValueError)": b"m9\x1a</p><picture><source srcset=','>",
    "JSON-LD nested 100,000 deep (RecursionError)": '<script type="application/ld+json">' + "[" * 100_000
    + "]" * 100_000 + "</script><article><p>" + "A sentence of the story. " * 40 + "</p></article>",
    "a UTF-16 page ending in a byte-swapped BOM, U+FFFE (ValueError)": b"\xff\xfe\x00<\x00h\x00t\x00m\x00l\x00>\xfe\xff",
}


def known_bug(error: BaseException) -> KnownBug | None:
    for bug in KNOWN_ENGINE_BUGS:
        if isinstance(error, bug.exception) and bug.message.search(str(error)):
            return bug
    return None
