"""text: the article's plain text (one paragraph a line), its word count and reading time."""

from __future__ import annotations

import lxml.html
import pytest

from folio.extract.text import body_text, reading_minutes, word_count


def text_of(html: str) -> str:
    return body_text(lxml.html.fragment_fromstring(html, create_parent="div"))


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<p>One <b>bold</b> and a <a href="/x">link</a>.</p><p>Two.</p>', "One bold and a link.\nTwo."),
        ("<p>a<span>b</span>c</p>", "abc"),
        ("<p>  spaced\n\n   out\ttext  </p>", "spaced out text"),
        ("<h2>Heading</h2><p>Para</p>", "Heading\nPara"),
        ("<ul><li>first</li><li>second <i>item</i></li></ul>", "first\nsecond item"),
        ("<blockquote><p>Quoted.</p></blockquote><p>After.</p>", "Quoted.\nAfter."),
        ("<p>line one<br>line two</p>", "line one\nline two"),
        ('<p>before<img src="/t.jpg" alt="A tram">after</p>', "beforeafter"),
        ('<figure><img src="/t.jpg"><figcaption>The new tram</figcaption></figure><p>Text</p>', "The new tram\nText"),
        ("<div>loose text<p>para</p>tail text</div>", "loose text\npara\ntail text"),
        ("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>", "a\nb"),
        ("<dl><dt>Term</dt><dd>Definition</dd></dl>", "Term\nDefinition"),
        ("<details><summary>More</summary><p>Hidden detail</p></details>", "More\nHidden detail"),
        ("<p></p><p>   </p><div></div>", ""),
    ],
    ids=["inline-flow", "inline-no-spaces-added", "whitespace-folded", "heading", "list-items", "blockquote",
         "line-break", "image-has-no-text", "caption", "loose-text-and-tails", "table-rows", "definition-list",
         "details", "empty"],
)
def test_body_text_gives_one_paragraph_per_line(html, expected):
    assert text_of(html) == expected


def test_table_cells_are_separated():
    assert text_of("<table><tr><th>City</th><th>Riders</th></tr><tr><td>London</td><td>9.1m</td></tr></table>") \
        .split() == ["City", "Riders", "London", "9.1m"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The quick brown fox.", 4),
        ("It's a well-known fact, isn't it?", 6),
        ("Prices rose 3.5% to 1,000 euros", 6),
        ("e-mail co-op O’Brien", 3),
        ("— – ... !!!", 0),
        ("", 0),
        # Chinese and Japanese are written without spaces: each character counts as a word.
        ("市议会周二投票", 7),
        ("市议会 周二 投票", 7),
        ("路面電車の路線", 7),
        ("Hello 世界 world", 4),
        ("日本語とEnglish混合", 7),
        ("서울 지하철", 5),
    ],
    ids=["english", "contractions-and-hyphens", "numbers", "compounds-and-apostrophes", "punctuation-only",
         "empty", "chinese", "chinese-with-spaces", "japanese", "mixed", "mixed-japanese", "korean"],
)
def test_word_count(text, expected):
    assert word_count(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("word " * 230, 1),
        ("word " * 231, 2),
        ("word " * 2300, 10),
        ("a", 1),
        ("字" * 500, 1),
        ("字" * 501, 2),
        ("字" * 5000, 10),
        ("word " * 115 + "字" * 250, 1),
        ("", 0),
        ("   \n ", 0),
    ],
    ids=["230-words", "231-words", "2300-words", "one-word", "500-characters", "501-characters",
         "5000-characters", "mixed-half-and-half", "empty", "blank"],
)
def test_reading_minutes(text, expected):
    assert reading_minutes(text) == expected
