"""Rate limits by client address, counted in this process's memory (each server worker counts on
its own), with `limits`, the library under Flask-Limiter.

Two things are limited: sign-in attempts, and API calls whose token is refused. Flask-Limiter
ran its bookkeeping before and after every request of the app to serve those two, a fifth of a
worker's own time for an API call (0.14 of 0.63 ms for POST /api/v1/extract, measured warm);
here each limit is counted where its requests are handled, and costs nothing elsewhere.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from flask import request
from werkzeug.exceptions import TooManyRequests

from folio.config import Config

SIGN_IN_LIMIT = "10 per minute"


class RateLimit:
    """At most `limit` ("10 per minute", in any moving window of that length) events per client
    address (the proxy's client when FOLIO_TRUSTED_PROXIES says there is one: see ProxyFix)."""

    def __init__(self, name: str, limit: str, counter: MovingWindowRateLimiter | None):
        self.name = name
        self.item = parse(limit)
        self._counter = counter  # None: limits are off

    def take(self) -> None:
        """Count one event of this request's client, or raise 429 (with Retry-After) when it is
        over the limit."""
        if self._counter is not None and not self._counter.hit(self.item, self.name, _client()):
            self._refuse(_client())

    def check(self) -> None:
        """Raise 429 when this request's client is over the limit; count nothing."""
        if self._counter is not None and not self._counter.test(self.item, self.name, _client()):
            self._refuse(_client())

    def count(self) -> None:
        if self._counter is not None:
            self._counter.hit(self.item, self.name, _client())

    def _refuse(self, key: str) -> None:
        reset = self._counter.get_window_stats(self.item, self.name, key).reset_time
        seconds = max(1, math.ceil(reset - time.time()))
        raise TooManyRequests(f"too many attempts from this address; try again in {seconds} s",
                              retry_after=seconds)


def _client() -> str:
    return request.remote_addr or ""


@dataclass(frozen=True)
class RateLimits:
    sign_in: RateLimit
    failed_api_token: RateLimit

    @classmethod
    def from_config(cls, config: Config) -> RateLimits:
        counter = MovingWindowRateLimiter(MemoryStorage()) if config.rate_limits_enabled else None
        return cls(sign_in=RateLimit("sign-in", SIGN_IN_LIMIT, counter),
                   failed_api_token=RateLimit("failed-api-token", config.api_auth_failure_limit, counter))
