// How article metadata reads in the reader view. Pure functions, shared with the node tests.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A published date for people: "3 May 2024". Date-only values are not shifted by time zones. */
export function formatDate(iso, locale = undefined) {
  if (!iso) return "";
  const dateOnly = DATE_ONLY.test(iso);
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return "";
  const options = { year: "numeric", month: "long", day: "numeric" };
  if (dateOnly) options.timeZone = "UTC";
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date); // unknown locale tag
  }
}

export function readingTimeLabel(minutes) {
  const m = Math.round(Number(minutes) || 0);
  if (m <= 0) return "";
  return m === 1 ? "1 min read" : `${m} min read`;
}

/**
 * "By Jane Doe" for English (or unknown-language) articles, unless the page already wrote "By".
 * Other languages get the name alone: an English "By" before a Hebrew name reads badly.
 */
export function bylineLabel(byline, lang = "") {
  const text = (byline || "").trim();
  if (!text) return "";
  if (lang && !/^en\b/i.test(lang)) return text;
  return /^by\s/i.test(text) ? text : `By ${text}`;
}

/** The small line above the title: site name (or host) and section. */
export function siteLine(article) {
  let site = article.site_name;
  if (!site) {
    try {
      site = new URL(article.url).hostname.replace(/^www\./, "");
    } catch {
      site = "";
    }
  }
  return [site, article.section].filter(Boolean).join(" · ");
}

/** A clock time for "next try at 14:05". */
export function clockTime(ms, locale = undefined) {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(ms));
}
