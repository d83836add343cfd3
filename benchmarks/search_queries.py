"""The mixed search query set of the load benchmark, drawn from the library's own statistics.

Word classes follow the shared notes on search at scale: a common word appears in 5 to 40% of
the articles, a medium one in 0.3 to 2%. A library recombined from the few thousand paragraphs
of the corpus has no truly rare words (every paragraph is in hundreds of articles), so a "rare"
word is one of the least frequent words it has; the benchmark prints the matches per class.
The same seed gives the same queries, so SQLite and PostgreSQL answer the same set.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections import Counter
from pathlib import Path

SAMPLE_ARTICLES = 3000
WORD = re.compile(r"[^\W\d_]{4,15}")
COMMON = (0.05, 0.40)
MEDIUM = (0.003, 0.02)
RARE_WORDS = 200  # the least frequent words of the sample
CLASSES = ("common word", "medium word", "rare word", "two words", "phrase", "prefix", "NOT", "tag:", "site:")


def query_set(library: Path, per_class: int, seed: int) -> list[tuple[str, str]]:
    """[(class, query)], `per_class` of each class, in a shuffled but fixed order."""
    rng = random.Random(seed)
    with sqlite3.connect(f"file:{library}?mode=ro", uri=True) as connection:
        top = connection.execute("SELECT max(id) FROM articles").fetchone()[0]
        ids = rng.sample(range(1, top + 1), min(SAMPLE_ARTICLES, top))
        sampled = connection.execute(
            f"SELECT text, domain FROM articles WHERE id IN ({','.join(map(str, ids))}) ORDER BY id").fetchall()
        tags = [name for (name,) in connection.execute(
            "SELECT tags.name FROM tags JOIN article_tags ON article_tags.tag_id = tags.id "
            "GROUP BY tags.id ORDER BY count(*) DESC, tags.name LIMIT 40")]
    texts = [text for text, _ in sampled]
    frequency = Counter(word for text in texts for word in {w.lower() for w in WORD.findall(text)})

    def words_in(bounds: tuple[float, float]) -> list[str]:
        low, high = (bound * len(texts) for bound in bounds)
        return sorted(word for word, count in frequency.items() if low <= count <= high)

    rare = sorted(frequency, key=lambda word: (frequency[word], word))[:RARE_WORDS]
    common, medium = words_in(COMMON), sorted(set(words_in(MEDIUM)) - set(rare))
    pick = rng.choice
    makers = {
        "common word": lambda: pick(common),
        "medium word": lambda: pick(medium),
        "rare word": lambda: pick(rare),
        "two words": lambda: _two_words(rng, texts, medium),
        "phrase": lambda: _phrase(rng, texts),
        "prefix": lambda: pick([word for word in medium if word.isascii()])[:4] + "*",
        "NOT": lambda: f"{pick(common)} -{pick(medium)}",
        "tag:": lambda: f"tag:\"{pick(tags)}\"" + (f" {pick(common)}" if rng.random() < 0.5 else ""),
        "site:": lambda: _site(rng, sampled),
    }
    queries = [(name, makers[name]()) for name in CLASSES for _ in range(per_class)]
    rng.shuffle(queries)
    return queries


def _two_words(rng: random.Random, texts: list[str], medium: list[str]) -> str:
    """Two words of one article, at least one of them a medium word: a search that finds it."""
    medium_words = set(medium)
    while True:
        words = {word.lower() for word in WORD.findall(rng.choice(texts))}
        found = sorted(words & medium_words)
        if found:
            first = rng.choice(found)
            second = rng.choice(sorted(words - {first}))
            return f"{first} {second}"


def _site(rng: random.Random, sampled: list[tuple[str, str]]) -> str:
    """The site of an article, alone or with one of its words (a site is as frequent as its articles)."""
    text, domain = rng.choice(sampled)
    if rng.random() < 0.5:
        return f"site:{domain}"
    return f"site:{domain} {rng.choice(WORD.findall(text)).lower()}"


def _phrase(rng: random.Random, texts: list[str]) -> str:
    """Two or three consecutive words of an article, quoted."""
    while True:
        words = rng.choice(texts).split()
        if len(words) < 10:
            continue
        start = rng.randrange(len(words) - 3)
        phrase = " ".join(word.strip(".,;:!?\"'()“”‘’") for word in words[start:start + rng.choice((2, 3))])
        if WORD.search(phrase) and '"' not in phrase:
            return f"\"{phrase}\""
