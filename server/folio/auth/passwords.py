"""Password hashing with argon2id, at the cost set in `Config.argon2` (FOLIO_ARGON2_*).

A hash records the parameters it was made with, so hashes made at an earlier cost keep
verifying; `needs_rehash` tells the sign-in to store a new one at the current cost.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from folio.config import Argon2Parameters

MIN_PASSWORD_LENGTH = 8


@cache
def _hasher(parameters: Argon2Parameters) -> PasswordHasher:
    return PasswordHasher(memory_cost=parameters.memory_kib, time_cost=parameters.time_cost,
                          parallelism=parameters.parallelism, type=Type.ID)


@cache
def _dummy_hash(parameters: Argon2Parameters) -> str:
    """Verified against when a user name is unknown, so a wrong name costs as long as a wrong password."""
    return _hasher(parameters).hash("folio: no such user")


def hash_password(password: str, parameters: Argon2Parameters) -> str:
    return _hasher(parameters).hash(password)


def verify_password(password_hash: str | None, password: str, parameters: Argon2Parameters) -> bool:
    """Whether `password` matches `password_hash` (made at any cost); False for no hash at all."""
    try:
        matches = _hasher(parameters).verify(password_hash or _dummy_hash(parameters), password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None


def needs_rehash(password_hash: str, parameters: Argon2Parameters) -> bool:
    """Whether the hash was made with other parameters (or another argon2 variant) than these."""
    return _hasher(parameters).check_needs_rehash(password_hash)
