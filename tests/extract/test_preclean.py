"""preclean: what no reader sees or wants is gone before the content extractors look at the page."""

from __future__ import annotations

import lxml.html
import pytest

from folio.extract.document import parse_page
from folio.extract.preclean import preclean


def cleaned(body: str) -> str:
    root = parse_page(f"<html><head><title>T</title></head><body>{body}</body></html>")
    preclean(root)
    body_element = root.find("body")
    return (body_element.text or "") + "".join(lxml.html.tostring(c, encoding="unicode") for c in body_element)


@pytest.mark.parametrize(
    "body, expected",
    [
        # Code, styling, widgets and form controls never hold article text; the text after them stays.
        ("<p>Before <script>track()</script>after.</p>", "<p>Before after.</p>"),
        ("<p>Before <style>p { color: red }</style>after.</p>", "<p>Before after.</p>"),
        ("<p>Before <noscript>Enable JavaScript</noscript>after.</p>", "<p>Before after.</p>"),
        ("<p>Before <template><p>card</p></template>after.</p>", "<p>Before after.</p>"),
        ("<p>Name <input name='q'> <button>Search</button> <select><option>A</option></select>end</p>",
         "<p>Name   end</p>"),
        ("<p>Note <textarea>comment box</textarea>end</p>", "<p>Note end</p>"),
        ("<p>Chart <canvas>fallback</canvas>end</p>", "<p>Chart end</p>"),
        ("<p>Movie <object data='x.swf'>flash</object>end</p>", "<p>Movie end</p>"),
        ("<p>Movie <embed src='x.swf'></embed>end</p>", "<p>Movie end</p>"),
        ("<p>Modal <dialog>Sign up now</dialog>end</p>", "<p>Modal end</p>"),
        # Page chrome by its semantic markup.
        ("<nav><a href='/'>Home</a></nav><p>Story</p>", "<p>Story</p>"),
        ("<p>Story</p><aside>Most read</aside>", "<p>Story</p>"),
        ("<div role='navigation'><a href='/'>Home</a></div><p>Story</p>", "<p>Story</p>"),
        ("<ul role='menu'><li>File</li></ul><p>Story</p>", "<p>Story</p>"),
        ("<section role='complementary'>Related</section><p>Story</p>", "<p>Story</p>"),
        ("<div role='search'>Search</div><div role='banner'>Logo</div><p>Story</p>", "<p>Story</p>"),
        ("<div role='alert'>Breaking: cookies</div><div role='dialog'>Accept?</div><p>Story</p>", "<p>Story</p>"),
        ("<div role='toolbar'>Share</div><div role='contentinfo'>Copyright</div><p>Story</p>", "<p>Story</p>"),
        ("<div role='main'><p>Story</p></div>", '<div role="main"><p>Story</p></div>'),
        # Hidden elements: the hidden attribute, aria-hidden, inline display:none / visibility:hidden.
        ("<p>Shown<span hidden> secret</span> text</p>", "<p>Shown text</p>"),
        ("<p>Shown<span aria-hidden='true'> secret</span> text</p>", "<p>Shown text</p>"),
        ("<p>Shown<span aria-hidden='false'> too</span> text</p>", '<p>Shown<span aria-hidden="false"> too</span> text</p>'),
        ("<p>Shown<span style='display: none'> secret</span> text</p>", "<p>Shown text</p>"),
        ("<p>Shown<span style='DISPLAY:NONE'> secret</span> text</p>", "<p>Shown text</p>"),
        ("<p>Shown<span style='color: red; visibility : hidden'> secret</span> text</p>", "<p>Shown text</p>"),
        ("<div style='display:none'><p>Hidden paragraph</p></div>Tail text", "Tail text"),
        ("<p>Shown<span style='display: block'> too</span></p>", '<p>Shown<span style="display: block"> too</span></p>'),
        # Decorative-but-real pictures are often aria-hidden: they stay.
        ("<p>Text<img src='/t.jpg' aria-hidden='true'></p>", '<p>Text<img src="/t.jpg" aria-hidden="true"></p>'),
        ("<figure aria-hidden='true'><img src='/t.jpg'></figure>", '<figure aria-hidden="true"><img src="/t.jpg"></figure>'),
    ],
    ids=["script", "style", "noscript", "template", "form-controls", "textarea", "canvas", "object", "embed",
         "dialog", "nav", "aside", "role-navigation", "role-menu", "role-complementary", "role-search-banner",
         "role-alert-dialog", "role-toolbar-contentinfo", "role-main-kept", "hidden-attribute", "aria-hidden",
         "aria-hidden-false-kept", "display-none", "display-none-upper-case", "visibility-hidden",
         "hidden-block-keeps-tail", "display-block-kept", "aria-hidden-image-kept", "aria-hidden-figure-kept"],
)
def test_preclean_removes_what_readers_never_see(body, expected):
    assert cleaned(body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("<header>Site logo and menu</header><article><p>Story</p></article>", "<article><p>Story</p></article>"),
        ("<article><p>Story</p></article><footer>Copyright</footer>", "<article><p>Story</p></article>"),
        ("<article><header>By Rosa Delgado</header><p>Story</p><footer>Photo: AP</footer></article>",
         "<article><header>By Rosa Delgado</header><p>Story</p><footer>Photo: AP</footer></article>"),
        ("<main><header>Section title</header><p>Story</p></main>",
         "<main><header>Section title</header><p>Story</p></main>"),
        ("<article><div><footer>Filed under trams</footer></div></article>",
         "<article><div><footer>Filed under trams</footer></div></article>"),
    ],
    ids=["page-header-removed", "page-footer-removed", "article-header-footer-kept", "main-header-kept",
         "nested-footer-in-article-kept"],
)
def test_header_and_footer_are_kept_only_inside_the_article(body, expected):
    assert cleaned(body) == expected


def test_page_wrapped_in_one_form_keeps_its_text():
    # ASP.NET WebForms pages put the whole page inside a single <form>.
    assert cleaned("<form action='/page.aspx'><input type='hidden' name='__VIEWSTATE'><p>Story</p></form>") == \
        '<form action="/page.aspx"><p>Story</p></form>'


def test_tails_of_removed_elements_stay_in_order():
    body = "<p>One <script>a()</script>two <span hidden>x</span>three <noscript>y</noscript>four.</p>"
    assert cleaned(body) == "<p>One two three four.</p>"


def test_collapsed_until_found_section_is_kept():
    body = '<h2>History</h2><section hidden="until-found"><p>The tram first ran in 1891.</p></section>'
    assert "The tram first ran in 1891." in cleaned(body)


def test_text_after_an_unclosed_embed_is_kept():
    assert cleaned("<p>Watch the clip: <embed src='/clip.swf'> (it needs Flash).</p>") == \
        "<p>Watch the clip:  (it needs Flash).</p>"


@pytest.mark.parametrize(
    "body, expected",
    [
        # A heading that links to itself (a permalink) is text: as a link it looks like navigation.
        ('<h3 id="z"><a class="toclink" href="#z">Understanding z-scores</a></h3>', '<h3 id="z">Understanding z-scores</h3>'),
        ('<h2><a href="#s">Setup</a> <a href="#s">¶</a></h2>', "<h2>Setup ¶</h2>"),
        # A heading that links to another page keeps its link.
        ('<h3><a href="/story">Council approves tram</a></h3>', '<h3><a href="/story">Council approves tram</a></h3>'),
        ('<p><a href="#note-1">[1]</a></p>', '<p><a href="#note-1">[1]</a></p>'),
    ],
    ids=["permalink", "pilcrow", "link-to-another-page", "not-a-heading"],
)
def test_in_page_links_in_headings_become_text(body, expected):
    assert cleaned(body) == expected
