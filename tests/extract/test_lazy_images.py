"""resolve_lazy_images: lazily loaded pictures point at the real image before anything judges the page."""

from __future__ import annotations

import pytest

from folio.extract.document import parse_page
from folio.extract.lazy_images import resolve_lazy_images

PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def resolved(html: str):
    root = parse_page(f"<html><body>{html}</body></html>")
    resolve_lazy_images(root)
    return root.find("body")


def image_sources(html: str) -> list[str | None]:
    return [img.get("src") for img in resolved(html).iter("img")]


@pytest.mark.parametrize(
    "html, expected",
    [
        (f'<img src="{PIXEL}" data-src="/photos/tram.jpg">', ["/photos/tram.jpg"]),
        ('<img data-src="/photos/tram.jpg">', ["/photos/tram.jpg"]),
        ('<img src="/img/blank.gif" data-original="/photos/tram.jpg">', ["/photos/tram.jpg"]),
        ('<img src="/assets/spacer.gif" data-lazy-src="  /photos/tram.jpg ">', ["/photos/tram.jpg"]),
        ('<img src="/static/placeholder.png" data-hi-res-src="/photos/tram.jpg">', ["/photos/tram.jpg"]),
        ('<img src="/loading.gif" data-url="/photos/tram.jpg">', ["/photos/tram.jpg"]),
        ('<img src="data:," data-echo="/photos/tram.jpg">', ["/photos/tram.jpg"]),
        # A site's own data-* name is taken when its value looks like an image address.
        ('<img src="data:," data-zoom-image="/photos/tram.jpg">', ["/photos/tram.jpg"]),
        ('<img src="data:," data-caption="a caption.jpg with spaces">', ["data:,"]),
        # A real src is never replaced by a data-* value.
        ('<img src="/photos/real.jpg" data-src="/photos/other.jpg">', ["/photos/real.jpg"]),
        ('<img src="/photos/real.jpg">', ["/photos/real.jpg"]),
        ('<img src="/photos/pixel-8-review.jpg">', ["/photos/pixel-8-review.jpg"]),
    ],
    ids=["data-uri-placeholder", "no-src", "blank-gif", "spacer-stripped", "placeholder-png", "loading-gif",
         "data-echo", "unknown-data-attribute", "data-attribute-not-an-image", "real-src-kept",
         "plain-image", "placeholder-word-without-lazy-attribute"],
)
def test_placeholder_src_is_replaced_by_the_real_address(html, expected):
    assert image_sources(html) == expected


@pytest.mark.parametrize(
    "html, expected_src, expected_srcset",
    [
        (f'<img src="{PIXEL}" data-srcset="/t-320.jpg 320w, /t-640.jpg 640w">', "/t-320.jpg",
         "/t-320.jpg 320w, /t-640.jpg 640w"),
        ('<img srcset="/t-320.jpg 320w, /t-640.jpg 640w">', "/t-320.jpg", "/t-320.jpg 320w, /t-640.jpg 640w"),
        ('<img srcset="/t.jpg 1x, /t@2x.jpg 2x" src="/t.jpg">', "/t.jpg", "/t.jpg 1x, /t@2x.jpg 2x"),
        ('<img data-src="/t.jpg" data-lazy-srcset="/t.jpg 1x, /t@2x.jpg 2x">', "/t.jpg", "/t.jpg 1x, /t@2x.jpg 2x"),
        ('<img src="/t.jpg" srcset="/real.jpg 1x" data-srcset="/lazy.jpg 1x">', "/t.jpg", "/real.jpg 1x"),
    ],
    ids=["data-srcset", "srcset-only", "srcset-and-src", "lazy-srcset-with-data-src", "real-srcset-kept"],
)
def test_srcset_is_resolved_and_gives_a_src(html, expected_src, expected_srcset):
    img = resolved(html).find(".//img")
    assert (img.get("src"), img.get("srcset")) == (expected_src, expected_srcset)


def test_lazy_picture_source_gets_its_srcset():
    body = resolved('<picture><source data-srcset="/t.webp" type="image/webp">'
                    '<img data-src="/t.jpg" src="data:,"></picture>')
    assert body.find(".//source").get("srcset") == "/t.webp"
    assert body.find(".//img").get("src") == "/t.jpg"


@pytest.mark.parametrize(
    "html, expected",
    [
        # The <noscript> copy replaces the placeholder next to it (either side) ...
        (f'<img src="{PIXEL}"><noscript><img src="/photos/tram.jpg" alt="Tram"></noscript>', ["/photos/tram.jpg"]),
        ('<noscript><img src="/photos/tram.jpg"></noscript><img class="lazy" src="/placeholder.png">',
         ["/photos/tram.jpg"]),
        # ... or inside the element next to it ...
        ('<a href="/gallery"><img src="data:,"></a><noscript><img src="/photos/tram.jpg"></noscript>',
         ["/photos/tram.jpg"]),
        # ... or the only picture of the same parent (a <figure> around both).
        ('<figure><img src="/loading.gif"><noscript><img src="/photos/tram.jpg"></noscript>'
         "<figcaption>Tram</figcaption></figure>", ["/photos/tram.jpg"]),
        # With no placeholder near, the <noscript> picture is simply shown.
        ('<p>Text</p><noscript><img src="/photos/tram.jpg"></noscript>', ["/photos/tram.jpg"]),
        # A <noscript> that holds no picture is left for the pre-clean stage to drop.
        ("<noscript><p>Please enable JavaScript</p></noscript>", []),
    ],
    ids=["before-placeholder", "after-placeholder", "placeholder-in-link", "inside-figure", "no-placeholder",
         "no-picture"],
)
def test_noscript_fallback_replaces_the_placeholder(html, expected):
    assert image_sources(html) == expected


def test_noscript_fallback_keeps_its_alt_text_and_leaves_no_noscript():
    body = resolved(f'<figure><img src="{PIXEL}"><noscript><img src="/t.jpg" alt="The new tram"></noscript></figure>')
    assert body.find(".//noscript") is None
    assert body.find(".//img").get("alt") == "The new tram"


def test_src_from_a_srcset_with_commas_in_its_urls():
    url = "https://res.cloudinary.com/demo/image/upload/w_400,c_fill/tram.jpg"
    larger = "https://res.cloudinary.com/demo/image/upload/w_800,c_fill/tram.jpg"
    html = f'<img src="data:," data-srcset="{url} 400w, {larger} 800w">'
    assert image_sources(html) == [url]


def test_blur_up_preview_of_the_noscript_picture_is_dropped():
    # Medium-style: a tiny blurred preview, an empty <img> the script fills, the real picture in <noscript>.
    body = resolved('<figure><div><img src="/max/60/tram.png?q=20" width="1894" height="970"></div>'
                    '<img width="1894" height="970"><noscript><img src="/max/3788/tram.png" width="1894" '
                    'height="970"></noscript><figcaption>The tram</figcaption></figure>')
    assert [image.get("src") for image in body.iter("img")] == ["/max/3788/tram.png"]


def test_other_pictures_of_the_figure_stay():
    body = resolved('<figure><img src="/map.png" width="300" height="200"><img width="1894" height="970">'
                    '<noscript><img src="/tram.png" width="1894" height="970"></noscript></figure>')
    assert [image.get("src") for image in body.iter("img")] == ["/map.png", "/tram.png"]
