"""Fixtures for the hardening tests: the app in-process, a live `folio serve`, and Chromium.

In-process fixtures (`config`, with its cheap password hashing, `app`, `client`, `api_alice`,
`api_bob`) come from the server tests' conftest, imported under its own module name as the web
tests do; the `client` there checks every API answer against the OpenAPI spec. The live
server is one `folio serve` (gunicorn, one worker) shared by the session: pathological pages,
outbound-request checks, the browser XSS battery and Schemathesis all talk to it as users of
their own.

At the end of the run the counts of generated inputs and attack vectors are printed (see
`tally.py`). Settings: FOLIO_HARDENING_EXTRACT_TIMEOUT (the live server's extraction limit,
10 s) and FOLIO_HARDENING_FUZZ_SCALE (a multiplier for the Hypothesis example counts, 1; try
10 for a deeper run of about 20 minutes, with HYPOTHESIS_PROFILE=explore for inputs the suite's
fixed ones do not cover: see tests/conftest.py).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from . import tally
from .support import LiveFolio

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "server"))  # the server conftest imports its postgres_server helper
SERVER_FIXTURES_MODULE = "folio_server_test_fixtures"  # the name tests/web/conftest.py loads it under


def _server_fixtures():
    if SERVER_FIXTURES_MODULE in sys.modules:
        return sys.modules[SERVER_FIXTURES_MODULE]
    spec = importlib.util.spec_from_file_location(SERVER_FIXTURES_MODULE, TESTS / "server" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


_server = _server_fixtures()
sqlite_template = _server.sqlite_template
postgres_url = _server.postgres_url
database = _server.database  # parametrised: SQLite and PostgreSQL
config = _server.config
app = _server.app
client = _server.client
api_alice = _server.api_alice
api_bob = _server.api_bob
api_user = _server.api_user
services_of = _server.services_of
SpecCheckingClient = _server.SpecCheckingClient
check_against_spec = _server.check_against_spec


# --- a live server ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def live(tmp_path_factory) -> LiveFolio:
    """`folio serve` with one worker, FOLIO_EXTRACT_TIMEOUT from support.EXTRACT_TIMEOUT and a
    raised FOLIO_MAX_HTML_BYTES; its CLI-made user "reader" has `live.token`."""
    server = LiveFolio(tmp_path_factory.mktemp("live"))
    server.create_user_and_token()
    server.start()
    yield server
    server.stop()


# --- Chromium -----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium(chromium_browser):
    return chromium_browser


# --- the counts in the summary ------------------------------------------------------------------

def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the counts to the controller
        workeroutput["hardening_tally"] = tally.export()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    tally.merge(getattr(node, "workeroutput", {}).get("hardening_tally", {}))


def pytest_terminal_summary(terminalreporter):
    if not tally.counts and not tally.batteries:
        return
    terminalreporter.section("hardening: inputs tried")
    for name, number in sorted({**tally.batteries, **tally.counts}.items()):
        terminalreporter.write_line(f"{number:>8,}  {name}")
    fuzzed = sum(number for name, number in tally.counts.items() if name.startswith("fuzz"))
    if fuzzed:
        terminalreporter.write_line(f"{fuzzed:>8,}  generated inputs in total (fuzz)")
