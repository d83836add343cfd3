import { test } from "node:test";
import assert from "node:assert/strict";
import { bylineLabel, formatDate, readingTimeLabel, siteLine } from "../lib/format.js";

test("date-only values keep their day in every time zone", () => {
  assert.equal(formatDate("2024-05-03", "en-GB"), "3 May 2024");
  assert.equal(formatDate("2024-05-03", "en-US"), "May 3, 2024");
});

test("bad or missing dates show nothing; an unknown locale falls back", () => {
  assert.equal(formatDate("", "en"), "");
  assert.equal(formatDate(null), "");
  assert.equal(formatDate("yesterday", "en"), "");
  assert.ok(formatDate("2024-05-03", "not a locale!").includes("2024"));
});

test("reading time", () => {
  assert.equal(readingTimeLabel(0), "");
  assert.equal(readingTimeLabel(1), "1 min read");
  assert.equal(readingTimeLabel(7), "7 min read");
});

test("byline", () => {
  assert.equal(bylineLabel("Jane Doe"), "By Jane Doe");
  assert.equal(bylineLabel("By Jane Doe"), "By Jane Doe");
  assert.equal(bylineLabel("  "), "");
  assert.equal(bylineLabel(null), "");
  assert.equal(bylineLabel("Jane Doe", "en-GB"), "By Jane Doe");
  assert.equal(bylineLabel("נועה לוי", "he"), "נועה לוי");
  assert.equal(bylineLabel("Hans Müller", "de"), "Hans Müller");
});

test("site line prefers the site name, falls back to the host", () => {
  assert.equal(siteLine({ site_name: "The Daily", section: "World", url: "https://x.example" }), "The Daily · World");
  assert.equal(siteLine({ url: "https://www.daily.example/a" }), "daily.example");
  assert.equal(siteLine({ url: "nope" }), "");
});
