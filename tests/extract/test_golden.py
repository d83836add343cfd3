"""Golden-file tests: each hand-written page in pages/ against the truth in its .expected.json.

Keys of an expected file (all optional except "url"; keys starting with "_" are notes for people):

  url                    the URL the page is extracted as; Article.url must equal it
  canonical_url, title, byline, site_name, section, source, lead_image, dir, readerable
                         equal after NFC/whitespace normalisation; null means "must be null"
  lang                   compared on the primary subtag ("en-GB" matches "en")
  published, modified    "YYYY-MM-DD": the page gives no time, so exactly that string; with a time:
                         the same calendar day and time, in the page's offset when the engine gives one
  excerpt                the engine's excerpt starts with the first 60 characters of this
  word_count_about       word_count within 20% (body paragraphs, headings and list items, counted by hand)
  word_count_min         word_count at least this (CJK, where spaces do not separate words)
  page_tags              names of the tags with source "page": exactly these, in this order
  paragraphs             body paragraphs in order; each is a line of `text` and the text of a <p> in content_html
  must_not_contain       boilerplate absent from `text` and from the text of content_html
  html_must_not_contain  absent from the raw content_html (lazy-load placeholders, ad slots)
  content_must_contain   present in the raw content_html, case-insensitively ("<pre", "<figcaption")
  headings               texts of h2-h4 elements in content_html
  list_items             texts of li elements
  blockquotes            texts of blockquote elements
  captions               texts contained in a figcaption
  code_blocks            exact text, whitespace kept, inside a pre element
  table_rows             rows of cell texts, each matching a tr
  images                 absolute URLs, each the src of an img
  images_any             lists of absolute URLs: for each list, some img has one of them as src
  links                  absolute URLs, each the href of an a

Checked on every page without a key: content_html holds no script/style/form/noscript, no
iframe but video embeds, no on* attributes or javascript: URLs, and only absolute link and
image URLs; the Article serialises to JSON with exactly its fields. Auto tags (source "auto"),
on every article page: at most 5, distinct, none a page tag or a stop-word, at least 3
characters (2 for CJK), no stop-word or punctuation at either end, not a piece of a longer
word, and made only of words the article itself uses (title, standfirst, body, captions), so
never the byline or page chrome.

Every failure message names the page and the field or paragraph that failed.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import fields
from datetime import datetime
from urllib.parse import urlsplit

import lxml.html
import pytest

from folio.article import TAG_SOURCE_AUTO, TAG_SOURCE_PAGE, Article

from .goldens import golden_names, load_golden, normalize

EXCERPT_PREFIX_CHARS = 60
WORD_COUNT_TOLERANCE = 0.20
# Reading speeds that bound reading_minutes for a given word_count (slow reader .. fast reader).
SLOWEST_WPM, FASTEST_WPM = 150, 350

# Function words that are never a topic. Auto tags are also checked against length and page
# tags; this list only needs the words a keyword extractor is likely to surface from the pages.
STOP_WORDS = frozenset(
    """
    a an the and or but nor if then than so as of in on at to for from by with without about into
    onto over under after before between through during against among per via up down out off
    is are was were be been being am has have had do does did done will would shall should can
    could may might must it its this that these those there here their they them he she his her
    him we our us you your i me my who whom whose which what when where why how all any each every
    both few more most other some such no not only own same too very also just even still yet
    said says say one two new
    في من على إلى الى عن مع أن إن التي الذي الذين هذا هذه ذلك تلك كان كانت قد ثم أو لا ما لم لن
    كل بين عند حيث إذ منذ خلال بعد قبل أكثر نحو هو هي وقال وأضاف
    и в во не что он на я с со как а то все она так его но да к у же вы за бы по только ее её
    было от из о до для мы их чем была сам без под будет кто этот того этого при после над через
    эти про это также который которые которая которое
    και του της των το τα την τη τον η ο οι στο στη στην στα στον στις στους σε για από με που ως
    ότι είναι ενώ αλλά θα να δεν μια ένα έναν μετά καθώς έως τις τους
    的 了 和 是 在 我 有 也 就 不 人 都 一 这 上 中 大 为 到 说 要 以 他 她 与 及 等 将 对 从 被
    把 其 而 或 还 我们 他们 这个 一个 没有 已经 可以 表示 目前 据了解 记者
    """.split()
)

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Elements that must not survive sanitising (interactive, executable or unresolved fallbacks).
FORBIDDEN_ELEMENTS = ("script", "style", "noscript", "object", "embed", "form", "input",
                      "button", "textarea", "select", "link", "meta")
# An iframe may stay only as a video embed from these hosts.
VIDEO_EMBED_HOSTS = ("youtube.com", "youtube-nocookie.com", "player.vimeo.com")
ABSOLUTE_HREF = re.compile(r"^(https?://|mailto:|tel:)", re.I)
ABSOLUTE_SRC = re.compile(r"^https?://", re.I)

STRUCTURE_KEYS = ("content_must_contain", "headings", "list_items", "blockquotes", "captions",
                  "code_blocks", "table_rows", "images", "images_any", "links")
KNOWN_KEYS = frozenset(
    ["url", "canonical_url", "title", "byline", "site_name", "section", "source", "published",
     "modified", "lang", "dir", "excerpt", "lead_image", "readerable", "word_count_about",
     "word_count_min", "page_tags", "paragraphs", "must_not_contain", "html_must_not_contain",
     *STRUCTURE_KEYS]
)


def short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- comparing metadata fields -------------------------------------------------------------

def same_text(expected, actual) -> str | None:
    if expected is None:
        return None if actual is None else f"expected null, got {actual!r}"
    if actual is None or normalize(actual) != normalize(expected):
        return f"expected {expected!r}, got {actual!r}"
    return None


def same_value(expected, actual) -> str | None:
    return None if actual == expected else f"expected {expected!r}, got {actual!r}"


def same_flag(expected, actual) -> str | None:
    return None if actual is expected else f"expected {expected!r}, got {actual!r}"


def same_primary_language(expected, actual) -> str | None:
    if not actual:
        return f"expected {expected!r}, got {actual!r}"
    primary = re.split(r"[-_]", actual.strip())[0].lower()
    return None if primary == expected.lower() else f"expected {expected!r} (primary subtag), got {actual!r}"


DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def same_moment(expected, actual) -> str | None:
    """Date-only truth: exactly that date. Truth with a time: same day and time, seen in its offset."""
    if expected is None:
        return None if actual is None else f"expected null, got {actual!r}"
    if not actual:
        return f"expected {expected!r}, got {actual!r}"
    if DATE_ONLY.match(expected):
        if actual != expected:
            return f"the page gives only a date, so expected exactly {expected!r}, got {actual!r}"
        return None
    if DATE_ONLY.match(actual):
        return f"the page gives a time ({expected!r}), but got only the date {actual!r}"
    try:
        got = datetime.fromisoformat(actual)
    except ValueError:
        return f"expected ISO 8601 like {expected!r}, got {actual!r}"
    want = datetime.fromisoformat(expected)
    if want.tzinfo is not None and got.tzinfo is not None:
        got = got.astimezone(want.tzinfo)
    fields_wanted = (want.date(), want.hour, want.minute, want.second)
    fields_got = (got.date(), got.hour, got.minute, got.second)
    if fields_got != fields_wanted:
        return f"expected {expected!r}, got {actual!r} (read as {got.isoformat()})"
    return None


def starts_like(expected, actual) -> str | None:
    want = normalize(expected)[:EXCERPT_PREFIX_CHARS]
    got = normalize(actual)
    if not got.startswith(want):
        return f"expected it to start with {want!r}, got {short(got, 120)!r}"
    return None


FIELD_CHECKS = {
    "url": same_value,
    "canonical_url": same_value,
    "title": same_text,
    "byline": same_text,
    "site_name": same_text,
    "section": same_text,
    "source": same_text,
    "published": same_moment,
    "modified": same_moment,
    "lang": same_primary_language,
    "dir": same_value,
    "excerpt": starts_like,
    "lead_image": same_value,
    "readerable": same_flag,
}


# --- reading content_html ------------------------------------------------------------------

def content_tree(article: Article):
    """content_html parsed under one <div>; None when it is empty."""
    if not (article.content_html or "").strip():
        return None
    return lxml.html.fragment_fromstring(article.content_html, create_parent="div")


def element_texts(tree, xpath: str) -> list[str]:
    if tree is None:
        return []
    return [normalize(el.text_content()) for el in tree.xpath(xpath)]


def content_text_variants(article: Article) -> list[str]:
    """The visible text of content_html, joined two ways (inline-tight and with spaces)."""
    tree = content_tree(article)
    if tree is None:
        return []
    return [normalize(tree.text_content()), normalize(" ".join(tree.itertext()))]


def text_lines(article: Article) -> list[str]:
    return [line for line in (normalize(raw) for raw in (article.text or "").splitlines()) if line]


def missing_in_order(expected: list[str], found: list[str], where: str) -> list[str]:
    """Problems with finding each expected paragraph as one item of `found`, in order."""
    problems = []
    position = 0
    for number, paragraph in enumerate((normalize(p) for p in expected), start=1):
        if paragraph in found[position:]:
            position = found.index(paragraph, position) + 1
            continue
        label = f"paragraph {number} ({short(paragraph)!r})"
        if paragraph in found[:position]:
            problems.append(f"{label} is out of order in {where}")
        elif any(paragraph in item for item in found):
            problems.append(f"{label} is merged with other text in {where}")
        elif any(item in paragraph for item in found if len(item) >= 20):
            problems.append(f"{label} is split or cut short in {where}")
        else:
            problems.append(f"{label} is missing from {where}")
    return problems


# --- the tests -----------------------------------------------------------------------------

def test_expected_files_are_well_formed():
    """The truth files themselves: known keys, and every string they name is really on the page."""
    problems = []
    for name in golden_names():
        page = load_golden(name)
        expected = page.expected
        unknown = sorted(k for k in expected if k not in KNOWN_KEYS and not k.startswith("_"))
        if unknown:
            problems.append(f"{name}: unknown keys {unknown}")
        if "url" not in expected:
            problems.append(f"{name}: no url")
        if not page.html_path.exists():
            problems.append(f"{name}: {page.html_path.name} is missing")
            continue
        raw = page.html_text()
        body_text = normalize(lxml.html.document_fromstring(raw).text_content())
        kept = [
            normalize(text)
            for key in ("paragraphs", "headings", "list_items", "blockquotes", "captions")
            for text in expected.get(key, [])
        ]
        for text in kept:
            if text not in body_text:
                problems.append(f"{name}: expected text not on the page: {short(text)!r}")
        for text in expected.get("must_not_contain", []):
            if normalize(text) not in body_text:
                problems.append(f"{name}: must_not_contain {text!r} is not on the page (a vacuous check)")
            for kept_text in kept:
                if normalize(text) in kept_text:
                    problems.append(f"{name}: must_not_contain {text!r} occurs in kept text {short(kept_text)!r}")
        for text in expected.get("html_must_not_contain", []):
            if text not in raw:
                problems.append(f"{name}: html_must_not_contain {text!r} is not in the page source")
        for key in ("images", "links"):
            for url in expected.get(key, []):
                if not ABSOLUTE_SRC.match(url):
                    problems.append(f"{name}: {key} entry {url!r} is not absolute")
    assert not problems, "\n".join(problems)


def test_metadata_field(golden_name, golden_field, page, article):
    problem = FIELD_CHECKS[golden_field](page.expected[golden_field], getattr(article, golden_field))
    assert problem is None, f"{golden_name}: {golden_field}: {problem}"


@pytest.mark.golden_keys("paragraphs")
def test_paragraphs_in_text(golden_name, page, article):
    problems = missing_in_order(page.expected["paragraphs"], text_lines(article), "text")
    assert not problems, f"{golden_name}:\n" + "\n".join(problems)


@pytest.mark.golden_keys("paragraphs")
def test_paragraphs_in_content_html(golden_name, page, article):
    found = element_texts(content_tree(article), "//p")
    problems = missing_in_order(page.expected["paragraphs"], found, "the <p> elements of content_html")
    assert not problems, f"{golden_name}:\n" + "\n".join(problems)


@pytest.mark.golden_keys("must_not_contain", "html_must_not_contain")
def test_boilerplate_removed(golden_name, page, article):
    problems = []
    haystacks = {"text": [normalize(article.text)], "content_html": content_text_variants(article)}
    for boilerplate in page.expected.get("must_not_contain", []):
        needle = normalize(boilerplate)
        for where, texts in haystacks.items():
            if any(needle in text for text in texts):
                problems.append(f"{boilerplate!r} survived in {where}")
    for fragment in page.expected.get("html_must_not_contain", []):
        if fragment in (article.content_html or ""):
            problems.append(f"{fragment!r} survived in the raw content_html")
    assert not problems, f"{golden_name}: boilerplate kept:\n" + "\n".join(problems)


@pytest.mark.golden_keys(*STRUCTURE_KEYS)
def test_content_structure(golden_name, page, article):
    expected = page.expected
    html = article.content_html or ""
    tree = content_tree(article)
    problems = []

    for snippet in expected.get("content_must_contain", []):
        if snippet.lower() not in html.lower():
            problems.append(f"content_html has no {snippet!r}")

    for key, xpath, what in (
        ("headings", "//h2 | //h3 | //h4", "an h2-h4 heading"),
        ("list_items", "//li", "a list item"),
        ("blockquotes", "//blockquote", "a blockquote"),
    ):
        present = element_texts(tree, xpath)
        for text in expected.get(key, []):
            if normalize(text) not in present:
                problems.append(f"{what} {short(text)!r} is missing (found {[short(p, 40) for p in present]})")

    captions = element_texts(tree, "//figcaption")
    for caption in expected.get("captions", []):
        if not any(normalize(caption) in found for found in captions):
            problems.append(f"figcaption {short(caption)!r} is missing (found {captions})")

    pre_texts = [] if tree is None else [el.text_content().replace("\r\n", "\n") for el in tree.xpath("//pre")]
    for code in expected.get("code_blocks", []):
        if not any(code in found for found in pre_texts):
            problems.append(f"code block not kept verbatim in a <pre>: {short(code)!r} (found {pre_texts})")

    rows = [] if tree is None else [
        [normalize(cell.text_content()) for cell in row.xpath("./th | ./td")] for row in tree.xpath("//tr")
    ]
    for row in expected.get("table_rows", []):
        if [normalize(cell) for cell in row] not in rows:
            problems.append(f"table row {row} is missing (found {rows})")

    sources = [] if tree is None else [img.get("src") for img in tree.xpath("//img")]
    for url in expected.get("images", []):
        if url not in sources:
            problems.append(f"no <img src={url!r}> (img srcs: {sources})")
    for choices in expected.get("images_any", []):
        if not any(url in sources for url in choices):
            problems.append(f"no <img> whose src is one of {choices} (img srcs: {sources})")

    hrefs = [] if tree is None else [a.get("href") for a in tree.xpath("//a")]
    for url in expected.get("links", []):
        if url not in hrefs:
            problems.append(f"no <a href={url!r}> (hrefs: {hrefs})")

    assert not problems, f"{golden_name}: content_html structure:\n" + "\n".join(problems)


@pytest.mark.golden_keys("page_tags")
def test_page_tags(golden_name, page, article):
    got = [tag.name for tag in article.tags if tag.source == TAG_SOURCE_PAGE]
    assert got == page.expected["page_tags"], (
        f"{golden_name}: page tags (source 'page') should be {page.expected['page_tags']} "
        f"in the page's spelling and order, got {got}"
    )


def auto_tag_problems(tag: str, page_tags: list[str], haystack: str) -> list[str]:
    problems = []
    folded = tag.casefold()
    is_cjk = bool(CJK.search(tag))
    words = folded.split()
    if tag != tag.strip() or not tag:
        problems.append("has surrounding whitespace or is empty")
        return problems
    if len(tag) < (2 if is_cjk else 3):
        problems.append("is too short")
    if folded in STOP_WORDS:
        problems.append("is a stop-word")
    elif len(words) > 1 and (words[0] in STOP_WORDS or words[-1] in STOP_WORDS):
        problems.append("starts or ends with a stop-word (a fragment of a phrase)")
    if not tag[0].isalnum() or not (tag[-1].isalnum() or tag[-1] in "+#"):
        problems.append("starts or ends with punctuation")
    if folded in {p.casefold() for p in page_tags}:
        problems.append("repeats a page tag")
    if not is_cjk:
        whole = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
        if not whole.search(haystack) and folded in haystack:
            problems.append("occurs in the text only inside longer words (a fragment)")
    return problems


def article_own_text(expected: dict) -> str:
    """The true article content of a page (title, standfirst, body, captions), casefolded."""
    parts = [expected.get("title") or "", expected.get("excerpt") or ""]
    for key in ("paragraphs", "headings", "list_items", "blockquotes", "captions"):
        parts.extend(expected.get(key, []))
    parts.extend(cell for row in expected.get("table_rows", []) for cell in row)
    return normalize("\n".join(parts)).casefold()


def words_outside(tag: str, own_text: str) -> list[str]:
    """Words of an auto tag that the article itself never uses (so they came from page chrome)."""
    if CJK.search(tag):
        return [] if tag.casefold() in own_text else [tag]
    own_words = set(re.findall(r"\w+", own_text))
    return [word for word in re.findall(r"\w+", tag.casefold()) if word not in own_words]


@pytest.mark.golden_keys("paragraphs")
def test_auto_tags(golden_name, page, article):
    auto = [tag.name for tag in article.tags if tag.source == TAG_SOURCE_AUTO]
    page_tags = [tag.name for tag in article.tags if tag.source == TAG_SOURCE_PAGE]
    haystack = normalize(f"{article.title or ''}\n{article.text}").casefold()
    own_text = article_own_text(page.expected)
    problems = []
    if len(auto) > 5:
        problems.append(f"{len(auto)} auto tags, at most 5 allowed: {auto}")
    if len({t.casefold() for t in auto}) != len(auto):
        problems.append(f"auto tags repeat each other: {auto}")
    for tag in auto:
        for problem in auto_tag_problems(tag, page_tags, haystack):
            problems.append(f"auto tag {tag!r} {problem}")
        outside = words_outside(tag, own_text)
        if outside:
            problems.append(f"auto tag {tag!r} uses {outside}, not words of the article itself (byline, chrome?)")
    assert not problems, f"{golden_name}: auto tags {auto}:\n" + "\n".join(problems)


def test_content_html_is_sanitised(golden_name, article):
    tree = content_tree(article)
    problems = []
    if tree is not None:
        for name in FORBIDDEN_ELEMENTS:
            if tree.xpath(f"//{name}"):
                problems.append(f"<{name}> element kept")
        for frame in tree.xpath("//iframe"):
            host = urlsplit(frame.get("src") or "").hostname or ""
            if not host.endswith(VIDEO_EMBED_HOSTS):
                problems.append(f"<iframe src={frame.get('src')!r}> kept (only video embeds may stay)")
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for attribute, value in el.attrib.items():
                if attribute.lower().startswith("on"):
                    problems.append(f"<{el.tag} {attribute}=...> event handler kept")
                if "javascript:" in re.sub(r"\s", "", value).lower():
                    problems.append(f"<{el.tag} {attribute}={short(value, 50)!r}> javascript: URL kept")
        for a in tree.xpath("//a[@href]"):
            if not ABSOLUTE_HREF.match(a.get("href")):
                problems.append(f"<a href={a.get('href')!r}> is not absolute")
        for img in tree.xpath("//img"):
            if not ABSOLUTE_SRC.match(img.get("src") or ""):
                problems.append(f"<img src={img.get('src')!r}> is not an absolute http(s) URL")
        for el in tree.xpath("//*[@srcset]"):
            for candidate in el.get("srcset").split(","):
                url = candidate.strip().split(" ")[0]
                if url and not ABSOLUTE_SRC.match(url):
                    problems.append(f"srcset candidate {url!r} is not absolute")
    assert not problems, f"{golden_name}: content_html is not clean:\n" + "\n".join(problems)


@pytest.mark.golden_keys("word_count_about", "word_count_min")
def test_word_count(golden_name, page, article):
    words = article.word_count
    about = page.expected.get("word_count_about")
    if about is not None:
        low, high = math.floor(about * (1 - WORD_COUNT_TOLERANCE)), math.ceil(about * (1 + WORD_COUNT_TOLERANCE))
        assert low <= words <= high, f"{golden_name}: word_count {words}, expected about {about} ({low}..{high})"
    minimum = page.expected.get("word_count_min")
    if minimum is not None:
        assert words >= minimum, f"{golden_name}: word_count {words}, expected at least {minimum}"


@pytest.mark.golden_keys("paragraphs")
def test_reading_minutes_follow_word_count(golden_name, page, article):
    minutes, words = article.reading_minutes, article.word_count
    assert minutes >= 1, f"{golden_name}: reading_minutes {minutes} for an article"
    if "word_count_about" in page.expected:
        low, high = max(1, words // FASTEST_WPM), max(1, math.ceil(words / SLOWEST_WPM))
        assert low <= minutes <= high, (
            f"{golden_name}: reading_minutes {minutes} for {words} words; "
            f"expected {low}..{high} ({SLOWEST_WPM}-{FASTEST_WPM} words a minute)"
        )


def test_article_json_shape(golden_name, article):
    data = json.loads(json.dumps(article.to_dict(), ensure_ascii=False))
    assert set(data) == {f.name for f in fields(Article)}, f"{golden_name}: keys {sorted(data)}"
    for tag in data["tags"]:
        assert set(tag) == {"name", "source"}, f"{golden_name}: tag {tag}"
        assert tag["source"] in (TAG_SOURCE_PAGE, TAG_SOURCE_AUTO), (
            f"{golden_name}: extraction made a tag with source {tag['source']!r}"
        )
