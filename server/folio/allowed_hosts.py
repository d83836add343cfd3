"""The host names Folio answers to: a request naming any other host gets 400 before it does anything.

This stops DNS rebinding. A page on evil.example can point its own name at 127.0.0.1 after it has
loaded, and its scripts then reach a Folio on the visitor's loopback as same-origin requests:
the first-run /setup page of a fresh server, for one. The browser still sends
`Host: evil.example`, so a server that answers only to its own names is out of reach.

Allowed: the loopback names, the address `folio serve --host` listens on, and FOLIO_ALLOWED_HOSTS.
When it listens on every address (0.0.0.0 or ::, as in the Docker image) any IP address is
allowed too: a rebinding page always sends a name, never an address. Behind a trusted proxy
(FOLIO_TRUSTED_PROXIES) the name checked is the one the proxy forwards in X-Forwarded-Host.

Werkzeug has a check of its own (Flask's TRUSTED_HOSTS), not used here: it cuts a trusted IPv6
address at its first colon, so `[::1]` never matches, and a request it refuses has no URL
adapter, so the HTML error page, which links its stylesheet with `url_for`, cannot be drawn.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import request

from folio.config import Config
from folio.errors import BadInput

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
EVERY_ADDRESS = frozenset({"", "0.0.0.0", "::"})
ANY_HOST = "*"


class UnknownHost(BadInput):
    code = "unknown_host"


@dataclass(frozen=True)
class AllowedHosts:
    names: frozenset[str]
    domains: tuple[str, ...]  # from ".example.org": the domain itself and all its subdomains
    any_address: bool
    any_host: bool

    @classmethod
    def from_config(cls, config: Config) -> AllowedHosts:
        listen = (config.listen_host or "").lower().strip("[]")
        names = set(LOOPBACK_NAMES)
        if listen not in EVERY_ADDRESS:
            names.add(listen)
        names.update(name for name in config.allowed_hosts if not name.startswith("."))
        return cls(
            names=frozenset(names),
            domains=tuple(name[1:] for name in config.allowed_hosts if name.startswith(".")),
            any_address=config.listen_host is not None and listen in EVERY_ADDRESS,
            any_host=ANY_HOST in config.allowed_hosts,
        )

    def allows(self, host: str) -> bool:
        """`host` is a Host header value: a name or address, with or without a port."""
        if self.any_host:
            return True
        name = host_name(host)
        if name is None:
            return False
        if name in self.names or any(name == domain or name.endswith("." + domain) for domain in self.domains):
            return True
        return self.any_address and is_ip_address(name)


def host_name(host: str) -> str | None:
    """"Example.org:8000" -> "example.org", "[::1]:8000" -> "::1"; None when it is no host."""
    try:
        name = urlsplit("//" + host).hostname
    except ValueError:  # an unclosed "[" and the like
        return None
    return name.rstrip(".") if name else None


def is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def refuse_unknown_hosts(allowed: AllowedHosts):
    """A `before_request` function that lets only requests for the `allowed` hosts through."""

    def check_host() -> None:
        if allowed.allows(request.host):
            return
        if not request.host:
            raise UnknownHost("the request names no valid host (Host header)")
        raise UnknownHost(f"this server does not answer to the host name {request.host!r}; "
                          "its administrator can add the name to FOLIO_ALLOWED_HOSTS")

    return check_host
