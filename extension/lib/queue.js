// Saves waiting for the server: the retry schedule (exponential back-off) and the state of one
// pending save. Pure functions over plain objects; lib/queue-store.js keeps them in storage.

export const RETRY_BASE_MS = 30_000; // Chromium fires alarms of packed extensions at most every 30 s
export const RETRY_MAX_MS = 60 * 60_000; // an hour: a server down for a day still gets asked hourly
const JITTER = 0.1; // ±10 %, so many queued saves don't all hit a server that just came back at once

/** Wait before the next try, after `failures` failed tries (1, 2, ...): 30 s, 1 min, 2 min ... 1 h. */
export function retryDelayMs(failures, random = Math.random) {
  const exponent = Math.max(0, failures - 1);
  const plain = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(exponent, 30));
  const jittered = plain * (1 + (random() * 2 - 1) * JITTER);
  return Math.round(Math.min(RETRY_MAX_MS, Math.max(RETRY_BASE_MS, jittered)));
}

/**
 * A save as it waits in the queue. `state` is "waiting" (will be retried at `nextAttemptAt`) or
 * "failed" (the server refused it for a reason retrying won't fix; kept until the user retries
 * or discards it, so nothing is lost).
 */
export function newPendingSave({ id, capture, tags, now }) {
  return {
    id,
    url: capture.url,
    title: capture.title || capture.url,
    html: capture.html,
    tags: Array.isArray(tags) ? tags : null,
    state: "waiting",
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
  };
}

/** The pending save after a failed try: scheduled again if `retryable`, else marked failed. */
export function afterFailure(item, message, retryable, now, random = Math.random) {
  const attempts = item.attempts + 1;
  if (!retryable) return { ...item, attempts, state: "failed", nextAttemptAt: null, lastError: message };
  return { ...item, attempts, state: "waiting", nextAttemptAt: now + retryDelayMs(attempts, random), lastError: message };
}

/** Saves to try now: the waiting ones whose time has come, or every one when the user asks. */
export function dueSaves(items, now, { force = false } = {}) {
  return items.filter((item) => force || (item.state === "waiting" && item.nextAttemptAt <= now));
}

/** When the retry alarm should next fire, or null when nothing is waiting. */
export function nextWakeAt(items) {
  const times = items.filter((i) => i.state === "waiting").map((i) => i.nextAttemptAt);
  return times.length ? Math.min(...times) : null;
}

/** A pending save as the pages show it: without the (large) captured html. */
export function describePending(item) {
  const { html, ...rest } = item;
  return { ...rest, size: html ? html.length : 0 };
}
