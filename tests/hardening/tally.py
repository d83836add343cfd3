"""How many generated inputs and attack vectors the hardening tests tried, by name.

Tests call `record("fuzz ...", n)` for inputs tried (added up, across xdist workers too) and
`battery("XSS vectors ...", n)` for the size of a fixed list (the same on every worker that
uses it, so the largest is kept). The conftest prints both at the end of the run, so the
numbers show in the normal pytest output.
"""

from __future__ import annotations

from collections import Counter

counts: Counter[str] = Counter()
batteries: dict[str, int] = {}


def record(name: str, number: int = 1) -> None:
    counts[name] += number


def battery(name: str, size: int) -> None:
    batteries[name] = max(batteries.get(name, 0), size)


def merge(other: dict) -> None:
    counts.update(other.get("counts", {}))
    for name, size in other.get("batteries", {}).items():
        battery(name, size)


def export() -> dict:
    return {"counts": dict(counts), "batteries": dict(batteries)}
