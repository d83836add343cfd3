"""The article's language and text direction when the page does not declare them."""

from __future__ import annotations

import mmap
import re
from array import array
from functools import lru_cache

import numpy as np

from folio.extract.metadata import direction_of_language

# Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).
RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
LETTERS = re.compile(r"[^\W\d_]")
DETECTION_SAMPLE = 3000  # characters; enough for a confident guess, cheap to classify
MIN_DETECTION_TEXT = 40


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier, its two big tables (72 MB) in memory shared with the processes
    forked after it.

    `folio serve` loads the model once and forks the workers, which fork the extraction
    processes. A shared mapping, unlike the private memory the model is read into, is not copied
    into a forked process's page tables: a worker, which never detects a language, does not
    count the tables in its memory at all (its RSS was 74 MB more), and an extraction process
    counts only the pages it reads.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier  # the model loads only when needed
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    return LanguageIdentifier(_shared_array(ptc), pc, classes, _shared_table(nextmove), output,
                              norm_probs=True, tk_row=row)


def _shared_array(values: np.ndarray) -> np.ndarray:
    memory = mmap.mmap(-1, values.nbytes)  # anonymous and shared
    shared = np.frombuffer(memory, dtype=values.dtype, count=values.size).reshape(values.shape)
    shared[...] = values
    return shared


def _shared_table(values: array) -> memoryview:
    """The stdlib array as a memoryview over shared memory: indexed as fast, item by item."""
    memory = mmap.mmap(-1, len(values) * values.itemsize)
    memory.write(values)
    return memoryview(memory).cast(values.typecode)


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
