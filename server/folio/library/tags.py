"""Tag rules: when two tag names are the same tag, and which suggested tags a save may add.

Pure functions over names; `folio.library.user_tags` applies them to the database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from folio.article import TAG_SOURCE_AUTO, TAG_SOURCE_PAGE, TAG_SOURCE_USER, Tag
from folio.sanitize import sanitize_text

MAX_TAG_LENGTH = 64
MAX_TAG_KEY_LENGTH = 255  # the tags.key column
# Pages often declare a dozen keywords and the auto-tagger guesses; a library drowns in tags
# unless a save may only add a few names the user has never used.
MAX_NEW_PAGE_TAGS = 3
MAX_NEW_AUTO_TAGS = 2
# Words the plural rule below would fold onto another word ("news" is not many "new").
NOT_PLURALS = frozenset({"news", "series", "species", "always", "perhaps", "lens", "physics", "ethics"})
SHORTEST_PLURAL = 4  # "gas", "bus", "ios", "aws" are not plurals

_WORD = re.compile(r"[^\W_]+")


def clean_tag_name(raw: str) -> str:
    """The name as shown: single spaces, no leading '#'; "" when it holds no letter or digit."""
    printable = "".join(ch for ch in sanitize_text(raw) if unicodedata.category(ch) not in ("Cc", "Cs") or ch.isspace())
    name = " ".join(printable.split()).lstrip("#").strip()
    return name if _WORD.search(name) else ""


def tag_key(name: str) -> str:
    """What two names of one tag share: "Web-APIs", "web apis" and "Web API" all give "webapi".

    Accents, case, punctuation and spaces are dropped, and the last word loses a plural ending.
    """
    words = fold_words(name)
    if not words:
        return ""
    words[-1] = _stem(words[-1])
    # Folding can lengthen a name (NFKD turns U+FDFA into 18 letters): keep within the key column.
    return "".join(words)[:MAX_TAG_KEY_LENGTH]


def fold_words(text: str) -> list[str]:
    """The letter-and-digit runs of `text`, without accents or case: "Żółć-Café" -> ["zołc", "cafe"]."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return _WORD.findall(folded)


def _stem(word: str) -> str:
    """Simple English plural folding, as two small steps applied to both forms of a word.

    "stories"/"story" -> "stori", "movies"/"movie" -> "movi", "boxes"/"box" -> "box",
    "classes"/"class" -> "class". Only equality of the results matters, not that they are words.
    """
    if word in NOT_PLURALS or not word.isascii():
        return word
    if len(word) >= SHORTEST_PLURAL:
        if word.endswith(("sses", "ies")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us")) and not _is_latin_singular(word):
            word = word[:-1]
    if len(word) >= 3 and word.endswith("y"):
        return word[:-1] + "i"
    if len(word) >= 3 and word.endswith("e"):
        return word[:-1]
    return word


def _is_latin_singular(word: str) -> bool:
    # "analysis", "thesis", "crisis" are singular; four-letter "APIs" and "KPIs" are plurals.
    return word.endswith("is") and len(word) > SHORTEST_PLURAL


def resolve_user_tags(names: Iterable[str], known: Mapping[str, str]) -> list[Tag]:
    """Tags a user typed, each written the way the user's library already spells it."""
    chosen: dict[str, Tag] = {}
    for raw in names:
        name = clean_tag_name(raw)
        key = tag_key(name)
        if key and key not in chosen:
            chosen[key] = Tag(name=known.get(key, name), source=TAG_SOURCE_USER)
    return list(chosen.values())


def choose_suggested_tags(suggested: Sequence[Tag], known: Mapping[str, str], *, allow_new: bool) -> list[Tag]:
    """The page and auto tags a save adds.

    A suggestion that matches one of the user's tags is taken under the user's spelling. New
    names are added sparingly: a few page tags, and auto tags only while none of the
    suggestions matched (the user's own vocabulary already covers the article).
    """
    matched: dict[str, Tag] = {}
    new: dict[str, Tag] = {}
    for tag in suggested:
        name = clean_tag_name(tag.name)
        key = tag_key(name)
        if not key or len(name) > MAX_TAG_LENGTH or key in matched or key in new:
            continue
        if key in known:
            matched[key] = Tag(name=known[key], source=tag.source)
        else:
            new[key] = Tag(name=name, source=tag.source)
    if not allow_new:
        return list(matched.values())
    page = [tag for tag in new.values() if tag.source == TAG_SOURCE_PAGE][:MAX_NEW_PAGE_TAGS]
    auto_allowed = 0 if matched else MAX_NEW_AUTO_TAGS
    auto = [tag for tag in new.values() if tag.source == TAG_SOURCE_AUTO][:auto_allowed]
    return list(matched.values()) + page + auto


def merge_tags(current: Iterable[Tag], additions: Iterable[Tag]) -> list[Tag]:
    """`current` plus the additions it does not hold yet; a user's tag outranks a suggestion."""
    merged: dict[str, Tag] = {}
    for tag in [*current, *additions]:
        key = tag_key(tag.name)
        held = merged.get(key)
        if held is None:
            merged[key] = tag
        elif tag.source == TAG_SOURCE_USER and held.source != TAG_SOURCE_USER:
            merged[key] = Tag(name=held.name, source=TAG_SOURCE_USER)
    return list(merged.values())
