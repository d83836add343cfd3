"""language: the article's language and text direction when the page does not declare them."""

from __future__ import annotations

import pytest

from folio.extract.language import detect_language, text_direction

SAMPLES = {
    "ru": "Городской совет во вторник проголосовал за продление трамвайной линии в северные районы после "
          "многих лет споров.",
    "el": "Το δημοτικό συμβούλιο ψήφισε την Τρίτη την επέκταση της γραμμής του τραμ στα βόρεια προάστια μετά "
          "από χρόνια συζητήσεων.",
    "zh": "市议会周二投票决定将有轨电车线路延伸至北部郊区，此前经过了多年的辩论。施工将于明年春天开始。",
    "ja": "市議会は火曜日、長年の議論を経て、路面電車の路線を北部郊外まで延長することを決定した。",
    "en": "The city council voted on Tuesday to extend the tram line to the northern suburbs after years of debate.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die Straßenbahnlinie nach jahrelanger Debatte in die "
          "nördlichen Vororte zu verlängern.",
    "fr": "Le conseil municipal a voté mardi la prolongation de la ligne de tramway vers la banlieue nord après "
          "des années de débat.",
    "ar": "صوت مجلس المدينة يوم الثلاثاء على تمديد خط الترام إلى الضواحي الشمالية بعد سنوات من النقاش.",
    "he": "מועצת העיר הצביעה ביום שלישי על הארכת קו הרכבת הקלה לפרברים הצפוניים לאחר שנים של ויכוחים.",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_detect_language(language):
    assert detect_language(SAMPLES[language]) == language


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Short text.", "12345 67890 12345 67890 12345 67890 12345 67890", " " * 100],
    ids=["empty", "blank", "too-short", "digits-only", "spaces"],
)
def test_too_little_text_gives_no_language(text):
    assert detect_language(text) is None


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # The declared or detected language decides when there is one.
        ("ar", "English words only", "rtl"),
        ("he-IL", "", "rtl"),
        ("fa", "", "rtl"),
        ("en", SAMPLES["ar"], "ltr"),
        ("ru", SAMPLES["ru"], "ltr"),
        # Otherwise the letters do: most of them right-to-left means rtl.
        (None, SAMPLES["ar"], "rtl"),
        (None, SAMPLES["he"], "rtl"),
        (None, "Breaking: " + SAMPLES["ar"], "rtl"),
        (None, SAMPLES["en"] + " " + "شكرا", "ltr"),
        (None, SAMPLES["zh"], "ltr"),
        (None, "", "ltr"),
        (None, "123 456 — !!!", "ltr"),
    ],
    ids=["arabic-lang", "hebrew-lang", "persian-lang", "english-lang-wins", "russian-lang", "arabic-text",
         "hebrew-text", "mostly-arabic", "english-with-an-arabic-word", "chinese-text", "empty", "no-letters"],
)
def test_text_direction(lang, text, expected):
    assert text_direction(lang, text) == expected


def test_the_model_in_shared_memory_answers_as_py3langid_does():
    """Its two big tables are moved to memory that forked processes share without counting it."""
    import mmap

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from folio.extract.language import _identifier

    shared, stock = _identifier(), LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert isinstance(shared.nb_ptc.base.base.obj, mmap.mmap)  # a view of a flat array over a memoryview
    assert isinstance(shared.tk_nextmove.obj, mmap.mmap)
    for text in [*SAMPLES.values(), "x", "", "12345 67890", "Mixed English и русский 中文"]:
        assert shared.classify(text) == stock.classify(text), text
