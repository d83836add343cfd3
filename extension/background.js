// The background script (Chromium: service worker; Firefox: event page). It owns everything that
// talks to the server outside a visible page: capturing a tab, saving, the retry queue, the
// context menu, the keyboard shortcuts and the toolbar badge.

import { ext } from "./lib/browser.js";
import { capturePage } from "./capture.js";
import { createClient, isRetryable } from "./lib/api.js";
import { unreadableReason, unreadableContentType } from "./lib/page-access.js";
import { sameTags } from "./lib/payloads.js";
import { isConfigured, loadSettings, validateServerUrl } from "./lib/settings.js";
import { afterFailure, describePending, dueSaves, newPendingSave, nextWakeAt } from "./lib/queue.js";
import { addRecent, listPending, putPending, removePending } from "./lib/queue-store.js";

const RETRY_ALARM = "folio-retry";
const SAVE_MENU_ID = "folio-save-page";
const CAPTURE_PREFIX = "capture:";
const CAPTURES_KEPT = 5; // captures live in session storage only while a reader tab may need them
const BADGE = {
  saved: { text: "✓", color: "#2f7d4f", title: "Folio: this page is in your library" },
  pending: { color: "#b45309" },
  failed: { text: "!", color: "#b42318" },
};

// Listeners are registered synchronously at the top level so that the event wakes the worker.
ext.runtime.onInstalled.addListener(onInstalled);
ext.runtime.onStartup.addListener(onStartup);
ext.action.onClicked.addListener((tab) => readTab(tab));
ext.commands.onCommand.addListener(onCommand);
ext.contextMenus.onClicked.addListener(onMenuClicked);
ext.alarms.onAlarm.addListener(onAlarm);
ext.runtime.onMessage.addListener(onMessage);
ext.tabs.onUpdated.addListener(onTabUpdated);
ext.tabs.onActivated.addListener(onTabActivated);

async function onInstalled(details) {
  await setUpMenu();
  if (details.reason === "install" && !isConfigured(await loadSettings(ext.storage))) {
    await ext.runtime.openOptionsPage();
  }
  await retryPending();
}

async function onStartup() {
  await setUpMenu();
  await retryPending(); // saves still waiting when the browser was closed
}

async function setUpMenu() {
  await ext.contextMenus.removeAll();
  ext.contextMenus.create({ id: SAVE_MENU_ID, title: "Save page to Folio", contexts: ["page"] });
}

async function onCommand(command, tab) {
  // Firefox before 126 passes no tab; the command's activeTab grant is for the active tab anyway.
  const target = tab ?? (await ext.tabs.query({ active: true, currentWindow: true }))[0];
  if (command === "read-page") await readTab(target);
  if (command === "save-page") await saveTab(target);
}

async function onMenuClicked(info, tab) {
  if (info.menuItemId === SAVE_MENU_ID) await saveTab(tab);
}

async function onAlarm(alarm) {
  if (alarm.name === RETRY_ALARM) await retryPending();
}

// --- reading and saving a tab ---

/** The toolbar button: capture the tab and open it in Folio's reader view. */
export async function readTab(tab) {
  const settings = await loadSettings(ext.storage);
  if (!isConfigured(settings)) return ext.runtime.openOptionsPage();
  const result = await captureTab(tab);
  if (result.reason) return showUnreadable(result.reason, tab);
  await rememberCapture(result.capture);
  const readerUrl = ext.runtime.getURL(`pages/reader.html?capture=${encodeURIComponent(result.capture.id)}`);
  return ext.tabs.create({ url: readerUrl, index: tab.index + 1, openerTabId: tab.id });
}

/** The context menu and the "save" shortcut: capture the tab and save it without opening it. */
export async function saveTab(tab) {
  const settings = await loadSettings(ext.storage);
  if (!isConfigured(settings)) return ext.runtime.openOptionsPage();
  const result = await captureTab(tab);
  if (result.reason) return showUnreadable(result.reason, tab);
  const outcome = await saveCapture(result.capture, null);
  if (outcome.state === "saved") await setTabBadge(tab.id, BADGE.saved);
  else if (outcome.state === "failed") await setTabBadge(tab.id, { ...BADGE.failed, title: `Folio: ${outcome.error}` });
  else await setTabBadge(tab.id, { text: "…", color: BADGE.pending.color, title: `Folio: waiting to save. ${outcome.error}` });
  return outcome;
}

/** Read the rendered page through the activeTab grant: {capture} or {reason} it can't be read. */
async function captureTab(tab) {
  if (!tab || tab.id === undefined) return { reason: "no-tab" };
  // tab.url is known here only with the activeTab grant (or a host permission); without it the
  // injection below is refused and reported as capture-failed.
  if (tab.url) {
    const reason = unreadableReason(tab.url, { fileAccess: await ext.extension.isAllowedFileSchemeAccess() });
    if (reason) return { reason };
  }
  let page;
  try {
    const [frame] = await ext.scripting.executeScript({ target: { tabId: tab.id }, func: capturePage });
    page = frame && frame.result;
  } catch (error) {
    console.warn("Folio: capture failed", error);
    return { reason: "capture-failed" };
  }
  if (!page || typeof page.html !== "string") return { reason: "capture-failed" };
  const reason = unreadableContentType(page.contentType);
  if (reason) return { reason };
  return { capture: { id: crypto.randomUUID(), url: page.url, title: page.title, html: page.html, capturedAt: Date.now() } };
}

async function showUnreadable(reason, tab) {
  const params = new URLSearchParams({ reason });
  if (tab && tab.url) params.set("url", tab.url);
  const url = ext.runtime.getURL(`pages/unreadable.html?${params}`);
  return ext.tabs.create({ url, index: tab ? tab.index + 1 : undefined });
}

/** Keep a capture for the reader tab (session storage: gone when the browser closes). */
async function rememberCapture(capture) {
  const all = await ext.storage.session.get(null);
  const old = Object.entries(all)
    .filter(([key]) => key.startsWith(CAPTURE_PREFIX))
    .sort(([, a], [, b]) => b.capturedAt - a.capturedAt)
    .slice(CAPTURES_KEPT - 1)
    .map(([key]) => key);
  if (old.length) await ext.storage.session.remove(old);
  await ext.storage.session.set({ [CAPTURE_PREFIX + capture.id]: capture });
}

// --- the save queue ---

const inFlight = new Set(); // ids being sent right now, so a retry doesn't send one twice at once

/**
 * Save a capture. It is written to the queue *before* the request, so a failure of any kind
 * (server down, network gone, the browser closing mid-request) loses nothing.
 */
async function saveCapture(capture, tags) {
  const item = newPendingSave({ id: capture.id, capture, tags, now: Date.now() });
  await putPending(ext.storage, item);
  await refreshPendingBadge();
  return attemptSave(item);
}

/** One try at sending a queued save: {state: "saved", article, webUrl} or the still-pending item. */
async function attemptSave(item) {
  if (inFlight.has(item.id)) return { state: "waiting", item: describePending(item), error: "Already being sent." };
  inFlight.add(item.id);
  try {
    const client = createClient(await loadSettings(ext.storage));
    let article = await client.save({ url: item.url, html: item.html }, item.tags);
    if (item.tags && !sameTags(article.tags, item.tags)) {
      // The server merged in suggested (or earlier) tags; the user's edited list is the truth.
      article = await client.setTags(article.id, item.tags);
    }
    const webUrl = client.articleUrl(article);
    await removePending(ext.storage, item.id);
    await addRecent(ext.storage, { id: item.id, url: item.url, title: article.title || item.title, webUrl, savedAt: Date.now() });
    return { state: "saved", article, webUrl };
  } catch (error) {
    const next = afterFailure(item, error.message, isRetryable(error), Date.now());
    await putPending(ext.storage, next);
    return { state: next.state, item: describePending(next), error: error.message, kind: error.kind };
  } finally {
    inFlight.delete(item.id);
    await scheduleRetry();
    await refreshPendingBadge();
  }
}

let retryChain = Promise.resolve();

/** Send the saves that are due (all of them with force: the user's "Retry now"). Runs one at a time. */
export function retryPending({ force = false } = {}) {
  const run = retryChain.then(() => runRetry(force));
  retryChain = run.catch(() => {});
  return run;
}

async function runRetry(force) {
  if (!isConfigured(await loadSettings(ext.storage))) return { saved: 0, pending: 0 };
  const due = dueSaves(await listPending(ext.storage), Date.now(), { force });
  let saved = 0;
  for (const item of due) {
    // One at a time: be gentle with a server that has just come back.
    if ((await attemptSave(item)).state === "saved") saved += 1;
  }
  await scheduleRetry();
  await refreshPendingBadge();
  return { saved, pending: (await listPending(ext.storage)).length };
}

async function scheduleRetry() {
  const wake = nextWakeAt(await listPending(ext.storage));
  if (wake === null) await ext.alarms.clear(RETRY_ALARM);
  else await ext.alarms.create(RETRY_ALARM, { when: Math.max(wake, Date.now() + 1000) });
}

// --- the toolbar badge ---

/** The badge shared by all tabs: how many saves wait for the server. */
async function refreshPendingBadge() {
  const pending = await listPending(ext.storage);
  const failed = pending.filter((p) => p.state === "failed").length;
  const text = pending.length ? String(pending.length) : "";
  await ext.action.setBadgeText({ text });
  await ext.action.setBadgeBackgroundColor({ color: failed ? BADGE.failed.color : BADGE.pending.color });
  await ext.action.setTitle({
    title: pending.length ? `Folio: ${pending.length} page(s) waiting to be saved` : "Read in Folio",
  });
}

/** A tab's own badge (null clears it back to the shared one). */
async function setTabBadge(tabId, badge) {
  try {
    await ext.action.setBadgeText({ tabId, text: badge ? badge.text : null });
    // Chromium can't reset a tab's title to the shared one, so copy the shared one over.
    await ext.action.setTitle({ tabId, title: badge ? badge.title : await ext.action.getTitle({}) });
    if (badge) await ext.action.setBadgeBackgroundColor({ tabId, color: badge.color });
  } catch {
    // The tab was closed meanwhile.
  }
}

async function onTabUpdated(tabId, changeInfo, tab) {
  if (changeInfo.status === "loading" && changeInfo.url) await setTabBadge(tabId, null);
  if (changeInfo.status === "complete") await checkLibrary(tab);
}

async function onTabActivated({ tabId }) {
  await checkLibrary(await ext.tabs.get(tabId));
}

/**
 * Mark the tab when its page is already in the library. Only the URL is sent, only when the user
 * granted the server origin, and only for tabs whose URL the browser lets us see (all of them
 * if the user opted in to the "tabs" permission on the options page).
 */
export async function checkLibrary(tab) {
  if (!tab || !tab.url || unreadableReason(tab.url)) return;
  const settings = await loadSettings(ext.storage);
  if (!isConfigured(settings)) return;
  const server = validateServerUrl(settings.serverUrl);
  if (!server.ok || tab.url.startsWith(server.url + "/")) return; // never ask Folio about its own pages
  if (!(await ext.permissions.contains({ origins: [server.permissionPattern] }))) return;
  try {
    const saved = await createClient(settings).findSaved(tab.url);
    await setTabBadge(tab.id, saved ? BADGE.saved : null);
  } catch {
    // Server unreachable: no mark, no noise. Saving will queue and tell the user.
  }
}

// --- messages from the extension's own pages ---

function onMessage(message, sender, sendResponse) {
  if (sender.id !== ext.runtime.id) return false;
  handleMessage(message).then(sendResponse, (error) => sendResponse({ state: "error", error: String(error?.message || error) }));
  return true; // answer asynchronously
}

async function handleMessage(message) {
  switch (message?.type) {
    case "save": {
      // The reader sends the capture it shows (session storage keeps only the last few).
      const { capture } = message;
      if (!capture || typeof capture.url !== "string" || typeof capture.html !== "string") {
        return { state: "error", error: "Nothing to save: reload the page and press the Folio button again." };
      }
      return saveCapture(capture, message.tags ?? null);
    }
    case "retry-now":
      return retryPending({ force: true });
    case "discard":
      await removePending(ext.storage, message.id);
      await scheduleRetry();
      await refreshPendingBadge();
      return { state: "discarded" };
    case "settings-changed":
      // A fixed token or address may unblock saves that failed with 401.
      return retryPending({ force: true });
    default:
      return { state: "error", error: `Unknown message ${message?.type}` };
  }
}

// The end-to-end tests drive the same code paths as the toolbar button and the context menu
// through this object (a module's exports are not reachable from the worker's console).
globalThis.folio = { readTab, saveTab, retryPending, checkLibrary };
