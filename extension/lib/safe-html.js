// Defence in depth for the reader view: the server already sanitized the article HTML, but the
// extension page inserts it only after parsing it inertly (DOMParser runs no scripts, loads
// nothing) and dropping anything active, so a compromised or buggy server can't run code here.

const DROPPED_ELEMENTS = [
  "script", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base",
  "style", "form", "input", "button", "select", "textarea", "noscript", "template", "portal",
  // SVG elements that can change a link or pull in outside content after parsing.
  "animate", "set", "animateMotion", "animateTransform", "use", "foreignObject",
].join(",");

const URL_ATTRIBUTES = new Set(["href", "src", "poster", "cite", "action", "xlink:href", "background"]);
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Resolve a URL from the article against the page's address; null when it isn't safe to keep. */
export function safeUrl(value, baseUrl, { image = false } = {}) {
  const text = String(value || "").trim();
  if (!text) return null;
  if (image && /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(text)) return text;
  let url;
  try {
    url = new URL(text, baseUrl);
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/**
 * Parse `html` and return a DocumentFragment for `targetDocument` holding only inert content.
 * Relative links and images are resolved against `baseUrl` (the article's page); ids are prefixed
 * so the article can't shadow the reader's own elements (and in-page links follow them).
 */
export function safeArticleFragment(html, baseUrl, targetDocument = document) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, "text/html");
  for (const node of parsed.body.querySelectorAll(DROPPED_ELEMENTS)) node.remove();
  for (const element of parsed.body.querySelectorAll("*")) cleanElement(element, baseUrl);
  const fragment = targetDocument.createDocumentFragment();
  for (const node of [...parsed.body.childNodes]) fragment.append(targetDocument.importNode(node, true));
  return fragment;
}

function cleanElement(element, baseUrl) {
  const isImage = element.localName === "img" || element.localName === "source";
  for (const attribute of [...element.attributes]) {
    const name = attribute.name.toLowerCase();
    const value = attribute.value;
    if (name.startsWith("on") || name === "style" || name === "srcdoc" || name === "formaction" || name === "ping") {
      element.removeAttribute(attribute.name);
    } else if (name === "id" || name === "name") {
      element.setAttribute(attribute.name, `article-${value}`);
    } else if (name === "href" && value.trim().startsWith("#")) {
      element.setAttribute("href", `#article-${value.trim().slice(1)}`);
    } else if (URL_ATTRIBUTES.has(name)) {
      const safe = safeUrl(value, baseUrl, { image: isImage || name === "poster" });
      if (safe) element.setAttribute(attribute.name, safe);
      else element.removeAttribute(attribute.name);
    } else if (name === "srcset") {
      const candidates = value
        .split(",")
        .map((part) => part.trim().split(/\s+/))
        .map(([src, ...descriptor]) => [safeUrl(src, baseUrl, { image: true }), ...descriptor])
        .filter(([src]) => src && !src.startsWith("data:"))
        .map((candidate) => candidate.join(" "));
      if (candidates.length) element.setAttribute("srcset", candidates.join(", "));
      else element.removeAttribute("srcset");
    }
  }
  if (element.localName === "a" && element.hasAttribute("href") && !element.getAttribute("href").startsWith("#")) {
    element.setAttribute("target", "_blank");
    element.setAttribute("rel", "noopener noreferrer");
  }
  if (element.localName === "img") element.setAttribute("loading", "lazy");
}
