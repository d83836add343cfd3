// Connection settings (server URL + API token) and reader preferences: validation and storage.
// Validation is pure so the options page and the node tests share it.

export const DEFAULT_SERVER_URL = "http://127.0.0.1:8000";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export const READER_DEFAULTS = Object.freeze({ theme: "light", font: "serif", fontSize: 20, width: 65 });
export const READER_LIMITS = Object.freeze({
  themes: ["light", "sepia", "dark"],
  fonts: ["serif", "sans"],
  fontSize: { min: 14, max: 32, step: 2 },
  width: { min: 45, max: 95, step: 10 },
});

/**
 * Check a server URL typed by the user.
 * Returns {ok, url, origin, permissionPattern, warning} or {ok: false, error}.
 * The URL may carry a path (Folio behind a reverse proxy under /folio); it is kept without a
 * trailing slash so API paths can be appended.
 */
export function validateServerUrl(input) {
  const text = (input ?? "").trim();
  if (!text) return { ok: false, error: "Enter the address of your Folio server, e.g. " + DEFAULT_SERVER_URL + "." };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return { ok: false, error: `Start the address with http:// or https:// (e.g. http://${text}).` };
  }
  let url;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: "That is not a valid web address." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: "Folio servers are reached over http:// or https:// only." };
  }
  if (url.username || url.password) {
    return { ok: false, error: "Leave the user name and password out of the address; the API token is enough." };
  }
  if (url.search || url.hash) {
    return { ok: false, error: "The address must not contain ? or #." };
  }
  const path = url.pathname.replace(/\/+$/, "");
  const result = {
    ok: true,
    url: url.origin + path,
    origin: url.origin,
    // Match patterns without a port match every port, in Chromium and Firefox alike.
    permissionPattern: `${url.protocol}//${url.hostname}/*`,
    warning: null,
  };
  if (url.protocol === "http:" && !LOCAL_HOSTS.has(url.hostname) && !url.hostname.endsWith(".localhost")) {
    result.warning = "This address uses http://: your token and pages travel unencrypted. Prefer https:// for a server on another machine.";
  }
  return result;
}

/** Check an API token as pasted by the user: returns {ok, token} or {ok: false, error}. */
export function validateToken(input) {
  const token = (input ?? "").trim();
  if (!token) return { ok: false, error: "Paste an API token. Create one on the server with: folio token create NAME" };
  if (/\s/.test(token)) return { ok: false, error: "The token must not contain spaces or line breaks." };
  return { ok: true, token };
}

/** True once the user has stored a server URL and a token; nothing is sent anywhere before that. */
export function isConfigured(settings) {
  return Boolean(settings && settings.serverUrl && settings.token);
}

/** Clamp stored reader preferences to the allowed values, filling in defaults. */
export function normalizeReaderPrefs(prefs) {
  const p = { ...READER_DEFAULTS, ...(prefs || {}) };
  const clamp = (value, { min, max }, fallback) =>
    Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  return {
    theme: READER_LIMITS.themes.includes(p.theme) ? p.theme : READER_DEFAULTS.theme,
    font: READER_LIMITS.fonts.includes(p.font) ? p.font : READER_DEFAULTS.font,
    fontSize: clamp(Number(p.fontSize), READER_LIMITS.fontSize, READER_DEFAULTS.fontSize),
    width: clamp(Number(p.width), READER_LIMITS.width, READER_DEFAULTS.width),
  };
}

// --- storage (extension contexts only) ---

export async function loadSettings(storage) {
  const { settings } = await storage.local.get("settings");
  return settings || { serverUrl: "", token: "" };
}

export async function saveSettings(storage, settings) {
  await storage.local.set({ settings: { serverUrl: settings.serverUrl, token: settings.token } });
}

export async function loadReaderPrefs(storage) {
  const { readerPrefs } = await storage.local.get("readerPrefs");
  return normalizeReaderPrefs(readerPrefs);
}

export async function saveReaderPrefs(storage, prefs) {
  await storage.local.set({ readerPrefs: normalizeReaderPrefs(prefs) });
}
