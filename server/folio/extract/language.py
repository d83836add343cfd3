"""The article's language and text direction when the page does not declare them."""

from __future__ import annotations

import re
from functools import lru_cache

from folio.extract.metadata import direction_of_language

# Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).
RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
LETTERS = re.compile(r"[^\W\d_]")
DETECTION_SAMPLE = 3000  # characters; enough for a confident guess, cheap to classify
MIN_DETECTION_TEXT = 40


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loads its model: only when needed

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    sample = text[:DETECTION_SAMPLE]
    if len(sample.strip()) < MIN_DETECTION_TEXT:
        return None
    language, probability = _identifier().classify(sample)
    return language if probability >= 0.5 else None


def text_direction(lang: str | None, text: str) -> str:
    by_language = direction_of_language(lang)
    if by_language:
        return by_language
    sample = text[:DETECTION_SAMPLE]
    letters = len(LETTERS.findall(sample))
    return "rtl" if letters and len(RTL_LETTERS.findall(sample)) > 0.5 * letters else "ltr"
