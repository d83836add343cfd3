// The WebExtension API object: Firefox provides `browser`, Chromium `chrome`; both return promises in MV3.
export const ext = globalThis.browser ?? globalThis.chrome;
