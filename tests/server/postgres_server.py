"""A private, throwaway PostgreSQL server for the tests and the load benchmark.

    with running_postgres() as server:
        url = server.create_database("folio_test")   # postgresql+psycopg://...

It runs `initdb` into a fresh temporary folder and `pg_ctl start` on a free 127.0.0.1 port,
with durability off (fsync) for speed, and deletes everything on exit. initdb refuses to run
as root, so under root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER_USER = "postgres"  # used only when running as root
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",  # a test cluster never needs to survive a crash
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<v>/bin)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda path: int(Path(path).parent.parent.name))
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    def __init__(self, bin_dir: Path, root: Path, port: int, user: str | None):
        self.bin_dir = bin_dir
        self.root = root
        self.port = port
        self.user = user  # the system user the server runs as; None: the current one

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([str(self.bin_dir / program), *args], check=True, user=self.user,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=self.root)

    def start(self) -> None:
        """Create the cluster (first time only) and start it; after `stop()`, this starts it again."""
        if not (self.data_dir / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data_dir), "-U", "postgres", "-A", "trust",
                      "-E", "UTF8", "--locale=C", "--no-sync")
        options = " ".join(f"-c {name}={value}" for name, value in SERVER_SETTINGS.items())
        options += f" -p {self.port} -k {self.root}"
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "server.log"), "-o", options,
                  "-w", "-t", "60", "start")

    def stop(self, mode: str = "immediate") -> None:
        """Stop the server; "immediate" (a crash, for a throwaway cluster) may lose the last
        commits (synchronous_commit is off), "fast" ends every session and keeps them."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    user = SERVER_USER if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="folio-postgres-"))
    if user is not None:
        account = pwd.getpwnam(user)
        os.chown(root, account.pw_uid, account.pw_gid)
    server = PostgresServer(bin_dir, root, free_port(), user)
    try:
        server.start()
        yield server
    finally:
        if (server.data_dir / "postmaster.pid").exists():
            server.stop()
        shutil.rmtree(root, ignore_errors=True)
