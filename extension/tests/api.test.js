import { test } from "node:test";
import assert from "node:assert/strict";
import { createClient, describeConnection, errorFromResponse, FolioError, isRetryable } from "../lib/api.js";

const settings = { serverUrl: "http://127.0.0.1:8000/", token: "secret-token" };

/** A fetch that records requests and answers with the given status and JSON body. */
function fakeFetch(status, body, { raw = false } = {}) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    const text = raw ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { "Content-Type": raw ? "text/html" : "application/json" } });
  };
  return { fetch, calls };
}

test("every request carries the bearer token, no cookies, to the configured server only", async () => {
  const { fetch, calls } = fakeFetch(200, { service: "folio", version: "0.1.0", user: { name: "ana" } });
  await createClient(settings, fetch).me();
  assert.equal(calls[0].url, "http://127.0.0.1:8000/api/v1/me");
  assert.equal(calls[0].init.headers.Authorization, "Bearer secret-token");
  assert.equal(calls[0].init.credentials, "omit");
});

test("save posts the capture as JSON", async () => {
  const { fetch, calls } = fakeFetch(201, { id: 7, web_url: "/articles/7" });
  const client = createClient(settings, fetch);
  const article = await client.save({ url: "https://a.example/x", html: "<p>x</p>" }, ["t"]);
  assert.equal(calls[0].url, "http://127.0.0.1:8000/api/v1/articles");
  assert.equal(calls[0].init.method, "POST");
  assert.deepEqual(JSON.parse(calls[0].init.body), { url: "https://a.example/x", html: "<p>x</p>", capture: "extension", tags: ["t"] });
  assert.equal(client.articleUrl(article), "http://127.0.0.1:8000/articles/7");
});

test("findSaved returns the first match or null", async () => {
  assert.equal(await createClient(settings, fakeFetch(200, { items: [], total: 0 }).fetch).findSaved("https://a"), null);
  const found = await createClient(settings, fakeFetch(200, { items: [{ id: 3 }], total: 1 }).fetch).findSaved("https://a");
  assert.deepEqual(found, { id: 3 });
});

const connectionFailures = [
  ["a 401 means a bad token", fakeFetch(401, { error: "unauthorized", message: "bad token" }), "unauthorized", /token/],
  ["a server without /api/v1/me is not Folio", fakeFetch(404, "<h1>Not Found</h1>", { raw: true }), "not-folio", /not a Folio server/],
  ["JSON without service: folio is not Folio", fakeFetch(200, { service: "other" }), "not-folio", /not a Folio server/],
  ["HTML with 200 is not Folio", fakeFetch(200, "<html>", { raw: true }), "not-folio", /not a Folio server/],
  ["a 500 is a server problem", fakeFetch(500, { message: "db down" }), "server", /HTTP 500.*db down/],
];
for (const [name, fake, kind, message] of connectionFailures) {
  test(`Test connection: ${name}`, async () => {
    await assert.rejects(createClient(settings, fake.fetch).me(), (error) => {
      assert.equal(error.kind, kind);
      assert.match(error.message, message);
      return true;
    });
  });
}

test("Test connection: an unreachable server says so", async () => {
  const fetch = async () => {
    throw new TypeError("Failed to fetch");
  };
  await assert.rejects(createClient(settings, fetch).me(), (error) => {
    assert.equal(error.kind, "network");
    assert.match(error.message, /Can't reach the Folio server at http:\/\/127\.0\.0\.1:8000/);
    return true;
  });
});

test("describeConnection", () => {
  assert.equal(describeConnection({ service: "folio", version: "0.1.0", user: { name: "ana" } }), "Connected to Folio 0.1.0 as ana.");
  assert.equal(describeConnection({ service: "folio" }), "Connected to Folio.");
});

for (const [status, kind, retryable] of [
  [400, "bad-request", false],
  [401, "unauthorized", false],
  [404, "not-found", false],
  [408, "bad-request", true],
  [413, "too-large", false],
  [415, "bad-request", false],
  [422, "no-article", false],
  [429, "bad-request", true],
  [500, "server", true],
  [503, "server", true],
]) {
  test(`HTTP ${status} is ${kind}, ${retryable ? "" : "not "}retried`, () => {
    const error = errorFromResponse(status, { message: "why" }, "http://s");
    assert.equal(error.kind, kind);
    assert.equal(isRetryable(error), retryable);
  });
}

test("network failures and unexpected errors are retried", () => {
  assert.equal(isRetryable(new FolioError("network", "x")), true);
  assert.equal(isRetryable(new Error("storage hiccup")), true);
});

test("setTags replaces an article's tags with PATCH", async () => {
  const { fetch, calls } = fakeFetch(200, { id: 7, tags: [{ name: "a", source: "user" }] });
  await createClient(settings, fetch).setTags(7, ["a", "A", " "]);
  assert.equal(calls[0].url, "http://127.0.0.1:8000/api/v1/articles/7");
  assert.equal(calls[0].init.method, "PATCH");
  assert.deepEqual(JSON.parse(calls[0].init.body), { tags: ["a"] });
});
