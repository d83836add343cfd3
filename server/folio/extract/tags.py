"""Automatic topic tags: YAKE keyphrases from the headline and the article's opening.

YAKE is statistical (no model, no download) and ships stopword lists for many languages.
It runs on the headline plus the first TAG_SAMPLE_WORDS words: news puts its topics up front,
and YAKE's cost grows with the text. Its raw output has generic words ("work", "people") and
near-duplicates, so candidates are filtered: a single word must be a name (capitalised inside
sentences) or recur, and a phrase that repeats a kept one, or a page tag, is dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yake

MAX_AUTO_TAGS = 5
TAG_SAMPLE_WORDS = 100
MAX_PHRASE_WORDS = 3
CANDIDATES = 15
MIN_TAG_LENGTH = 3
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# YAKE's stopword lists are named by ISO 639-1 code; others fall back to a language-neutral list.
YAKE_LANGUAGES = {"ar", "bg", "br", "cz", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "hi", "hr",
                  "hu", "hy", "id", "it", "ja", "lt", "lv", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl",
                  "sv", "tr", "uk", "zh"}
LANGUAGE_ALIASES = {"cs": "cz", "nb": "no", "nn": "no"}
WORD = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]")
WHOLE_WORD = re.compile(r"^[^\W\d_][\w'’.-]*[^\W_]$|^[^\W\d_]$")


@lru_cache(maxsize=64)
def _extractor(language: str) -> yake.KeywordExtractor:
    return yake.KeywordExtractor(lan=language, n=MAX_PHRASE_WORDS, top=CANDIDATES, dedup_lim=0.7,
                                 dedup_func="seqm")


def auto_tags(title: str | None, text: str, lang: str | None, page_tags: list[str],
              byline: str | None = None) -> list[str]:
    body = " ".join(text.split()[:TAG_SAMPLE_WORDS])
    sample = f"{title or ''}.\n{body}"
    if len(UNSPACED_SCRIPT.findall(sample)) > 0.2 * len(sample):
        return []  # YAKE splits words on spaces; Chinese/Japanese/Korean would give fragments
    language = _yake_language(lang)
    extractor = _extractor(language)
    stopwords = extractor.stopword_set
    taken = {t.casefold() for t in page_tags}
    author_words = set((byline or "").casefold().replace(",", " ").split())
    chosen: list[str] = []
    for phrase, _score in extractor.extract_keywords(sample):
        tag = _display_form(phrase, body)
        if not _acceptable(tag, body, stopwords) or _repeats(tag, chosen, taken) or \
                author_words & set(tag.casefold().split()):  # the writer's name is not a topic
            continue
        chosen.append(tag)
        if len(chosen) == MAX_AUTO_TAGS:
            break
    return chosen


def _yake_language(lang: str | None) -> str:
    code = (lang or "en").split("-")[0].lower()
    code = LANGUAGE_ALIASES.get(code, code)
    return code if code in YAKE_LANGUAGES else "en"


def _display_form(phrase: str, body: str) -> str:
    """Lower case unless the phrase is a name: headlines are often in Title Case, so only the
    body says whether a word is a name (the body never writes it in lower case)."""
    phrase = " ".join(phrase.split())
    lowered = phrase.lower()
    return lowered if _occurrences(lowered, body, ignore_case=False) or not _occurrences(phrase, body) else phrase


def _occurrences(phrase: str, text: str, ignore_case: bool = True) -> int:
    """How often the phrase stands in the text as whole words (punctuation ignored)."""
    words = " ".join(_words(phrase))
    if not words:
        return 0
    haystack = _word_line(text.lower() if ignore_case else text)
    return haystack.count(f" {words.lower() if ignore_case else words} ")


@lru_cache(maxsize=8)
def _word_line(text: str) -> str:
    return f" {' '.join(_words(text))} "


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _acceptable(tag: str, body: str, stopwords: set[str]) -> bool:
    words = tag.split()
    if len(tag) < MIN_TAG_LENGTH or any(w.lower() in stopwords for w in (words[0], words[-1])):
        return False
    if not all(WHOLE_WORD.match(word) for word in words):
        return False  # fragments such as "n’t buckle" or "2019-" are not topics
    shouting = [w for w in words if len(w) >= 3 and w.isupper()]
    if shouting and (len(shouting) < len(words) or len(words) > 1):
        return False  # "File Photo LONDON", "FILE PHOTO": a dateline or credit, not a topic
    if len(words) == 1:
        # a single common word is a topic only when the text keeps returning to it; a name twice
        return _occurrences(tag, body) >= (3 if tag.islower() else 2)
    if all(word[0].isupper() for word in words):
        return _occurrences(tag, body, ignore_case=False) >= 1  # a name the article itself uses
    return _occurrences(tag, body) >= 2  # an ordinary phrase must recur in the text, not just the headline


def _repeats(tag: str, chosen: list[str], taken: set[str]) -> bool:
    """Sharing a word with a page tag or a tag already chosen: "Facebook data" beside the page's
    "Facebook", "Analytica scandal" after "Cambridge Analytica"."""
    words = set(tag.casefold().split())
    return any(words & set(other.casefold().split()) for other in [*chosen, *taken]) or \
        any(word.rstrip("s") in {t.rstrip("s") for t in taken} for word in words)
