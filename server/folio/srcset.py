"""Parsing srcset attributes: "url 1x, url 2x". URLs may hold commas ("w_400,c_fill"), so a
comma separates candidates only where whitespace follows it or a descriptor precedes it."""

from __future__ import annotations

import re

CANDIDATE_SEPARATOR = re.compile(r",(?=\s)|(?<=\d[wx]),")


def srcset_candidates(srcset: str) -> list[tuple[str, str]]:
    """(url, descriptor) pairs, in order; the descriptor may be empty."""
    candidates = []
    for entry in CANDIDATE_SEPARATOR.split(srcset):
        parts = entry.strip().split()
        if parts:
            candidates.append((parts[0], " ".join(parts[1:])))
    return candidates


def format_srcset(candidates: list[tuple[str, str]]) -> str:
    return ", ".join(f"{url} {descriptor}".strip() for url, descriptor in candidates)
