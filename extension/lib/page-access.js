// Which tabs the extension may read, and what to tell the user when it may not.
// Browsers forbid extensions from scripting their own pages and the add-on stores; asking anyway
// fails with an obscure error, so the toolbar click checks the URL first and explains instead.

// Hosts where both browsers block extension scripts (the web stores).
const STORE_PAGES = [
  { host: "chromewebstore.google.com", path: "/" },
  { host: "chrome.google.com", path: "/webstore" },
  { host: "addons.mozilla.org", path: "/" },
  { host: "microsoftedge.microsoft.com", path: "/addons" },
];

export const UNREADABLE_MESSAGES = Object.freeze({
  "browser-page": {
    title: "This is one of the browser's own pages",
    body: "Browsers don't let extensions read their built-in pages (settings, new tab, about: and chrome:// pages). Open an article on the web and press the Folio button there.",
  },
  "web-store": {
    title: "The add-on store can't be read",
    body: "Browsers protect their extension stores from all extensions, Folio included.",
  },
  "view-source": {
    title: "This is a page's source code",
    body: "Open the page itself instead of its view-source: version, then press the Folio button.",
  },
  pdf: {
    title: "PDF documents aren't supported",
    body: "Folio reads web pages. This tab shows a PDF, which the browser renders in its own viewer that extensions cannot read.",
  },
  "file-access": {
    title: "Folio may not read files on this computer",
    body: "To read local files, allow it: in Chromium open the extension's details and turn on \"Allow access to file URLs\". Firefox does not let extensions read file:// pages.",
  },
  "no-tab": {
    title: "No page to read",
    body: "Folio could not find the tab to read. Switch to the tab with the article and try again.",
  },
  "capture-failed": {
    title: "Folio couldn't read this page",
    body: "The browser refused to let Folio read this tab. Reload the page and press the Folio button again.",
  },
});

/**
 * Return why a tab with this URL can't be captured (a key of UNREADABLE_MESSAGES), or null when
 * it can. `fileAccess` says whether the user allowed file:// URLs for the extension.
 */
export function unreadableReason(rawUrl, { fileAccess = false } = {}) {
  if (!rawUrl) return "no-tab";
  if (/^view-source:/i.test(rawUrl)) return "view-source";
  let url;
  try {
    url = new URL(rawUrl);
  } catch {
    return "browser-page";
  }
  if (url.protocol === "file:") {
    if (isPdfPath(url.pathname)) return "pdf";
    return fileAccess ? null : "file-access";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "browser-page";
  if (STORE_PAGES.some((s) => url.hostname === s.host && url.pathname.startsWith(s.path))) return "web-store";
  if (isPdfPath(url.pathname)) return "pdf";
  return null;
}

/** Reason for a capture whose document turned out not to be HTML (a PDF served without .pdf). */
export function unreadableContentType(contentType) {
  if (!contentType) return null;
  if (contentType === "application/pdf") return "pdf";
  return null;
}

function isPdfPath(pathname) {
  return /\.pdf$/i.test(pathname);
}
