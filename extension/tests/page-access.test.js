import { test } from "node:test";
import assert from "node:assert/strict";
import { UNREADABLE_MESSAGES, unreadableContentType, unreadableReason } from "../lib/page-access.js";

const cases = [
  ["https://news.example/world/2024/story.html", null],
  ["http://127.0.0.1:8123/article.html", null],
  ["https://news.example/report.pdf?download=1", "pdf"],
  ["https://news.example/REPORT.PDF", "pdf"],
  ["chrome://settings/", "browser-page"],
  ["chrome://newtab/", "browser-page"],
  ["edge://extensions", "browser-page"],
  ["about:blank", "browser-page"],
  ["about:reader?url=https://x.example", "browser-page"],
  ["moz-extension://abc/pages/reader.html", "browser-page"],
  ["chrome-extension://abc/pages/reader.html", "browser-page"],
  ["data:text/html,<p>x", "browser-page"],
  ["javascript:alert(1)", "browser-page"],
  ["view-source:https://news.example/", "view-source"],
  ["https://chromewebstore.google.com/detail/x/abc", "web-store"],
  ["https://chrome.google.com/webstore/detail/abc", "web-store"],
  ["https://chrome.google.com/search", null],
  ["https://addons.mozilla.org/en-US/firefox/addon/x/", "web-store"],
  ["https://microsoftedge.microsoft.com/addons/detail/x", "web-store"],
  ["file:///home/me/notes.html", "file-access"],
  ["file:///home/me/paper.pdf", "pdf"],
  ["", "no-tab"],
  [undefined, "no-tab"],
  ["not a url", "browser-page"],
];

for (const [url, expected] of cases) {
  test(`unreadableReason(${JSON.stringify(url)}) is ${expected}`, () => {
    assert.equal(unreadableReason(url), expected);
  });
}

test("file:// pages are readable once the user allowed file access", () => {
  assert.equal(unreadableReason("file:///home/me/notes.html", { fileAccess: true }), null);
});

test("a PDF served from an address without .pdf is caught by its content type", () => {
  assert.equal(unreadableContentType("application/pdf"), "pdf");
  assert.equal(unreadableContentType("text/html"), null);
  assert.equal(unreadableContentType(undefined), null);
});

test("every reason has a message", () => {
  for (const [, reason] of cases) if (reason) assert.ok(UNREADABLE_MESSAGES[reason], reason);
  for (const message of Object.values(UNREADABLE_MESSAGES)) assert.ok(message.title && message.body);
});
