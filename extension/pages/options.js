// The options page: connect to a Folio server (address + token, "Test connection"), opt in to the
// library badge, and see the saves still waiting for the server.

import { ext } from "../lib/browser.js";
import { createClient, describeConnection } from "../lib/api.js";
import { clockTime } from "../lib/format.js";
import { describePending } from "../lib/queue.js";
import { listPending, listRecent, touchesQueue } from "../lib/queue-store.js";
import {
  DEFAULT_SERVER_URL,
  isConfigured,
  loadSettings,
  saveSettings,
  validateServerUrl,
  validateToken,
} from "../lib/settings.js";

const $ = (id) => document.getElementById(id);

init().catch((error) => setStatus("error", `Something went wrong: ${error.message}`));

async function init() {
  const settings = await loadSettings(ext.storage);
  $("server-url").value = settings.serverUrl || DEFAULT_SERVER_URL;
  $("token").value = settings.token || "";
  $("welcome").hidden = isConfigured(settings);
  $("mark-saved").checked = await ext.permissions.contains({ permissions: ["tabs"] });

  $("connection-form").addEventListener("submit", onSave);
  $("test-connection").addEventListener("click", onTest);
  $("toggle-token").addEventListener("click", toggleToken);
  $("mark-saved").addEventListener("change", onMarkSavedChange);
  $("retry-now").addEventListener("click", () => ext.runtime.sendMessage({ type: "retry-now" }));
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && touchesQueue(changes)) renderQueue();
  });
  await Promise.all([renderQueue(), renderShortcuts()]);
}

/** Validate the form; returns {server, token} or null after showing what is wrong. */
function readForm() {
  const server = validateServerUrl($("server-url").value);
  if (!server.ok) {
    setStatus("error", server.error);
    $("server-url").focus();
    return null;
  }
  const token = validateToken($("token").value);
  if (!token.ok) {
    setStatus("error", token.error);
    $("token").focus();
    return null;
  }
  return { server, token: token.token };
}

/**
 * Ask for the server's origin. Must be the first thing awaited in a click handler: browsers
 * grant permissions only during the user's gesture. Requests work without it (the server
 * allows extension origins), but the library badge needs it and it spares the CORS round trip.
 */
function requestServerAccess(server) {
  return ext.permissions.request({ origins: [server.permissionPattern] }).catch(() => false);
}

async function onSave(event) {
  event.preventDefault();
  const form = readForm();
  if (!form) return;
  const granted = await requestServerAccess(form.server);
  const previous = await loadSettings(ext.storage);
  await saveSettings(ext.storage, { serverUrl: form.server.url, token: form.token });
  await forgetOldServer(previous, form.server);
  $("server-url").value = form.server.url;
  $("welcome").hidden = true;
  setStatus("pending", "Saved. Checking the connection…");
  const result = await checkConnection(form);
  const notes = [];
  if (!granted) notes.push(`The browser did not grant access to ${form.server.origin}, so the ✓ badge stays off.`);
  if (form.server.warning) notes.push(form.server.warning);
  setStatus(result.kind, ["Saved.", result.message, ...notes].join(" "));
  // A fixed token or address may unblock saves that are waiting.
  if (result.kind === "success") ext.runtime.sendMessage({ type: "settings-changed" });
}

async function onTest() {
  const form = readForm();
  if (!form) return;
  await requestServerAccess(form.server);
  setStatus("pending", "Testing…");
  const result = await checkConnection(form);
  setStatus(result.kind, form.server.warning && result.kind === "success" ? `${result.message} ${form.server.warning}` : result.message);
}

async function checkConnection(form) {
  try {
    const me = await createClient({ serverUrl: form.server.url, token: form.token }).me();
    return { kind: "success", message: describeConnection(me) };
  } catch (error) {
    return { kind: "error", message: error.message };
  }
}

/** Give back access to a server the user no longer uses. */
async function forgetOldServer(previous, server) {
  const old = previous.serverUrl ? validateServerUrl(previous.serverUrl) : null;
  if (old && old.ok && old.permissionPattern !== server.permissionPattern) {
    await ext.permissions.remove({ origins: [old.permissionPattern] }).catch(() => {});
  }
}

function setStatus(kind, text) {
  const status = $("connection-status");
  status.dataset.kind = kind;
  status.textContent = text;
}

function toggleToken() {
  const input = $("token");
  const show = input.type === "password";
  input.type = show ? "text" : "password";
  $("toggle-token").textContent = show ? "Hide" : "Show";
  $("toggle-token").setAttribute("aria-pressed", String(show));
}

async function onMarkSavedChange(event) {
  const box = event.target;
  if (box.checked) {
    box.checked = await ext.permissions.request({ permissions: ["tabs"] }).catch(() => false);
  } else {
    await ext.permissions.remove({ permissions: ["tabs"] });
  }
}

// --- the queue ---

async function renderQueue() {
  const pending = (await listPending(ext.storage)).map(describePending);
  $("pending-empty").hidden = pending.length > 0;
  $("retry-now").hidden = pending.length === 0;
  $("pending-list").replaceChildren(...pending.map(pendingItem));

  const recent = await listRecent(ext.storage);
  $("recent-empty").hidden = recent.length > 0;
  $("recent-list").replaceChildren(...recent.map(recentItem));
}

function pendingItem(item) {
  const li = document.createElement("li");
  li.dataset.id = item.id;
  li.dataset.state = item.state;
  const title = document.createElement("span");
  title.className = "title";
  title.textContent = item.title;
  const detail = document.createElement("span");
  detail.className = "detail";
  detail.dataset.state = item.state;
  detail.textContent = pendingDetail(item);
  const discard = document.createElement("button");
  discard.type = "button";
  discard.className = "secondary";
  discard.textContent = "Discard";
  discard.addEventListener("click", () => ext.runtime.sendMessage({ type: "discard", id: item.id }));
  li.append(title, detail, discard);
  return li;
}

function pendingDetail(item) {
  if (item.state === "failed") return `Not saved: ${item.lastError}`;
  if (!item.attempts) return `${item.url} — sending…`;
  const tries = item.attempts === 1 ? "1 try" : `${item.attempts} tries`;
  return `${item.url} — waiting (${tries} failed: ${item.lastError}). Next try at ${clockTime(item.nextAttemptAt)}.`;
}

function recentItem(entry) {
  const li = document.createElement("li");
  li.dataset.id = entry.id;
  const title = document.createElement(entry.webUrl ? "a" : "span");
  title.className = "title";
  title.textContent = entry.title;
  if (entry.webUrl) {
    title.href = entry.webUrl;
    title.target = "_blank";
    title.rel = "noopener";
  }
  const detail = document.createElement("span");
  detail.className = "detail";
  detail.textContent = `Saved at ${clockTime(entry.savedAt)} — ${entry.url}`;
  li.append(title, detail);
  return li;
}

async function renderShortcuts() {
  const commands = await ext.commands.getAll();
  $("shortcuts").replaceChildren(
    ...commands
      .filter((c) => c.description)
      .map((c) => {
        const li = document.createElement("li");
        const key = document.createElement("kbd");
        key.textContent = c.shortcut || "not set";
        li.append(key, ` ${c.description}`);
        return li;
      }),
  );
}
