"""Load and scale benchmark of the Folio server: `folio serve` (gunicorn) over real HTTP, with targets.

    python benchmarks/server.py                 # 100,000 articles: about 3 minutes, 10 on the first run
    python benchmarks/server.py --quick         # smoke run: 5,000 articles, fewer requests
    python benchmarks/server.py --no-postgres   # SQLite only

Measures, on this machine, in one run:
- POST /api/v1/extract with a ~150 KB news page of the Mozilla corpus at concurrency 1, 8 and 32,
  against the same page's in-process extraction time (interleaved with the HTTP requests, so both
  see the same machine); and what isolating extraction in a child process costs, per design.
  Each client keeps its connection open, as a browser (and so the extension) does; at c=1 the
  same requests on a new connection each are reported too;
- two references that tell a limit of the machine from one of the code: the same page in as many
  child processes as the server has extraction processes, each page to the next (what spreading
  pages over processes would cost here, without HTTP), and one bare extracting process against
  one per core side by side (whether the cores add up: hyperthreads or a busy host do not);
- full-text search (GET /api/v1/articles?q=) over a mixed query set, and the library page
  (GET / signed in, with and without ?q=), on SQLite and PostgreSQL, in a generated library;
- peak memory of each gunicorn worker and extraction process, and start-up time.
Prints a table of figures, targets and PASS/MISS. The corpus is read at run time from
../shared/corpora/mozilla-readability (or CORPUS); without it the benchmark says so and stops.
The generated libraries are cached under /tmp/folio-bench (SQLite file, PostgreSQL cluster); the
first run builds them. The machine is shared: each load also reports the CPU that other
processes used meanwhile, so a figure taken while something else ran can be told apart.
"""

from __future__ import annotations

import argparse
import gc
import html as html_lib
import importlib.util
import itertools
import json
import math
import multiprocessing
import os
import re
import sqlite3
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "server"))  # postgres_server: a private PostgreSQL

import library_generator  # noqa: E402
from http_load import CLIENT_NAME, LoadResult, Request, median, percentile, run_load, send  # noqa: E402
from running_server import MiB, RunningFolio, children_of, cpu_seconds, machine_busy_seconds  # noqa: E402
from search_queries import CLASSES, query_set  # noqa: E402

from folio import auth  # noqa: E402
from folio.config import argon2_parameters  # noqa: E402
from folio.extract import extract_article, warm_up  # noqa: E402
from folio.library.extraction import Extractor  # noqa: E402
from folio.storage import Database  # noqa: E402

DEFAULT_CORPUS = HERE.parent / ".." / "shared" / "corpora" / "mozilla-readability"
NEWS_FOLDERS = ("nytimes-", "guardian-", "wapo-")
PAGE_SIZE = 150_000  # bytes: the news page is the one of these folders closest to this size
PAGE_URL = library_generator.CORPUS_URL
HOST = "127.0.0.1"
SEED = 20251125

# Targets (the brief of this benchmark).
HTTP_OVERHEAD_SHARE = 0.10  # HTTP p50 - in-process p50, as a share of in-process p50, at concurrency 1
THROUGHPUT_SHARE = 0.90  # requests/s at concurrency 8, as a share of cores / in-process p50
SEARCH_P95_MS = 50
PAGE_P95_MS = 100
WORKER_RSS_MB = 200
ARGON2 = argon2_parameters(os.environ)  # the password hashing cost of the servers started here


@dataclass(frozen=True)
class Scale:
    articles: int
    serial_rounds: int  # rounds of the interleaved concurrency-1 comparison
    per_round: int
    concurrent: dict[int, int]  # concurrency -> requests
    queries_per_class: int
    page_renders: int


FULL = Scale(articles=100_000, serial_rounds=12, per_round=5, concurrent={8: 320, 32: 640},
             queries_per_class=60, page_renders=150)
QUICK = Scale(articles=5_000, serial_rounds=3, per_round=4, concurrent={8: 48, 32: 96},
              queries_per_class=8, page_renders=20)


@dataclass
class Row:
    measure: str
    figure: str
    target: str = "—"
    verdict: str = ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quick", action="store_true", help="a smoke run: small library, few requests")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL part")
    options = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, also in a log file
    scale = QUICK if options.quick else FULL
    corpus = options.corpus.resolve()
    if not corpus.is_dir():
        print(f"skipped: the corpus folder {corpus} is absent (it holds the Mozilla Readability test pages)")
        return 0
    page_path = news_page(corpus)
    if page_path is None:
        print(f"skipped: no nytimes-*/guardian-*/wapo-* page in {corpus}")
        return 0

    started = time.monotonic()
    cores = len(os.sched_getaffinity(0))
    load_before = os.getloadavg()[0]
    page = page_path.read_text(encoding="utf-8")
    print(f"Folio server benchmark ({'quick' if options.quick else 'full'}): {cores} cores, "
          f"load average {load_before:.1f} at start, SQLite {sqlite3.sqlite_version}")
    print(f"client: {CLIENT_NAME}")
    print(f"page: {page_path.parent.name}/source.html, {len(page.encode()):,} bytes")

    rows: list[Row] = []
    class_rows: list[tuple[str, Searched]] = []
    warm_up()  # this process measures in-process extraction, and forks the extraction children
    # As `folio serve` does before forking: the garbage collector then leaves the loaded engine
    # alone, which makes a page faster, so the in-process reference is the engine at its best.
    gc.collect()
    gc.freeze()

    library_dir = library_generator.sqlite_library(corpus, scale.articles, SEED)
    queries = query_set(library_dir / "folio.db", scale.queries_per_class, SEED)
    server = RunningFolio(library_dir, log_path=Path(tempfile.gettempdir()) / "folio-bench-sqlite.log")
    token = api_token(f"sqlite:///{library_dir / 'folio.db'}")
    server.start()
    print(f"SQLite server: {len(server.worker_pids())} gunicorn worker(s) with {server.extraction_processes()} "
          f"extraction processes, up in {server.startup_seconds:.2f} s")
    try:
        rows += extraction_rows(server, token, page, scale, cores)
        searched = search_latencies(server, token, queries)
        api_memory = snapshot(server)  # before the web sign-in, whose password hash takes its memory
        rendered = page_latencies(server, queries, scale.page_renders)
    finally:
        server.stop()
    rows += search_rows("SQLite", searched, rendered, targets=True)
    class_rows.append(("SQLite", searched))
    rows += memory_rows("SQLite", server, api_memory)

    if options.no_postgres:
        rows.append(Row("PostgreSQL", "skipped (--no-postgres)", verdict="SKIPPED"))
    else:
        postgres = postgres_part(corpus, scale, queries)
        if isinstance(postgres, str):
            rows.append(Row("PostgreSQL", postgres, verdict="SKIPPED"))
        else:
            pg_server, pg_searched, pg_rendered, pg_api_memory = postgres
            rows += search_rows("PostgreSQL", pg_searched, pg_rendered, targets=False)
            class_rows.append(("PostgreSQL", pg_searched))
            rows += memory_rows("PostgreSQL", pg_server, pg_api_memory)

    print()
    print_table(rows)
    print()
    print_classes(class_rows)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end (started at {load_before:.1f}); "
          f"whole run {time.monotonic() - started:.0f} s")
    return 0


# --- extraction ---------------------------------------------------------------------------------

def news_page(corpus: Path) -> Path | None:
    pages = [folder / "source.html" for folder in corpus.iterdir()
             if folder.name.startswith(NEWS_FOLDERS) and (folder / "source.html").is_file()]
    return min(pages, key=lambda path: abs(path.stat().st_size - PAGE_SIZE), default=None)


def fork_per_page(html: str, url: str) -> None:
    """The design before the reused child: fork a process for each page (git history of
    server/folio/library/extraction.py), kept here to measure what it cost."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_extract_and_send, args=(sender, html, url), daemon=True)
    child.start()
    sender.close()
    receiver.poll(60)
    receiver.recv()
    receiver.close()
    child.join()


def _extract_and_send(sender, html: str, url: str) -> None:
    sender.send(extract_article(html, url))
    sender.close()


def extraction_rows(server: RunningFolio, token: str, page: str, scale: Scale, cores: int) -> list[Row]:
    body = json.dumps({"url": PAGE_URL, "html": page}).encode()
    request = Request("POST", "/api/v1/extract", body,
                      {"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    child = Extractor(timeout=30)
    processes = server.extraction_processes()
    # As many children as the server has extraction processes, each page to the next: what
    # spreading pages over that many processes would cost on this machine, with no HTTP (each
    # runs colder); the server gives each page to the process that finished last.
    children = [Extractor(timeout=30) for _ in range(processes)]
    turns = itertools.cycle(children)
    ways = {
        "in-process": lambda: extract_article(page, PAGE_URL),
        "reused child": lambda: child(page, PAGE_URL),
        f"{processes} children in turn": lambda: next(turns)(page, PAGE_URL),
        "fork per page": lambda: fork_per_page(page, PAGE_URL),
    }
    times: dict[str, list[float]] = defaultdict(list)
    http_serial = LoadResult(1, [], [], 0.0)
    unkept_serial = LoadResult(1, [], [], 0.0)  # c=1 again, each request on a connection of its own
    serial_cpu: dict[str, float] = {}
    for _ in range(processes):  # unmeasured calls: the worker and the children are warm
        for way in ways.values():
            way()
    run_load(HOST, server.port, lambda _: request, total=processes * 4, concurrency=processes)
    for round_number in range(scale.serial_rounds):  # interleaved, so that every way sees the same machine
        for name, way in ways.items():
            for _ in range(scale.per_round):
                began = time.perf_counter()
                way()
                times[name].append(time.perf_counter() - began)
        for keep_alive in (True, False) if round_number % 2 else (False, True):  # each first as often
            result, cpu = load_with_cpu(server, request, scale.per_round, 1, keep_alive=keep_alive)
            (http_serial if keep_alive else unkept_serial).absorb(result)
            if keep_alive:
                for name, seconds in cpu.items():
                    serial_cpu[name] = serial_cpu.get(name, 0.0) + seconds
    child.close()
    for each in children:
        each.close()

    in_process = median(times["in-process"])
    rows = [Row("extract in-process p50 (folio.extract.extract_article)", ms(in_process))]
    places = {"reused child": "in a reused child",
              f"{processes} children in turn": f"in {processes} reused children in turn",
              "fork per page": "in a fork per page"}
    for name, where in places.items():
        cost = median(times[name]) - in_process
        rows.append(Row(f"  {where}: p50, cost over in-process",
                        f"{ms(median(times[name]))}, {cost * 1000:+.1f} ms ({cost / in_process:+.0%})"))
    rows.append(load_row(http_serial))
    rows.append(cpu_row(serial_cpu, len(http_serial.latencies) + len(http_serial.errors), http_serial.elapsed, cores))
    overhead = http_serial.percentile(0.5) - in_process
    rows.append(Row("  HTTP overhead at c=1 (HTTP p50 - in-process p50)",
                    f"{ms(overhead)} = {overhead / in_process:.1%} of in-process",
                    f"≤ {HTTP_OVERHEAD_SHARE:.0%}", verdict(overhead <= HTTP_OVERHEAD_SHARE * in_process)))
    unkept_overhead = unkept_serial.percentile(0.5) - in_process
    rows.append(Row("  the same with a new connection per request (no keep-alive)",
                    f"p50 {ms(unkept_serial.percentile(0.5))}, overhead {ms(unkept_overhead)} "
                    f"= {unkept_overhead / in_process:.1%}, {len(unkept_serial.errors)} errors"))
    ceiling = machine_ceiling(page, cores, pages=max(8, scale.concurrent[8] // (2 * cores)))
    rows.append(Row(f"machine: {cores} bare extracting processes vs 1 (no HTTP; same page, back to back)",
                    f"{ceiling.parallel:.1f} vs {ceiling.alone:.1f} pages/s = {ceiling.scaling:.2f}x "
                    f"= {ceiling.parallel * in_process / cores:.0%} of {cores} cores / in-process p50"))
    for concurrency, total in scale.concurrent.items():
        result, cpu = load_with_cpu(server, request, total, concurrency)
        rows.append(load_row(result))
        rows.append(cpu_row(cpu, len(result.latencies) + len(result.errors), result.elapsed, cores))
        if concurrency == 8:
            ideal = cores / in_process
            rows.append(Row(f"  throughput at c=8 vs {cores} cores / in-process p50 ({ideal:.1f}/s)",
                            f"{result.requests_per_second / ideal:.0%}", f"≥ {THROUGHPUT_SHARE:.0%}",
                            verdict(result.requests_per_second >= THROUGHPUT_SHARE * ideal)))
            rows.append(Row(f"  throughput at c=8 vs the machine's {cores} bare processes ({ceiling.parallel:.1f}/s)",
                            f"{result.requests_per_second / ceiling.parallel:.0%}"))
    return rows


@dataclass(frozen=True)
class Ceiling:
    alone: float  # pages per second of one bare process
    parallel: float  # pages per second of `cores` bare processes side by side

    @property
    def scaling(self) -> float:
        return self.parallel / self.alone


def machine_ceiling(page: str, processes: int, pages: int) -> Ceiling:
    """What the machine gives the engine alone, without HTTP or Folio around it: forked copies of
    this process extracting the same page, one alone and then `processes` side by side. Their
    ratio tells whether the cores add up (two hyperthreads of one core, or a busy host, do not)."""
    return Ceiling(alone=extraction_rate(page, 1, pages), parallel=extraction_rate(page, processes, pages))


def extraction_rate(page: str, processes: int, pages: int) -> float:
    """Pages per second of `processes` forked copies extracting `pages` pages each, timed from a
    common start after two unmeasured pages (a fresh fork first copies the memory it touches)."""
    ready, go, results = os.pipe(), os.pipe(), os.pipe()
    children = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:
            try:
                for _ in range(2):
                    extract_article(page, PAGE_URL)
                os.write(ready[1], b".")
                os.read(go[0], 1)
                started = time.perf_counter()
                for _ in range(pages):
                    extract_article(page, PAGE_URL)
                os.write(results[1], f"{time.perf_counter() - started:.6f}\n".encode())
            finally:
                os._exit(0)
        children.append(pid)
    for _ in children:
        os.read(ready[0], 1)
    os.write(go[1], b"." * processes)
    for pid in children:
        os.waitpid(pid, 0)
    elapsed = [float(line) for line in os.read(results[0], 65536).decode().split()]
    for end in (*ready, *go, *results):
        os.close(end)
    return sum(pages / seconds for seconds in elapsed)


def load_with_cpu(server: RunningFolio, request: Request, total: int, concurrency: int, keep_alive: bool = True):
    """The load's result, and the CPU seconds used meanwhile by Folio, this client and the rest."""
    folio_before, client_before, busy_before = server.cpu_seconds(), time.process_time(), machine_busy_seconds()
    result = run_load(HOST, server.port, lambda _: request, total=total, concurrency=concurrency,
                      keep_alive=keep_alive)
    folio_after, client_after, busy_after = server.cpu_seconds(), time.process_time(), machine_busy_seconds()
    cpu = {name: folio_after[name] - folio_before[name] for name in folio_after}
    cpu["client"] = client_after - client_before
    cpu["others"] = max(0.0, busy_after - busy_before - sum(cpu.values()))
    return result, cpu


def cpu_row(cpu: dict[str, float], requests: int, elapsed: float, cores: int) -> Row:
    """Where the machine's time went: the noise from other processes shows here."""
    per_request = {name: seconds / max(1, requests) for name, seconds in cpu.items()}
    return Row("  CPU per request: worker + extraction process; other processes meanwhile",
               f"{ms(per_request['worker'] + per_request['master'])} + {ms(per_request['extraction'])}; "
               f"others {cpu['others'] / elapsed:.2f} of {cores} cores")


def load_row(result: LoadResult) -> Row:
    sent = len(result.latencies) + len(result.errors)
    figure = (f"{result.requests_per_second:.1f} req/s, p50 {ms(result.percentile(0.5))}, "
              f"p99 {ms(result.percentile(0.99))}, {len(result.errors)} errors / {sent}")
    if result.errors:
        figure += f" (first: {result.errors[0][:80]})"
    return Row(f"POST /api/v1/extract, c={result.concurrency}", figure, "no errors", verdict(not result.errors))


# --- search and the library page ---------------------------------------------------------------

def api_token(database_url: str) -> str:
    """A new API token of the benchmark user, whose password is brought to the server's hashing
    cost first, as its first sign-in would (a library built before FOLIO_ARGON2_* existed holds a
    64 MiB hash): the web sign-in measured later is the everyday one."""
    database = Database(database_url)
    try:
        with database.session() as session:
            auth.authenticate(session, library_generator.USER_NAME, library_generator.PASSWORD, ARGON2)
            user = auth.get_user(session, library_generator.USER_NAME)
            return auth.create_token(session, user, "load benchmark")[1]
    finally:
        database.dispose()


@dataclass
class Searched:
    latencies: dict[str, list[float]]  # query class -> seconds
    matches: dict[str, list[int]]  # query class -> "total" of each answer (capped at 5,000)
    others: float = 0.0  # cores used by other processes of the machine while measuring

    def every(self) -> list[float]:
        return [value for values in self.latencies.values() for value in values]


def search_latencies(server: RunningFolio, token: str, queries: list[tuple[str, str]],
                     database_pid: int | None = None) -> Searched:
    """Each query once to warm the caches, then once measured, one client.

    `database_pid`: the PostgreSQL server, whose processes' CPU is not counted as others'.
    """
    headers = {"Authorization": f"Bearer {token}"}

    def request(number: int) -> Request:
        return Request("GET", "/api/v1/articles?" + urllib.parse.urlencode({"q": queries[number][1]}),
                       headers=headers)

    run_load(HOST, server.port, request, total=len(queries), concurrency=1)
    searched = Searched(defaultdict(list), defaultdict(list))
    ours_before, busy_before, started = ours(server, database_pid), machine_busy_seconds(), time.perf_counter()
    for number, (name, _) in enumerate(queries):
        began = time.perf_counter()
        answer = send(HOST, server.port, request(number))
        took = time.perf_counter() - began
        if answer.status != 200:
            raise RuntimeError(f"search {queries[number][1]!r} answered {answer.status}: {answer.body[:200]!r}")
        searched.latencies[name].append(took)
        searched.matches[name].append(json.loads(answer.body)["total"])
    others = machine_busy_seconds() - busy_before - (ours(server, database_pid) - ours_before)
    searched.others = max(0.0, others) / (time.perf_counter() - started)
    return searched


def ours(server: RunningFolio, database_pid: int | None) -> float:
    """CPU seconds used so far by Folio, this benchmark and the database server."""
    used = sum(server.cpu_seconds().values()) + time.process_time()
    if database_pid is not None:
        used += cpu_seconds(database_pid) + sum(cpu_seconds(child) for child in children_of(database_pid))
    return used


def page_latencies(server: RunningFolio, queries: list[tuple[str, str]], renders: int) -> dict[str, list[float]] | str:
    """The library page, signed in: {"/": [seconds], "/?q=": [seconds]}, or why it was skipped."""
    if importlib.util.find_spec("folio.web") is None:
        return "skipped: the web pages (folio.web) do not exist yet"
    cookie = sign_in(server)
    if isinstance(cookie, str) and cookie.startswith("skipped"):
        return cookie
    headers = {"Cookie": cookie}
    paths = {"/": lambda n: "/",
             "/?q=": lambda n: "/?" + urllib.parse.urlencode({"q": queries[n % len(queries)][1]})}
    latencies: dict[str, list[float]] = {}
    for name, path in paths.items():
        run_load(HOST, server.port, lambda n: Request("GET", path(n), headers=headers), total=min(renders, 20),
                 concurrency=1)  # warm
        result = run_load(HOST, server.port, lambda n: Request("GET", path(n), headers=headers), total=renders,
                          concurrency=1)
        if result.errors:
            raise RuntimeError(f"GET {name} failed: {result.errors[0]}")
        latencies[name] = result.latencies
    return latencies


def sign_in(server: RunningFolio) -> str:
    """The session cookie of the benchmark user, signed in through the login form."""
    form = send(HOST, server.port, Request("GET", "/login"))
    if form.status == 404:
        return "skipped: the web pages have no /login"
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form.body.decode())
    if token is None:
        token = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', form.body.decode())
    cookies = SimpleCookie()
    cookies.load(form.headers.get("Set-Cookie", ""))
    fields = {"csrf_token": html_lib.unescape(token.group(1)) if token else "", "next": "/",
              "name": library_generator.USER_NAME, "password": library_generator.PASSWORD}
    answer = send(HOST, server.port, Request(
        "POST", "/login", urllib.parse.urlencode(fields).encode(),
        {"Content-Type": "application/x-www-form-urlencoded",
         "Cookie": "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())}))
    if answer.status not in (302, 303):
        raise RuntimeError(f"sign-in answered {answer.status}: {answer.body[:300]!r}")
    cookies.load(answer.headers.get("Set-Cookie", ""))
    return "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())


def search_rows(backend: str, searched: Searched, rendered, *, targets: bool) -> list[Row]:
    every = searched.every()
    p95 = percentile(every, 0.95)
    rows = [Row(f"search {backend}: GET /api/v1/articles?q=, {len(every)} queries, c=1",
                f"p50 {ms(percentile(every, 0.5))}, p95 {ms(p95)}, max {ms(max(every))}; "
                f"others {searched.others:.2f} cores",
                f"p95 ≤ {SEARCH_P95_MS} ms" if targets else "—",
                verdict(p95 <= SEARCH_P95_MS / 1000) if targets else "")]
    if isinstance(rendered, str):
        rows.append(Row(f"library page {backend}: GET /", rendered, verdict="SKIPPED"))
        return rows
    for name, latencies in rendered.items():
        p95 = percentile(latencies, 0.95)
        rows.append(Row(f"library page {backend}: GET {name} signed in, {len(latencies)} renders",
                        f"p50 {ms(percentile(latencies, 0.5))}, p95 {ms(p95)}",
                        f"p95 ≤ {PAGE_P95_MS} ms" if targets else "—",
                        verdict(p95 <= PAGE_P95_MS / 1000) if targets else ""))
    return rows


# --- memory ----------------------------------------------------------------------------------------

def snapshot(server: RunningFolio) -> dict[str, int]:
    server.sample_memory(detailed=True)
    return {"worker": server.memory.peak("worker"), "extraction": server.memory.peak("extraction")}


def memory_rows(backend: str, server: RunningFolio, api_memory: dict[str, int]) -> list[Row]:
    memory = server.memory
    worker_peak = memory.peak("worker")
    rows = [
        Row(f"start-up {backend}: process start -> /healthz 200", f"{server.startup_seconds:.2f} s"),
        Row(f"peak RSS per worker {backend}, API load ({memory.count('worker')} workers)",
            f"{api_memory['worker'] / MiB:.0f} MB", f"≤ {WORKER_RSS_MB} MB",
            verdict(api_memory["worker"] <= WORKER_RSS_MB * MiB)),
        Row(f"peak RSS per worker {backend}, whole run incl. web sign-in (argon2: {ARGON2.memory_kib / 1024:g} MiB)",
            f"{worker_peak / MiB:.0f} MB (private {memory.peak('worker', 'peak_uss') / MiB:.0f} MB, "
            f"PSS {memory.peak('worker', 'peak_pss') / MiB:.0f} MB)",
            f"≤ {WORKER_RSS_MB} MB", verdict(worker_peak <= WORKER_RSS_MB * MiB)),
    ]
    if memory.count("extraction"):
        rows.append(Row(
            f"  extraction process {backend} ({memory.count('extraction')} seen): peak RSS",
            f"{memory.peak('extraction') / MiB:.0f} MB (private {memory.peak('extraction', 'peak_uss') / MiB:.0f} MB, "
            f"PSS {memory.peak('extraction', 'peak_pss') / MiB:.0f} MB)"))
    return rows


# --- PostgreSQL ------------------------------------------------------------------------------------

def postgres_part(corpus: Path, scale: Scale, queries: list[tuple[str, str]]):
    """(server, search latencies, page latencies, memory under API load), or why it was skipped."""
    from postgres_server import find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        return "skipped: PostgreSQL binaries not found (apt-get install postgresql)"
    with library_generator.locked(library_generator.CACHE_ROOT / "postgres.lock"):
        cluster = postgres_cluster(bin_dir)
        cluster.start()
        try:
            database_url = library_generator.postgres_library(cluster, corpus, scale.articles, SEED)
            token = api_token(database_url)
            data_dir = Path(tempfile.mkdtemp(prefix="folio-bench-pg-"))
            server = RunningFolio(data_dir, database_url=database_url).start()
            print(f"PostgreSQL server: {len(server.worker_pids())} gunicorn worker(s), "
                  f"up in {server.startup_seconds:.2f} s")
            try:
                postmaster = int((cluster.data_dir / "postmaster.pid").read_text().split()[0])
                searched = search_latencies(server, token, queries, database_pid=postmaster)
                api_memory = snapshot(server)
                rendered = page_latencies(server, queries, scale.page_renders)
            finally:
                server.stop()
        finally:
            cluster.stop("fast")
    return server, searched, rendered, api_memory


def postgres_cluster(bin_dir: Path):
    """A PostgreSQL cluster kept in the benchmark cache between runs (loading it takes minutes)."""
    import pwd

    from postgres_server import SERVER_USER, PostgresServer, free_port

    root = library_generator.CACHE_ROOT / "postgres-cluster"
    root.mkdir(parents=True, exist_ok=True)
    user = SERVER_USER if os.geteuid() == 0 else None
    if user is not None:
        account = pwd.getpwnam(user)
        os.chown(root, account.pw_uid, account.pw_gid)
    return PostgresServer(bin_dir, root, free_port(), user)


# --- output ------------------------------------------------------------------------------------------

def ms(seconds: float) -> str:
    if math.isnan(seconds):
        return "n/a"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_table(rows: list[Row]) -> None:
    widths = [max(len(getattr(row, name)) for row in rows) for name in ("measure", "figure", "target")]
    header = ("measure", "figure", "target", "result")
    print(" | ".join(text.ljust(width) for text, width in zip(header, widths + [6])))
    print("-+-".join("-" * width for width in widths + [6]))
    for row in rows:
        print(" | ".join(text.ljust(width) for text, width in zip(
            (row.measure, row.figure, row.target, row.verdict), widths + [6])).rstrip())


def print_classes(class_rows: list[tuple[str, Searched]]) -> None:
    print("search by query class: p50 / p95 / max in ms (HTTP, one client); median matches (capped at 5,000)")
    print("class".ljust(14) + "".join(backend.rjust(26) for backend, _ in class_rows) + "matches".rjust(10))
    for query_class in CLASSES:
        cells = []
        for _, searched in class_rows:
            values = searched.latencies.get(query_class, [])
            cells.append(f"{percentile(values, 0.5) * 1000:.1f} / {percentile(values, 0.95) * 1000:.1f} / "
                         f"{max(values, default=float('nan')) * 1000:.0f}")
        matches = median(class_rows[0][1].matches.get(query_class, []))
        print(query_class.ljust(14) + "".join(cell.rjust(26) for cell in cells) + f"{matches:10.0f}")


if __name__ == "__main__":
    sys.exit(main())
