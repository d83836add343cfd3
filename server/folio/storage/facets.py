"""Facet tokens: owner, tags, site and state written as words into the `facets` search column.

SQLite finds an article's owner, tags, site and state inside the FTS5 MATCH itself, which is
many times faster than joining each match to its row and filtering afterwards (docs: shared
notes, search-at-scale). The library writes the column with `facets_text`; the SQLite search
reads it with the same tokens. (Marking an article read re-indexes it: about a millisecond.)
"""

from __future__ import annotations

from collections.abc import Iterable


def owner_token(user_id: int) -> str:
    return f"u{user_id}"


def tag_token(tag_key: str) -> str:
    return f"t{tag_key}"


def domain_token(domain: str) -> str:
    return "d" + _alphanumeric(domain)


def site_token(site_key: str) -> str:
    return f"s{site_key}"


def state_tokens(state: str) -> list[str]:
    """The tokens an article in `state` carries (all of them must match)."""
    return {"unread": ["r0", "a0"], "read": ["r1"], "archived": ["a1"], "favourite": ["f1"]}[state]


def _flags(read: bool, archived: bool, favourite: bool) -> list[str]:
    return [f"r{int(read)}", f"a{int(archived)}", f"f{int(favourite)}"]


def domain_suffixes(domain: str) -> list[str]:
    """"blog.example.com" -> ["blog.example.com", "example.com"]: a site filter matches subdomains."""
    labels = domain.split(".")
    return [".".join(labels[start:]) for start in range(max(1, len(labels) - 1))] if domain else []


def facets_text(user_id: int, tag_keys: Iterable[str], domain: str, site_key: str, *,
                read: bool, archived: bool, favourite: bool) -> str:
    tokens = [owner_token(user_id), *_flags(read, archived, favourite)]
    tokens += [tag_token(key) for key in sorted(tag_keys)]
    tokens += [domain_token(suffix) for suffix in domain_suffixes(domain)]
    if site_key:
        tokens.append(site_token(site_key))
    return " ".join(tokens)


def _alphanumeric(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())
