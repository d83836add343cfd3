import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_SERVER_URL, isConfigured, normalizeReaderPrefs, READER_DEFAULTS, validateServerUrl, validateToken,
} from "../lib/settings.js";

const accepted = [
  // input, url kept, permission asked for
  [DEFAULT_SERVER_URL, "http://127.0.0.1:8000", "http://127.0.0.1/*"],
  ["  http://localhost:8000/  ", "http://localhost:8000", "http://localhost/*"],
  ["https://folio.example.net", "https://folio.example.net", "https://folio.example.net/*"],
  ["https://example.net/folio/", "https://example.net/folio", "https://example.net/*"],
  ["HTTPS://Example.NET:8443", "https://example.net:8443", "https://example.net/*"],
];
for (const [input, url, pattern] of accepted) {
  test(`server URL accepted: ${input.trim()}`, () => {
    const result = validateServerUrl(input);
    assert.equal(result.ok, true, result.error);
    assert.equal(result.url, url);
    assert.equal(result.permissionPattern, pattern);
  });
}

const refused = [
  ["", /Enter the address/],
  ["   ", /Enter the address/],
  ["127.0.0.1:8000", /http:\/\/ or https:\/\//],
  ["folio.example.net", /http:\/\/folio\.example\.net/],
  ["ftp://folio.example.net", /http:\/\/ or https:\/\/ only/],
  ["javascript://alert(1)", /http:\/\/ or https:\/\/ only/],
  ["http://user:secret@folio.example", /user name and password/],
  ["http://folio.example/?x=1", /\? or #/],
  ["http://folio.example/#top", /\? or #/],
  ["http://", /not a valid/],
];
for (const [input, message] of refused) {
  test(`server URL refused: ${JSON.stringify(input)}`, () => {
    const result = validateServerUrl(input);
    assert.equal(result.ok, false);
    assert.match(result.error, message);
  });
}

test("plain http is fine on this machine but warned about elsewhere", () => {
  assert.equal(validateServerUrl("http://127.0.0.1:8000").warning, null);
  assert.equal(validateServerUrl("http://localhost").warning, null);
  assert.equal(validateServerUrl("https://folio.example").warning, null);
  assert.match(validateServerUrl("http://folio.example").warning, /unencrypted/);
});

test("tokens", () => {
  assert.deepEqual(validateToken("  abc123  "), { ok: true, token: "abc123" });
  assert.match(validateToken("").error, /folio token create/);
  assert.match(validateToken("ab c").error, /spaces/);
});

test("nothing is sent until both address and token are stored", () => {
  assert.equal(isConfigured(null), false);
  assert.equal(isConfigured({ serverUrl: "http://x", token: "" }), false);
  assert.equal(isConfigured({ serverUrl: "", token: "t" }), false);
  assert.equal(isConfigured({ serverUrl: "http://x", token: "t" }), true);
});

test("reader preferences are clamped and defaulted", () => {
  assert.deepEqual(normalizeReaderPrefs(undefined), READER_DEFAULTS);
  assert.deepEqual(normalizeReaderPrefs({ theme: "neon", font: "comic", fontSize: 99, width: 1 }), {
    theme: "light", font: "serif", fontSize: 32, width: 45,
  });
  assert.deepEqual(normalizeReaderPrefs({ theme: "dark", fontSize: "18" }), { ...READER_DEFAULTS, theme: "dark", fontSize: 18 });
});
