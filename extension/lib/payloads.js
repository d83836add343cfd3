// The bodies the extension sends to Folio's API (docs/api-contract.md), shaped in one place.

export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 64;

/** Body of POST /api/v1/extract for a captured page. */
export function extractRequest(capture) {
  return { url: capture.url, html: capture.html };
}

/**
 * Body of POST /api/v1/articles: the captured html + url and capture "extension", plus the tags
 * the user edited in the reader view. Without edited tags (a save from the context menu or the
 * shortcut) `tags` is left out so the server keeps the page's own and its automatic tags.
 */
export function saveRequest(capture, tags) {
  const body = { url: capture.url, html: capture.html, capture: "extension" };
  if (Array.isArray(tags)) body.tags = normalizeTags(tags);
  return body;
}

/** One tag as typed: trimmed, inner whitespace collapsed, a leading # dropped, length capped. */
export function normalizeTag(raw) {
  return String(raw ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^#+/, "")
    .trim()
    .slice(0, MAX_TAG_LENGTH);
}

/** Tags as the user edited them: normalized, empty ones dropped, duplicates (any case) removed. */
export function normalizeTags(tags) {
  const seen = new Set();
  const result = [];
  for (const raw of tags || []) {
    const tag = normalizeTag(typeof raw === "object" && raw !== null ? raw.name : raw);
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
    if (result.length === MAX_TAGS) break;
  }
  return result;
}

/**
 * Whether the stored article already carries exactly the tags the user chose. The server adds
 * suggested tags when saving (and keeps old ones when saving again), so after a save from the
 * reader the extension replaces them with the user's list unless they already match.
 */
export function sameTags(storedTags, chosen) {
  const key = (name) => normalizeTag(name).toLocaleLowerCase();
  const stored = new Set(normalizeTags(storedTags).map(key));
  const wanted = new Set(normalizeTags(chosen).map(key));
  return stored.size === wanted.size && [...wanted].every((name) => stored.has(name));
}

/** Split what the user typed in the tag box ("a, b") into tags. */
export function parseTagInput(text) {
  return normalizeTags(String(text ?? "").split(","));
}

/** The library lookup for a page: GET /api/v1/articles?url=...&per_page=1 */
export function libraryLookupPath(pageUrl) {
  const params = new URLSearchParams({ url: pageUrl, per_page: "1" });
  return `/api/v1/articles?${params}`;
}
