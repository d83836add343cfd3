// The function injected into the tab with scripting.executeScript. It runs in the page, so it
// must not use anything from this module's scope; it only reads the rendered DOM (after the
// page's scripts ran) and returns it. It never writes into the page.

export function capturePage() {
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) + "\n" : "";
  return {
    url: location.href,
    title: document.title,
    contentType: document.contentType,
    html: doctype + document.documentElement.outerHTML,
  };
}
