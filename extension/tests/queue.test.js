import { test } from "node:test";
import assert from "node:assert/strict";
import {
  afterFailure, describePending, dueSaves, newPendingSave, nextWakeAt, retryDelayMs, RETRY_BASE_MS, RETRY_MAX_MS,
} from "../lib/queue.js";

const noJitter = () => 0.5; // random() = 0.5 means a factor of exactly 1
const capture = { id: "c1", url: "https://a.example/x", title: "X", html: "<p>x</p>" };

for (const [failures, expected] of [
  [1, 30_000],
  [2, 60_000],
  [3, 120_000],
  [4, 240_000],
  [7, 1_920_000],
  [8, RETRY_MAX_MS],
  [50, RETRY_MAX_MS],
  [1000, RETRY_MAX_MS],
]) {
  test(`back-off after ${failures} failure(s) is ${expected} ms`, () => {
    assert.equal(retryDelayMs(failures, noJitter), expected);
  });
}

test("jitter stays within ±10 % and never below the alarm minimum or above the cap", () => {
  assert.equal(retryDelayMs(1, () => 0), RETRY_BASE_MS); // 27 s would be under Chromium's 30 s
  assert.equal(retryDelayMs(3, () => 0), 108_000);
  assert.equal(retryDelayMs(3, () => 0.999999), 132_000);
  assert.equal(retryDelayMs(20, () => 0.999999), RETRY_MAX_MS);
});

test("a new pending save is due at once and keeps the capture", () => {
  const item = newPendingSave({ id: "c1", capture, tags: ["a"], now: 1000 });
  assert.equal(item.state, "waiting");
  assert.equal(item.attempts, 0);
  assert.equal(item.html, capture.html);
  assert.deepEqual(dueSaves([item], 1000), [item]);
  assert.equal(newPendingSave({ id: "c1", capture, tags: undefined, now: 1 }).tags, null);
});

test("a retryable failure schedules the next try with back-off", () => {
  let item = newPendingSave({ id: "c1", capture, tags: null, now: 0 });
  item = afterFailure(item, "server down", true, 10_000, noJitter);
  assert.deepEqual([item.state, item.attempts, item.nextAttemptAt, item.lastError], ["waiting", 1, 40_000, "server down"]);
  item = afterFailure(item, "server down", true, 40_000, noJitter);
  assert.equal(item.nextAttemptAt, 100_000);
  assert.deepEqual(dueSaves([item], 99_999), []);
  assert.deepEqual(dueSaves([item], 100_000), [item]);
});

test("a refused save is kept as failed, not retried by the alarm, but by the user", () => {
  const item = afterFailure(newPendingSave({ id: "c1", capture, now: 0 }), "token rejected", false, 5);
  assert.equal(item.state, "failed");
  assert.equal(item.nextAttemptAt, null);
  assert.deepEqual(dueSaves([item], Infinity), []);
  assert.deepEqual(dueSaves([item], 0, { force: true }), [item]);
});

test("the alarm wakes for the earliest waiting save only", () => {
  const a = { state: "waiting", nextAttemptAt: 500 };
  const b = { state: "waiting", nextAttemptAt: 300 };
  const c = { state: "failed", nextAttemptAt: null };
  assert.equal(nextWakeAt([a, b, c]), 300);
  assert.equal(nextWakeAt([c]), null);
  assert.equal(nextWakeAt([]), null);
});

test("pages see a pending save without its html", () => {
  const shown = describePending(newPendingSave({ id: "c1", capture, now: 0 }));
  assert.equal("html" in shown, false);
  assert.equal(shown.size, capture.html.length);
});
