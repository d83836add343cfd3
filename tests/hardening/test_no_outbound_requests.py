"""Folio never fetches a URL: no code path follows what a page or an import points at.

Pages are saved whole by the browser extension, images stay on their sites (the reader's
browser loads them), and re-extraction reads the stored copy. So there is no server-side
request to forge: these tests prove it rather than test a filter. A page, an import and every
export point at a socket the test listens on (and at the cloud metadata address, other
loopback and private hosts, and non-http schemes); the live server must never connect, and
in-process an audit hook must see no socket connect or DNS lookup at all.
"""

from __future__ import annotations

import html
import json
import socket
import sys
import threading
import time

import pytest

from .support import PROSE

METADATA = ["http://169.254.169.254/latest/meta-data/iam/security-credentials/", "http://metadata.google.internal/",
            "http://[fd00:ec2::254]/latest/meta-data/", "http://100.100.100.200/latest/meta-data/"]
PRIVATE = ["http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://[::1]/", "http://localhost/",
           "http://0.0.0.0/", "http://2130706433/", "http://0x7f.1/", "file:///etc/passwd", "gopher://127.0.0.1:25/x",
           "ftp://127.0.0.1/", "dict://127.0.0.1:11211/"]


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                connection, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            connection.close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    opened = Listener()
    yield opened
    opened.close()


def pointing_page(base: str) -> str:
    """A page whose every URL-bearing place points at `base` and at the metadata and private hosts."""
    targets = [base + "/image.jpg", base + "/", *METADATA, *PRIVATE]
    images = "".join(f'<img src="{html.escape(url)}" alt="">' for url in targets)
    lazy = "".join(f'<img data-src="{html.escape(url)}" data-lazy-src="{html.escape(url)}" '
                   f'data-srcset="{html.escape(url)} 2x" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' for url in targets)
    links = "".join(f'<a href="{html.escape(url)}">link</a> ' for url in targets)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pointing everywhere",
                     "image": targets, "url": base + "/story", "mainEntityOfPage": base + "/story",
                     "author": {"@type": "Person", "name": "A", "url": base + "/author"},
                     "publisher": {"@type": "Organization", "logo": {"url": base + "/logo.png"}}})
    head = (f'<base href="{base}/base/"><link rel="canonical" href="{base}/canonical">'
            f'<meta property="og:image" content="{base}/og.jpg"><meta property="og:url" content="{base}/og">'
            f'<meta name="twitter:image" content="{METADATA[0]}"><link rel="stylesheet" href="{base}/style.css">'
            f'<link rel="preload" href="{base}/preload"><link rel="icon" href="{base}/favicon.ico">'
            f'<link rel="alternate" type="application/rss+xml" href="{base}/feed">'
            f'<link rel="amphtml" href="{base}/amp"><meta http-equiv="refresh" content="0;url={base}/refresh">'
            f'<script src="{base}/script.js"></script><script type="application/ld+json">{ld}</script>'
            f'<style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png) }}</style>')
    body = (f"<article><h1>Pointing everywhere</h1><p>{PROSE * 3}</p>"
            f'<figure><picture><source srcset="{base}/a.webp 1x, {METADATA[0]} 2x">{images}</picture>'
            f"<figcaption>Pictures</figcaption></figure><p>{PROSE * 2} {links}</p>{lazy}"
            f'<iframe src="{base}/frame"></iframe><video poster="{base}/poster.jpg" src="{base}/video.mp4"></video>'
            f'<object data="{base}/object"></object><embed src="{base}/embed">'
            f'<blockquote cite="{base}/cite"><p>{PROSE}</p></blockquote><p>{PROSE * 2}</p></article>')
    return f"<!doctype html><html lang=\"en\"><head><title>Pointing</title>{head}</head><body>{body}</body></html>"


def archive(base: str) -> dict:
    record = {"url": base + "/imported", "canonical_url": base + "/imported", "lead_image": METADATA[0],
              "original_html": pointing_page(base), "content_html": f'<p><img src="{base}/i.jpg">{PROSE}</p>',
              "title": "Imported", "tags": [{"name": "imported", "source": "user"}]}
    return {"format": "folio-export", "version": 1, "articles": [record]}


def test_the_live_server_never_connects_to_what_a_page_points_at(live, listener):
    token = live.add_user("pointer")
    saved = live.api("POST", "/api/v1/articles", {"url": listener.base + "/story", "html": pointing_page(listener.base)},
                     token=token)
    assert saved.status == 201, saved.body[:300]
    article = saved.json()
    assert listener.base in json.dumps(article)  # the URLs are kept, as text
    steps = [
        live.api("POST", "/api/v1/extract", {"url": METADATA[0], "html": pointing_page(listener.base)}, token=token),
        live.api("POST", f"/api/v1/articles/{article['id']}/reextract", token=token),
        live.api("PATCH", f"/api/v1/articles/{article['id']}", {"title": listener.base, "tags": [METADATA[0][:60]]},
                 token=token),
        live.api("POST", "/api/v1/import", archive(listener.base), token=token),
        live.api("GET", f"/api/v1/articles?url={listener.base}/story", token=token),
        *(live.api("GET", f"/api/v1/export?format={name}", token=token) for name in ("json", "markdown", "html", "epub")),
    ]
    assert [step.status for step in steps] == [200] * len(steps), [(s.status, s.body[:200]) for s in steps]
    time.sleep(0.5)  # a connection started in the background would have arrived by now
    assert listener.connections == 0


# --- in-process: no socket at all -----------------------------------------------------------------

class NetworkAudit:
    """Records socket connects and name lookups (sys.addaudithook: installed once, switched on and off)."""

    EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
              "socket.sendto", "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect"}
    installed = None

    def __init__(self):
        self.events: list[tuple[str, str]] = []
        self.on = False

    def __call__(self, event, args):
        if self.on and event in self.EVENTS:
            self.events.append((event, repr(args)[:200]))

    @classmethod
    def get(cls) -> NetworkAudit:
        if cls.installed is None:
            cls.installed = cls()
            sys.addaudithook(cls.installed)
        return cls.installed


@pytest.fixture
def audit():
    watcher = NetworkAudit.get()
    watcher.events.clear()
    watcher.on = True
    yield watcher
    watcher.on = False


def test_the_audit_hook_sees_a_connection(audit, listener):
    """A control: the hook does report a real connect and lookup."""
    with socket.create_connection(("localhost", listener.port), timeout=2):
        pass
    assert {"socket.connect", "socket.getaddrinfo"} <= {event for event, _ in audit.events}
    audit.events.clear()


def test_saving_extracting_exporting_and_reading_open_no_socket(app, client, api_alice, audit):
    """The same flows in-process (extraction too: this app's time limit is 0, so it runs here)."""
    base = "http://127.0.0.1:9"
    headers = api_alice.headers
    saved = client.post("/api/v1/articles", json={"url": base + "/story", "html": pointing_page(base)}, headers=headers)
    assert saved.status_code == 201
    article_id = saved.get_json()["id"]
    assert client.post("/api/v1/extract", json={"url": METADATA[0], "html": pointing_page(base)},
                       headers=headers).status_code == 200
    assert client.post(f"/api/v1/articles/{article_id}/reextract", headers=headers).status_code == 200
    assert client.post("/api/v1/import", json=archive(base), headers=headers).status_code == 200
    for name in ("json", "markdown", "html", "epub"):
        assert client.get("/api/v1/export", query_string={"format": name}, headers=headers).status_code == 200
    assert audit.events == []
