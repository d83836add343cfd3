"""`folio serve` started for the load benchmark: start-up time, its processes, their memory.

The gunicorn master's children are the workers; a worker's children are its extraction
processes (folio.library.extraction). While the load runs, each process's peak RSS (VmHWM, kept
by the kernel, so short peaks between samples count too) is read from /proc/PID/status every
half second. Proportional and private memory (smaps_rollup) are read only between load phases,
by `sample_memory(detailed=True)`: the kernel walks every page of the process for them, which
costs enough CPU to lower the throughput being measured.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

FOLIO = str(Path(sys.executable).with_name("folio"))
SAMPLE_SECONDS = 0.5
MiB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ProcessMemory:
    role: str  # "worker" or "extraction"
    peak_rss: int = 0  # bytes: the largest of VmHWM and the sampled VmRSS
    peak_pss: int = 0  # proportional share: shared pages divided among the processes sharing them
    peak_uss: int = 0  # private pages only: what the process alone costs


@dataclass
class MemoryReport:
    processes: dict[int, ProcessMemory] = field(default_factory=dict)

    def peak(self, role: str, kind: str = "peak_rss") -> int:
        return max((getattr(p, kind) for p in self.processes.values() if p.role == role), default=0)

    def count(self, role: str) -> int:
        return sum(1 for p in self.processes.values() if p.role == role)


class RunningFolio:
    def __init__(self, data_dir: Path, database_url: str | None = None, workers: int | None = None,
                 log_path: Path | None = None):
        self.port = free_port()
        self.env = {**os.environ, "FOLIO_DATA_DIR": str(data_dir)}
        if database_url:
            self.env["FOLIO_DATABASE_URL"] = database_url
        self.workers = workers
        self.log_path = log_path or data_dir / "benchmark-server.log"
        self.process: subprocess.Popen | None = None
        self.startup_seconds = float("nan")
        self.memory = MemoryReport()
        self._sampling = threading.Event()
        self._sampler: threading.Thread | None = None

    def start(self, timeout: float = 120) -> RunningFolio:
        command = [FOLIO, "serve", "--port", str(self.port)]
        if self.workers:
            command += ["--workers", str(self.workers)]
        started = time.perf_counter()
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        while not self._healthy():
            if self.process.poll() is not None or time.perf_counter() - started > timeout:
                self.stop()
                raise RuntimeError(f"folio serve did not start; see {self.log_path}")
            time.sleep(0.02)
        self.startup_seconds = time.perf_counter() - started
        self.wait_for_workers()
        self._sampler = threading.Thread(target=self._sample_memory, daemon=True)
        self._sampler.start()
        return self

    def wait_for_workers(self, timeout: float = 60) -> None:
        """Until gunicorn has started all its workers (healthy means one of them answers)."""
        expected = self.workers or int(self.env.get("FOLIO_WORKERS") or 0) or 1
        deadline = time.monotonic() + timeout
        while len(self.worker_pids()) < expected and time.monotonic() < deadline:
            time.sleep(0.05)

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as answer:
                return answer.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def worker_pids(self) -> list[int]:
        return children_of(self.process.pid) if self.process else []

    def extraction_processes(self) -> int:
        return sum(len(children_of(worker)) for worker in self.worker_pids())

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time used so far by the master, the workers, and the extraction processes.

        An extraction process retires after its 500th page: its time then moves into its
        worker's count of ended children, which is added here, so it is not lost between two
        readings."""
        used = {"master": cpu_seconds(self.process.pid), "worker": 0.0, "extraction": 0.0}
        for worker in self.worker_pids():
            used["worker"] += cpu_seconds(worker)
            used["extraction"] += cpu_seconds(worker, ended_children=True)
            used["extraction"] += sum(cpu_seconds(child) for child in children_of(worker))
        return used

    def _sample_memory(self) -> None:
        while not self._sampling.wait(SAMPLE_SECONDS):
            self.sample_memory()

    def sample_memory(self, detailed: bool = False) -> None:
        for worker in self.worker_pids():
            self._record(worker, "worker", detailed)
            for child in children_of(worker):
                self._record(child, "extraction", detailed)

    def _record(self, pid: int, role: str, detailed: bool) -> None:
        try:
            status = _fields(Path(f"/proc/{pid}/status"))
            rollup = _fields(Path(f"/proc/{pid}/smaps_rollup")) if detailed else {}
        except OSError:
            return  # it ended between the listing and the reading
        memory = self.memory.processes.setdefault(pid, ProcessMemory(role))
        memory.peak_rss = max(memory.peak_rss, status.get("VmHWM", 0), status.get("VmRSS", 0))
        memory.peak_pss = max(memory.peak_pss, rollup.get("Pss", 0))
        memory.peak_uss = max(memory.peak_uss, rollup.get("Private_Clean", 0) + rollup.get("Private_Dirty", 0))

    def stop(self) -> None:
        self._sampling.set()
        if self._sampler is not None:
            self._sampler.join()
            self.sample_memory(detailed=True)
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def cpu_seconds(pid: int, ended_children: bool = False) -> float:
    """User plus system CPU time a process has used so far (0 when it is gone), or with
    `ended_children` that of its children that ended and were waited for."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    first = 13 if ended_children else 11  # cutime, cstime; else utime, stime
    return (int(fields[first]) + int(fields[first + 1])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all processes of the machine have used so far (every core), from /proc/stat."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _fields(path: Path) -> dict[str, int]:
    """The "Name:   1234 kB" lines of a /proc file, in bytes."""
    values = {}
    for line in path.read_text().splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if len(parts) == 2 and parts[1] == "kB":
            values[name] = int(parts[0]) * 1024
    return values


def children_of(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(child) for child in children.read().split()]
    except OSError:
        return []
