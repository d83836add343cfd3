import { test } from "node:test";
import assert from "node:assert/strict";
import {
  extractRequest, libraryLookupPath, MAX_TAGS, normalizeTag, normalizeTags, parseTagInput, sameTags, saveRequest,
} from "../lib/payloads.js";

const capture = { id: "c1", url: "https://news.example/a?utm_source=x", title: "T", html: "<html>…</html>", capturedAt: 1 };

test("extract sends only url and html", () => {
  assert.deepEqual(extractRequest(capture), { url: capture.url, html: capture.html });
});

test("save from the reader sends the edited tags and capture=extension", () => {
  assert.deepEqual(saveRequest(capture, ["Energy", " energy ", "Wind  farms"]), {
    url: capture.url, html: capture.html, capture: "extension", tags: ["Energy", "Wind farms"],
  });
});

test("save without edited tags leaves tags out, so the server keeps its own", () => {
  assert.equal("tags" in saveRequest(capture, null), false);
  assert.deepEqual(saveRequest(capture, []).tags, []);
});

for (const [raw, expected] of [
  ["  climate ", "climate"],
  ["#news", "news"],
  ["new\n york", "new york"],
  ["", ""],
  [null, ""],
  ["x".repeat(100), "x".repeat(64)],
]) {
  test(`normalizeTag(${JSON.stringify(raw)?.slice(0, 20)})`, () => assert.equal(normalizeTag(raw), expected));
}

test("tags: objects from the article JSON, duplicates in any case, empties, and the cap", () => {
  assert.deepEqual(normalizeTags([{ name: "Politics", source: "page" }, "politics", "", "  "]), ["Politics"]);
  const many = Array.from({ length: 50 }, (_, i) => `t${i}`);
  assert.equal(normalizeTags(many).length, MAX_TAGS);
});

test("the tag box splits on commas", () => {
  assert.deepEqual(parseTagInput("a, b ,,c"), ["a", "b", "c"]);
});

test("library lookup encodes the page URL", () => {
  assert.equal(
    libraryLookupPath("https://x.example/a?b=1&c=2#f"),
    "/api/v1/articles?url=https%3A%2F%2Fx.example%2Fa%3Fb%3D1%26c%3D2%23f&per_page=1",
  );
});

test("sameTags compares the stored tag objects with the chosen names, ignoring case", () => {
  const stored = [{ name: "energy", source: "page" }, { name: "Coastal towns", source: "user" }];
  assert.equal(sameTags(stored, ["coastal towns", "Energy"]), true);
  assert.equal(sameTags(stored, ["coastal towns"]), false);
  assert.equal(sameTags(stored, ["coastal towns", "energy", "heritage"]), false);
  assert.equal(sameTags([], []), true);
  assert.equal(sameTags(undefined, []), true);
});
