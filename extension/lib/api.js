// Talking to the Folio server (docs/api-contract.md): one small client, and errors sorted into
// kinds the user can act on. The token is sent only to the configured server URL.

import { extractRequest, libraryLookupPath, normalizeTags, saveRequest } from "./payloads.js";

const QUICK_TIMEOUT_MS = 10_000; // "Test connection" and the badge lookup: answer fast or not at all
const WORK_TIMEOUT_MS = 90_000; // extraction of a large page can take a while on a small server

export class FolioError extends Error {
  /** kind: network | unauthorized | not-folio | too-large | no-article | not-found | bad-request | server */
  constructor(kind, message, status = null) {
    super(message);
    this.name = "FolioError";
    this.kind = kind;
    this.status = status;
  }
}

/** Whether a failed save is worth retrying later (server down, network gone, overloaded). */
export function isRetryable(error) {
  if (!(error instanceof FolioError) && error?.name !== "FolioError") return true; // unexpected: keep it, try again
  if (error.kind === "network" || error.kind === "server") return true;
  return error.status === 408 || error.status === 429;
}

/** Turn an HTTP answer that isn't 2xx into a FolioError with a sentence the user can act on. */
export function errorFromResponse(status, body, serverUrl) {
  const serverSays = body && typeof body.message === "string" ? ` The server says: ${body.message}` : "";
  if (status === 401) {
    return new FolioError(
      "unauthorized",
      "The server rejected the API token (401). Create a new one with \"folio token create NAME\" and paste it in the options.",
      status,
    );
  }
  if (status === 404) return new FolioError("not-found", `Not found on ${serverUrl} (404).${serverSays}`, status);
  if (status === 413) return new FolioError("too-large", `This page is larger than the server accepts (413).${serverSays}`, status);
  if (status === 422) return new FolioError("no-article", `Folio found no article on this page (422).${serverSays}`, status);
  if (status >= 500) return new FolioError("server", `The Folio server had a problem (HTTP ${status}).${serverSays}`, status);
  return new FolioError("bad-request", `The server refused the request (HTTP ${status}).${serverSays}`, status);
}

/**
 * A client for one server. `settings` is {serverUrl, token} as stored by the options page.
 * `fetchImpl` is injectable for tests.
 */
export function createClient(settings, fetchImpl = globalThis.fetch.bind(globalThis)) {
  const base = settings.serverUrl.replace(/\/+$/, "");

  async function request(method, path, { body, timeoutMs = WORK_TIMEOUT_MS } = {}) {
    const headers = { Authorization: `Bearer ${settings.token}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetchImpl(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
        cache: "no-store",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const why = error?.name === "TimeoutError" ? "it did not answer in time" : "the connection failed";
      throw new FolioError(
        "network",
        `Can't reach the Folio server at ${base} (${why}). Is it running, and is the address right?`,
      );
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) throw errorFromResponse(response.status, data, base);
    return { status: response.status, data };
  }

  return {
    serverUrl: base,

    /** GET /api/v1/me: proves the address is a Folio server and the token is good. */
    async me() {
      let answer;
      try {
        answer = await request("GET", "/api/v1/me", { timeoutMs: QUICK_TIMEOUT_MS });
      } catch (error) {
        if (error.kind === "not-found" || error.kind === "bad-request") throw notFolio(base);
        throw error;
      }
      if (!answer.data || answer.data.service !== "folio") throw notFolio(base);
      return answer.data;
    },

    /** POST /api/v1/extract: the article JSON for a captured page; nothing is stored. */
    async extract(capture) {
      return (await request("POST", "/api/v1/extract", { body: extractRequest(capture) })).data;
    },

    /** POST /api/v1/articles: store the captured page with the user's tags; the stored article JSON. */
    async save(capture, tags) {
      return (await request("POST", "/api/v1/articles", { body: saveRequest(capture, tags) })).data;
    },

    /** PATCH /api/v1/articles/<id>: replace the article's tags; the stored article JSON. */
    async setTags(articleId, tags) {
      const body = { tags: normalizeTags(tags) };
      return (await request("PATCH", `/api/v1/articles/${encodeURIComponent(articleId)}`, { body })).data;
    },

    /** The saved article for this page URL, or null. */
    async findSaved(pageUrl) {
      const { data } = await request("GET", libraryLookupPath(pageUrl), { timeoutMs: QUICK_TIMEOUT_MS });
      return data && data.items && data.items.length ? data.items[0] : null;
    },

    /** Absolute address of a stored article's reading page on the server. */
    articleUrl(article) {
      return article && article.web_url ? base + article.web_url : null;
    },
  };
}

function notFolio(base) {
  return new FolioError(
    "not-folio",
    `${base} answered, but it is not a Folio server (GET /api/v1/me did not say "service": "folio"). Check the address.`,
  );
}

/** The sentence "Test connection" shows when it works. */
export function describeConnection(me) {
  const who = me.user && me.user.name ? ` as ${me.user.name}` : "";
  const version = me.version ? ` ${me.version}` : "";
  return `Connected to Folio${version}${who}.`;
}
