#!/usr/bin/env python3
"""Build the Folio extension for Chromium and Firefox from this one source tree.

Writes extension/dist/chromium/ and extension/dist/firefox/ (unpacked: load these while
developing) and extension/dist/folio-<browser>-<version>.zip (what users install). Each build
gets the shared reader stylesheet from server/folio/static/reader.css and a manifest with only
the background key its browser runs: a service worker in Chromium, an event page in Firefox.

    python3 extension/package.py            # both browsers
    python3 extension/package.py firefox    # one
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
READER_CSS = HERE.parent / "server" / "folio" / "static" / "reader.css"
DIST = HERE / "dist"

# What goes into the extension; everything else here (tests, tooling) stays out.
SHIPPED = ["background.js", "capture.js", "lib", "pages", "icons"]
SHIPPED_SUFFIXES = {".js", ".html", ".css", ".png"}
BROWSERS = ("chromium", "firefox")
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed timestamps: the same sources give the same zip


def browser_manifest(manifest: dict, browser: str) -> dict:
    manifest = json.loads(json.dumps(manifest))  # deep copy
    background = manifest["background"]
    if browser == "chromium":
        background.pop("scripts", None)
        manifest.pop("browser_specific_settings", None)
    else:
        background.pop("service_worker", None)
    return manifest


def build(browser: str) -> Path:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    out = DIST / browser
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in SHIPPED:
        source = HERE / name
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.is_file() and path.suffix in SHIPPED_SUFFIXES:
                    target = out / path.relative_to(HERE)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
        else:
            shutil.copyfile(source, out / name)
    shutil.copyfile(READER_CSS, out / "reader.css")
    (out / "manifest.json").write_text(
        json.dumps(browser_manifest(manifest, browser), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )

    archive = DIST / f"folio-{browser}-{manifest['version']}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(out).as_posix(), date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return out


def main(argv: list[str]) -> int:
    browsers = argv or list(BROWSERS)
    unknown = set(browsers) - set(BROWSERS)
    if unknown:
        print(f"unknown browser(s): {', '.join(sorted(unknown))}; choose from {', '.join(BROWSERS)}", file=sys.stderr)
        return 2
    for browser in browsers:
        print(f"built {build(browser).relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
