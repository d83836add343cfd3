"""Schemathesis against the live server's /api/v1/openapi.json, with a valid token.

Every phase runs (examples, coverage, fuzzing, stateful) with all checks except `ignored_auth`:
it sends unauthenticated requests that the server counts as failed authentications (20 a
minute per address, shared with the other tests here); test_access_control.py covers missing
and bad tokens on every route instead. Valid data may still be refused where the API checks
more than the schema says (schemathesis.toml). The number of generated test cases is printed.

Reproduce a failure with the `curl` line in the report, or `st replay <id>`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from . import tally

ST = Path(sys.executable).with_name("st")
CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = 40  # per operation and phase; about 1,500 requests in all


@pytest.mark.skipif(not ST.exists(), reason="schemathesis is not installed (pip install schemathesis==4.32.5)")
def test_the_api_matches_its_openapi_description(live, tmp_path):
    token = live.add_user("schemathesis")
    command = [
        str(ST), "--config-file", str(CONFIG), "run", f"{live.url}/api/v1/openapi.json",
        "--header", f"Authorization: Bearer {token}",
        "--checks", "all", "--exclude-checks", "ignored_auth",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(MAX_EXAMPLES), "--workers", "1", "--seed", "20261125",
        "--request-timeout", "30", "--suppress-health-check", "all",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    output = result.stdout + result.stderr
    generated = re.search(r"([\d,]+) generated", output)
    if generated:
        tally.record("fuzz schemathesis: generated test cases", int(generated.group(1).replace(",", "")))
    assert result.returncode == 0, output[-20_000:]
