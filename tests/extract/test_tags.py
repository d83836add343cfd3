"""auto_tags: a few topic tags from the headline and the article's opening (YAKE keyphrases, filtered)."""

from __future__ import annotations

import re

import pytest

from folio.extract.tags import MAX_AUTO_TAGS, _extractor, auto_tags

TITLE = "Cambridge Analytica whistleblower testifies before Parliament"
TEXT = """Christopher Wylie, the Cambridge Analytica whistleblower, told Parliament on Tuesday that the firm harvested Facebook data from millions of voters.
Wylie said Cambridge Analytica used the Facebook data to target voters in the Brexit referendum.
Facebook said it had suspended Cambridge Analytica and was reviewing how data left its platform.
Members of Parliament asked Wylie whether Facebook knew about the harvesting in 2015.
The Information Commissioner is investigating Facebook and Cambridge Analytica, and Wylie will give evidence to the Commissioner next week.
Reporting by Carole Cadwalladr. Carole Cadwalladr has covered the story since 2017."""

FERRY_TITLE = "Ferry strike: unions won't back down over pay"
FERRY_TEXT = """The ferry unions won't back down, union leaders said on Monday, as the ferry strike entered its third day.
Ferry services between Dover and Calais haven't run since Saturday, and the ferry operator said it didn't expect a deal before 2025.
The ferry strike has left thousands of lorries queuing on the M20, and Kent police said the queues wouldn't clear before Thursday.
Union leaders said the ferry operator's pay offer of 3% wasn't enough. The ferry operator said the offer was fair."""

SPANISH_TITLE = "Madrid aprueba la ampliación del tranvía"
SPANISH_TEXT = ("El ayuntamiento de Madrid aprobó el martes la ampliación de la línea de tranvía hacia los barrios del "
                "norte. La ampliación del tranvía costará 340 millones de euros, según el ayuntamiento de Madrid. Los "
                "vecinos de Fuencarral llevan años pidiendo el tranvía. La alcaldesa, Ana López, dijo que el tranvía "
                "reducirá los tiempos de viaje.")

ARTICLES = [
    pytest.param(TITLE, TEXT, "en", id="english-names"),
    pytest.param(FERRY_TITLE, FERRY_TEXT, "en-GB", id="english-contractions"),
    pytest.param(SPANISH_TITLE, SPANISH_TEXT, "es", id="spanish"),
]


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text.casefold())


@pytest.mark.parametrize("title, text, lang", ARTICLES)
def test_few_distinct_tags(title, text, lang):
    tags = auto_tags(title, text, lang, [])
    assert 1 <= len(tags) <= MAX_AUTO_TAGS
    assert len({t.casefold() for t in tags}) == len(tags)


@pytest.mark.parametrize("title, text, lang", ARTICLES)
def test_tags_are_whole_words_of_the_article_without_stopwords_at_the_ends(title, text, lang):
    stopwords = _extractor(lang.split("-")[0]).stopword_set
    article_words = f" {' '.join(words(title + ' ' + text))} "
    for tag in auto_tags(title, text, lang, []):
        tag_words = words(tag)
        assert f" {' '.join(tag_words)} " in article_words, f"{tag!r} is not a run of the article's words"
        assert tag_words[0] not in stopwords and tag_words[-1] not in stopwords, tag
        assert "'" not in tag and "’" not in tag, f"{tag!r} is a fragment of a contraction"
        assert len(tag) >= 3


def test_names_and_recurring_topics_are_found():
    tags = auto_tags(TITLE, TEXT, "en", [])
    assert {"Facebook", "Parliament"} <= set(tags)


def test_common_phrase_is_lower_case_and_a_name_keeps_its_capitals():
    # "Ferry strike" opens the headline, but the body writes "ferry strike": it is not a name.
    assert "ferry strike" in auto_tags(FERRY_TITLE, FERRY_TEXT, "en", [])
    assert "Ana López" in auto_tags(SPANISH_TITLE, SPANISH_TEXT, "es", [])


@pytest.mark.parametrize(
    "page_tags, excluded",
    [
        (["Facebook"], "facebook"),
        (["facebook"], "facebook"),
        (["Parliaments"], "parliament"),
    ],
    ids=["same", "other-case", "plural"],
)
def test_page_tags_are_not_repeated(page_tags, excluded):
    assert excluded not in [t.casefold() for t in auto_tags(TITLE, TEXT, "en", page_tags)]


@pytest.mark.parametrize(
    "byline, excluded_word",
    [
        ("Carole Cadwalladr", "cadwalladr"),
        ("Christopher Wylie", "wylie"),
        ("Jane Roe, Carole Cadwalladr", "carole"),
    ],
    ids=["reporter", "subject-who-wrote-it", "several-authors"],
)
def test_the_writers_name_is_not_a_topic(byline, excluded_word):
    tags = auto_tags(TITLE, TEXT, "en", [], byline)
    assert not any(excluded_word in tag.casefold().split() for tag in tags)
    assert tags  # the rest of the topics are still there


@pytest.mark.parametrize(
    "title, text, lang",
    [
        ("有轨电车延伸", "市议会周二投票决定将有轨电车线路延伸至北部郊区，此前经过了多年的辩论。施工将于明年春天开始，"
                    "预计持续三年。沿线居民受邀参加未来几周的一系列公开会议。" * 3, "zh"),
        ("路面電車の延長", "市議会は火曜日、長年の議論を経て、路面電車の路線を北部郊外まで延長することを決定した。" * 3, "ja"),
        (None, "", "en"),
        ("Hi", "Short text.", None),
    ],
    ids=["chinese", "japanese", "empty", "too-short"],
)
def test_no_tags_where_keyphrases_would_be_fragments_or_noise(title, text, lang):
    assert auto_tags(title, text, lang, []) == []


def test_phrase_repeating_a_page_tag_is_dropped():
    tags = auto_tags(TITLE, TEXT, "en", ["Facebook"])
    assert not any("facebook" in tag.casefold().split() for tag in tags), tags


def test_photo_credit_in_capitals_is_not_a_tag():
    text = FERRY_TEXT + "\nFILE PHOTO LONDON ferry workers picket the port of Dover."
    assert "FILE PHOTO LONDON" not in auto_tags(FERRY_TITLE, text, "en", [])
