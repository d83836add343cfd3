"""The `folio extract` command: article JSON for saved pages, and how it reports files that fail.

Contract: `folio extract FILE... [--url URL]` prints the article JSON (one file: a pretty JSON
object); `--jsonl` prints one compact JSON object per line per file; `--manifest M` reads JSONL
{"path", "url"} objects, paths relative to M's folder or absolute. Every article record adds
`path` and `elapsed_ms`. A file that fails gets one clear line on stderr naming it (no traceback)
and, with --jsonl, a {"path", "error", "message"} record on stdout; the other files are still
processed, and the exit status is non-zero at the end.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from folio.article import Article
from folio.cli import main

from .goldens import load_golden

ARTICLE_KEYS = {f.name for f in fields(Article)}
RECORD_KEYS = ARTICLE_KEYS | {"path", "elapsed_ms"}
ERROR_KEYS = {"path", "error", "message"}
CONSOLE_SCRIPT = Path(sys.executable).parent / "folio"  # the console script of this environment
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16


def run(*args: str):
    result = CliRunner().invoke(main, ["extract", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"folio extract {' '.join(args)} raised {result.exception!r}") from result.exception
    return result


def copy_page(name: str, folder: Path) -> Path:
    """A golden page saved under `folder` as <name>.html."""
    target = folder / f"{name}.html"
    target.write_bytes(load_golden(name).html_bytes())
    return target


def jsonl_records(stdout: str) -> list[dict]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise AssertionError(f"stdout line {number} is not one JSON object: {line[:120]!r}") from error
    return records


def assert_article_record(record: dict, path: Path, url: str | None = None) -> None:
    missing = RECORD_KEYS - set(record)
    assert not missing, f"record for {path.name} lacks {sorted(missing)}"
    assert Path(record["path"]).name == path.name, f"record path {record['path']!r}, expected {path}"
    elapsed = record["elapsed_ms"]
    assert isinstance(elapsed, (int, float)) and not isinstance(elapsed, bool) and elapsed >= 0, (
        f"elapsed_ms should be a number >= 0, got {elapsed!r}"
    )
    if url is not None:
        assert record["url"] == url


def assert_error_record(record: dict, path: Path) -> None:
    missing = ERROR_KEYS - set(record)
    assert not missing, f"error record for {path.name} lacks {sorted(missing)}: {record}"
    assert Path(record["path"]).name == path.name, f"error record path {record['path']!r}, expected {path}"
    assert isinstance(record["error"], str) and record["error"], f"error should name the failure: {record}"
    assert isinstance(record["message"], str) and record["message"], f"message should explain it: {record}"


def assert_one_clear_error_line(stderr: str, path: Path) -> None:
    assert "Traceback" not in stderr, f"traceback on stderr:\n{stderr}"
    naming = [line for line in stderr.splitlines() if path.name in line]
    assert len(naming) == 1, f"expected one stderr line naming {path.name}, got {naming!r} in:\n{stderr}"


def test_one_file_prints_one_pretty_json_object(tmp_path):
    page = copy_page("wire_news", tmp_path)
    url = load_golden("wire_news").url
    result = run(str(page), "--url", url)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert isinstance(record, dict)
    assert "\n  " in result.stdout.strip(), "a single file's JSON should be indented (pretty)"
    assert_article_record(record, page, url)
    assert record["title"] == load_golden("wire_news").expected["title"]


def test_jsonl_prints_one_record_per_file_in_order(tmp_path):
    pages = [copy_page("wire_news", tmp_path), copy_page("blog_post_with_code", tmp_path)]
    url = "https://archive.example.net/saved"
    result = run("--jsonl", "--url", url, *map(str, pages))
    assert result.exit_code == 0, result.stderr
    records = jsonl_records(result.stdout)
    assert len(records) == 2, f"expected 2 lines, got {len(records)}"
    for record, page in zip(records, pages):
        assert_article_record(record, page, url)


def test_manifest_paths_are_relative_to_the_manifest_folder(tmp_path, monkeypatch):
    saved = tmp_path / "crawl"
    (saved / "pages").mkdir(parents=True)
    relative_page = copy_page("greek", saved / "pages")
    absolute_page = copy_page("arabic_rtl", tmp_path)
    entries = [
        {"path": "pages/greek.html", "url": load_golden("greek").url},
        {"path": str(absolute_page), "url": load_golden("arabic_rtl").url},
    ]
    manifest = saved / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # relative paths must not be read from the working directory

    result = run("--manifest", str(manifest), "--jsonl")
    assert result.exit_code == 0, result.stderr
    records = jsonl_records(result.stdout)
    assert len(records) == 2, f"expected 2 lines, got {len(records)}: {result.stdout[:300]}"
    assert_article_record(records[0], relative_page, entries[0]["url"])
    assert_article_record(records[1], absolute_page, entries[1]["url"])
    assert (records[0]["lang"] or "").startswith("el") and (records[1]["lang"] or "").startswith("ar")


def write_failing_file(kind: str, folder: Path) -> Path:
    target = folder / f"failing-{kind}.html"
    if kind == "empty":
        target.write_bytes(b"")
    elif kind == "whitespace":
        target.write_bytes(b"  \n\t\n  ")
    elif kind == "binary":
        target.write_bytes(PNG_BYTES)
    elif kind == "nul-bytes":
        target.write_bytes(b"\x00" * 2048)
    # "missing": nothing is written
    return target


FAILURES = ["missing", "empty", "whitespace", "binary", "nul-bytes"]


@pytest.mark.parametrize("kind", FAILURES)
def test_jsonl_reports_a_failing_file_and_goes_on(tmp_path, kind):
    first = copy_page("wire_news", tmp_path)
    failing = write_failing_file(kind, tmp_path)
    last = copy_page("metadata_sparse", tmp_path)
    result = run("--jsonl", str(first), str(failing), str(last))

    assert result.exit_code != 0, f"a {kind} file should make the exit status non-zero"
    assert_one_clear_error_line(result.stderr, failing)
    records = jsonl_records(result.stdout)
    assert len(records) == 3, f"expected 3 lines (article, error, article), got {len(records)}"
    assert_article_record(records[0], first)
    assert_error_record(records[1], failing)
    assert_article_record(records[2], last)


@pytest.mark.parametrize("kind", FAILURES)
def test_single_failing_file_prints_one_error_line_and_no_json(tmp_path, kind):
    failing = write_failing_file(kind, tmp_path)
    result = run(str(failing))
    assert result.exit_code != 0
    assert_one_clear_error_line(result.stderr, failing)
    assert result.stdout.strip() == "", f"nothing should be printed on stdout: {result.stdout[:200]!r}"


def test_manifest_entry_for_a_missing_file_is_reported(tmp_path):
    present = copy_page("byline_org_only", tmp_path)
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        json.dumps({"path": "gone.html", "url": "https://gone.example/"}) + "\n"
        + json.dumps({"path": present.name, "url": load_golden("byline_org_only").url}) + "\n",
        encoding="utf-8",
    )
    result = run("--manifest", str(manifest), "--jsonl")
    assert result.exit_code != 0
    assert_one_clear_error_line(result.stderr, Path("gone.html"))
    records = jsonl_records(result.stdout)
    assert len(records) == 2
    assert_error_record(records[0], Path("gone.html"))
    assert_article_record(records[1], present, load_golden("byline_org_only").url)


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason=f"{CONSOLE_SCRIPT} is not installed")
def test_installed_console_script(tmp_path):
    good = copy_page("blog_post_with_code", tmp_path)
    missing = tmp_path / "not-saved.html"
    completed = subprocess.run(
        [str(CONSOLE_SCRIPT), "extract", "--jsonl", "--url", load_golden("blog_post_with_code").url,
         str(good), str(missing)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )
    assert completed.returncode != 0
    assert_one_clear_error_line(completed.stderr, missing)
    records = jsonl_records(completed.stdout)
    assert len(records) == 2, completed.stdout[:300]
    assert_article_record(records[0], good, load_golden("blog_post_with_code").url)
    assert records[0]["title"] == "Finding Slow Code with Flame Graphs"
    assert_error_record(records[1], missing)
