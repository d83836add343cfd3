"""The extension's own checks under one `pytest`: its node unit tests, web-ext lint on the Firefox
build, and what the packaging script ships (manifests, the shared stylesheet, least privilege)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from extension_support import EXTENSION_DIR, ROOT

NODE = shutil.which("node")
WEB_EXT = EXTENSION_DIR / "node_modules" / ".bin" / "web-ext"

needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed (the extension's unit tests run on Node 20+)")


@needs_node
def test_node_unit_tests():
    result = subprocess.run(
        [NODE, "--test", "tests/"], cwd=EXTENSION_DIR, capture_output=True, text=True, timeout=120
    )
    summary = "\n".join(line for line in result.stdout.splitlines() if line.startswith("# "))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in summary, summary


@needs_node
def test_web_ext_lint_passes_on_the_firefox_build(built_extension):
    if not WEB_EXT.exists():
        pytest.skip("web-ext is not installed: run `npm ci --prefix extension` (pinned in extension/package-lock.json)")
    result = subprocess.run(
        [str(WEB_EXT), "lint", "--source-dir", str(built_extension.firefox), "--self-hosted", "--output", "json", "--no-config-discovery"],
        cwd=EXTENSION_DIR,
        capture_output=True,
        text=True,
        timeout=180,
    )
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["errors"] == [], json.dumps(report["errors"], indent=2)
    # The only accepted warning: data_collection_permissions is not read by Firefox for Android
    # before 142, and this extension doesn't claim Android support.
    unexpected = [w for w in report["warnings"] if w["code"] != "KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION"]
    assert unexpected == [], json.dumps(unexpected, indent=2)


def test_each_browser_gets_its_own_background_key(built_extension):
    chromium = json.loads((built_extension.chromium / "manifest.json").read_text())
    firefox = json.loads((built_extension.firefox / "manifest.json").read_text())
    assert chromium["background"] == {"service_worker": "background.js", "type": "module"}
    assert "browser_specific_settings" not in chromium
    assert firefox["background"] == {"scripts": ["background.js"], "type": "module"}
    assert firefox["browser_specific_settings"]["gecko"]["id"] == "folio@folio.local"


@pytest.mark.parametrize("browser", ["chromium", "firefox"])
def test_least_privilege(built_extension, browser):
    manifest = json.loads((getattr(built_extension, browser) / "manifest.json").read_text())
    assert set(manifest["permissions"]) == {"activeTab", "scripting", "storage", "contextMenus", "alarms"}
    assert manifest["optional_permissions"] == ["tabs"]
    assert "host_permissions" not in manifest  # the server origin is asked for at run time
    assert "content_scripts" not in manifest
    assert "<all_urls>" not in json.dumps(manifest)
    assert "'unsafe" not in manifest["content_security_policy"]["extension_pages"]
    assert "script-src 'self'" in manifest["content_security_policy"]["extension_pages"]


@pytest.mark.parametrize("browser", ["chromium", "firefox"])
def test_builds_use_the_shared_reader_stylesheet(built_extension, browser):
    shared = (ROOT / "server" / "folio" / "static" / "reader.css").read_bytes()
    assert (getattr(built_extension, browser) / "reader.css").read_bytes() == shared
    assert '<link rel="stylesheet" href="../reader.css">' in (EXTENSION_DIR / "pages" / "reader.html").read_text()


@pytest.mark.parametrize("browser", ["chromium", "firefox"])
def test_zip_holds_the_unpacked_build_and_nothing_else(built_extension, browser):
    version = json.loads((EXTENSION_DIR / "manifest.json").read_text())["version"]
    archive = EXTENSION_DIR / "dist" / f"folio-{browser}-{version}.zip"
    unpacked = getattr(built_extension, browser)
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
        assert zf.read("manifest.json") == (unpacked / "manifest.json").read_bytes()
    assert names == {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    assert not any(n.startswith(("tests/", "node_modules/")) or n.endswith((".py", ".svg", "package.json")) for n in names)
    # Every file the pages and worker refer to is shipped.
    for required in ["background.js", "capture.js", "reader.css", "pages/reader.html", "pages/options.html",
                     "pages/unreadable.html", "lib/api.js", "icons/folio-128.png"]:
        assert required in names


def test_no_inline_scripts_or_handlers_in_extension_pages():
    for page in (EXTENSION_DIR / "pages").glob("*.html"):
        html = page.read_text()
        assert "<script>" not in html and "<script type=\"module\">" not in html, page.name
        assert " onclick=" not in html and " onload=" not in html, page.name


def test_packaging_is_repeatable(built_extension, tmp_path):
    before = {p: p.read_bytes() for p in (EXTENSION_DIR / "dist").glob("*.zip")}
    subprocess.run([sys.executable, str(EXTENSION_DIR / "package.py")], check=True, capture_output=True)
    after = {p: p.read_bytes() for p in (EXTENSION_DIR / "dist").glob("*.zip")}
    assert before == after
