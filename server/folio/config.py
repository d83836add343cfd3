"""Server settings: read once from the `FOLIO_*` environment variables into one `Config` object.

Nothing else in Folio reads `os.environ`; everything takes a `Config`.
"""

from __future__ import annotations

import math
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_MAX_HTML_BYTES = 10 * 1024 * 1024
# An export holds every article's original HTML, so an import body may be far larger than a page.
DEFAULT_MAX_IMPORT_BYTES = 512 * 1024 * 1024
DEFAULT_EXTRACT_TIMEOUT = 30.0
SECRET_KEY_FILE = "secret_key"
# argon2 needs at least 8 KiB of memory per lane.
ARGON2_MIN_KIB_PER_LANE = 8


class ConfigError(ValueError):
    """A `FOLIO_*` variable holds a value Folio cannot use."""


@dataclass(frozen=True)
class Argon2Parameters:
    """The cost of hashing a password (argon2id), as the `m`, `t` and `p` of the stored hash.

    The default is OWASP's recommendation for servers short of memory (Password Storage Cheat
    Sheet): 19 MiB, 2 passes, 1 lane. Each sign-in holds `memory_kib` in the worker for a moment.
    """

    memory_kib: int = 19 * 1024
    time_cost: int = 2
    parallelism: int = 1


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str
    secret_key: str
    max_html_bytes: int = DEFAULT_MAX_HTML_BYTES
    max_import_bytes: int = DEFAULT_MAX_IMPORT_BYTES
    workers: int = 1  # gunicorn worker processes; each has threads and extraction processes
    extract_processes: int | None = None  # per worker; None: the usable CPUs shared among the workers
    extract_timeout: float = DEFAULT_EXTRACT_TIMEOUT  # 0 runs extraction in-process, unbounded
    trusted_proxies: int = 0
    # Host names (or IP addresses, or ".example.org" for every subdomain) the server answers to
    # besides the loopback ones; "*" turns the check off. See folio/allowed_hosts.py.
    allowed_hosts: tuple[str, ...] = ()
    argon2: Argon2Parameters = Argon2Parameters()
    # Not from the environment: `folio serve` migrates once before forking and turns this off.
    auto_migrate: bool = True
    # Not from the environment: the address `folio serve --host` listens on (also a host name
    # the server answers to).
    listen_host: str | None = None
    # Failed API authentications allowed per client address (`limits` syntax: "20 per minute").
    api_auth_failure_limit: str = "20 per minute"
    rate_limits_enabled: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("FOLIO_DATA_DIR") or "./data").resolve()
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return cls(
            data_dir=data_dir,
            database_url=database_url(env.get("FOLIO_DATABASE_URL"), data_dir),
            secret_key=env.get("FOLIO_SECRET_KEY") or stored_secret_key(data_dir),
            max_html_bytes=_positive_int(env, "FOLIO_MAX_HTML_BYTES", DEFAULT_MAX_HTML_BYTES),
            max_import_bytes=_positive_int(env, "FOLIO_MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES),
            workers=_positive_int(env, "FOLIO_WORKERS", 1),
            extract_processes=_positive_int(env, "FOLIO_EXTRACT_PROCESSES", None),
            extract_timeout=_seconds(env, "FOLIO_EXTRACT_TIMEOUT", DEFAULT_EXTRACT_TIMEOUT),
            trusted_proxies=_count(env, "FOLIO_TRUSTED_PROXIES", 0),
            allowed_hosts=host_names(env.get("FOLIO_ALLOWED_HOSTS", "")),
            argon2=argon2_parameters(env),
        )

    @classmethod
    def for_data_dir(cls, data_dir: Path | str, **overrides) -> Config:
        """A config for tests and tools: defaults everywhere, the database inside `data_dir`."""
        return cls.from_env({"FOLIO_DATA_DIR": str(data_dir)}).with_changes(**overrides)

    def with_changes(self, **changes) -> Config:
        return replace(self, **changes)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def extraction_processes(self) -> int:
        """Pages each worker extracts at once: by default the cores, shared among the workers."""
        return self.extract_processes or max(1, usable_cpus() // self.workers)


def usable_cpus(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """The CPUs this process may run on, and no more than a container's CPU quota (which
    `docker run --cpus=2` sets while the container still sees every CPU)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = _cpu_quota(cgroup)
    return cpus if quota is None else min(cpus, max(1, math.ceil(quota)))


def _cpu_quota(cgroup: Path) -> float | None:
    """CPUs' worth of time per period that the cgroup allows: cgroup v2's cpu.max ("200000 100000"
    or "max 100000"), else cgroup v1's cpu.cfs_quota_us (-1: none) over cpu.cfs_period_us."""
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()
    except (OSError, ValueError):
        try:
            quota = (cgroup / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (cgroup / "cpu" / "cpu.cfs_period_us").read_text().strip()
        except OSError:
            return None  # no CPU controller to read: the affinity is the limit
    try:
        return None if quota in ("max", "-1") else int(quota) / int(period)
    except (ValueError, ZeroDivisionError):
        return None


def database_url(value: str | None, data_dir: Path) -> str:
    if not value:
        return f"sqlite:///{data_dir / 'folio.db'}"
    # `postgresql://` would pick psycopg2, which Folio does not ship; psycopg 3 is the driver.
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    if not value.startswith(("sqlite", "postgresql+psycopg://")):
        raise ConfigError("FOLIO_DATABASE_URL must be a sqlite:/// or postgresql+psycopg:// URL")
    return value


def host_names(value: str) -> tuple[str, ...]:
    """FOLIO_ALLOWED_HOSTS: names separated by commas or spaces, as a browser puts them in the
    Host header but without the port (`folio.example.org`, `192.168.1.20`, `::1`), `.example.org`
    for a domain and all its subdomains, or `*` for any name. Compared as DNS compares names:
    without case or the root's dot, and international names in their ASCII (IDNA) form."""
    names = []
    for raw in value.replace(",", " ").split():
        name = raw.lower().rstrip(".")
        if name.startswith("[") and name.endswith("]"):  # an IPv6 address as a URL writes it
            name = name[1:-1]
        try:
            name = name.encode("idna").decode("ascii") if not name.isascii() else name
        except UnicodeError:
            raise ConfigError(f"FOLIO_ALLOWED_HOSTS: {raw!r} is not a host name") from None
        is_ipv6 = name.count(":") > 1
        if name != "*" and (not name or any(mark in name for mark in "/[]@") or (":" in name and not is_ipv6)):
            raise ConfigError(f"FOLIO_ALLOWED_HOSTS takes host names without scheme or port, not {raw!r}")
        names.append(name)
    return tuple(names)


def argon2_parameters(env: Mapping[str, str]) -> Argon2Parameters:
    default = Argon2Parameters()
    parameters = Argon2Parameters(
        memory_kib=_positive_int(env, "FOLIO_ARGON2_MEMORY_KIB", default.memory_kib),
        time_cost=_positive_int(env, "FOLIO_ARGON2_TIME_COST", default.time_cost),
        parallelism=_positive_int(env, "FOLIO_ARGON2_PARALLELISM", default.parallelism),
    )
    if parameters.memory_kib < ARGON2_MIN_KIB_PER_LANE * parameters.parallelism:
        raise ConfigError(f"FOLIO_ARGON2_MEMORY_KIB must be at least {ARGON2_MIN_KIB_PER_LANE} "
                          "times FOLIO_ARGON2_PARALLELISM")
    return parameters


def stored_secret_key(data_dir: Path) -> str:
    """The key kept in `<data dir>/secret_key` (mode 0600), created on first use.

    Several processes may start at once, so the file is written under a temporary name and
    linked into place: whoever links first wins and everyone reads that one key.
    """
    path = data_dir / SECRET_KEY_FILE
    if not path.exists():
        temporary = data_dir / f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    key = path.read_text().strip()
    if not key:
        raise ConfigError(f"{path} is empty; delete it to generate a new secret key")
    return key


def _positive_int(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    value = _count(env, name, default)
    if value is not None and value < 1:
        raise ConfigError(f"{name} must be a positive whole number")
    return value


def _count(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    return _number(env, name, default, int, "a whole number")


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    return _number(env, name, default, float, "a number of seconds")


def _number(env: Mapping[str, str], name: str, default, kind: type, described: str):
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be {described}, not {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative")
    return value
