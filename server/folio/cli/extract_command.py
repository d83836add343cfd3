"""`folio extract`: run the extraction engine on saved pages and print article JSON.

One process handles many pages (`--manifest`), so batch runs pay the start-up cost once.
A page that fails is reported and skipped; the exit status says whether any failed.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import click

from folio.errors import FolioError
from folio.extract import extract_article


@dataclass
class PageJob:
    path: Path
    url: str


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--url", help="The URL the page was served from (default: the file's own file:// URL).")
@click.option("--jsonl", is_flag=True, help="One compact JSON object per line per file.")
@click.option("--manifest", type=click.Path(path_type=Path),
              help='A JSONL file of {"path", "url"} objects; paths are relative to its folder.')
def extract_command(files: tuple[Path, ...], url: str | None, jsonl: bool, manifest: Path | None) -> None:
    """Print the article JSON extracted from each saved page FILE."""
    jobs = [PageJob(path, url or path.resolve().as_uri()) for path in files]
    if manifest is not None:
        jobs += _read_manifest(manifest)
    if not jobs:
        raise click.UsageError("give at least one FILE or a --manifest")
    failures = 0
    for job in jobs:
        record = _extract(job)
        if "error" in record:
            failures += 1
            click.echo(f"folio extract: {job.path}: {record['message']}", err=True)
            if not jsonl:
                continue
        click.echo(json.dumps(record, ensure_ascii=False, indent=None if jsonl else 2))
    if failures:
        sys.exit(1)


def _read_manifest(manifest: Path) -> list[PageJob]:
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise click.BadParameter(f"cannot read the manifest: {error}", param_hint="--manifest") from error
    jobs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            path = Path(entry["path"])
        except (ValueError, KeyError, TypeError) as error:
            raise click.BadParameter(f'line {number} is not a {{"path", "url"}} object', param_hint="--manifest") \
                from error
        if not path.is_absolute():
            path = manifest.parent / path
        jobs.append(PageJob(path, entry.get("url") or path.resolve().as_uri()))
    return jobs


def _extract(job: PageJob) -> dict:
    try:
        html = job.path.read_bytes()
    except OSError as error:
        return {"path": str(job.path), "error": "unreadable", "message": error.strerror or str(error)}
    started = time.perf_counter()
    try:
        article = extract_article(html, job.url)
    except FolioError as error:
        return {"path": str(job.path), "error": error.code, "message": error.message}
    elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
    return {"path": str(job.path), "elapsed_ms": elapsed_ms, **article.to_dict()}
