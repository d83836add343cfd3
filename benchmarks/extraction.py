"""Extraction benchmark: Folio against plain trafilatura and readability-lxml, in one run.

    python benchmarks/extraction.py [CORPUS] [--pages N] [--details]

CORPUS defaults to ../shared/corpora/mozilla-readability (folders holding source.html,
expected.html and expected-metadata.json). Prints, per extractor, body precision/recall/F1
and mean/p95 ms per page, then Folio's metadata agreement per field.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

import trafilatura
from readability import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import html_text, match, normalise, summarise  # noqa: E402

from folio.errors import FolioError  # noqa: E402
from folio.extract import extract_article  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "mozilla-readability"
PAGE_URL = "http://fakehost/test/page.html"  # the URL the Mozilla pages were captured under


def folio_text(html: str) -> tuple[str, object]:
    try:
        article = extract_article(html, PAGE_URL)
    except FolioError:
        return "", None
    return article.text, article


def trafilatura_text(html: str) -> tuple[str, None]:
    return trafilatura.extract(html, url=PAGE_URL) or "", None


def readability_text(html: str) -> tuple[str, None]:
    return html_text(Document(html).summary(html_partial=True)), None


EXTRACTORS = {"folio": folio_text, "trafilatura": trafilatura_text, "readability-lxml": readability_text}

METADATA_FIELDS = {  # Mozilla's name -> Folio's
    "title": "title",
    "lang": "lang",
    "dir": "dir",
    "siteName": "site_name",
    "byline": "byline",
    "excerpt": "excerpt",
    "publishedTime": "published",
}


# Folio reports author names: "By Jane Doe" in Mozilla's byline is the same answer as "Jane Doe".
BYLINE_LABEL = re.compile(r"^\s*(by|par|por|von)\s+", re.IGNORECASE)


def metadata_agrees(field: str, expected, article) -> bool:
    got = getattr(article, METADATA_FIELDS[field]) if article else None
    if field == "byline":
        expected = BYLINE_LABEL.sub("", str(expected))
    if field == "publishedTime":
        return bool(got) and str(got)[:10] == str(expected)[:10]
    if field == "lang":
        return bool(got) and got.lower().split("-")[0] == str(expected).lower().split("-")[0]
    return normalise(got) == normalise(expected)


SITE_SUFFIX = re.compile(r"\s+[|\-–—·»:]+\s+([^|\-–—·»:]+)$")


def without_site_suffix(title: str, site_name: str | None, article) -> str:
    """'How to Build a Terrarium | eHow' -> 'How to Build a Terrarium' when 'eHow' is the site."""
    names = {n.casefold() for n in (site_name, article.site_name if article else None) if n}
    match = SITE_SUFFIX.search(title)
    if match and match.group(1).strip().casefold() in names:
        return title[:match.start()]
    return title


def load_pages(corpus: Path, limit: int | None) -> list[tuple[str, str, str, dict]]:
    pages = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "source.html").is_file()):
        pages.append((
            folder.name,
            (folder / "source.html").read_text(encoding="utf-8"),
            html_text((folder / "expected.html").read_text(encoding="utf-8")),
            json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8")),
        ))
    return pages[:limit] if limit else pages


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, help="only the first N pages")
    parser.add_argument("--details", action="store_true", help="per-page F1 for Folio, worst first")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (skipped)")
        return 0
    pages = load_pages(args.corpus, args.pages)
    for _, source, _, _ in pages[:3]:  # warm imports and caches so the first page is not an outlier
        for extract in EXTRACTORS.values():
            extract(source)

    results: dict[str, dict] = {name: {"matches": [], "ms": [], "articles": []} for name in EXTRACTORS}
    for _, source, reference, _ in pages:
        for name, extract in EXTRACTORS.items():
            started = time.perf_counter()
            text, article = extract(source)
            results[name]["ms"].append((time.perf_counter() - started) * 1000)
            results[name]["matches"].append(match(reference, text))
            results[name]["articles"].append(article)

    print(f"{len(pages)} pages from {args.corpus.resolve()}")
    print(f"{'extractor':<18}{'precision':>10}{'recall':>10}{'F1':>8}{'mean ms':>10}{'median ms':>11}{'p95 ms':>9}")
    for name, result in results.items():
        precision, recall, f1 = summarise(result["matches"])
        ms = result["ms"]
        print(f"{name:<18}{precision:>10.4f}{recall:>10.4f}{f1:>8.4f}{statistics.mean(ms):>10.1f}"
              f"{statistics.median(ms):>11.1f}{percentile(ms, 0.95):>9.1f}")
    ratio = statistics.mean(results["folio"]["ms"]) / statistics.mean(results["trafilatura"]["ms"])
    print(f"folio / trafilatura mean time: {ratio:.2f}x")

    print("\nFolio metadata agreement (pages whose expectation is not null):")
    for field in METADATA_FIELDS:
        judged = [(meta[field], article) for (_, _, _, meta), article
                  in zip(pages, results["folio"]["articles"]) if meta.get(field) is not None]
        agreed = sum(metadata_agrees(field, expected, article) for expected, article in judged)
        share = agreed / len(judged) if judged else 1.0
        print(f"  {field:<14}{share:>7.1%}  ({agreed}/{len(judged)})")
    judged = [(meta, article) for (_, _, _, meta), article in zip(pages, results["folio"]["articles"])
              if meta.get("title")]
    agreed = sum(normalise(without_site_suffix(meta["title"], meta.get("siteName"), article)) ==
                 normalise(article.title if article else None) for meta, article in judged)
    print(f"  {'title*':<14}{agreed / len(judged):>7.1%}  ({agreed}/{len(judged)})  "
          "* Mozilla's title less a trailing site name, which Folio's title leaves out by design")
    readerable = [(meta.get("readerable"), article) for (_, _, _, meta), article
                  in zip(pages, results["folio"]["articles"]) if "readerable" in meta]
    agreed = sum(bool(article and article.readerable) == bool(expected) for expected, article in readerable)
    print(f"  {'readerable':<14}{agreed / len(readerable):>7.1%}  ({agreed}/{len(readerable)})")

    if args.details:
        print("\nFolio per page, worst first (precision recall):")
        scored = sorted(zip(pages, results["folio"]["matches"]), key=lambda pair: pair[1].precision + pair[1].recall)
        for (name, *_), m in scored[:40]:
            print(f"  {name:<40}{m.precision:7.3f}{m.recall:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
