// The reader view: shows a captured page as Folio extracts it, with reading controls, "Listen",
// tag editing and "Save to library". The capture waits in session storage under the id in the URL.

import { ext } from "../lib/browser.js";
import { createClient, isRetryable } from "../lib/api.js";
import { bylineLabel, clockTime, formatDate, readingTimeLabel, siteLine } from "../lib/format.js";
import { normalizeTags, parseTagInput } from "../lib/payloads.js";
import { pendingKey, touchesQueue, listRecent } from "../lib/queue-store.js";
import { safeArticleFragment, safeUrl } from "../lib/safe-html.js";
import { READER_LIMITS, isConfigured, loadReaderPrefs, loadSettings, saveReaderPrefs } from "../lib/settings.js";

const $ = (id) => document.getElementById(id);
const captureId = new URLSearchParams(location.search).get("capture") || "";

const state = {
  prefs: null,
  capture: null,
  article: null,
  tags: [],
  saved: false,
};

main().catch((error) => {
  console.error(error);
  showNotice("error", `Something went wrong: ${error.message}`);
});

async function main() {
  state.prefs = await loadReaderPrefs(ext.storage);
  applyPrefs();
  wireControls();

  const settings = await loadSettings(ext.storage);
  if (!isConfigured(settings)) {
    showNotice("error", "Folio is not connected to a server yet.", { label: "Open the options", onClick: () => ext.runtime.openOptionsPage() });
    return;
  }
  const key = `capture:${captureId}`;
  const { [key]: capture } = await ext.storage.session.get(key);
  if (!capture) {
    showNotice("error", "This page is no longer held for reading (the browser was restarted or it was read long ago). Go back to the page and press the Folio button again.");
    return;
  }
  state.capture = capture;
  document.title = capture.title || capture.url;
  $("original").href = safeUrl(capture.url, capture.url) || "#";
  watchQueue();

  showNotice("pending", "Preparing the reading view…");
  const client = createClient(settings);
  try {
    state.article = await client.extract(capture);
  } catch (error) {
    showExtractError(error);
    return;
  }
  render(state.article);
  showNotice(null);
  await showIfAlreadySaved(client);
}

/** A page saved before: start from its tags in the library, and say that saving updates it. */
async function showIfAlreadySaved(client) {
  let saved;
  try {
    saved = await client.findSaved(state.capture.url);
  } catch {
    return; // only a hint; saving will report real problems
  }
  if (!saved || state.saved) return;
  state.tags = normalizeTags((saved.tags || []).map((t) => t.name));
  renderTags();
  showNotice("info", "Already in your library; saving again updates it.", null, {
    href: client.articleUrl(saved),
    label: "Open it in Folio",
    id: "library-link",
  });
}

// --- rendering ---

function render(article) {
  const container = $("article");
  container.dir = article.dir === "rtl" ? "rtl" : "ltr";
  if (article.lang) container.lang = article.lang;
  document.title = article.title || state.capture.title || state.capture.url;

  $("site").textContent = siteLine(article);
  $("title").textContent = article.title || state.capture.title || "";
  $("byline").textContent = bylineLabel(article.byline, article.lang);
  $("byline").hidden = !article.byline;
  const published = $("published");
  published.textContent = formatDate(article.published, article.lang || undefined);
  if (article.published) published.dateTime = article.published;
  $("reading-time").textContent = readingTimeLabel(article.reading_minutes);

  const content = safeArticleFragment(article.content_html || "", article.url || state.capture.url);
  $("content").replaceChildren(content);
  renderLeadImage(article);

  state.tags = normalizeTags((article.tags || []).map((t) => t.name));
  renderTags();

  container.hidden = false;
  $("save").disabled = false;
  $("listen").disabled = !("speechSynthesis" in window);
}

function renderLeadImage(article) {
  const figure = $("lead-image");
  const src = safeUrl(article.lead_image, article.url, { image: true });
  // Skip it when the article already shows the same picture.
  const alreadyShown = src && [...$("content").querySelectorAll("img")].some((img) => img.src === src);
  figure.hidden = !src || alreadyShown;
  if (src && !alreadyShown) figure.querySelector("img").src = src;
}

function showExtractError(error) {
  if (error.kind === "network" || isRetryable(error)) {
    // The server is away, but the capture is here: saving queues it and sends it later.
    $("save").disabled = false;
    showNotice("error", `${error.message} You can still press "Save to library": the page is kept and sent when the server is back.`);
  } else if (error.kind === "unauthorized") {
    showNotice("error", error.message, { label: "Open the options", onClick: () => ext.runtime.openOptionsPage() });
  } else {
    showNotice("error", error.message);
  }
}

/** One status line under the toolbar. kind: error | success | pending | info | null (hide). */
function showNotice(kind, text, action = null, link = null) {
  const notice = $("notice");
  notice.replaceChildren();
  if (!kind) {
    delete notice.dataset.kind;
    return;
  }
  notice.dataset.kind = kind;
  notice.append(text);
  if (link) {
    const a = document.createElement("a");
    a.className = "notice-action";
    a.href = link.href;
    a.target = "_blank";
    a.rel = "noopener";
    a.id = link.id || "";
    a.textContent = link.label;
    notice.append(" ", a);
  }
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "reader-button notice-action";
    button.textContent = action.label;
    button.addEventListener("click", action.onClick);
    notice.append(button);
  }
}

// --- tags ---

function renderTags() {
  const list = $("tags");
  list.replaceChildren(
    ...state.tags.map((name) => {
      const item = document.createElement("li");
      item.className = "reader-tag";
      item.dataset.tag = name;
      const label = document.createElement("span");
      label.textContent = name;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "tag-remove";
      remove.setAttribute("aria-label", `Remove tag ${name}`);
      remove.textContent = "×";
      remove.addEventListener("click", () => {
        state.tags = state.tags.filter((t) => t !== name);
        renderTags();
      });
      item.append(label, remove);
      return item;
    }),
  );
}

function addTagsFromInput(event) {
  event.preventDefault();
  const input = $("tag-input");
  state.tags = normalizeTags([...state.tags, ...parseTagInput(input.value)]);
  input.value = "";
  renderTags();
}

// --- saving ---

async function save() {
  const button = $("save");
  button.disabled = true;
  button.textContent = "Saving…";
  const tags = state.article ? state.tags : null; // no extraction: let the server pick the tags
  const outcome = await ext.runtime.sendMessage({ type: "save", capture: state.capture, tags });
  showSaveOutcome(outcome);
}

function showSaveOutcome(outcome) {
  const button = $("save");
  if (outcome.state === "saved") {
    markSaved(outcome.webUrl);
  } else if (outcome.state === "waiting") {
    button.textContent = "Waiting to save…";
    showNotice(
      "pending",
      `Not saved yet: ${outcome.error} The page is kept and will be sent automatically (next try at ${clockTime(outcome.item.nextAttemptAt)}).`,
      { label: "Retry now", onClick: () => ext.runtime.sendMessage({ type: "retry-now" }) },
    );
  } else {
    button.disabled = false;
    button.textContent = "Save to library";
    const kept = outcome.item ? " It is kept in the list of pending saves on the options page." : "";
    showNotice("error", `Not saved: ${outcome.error}${kept}`);
  }
}

function markSaved(webUrl) {
  state.saved = true;
  const button = $("save");
  button.disabled = true;
  button.textContent = "Saved";
  $("tag-editor").dataset.locked = "";
  showNotice("success", "Saved to your library.", null, webUrl ? { href: webUrl, label: "Open it in Folio", id: "saved-link" } : null);
}

/** A queued save may go through later (a retry in the background): follow it here. */
function watchQueue() {
  ext.storage.onChanged.addListener(async (changes, area) => {
    if (area !== "local" || state.saved || !touchesQueue(changes)) return;
    const pendingChange = changes[pendingKey(captureId)];
    if (pendingChange && pendingChange.newValue) {
      const item = pendingChange.newValue;
      if (item.state === "waiting" && item.attempts > 0) showSaveOutcome({ state: "waiting", item, error: item.lastError });
      return;
    }
    const recent = (await listRecent(ext.storage)).find((r) => r.id === captureId);
    if (recent) markSaved(recent.webUrl);
  });
}

// --- reading preferences ---

function applyPrefs() {
  const { theme, font, fontSize, width } = state.prefs;
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.dataset.font = font;
  root.style.setProperty("--reader-font-size", `${fontSize}px`);
  root.style.setProperty("--reader-width", `${width}ch`);
  for (const button of document.querySelectorAll("[data-theme-choice]")) {
    button.setAttribute("aria-pressed", String(button.dataset.themeChoice === theme));
  }
  $("font-toggle").textContent = font === "serif" ? "Sans" : "Serif";
  $("font-smaller").disabled = fontSize <= READER_LIMITS.fontSize.min;
  $("font-larger").disabled = fontSize >= READER_LIMITS.fontSize.max;
  $("width-narrower").disabled = width <= READER_LIMITS.width.min;
  $("width-wider").disabled = width >= READER_LIMITS.width.max;
}

async function changePrefs(change) {
  state.prefs = { ...state.prefs, ...change };
  await saveReaderPrefs(ext.storage, state.prefs);
  state.prefs = await loadReaderPrefs(ext.storage);
  applyPrefs();
}

function wireControls() {
  for (const button of document.querySelectorAll("[data-theme-choice]")) {
    button.addEventListener("click", () => changePrefs({ theme: button.dataset.themeChoice }));
  }
  const { fontSize, width } = READER_LIMITS;
  $("font-toggle").addEventListener("click", () => changePrefs({ font: state.prefs.font === "serif" ? "sans" : "serif" }));
  $("font-smaller").addEventListener("click", () => changePrefs({ fontSize: state.prefs.fontSize - fontSize.step }));
  $("font-larger").addEventListener("click", () => changePrefs({ fontSize: state.prefs.fontSize + fontSize.step }));
  $("width-narrower").addEventListener("click", () => changePrefs({ width: state.prefs.width - width.step }));
  $("width-wider").addEventListener("click", () => changePrefs({ width: state.prefs.width + width.step }));
  $("save").addEventListener("click", save);
  $("tag-form").addEventListener("submit", addTagsFromInput);
  $("listen").addEventListener("click", listen);
  $("listen-pause").addEventListener("click", togglePause);
  $("listen-stop").addEventListener("click", stopListening);
  // Other reader tabs change the preferences too: follow them.
  ext.storage.onChanged.addListener(async (changes, area) => {
    if (area === "local" && changes.readerPrefs) {
      state.prefs = await loadReaderPrefs(ext.storage);
      applyPrefs();
    }
  });
  window.addEventListener("pagehide", () => stopListening());
}

// --- listening (speech synthesis) ---

function listen() {
  const synth = window.speechSynthesis;
  synth.cancel();
  // One utterance per block: some engines stop long utterances after about 15 seconds.
  const blocks = [$("title"), ...$("content").querySelectorAll("p, h2, h3, h4, li, blockquote, figcaption")]
    .map((el) => el.textContent.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (!blocks.length) return;
  blocks.forEach((text, index) => {
    const utterance = new SpeechSynthesisUtterance(text);
    if (state.article && state.article.lang) utterance.lang = state.article.lang;
    if (index === blocks.length - 1) {
      utterance.addEventListener("end", () => setListening("idle"));
      utterance.addEventListener("error", () => setListening("idle"));
    }
    synth.speak(utterance);
  });
  setListening("speaking");
}

function togglePause() {
  const synth = window.speechSynthesis;
  if (synth.paused) {
    synth.resume();
    setListening("speaking");
  } else {
    synth.pause();
    setListening("paused");
  }
}

function stopListening() {
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  setListening("idle");
}

function setListening(mode) {
  $("listen").hidden = mode !== "idle";
  $("listen-pause").hidden = mode === "idle";
  $("listen-stop").hidden = mode === "idle";
  $("listen-pause").textContent = mode === "paused" ? "Resume" : "Pause";
}
