"""A small local news site for the browser tests: article pages (one of them Arabic) and the
pictures they show, served from 127.0.0.1 so no test reaches the internet.

The pictures are drawn as SVG landscapes (sky, sun, hills) in each story's own colours, so the
screenshots look like a real library without shipping photographs.
"""

from __future__ import annotations

import functools
import html
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    site: str
    byline: str
    published: str
    paragraphs: tuple[str, ...]
    lang: str = "en"
    dir: str = "ltr"
    keywords: tuple[str, ...] = ()
    colours: tuple[str, str, str, str] | None = None  # sky top, sky bottom, near hill, far hill
    subheading: str = ""
    quote: str = ""
    extra: tuple[str, ...] = field(default=())


# A word that appears in one story only: the search test looks for it.
SEARCH_WORD = "bioluminescence"

STORIES = (
    Story(
        slug="night-sea", title="The glowing tide: a night on the water with the plankton hunters",
        site="The Coastal Review", byline="Marta Oliveira", published="2025-03-14",
        keywords=("Oceans", "Science"), colours=("#0f2a4a", "#3f6e99", "#143a3a", "#1f5252"),
        paragraphs=(
            f"Just after midnight the boat slows, the engine drops to a murmur, and the wake behind us "
            f"begins to glow. It is {SEARCH_WORD}: billions of single-celled dinoflagellates flashing blue "
            f"each time the water around them is disturbed.",
            "The researchers on board have spent six summers counting them. Their nets come up heavy "
            "and faintly shining, and the samples go into a cold box to be sorted under the microscope "
            "before sunrise.",
            "What they have found is a shift in timing. The blooms now begin almost three weeks earlier "
            "than they did a decade ago, following warmer water into the bay.",
        ),
        subheading="Counting the light",
        quote="Every flash is a tiny animal saying: something touched me.",
        extra=(
            "Nobody is sure yet what the earlier blooms mean for the fish that feed on them. The team "
            "plans to add sensors to two buoys this spring, so the counting can go on through the night "
            "without anyone on board.",
            "For now the boat turns for the harbour, and the glowing wake fades slowly behind us as the "
            "sky grows pale.",
        ),
    ),
    Story(
        slug="slow-bread", title="Why the slowest bread in town sells out first",
        site="Kitchen Letters", byline="Ines Bauer", published="2025-02-02",
        keywords=("Food",), colours=("#f6d7a7", "#fbeed7", "#c98b4e", "#e0b27a"),
        paragraphs=(
            "The bakery opens at seven, and by half past eight the long loaves are gone. They take "
            "three days to make: a starter fed twice a day, a cold rest overnight, a hot oven at dawn.",
            "The baker says the secret is patience rather than any ingredient. Flour, water and salt are "
            "the whole recipe, and time does the rest of the work.",
            "Customers queue in the rain for it. Some bring their own cloth bags, and a few have been "
            "coming every Saturday for eleven years.",
        ),
    ),
    Story(
        slug="trail-maps", title="Mapping forgotten footpaths before they disappear",
        site="Field Notes", byline="Tom Hale", published="2024-11-20",
        keywords=("Walking", "History"), colours=("#9cc5e0", "#dfeef5", "#4f7d4a", "#7fa66f"),
        paragraphs=(
            "A small group of volunteers is walking every public footpath in the county with a GPS "
            "unit and an old parish map, marking where the two no longer agree.",
            "Some paths have been ploughed over, others swallowed by hedges or blocked by new fences. "
            "Under the law, a path left off the official map by the deadline may be lost for good.",
            "So far the walkers have found more than two hundred missing routes, and each one needs "
            "evidence: old maps, letters, the memories of people who once used it.",
        ),
    ),
    Story(
        slug="quiet-code", title="The case for boring software",
        site="Engineering Weekly", byline="Priya Raman", published="2025-01-08",
        keywords=("Software",), colours=None,
        paragraphs=(
            "Every few years a team rewrites a working system in a newer framework and spends the "
            "next two years rediscovering the bugs the old one had already fixed.",
            "Boring software is software whose failure modes are known. It is written in tools with "
            "thick manuals, and it is run by people who can sleep through the night.",
            "That does not mean never changing anything. It means changing one thing at a time and "
            "being able to say why.",
        ),
    ),
    Story(
        slug="night-library", title="مكتبة المدينة تفتح أبوابها للقراء حتى منتصف الليل",
        site="صحيفة المدينة", byline="ليلى حداد", published="2025-04-02", lang="ar", dir="rtl",
        keywords=(), colours=("#2b1d3a", "#8a5a7a", "#3a2a4a", "#5a3f63"),
        paragraphs=(
            "قررت بلدية المدينة أن تبقى المكتبة العامة مفتوحة حتى منتصف الليل طوال أيام الأسبوع، "
            "استجابةً لطلبات الطلاب والعاملين الذين لا يجدون وقتاً للقراءة خلال النهار.",
            "وقالت مديرة المكتبة إن عدد الزوار ارتفع كثيراً منذ بدء التجربة في الشهر الماضي، وإن القاعة "
            "الكبرى تمتلئ كل مساء بالقراء من مختلف الأعمار.",
            "وأضافت أن المكتبة ستوفر أيضاً ركناً هادئاً للأطفال وورشات أسبوعية لتعليم الكتابة، إلى جانب "
            "مجموعة جديدة من الكتب المترجمة إلى العربية.",
            "ويأمل القائمون على المشروع أن تصبح المكتبة مكاناً للقاء والحوار، لا مجرد مخزن للكتب، وأن "
            "تعود عادة القراءة إلى حياة الناس اليومية.",
        ),
    ),
)
ARABIC = STORIES[-1]


def story_url(base: str, story: Story) -> str:
    return f"{base}/news/{story.slug}.html"


def picture_url(base: str, story: Story) -> str | None:
    return f"{base}/pictures/{story.slug}.svg" if story.colours else None


def story_page(base: str, story: Story) -> str:
    """The story as its site would serve it: navigation, share bar and footer around the article."""
    picture = picture_url(base, story)
    e = html.escape
    meta = [
        f'<meta property="og:site_name" content="{e(story.site)}">',
        f'<meta name="author" content="{e(story.byline)}">',
        f'<meta property="article:published_time" content="{story.published}">',
        *(f'<meta property="article:tag" content="{e(word)}">' for word in story.keywords),
    ]
    if picture:
        meta.append(f'<meta property="og:image" content="{picture}">')
    body = [f"<p>{e(text)}</p>" for text in story.paragraphs]
    if picture:
        body.insert(1, f'<figure><img src="{picture}" alt="" width="1200" height="675">'
                       f"<figcaption>{e(story.title)} (illustration)</figcaption></figure>")
    if story.subheading:
        body.append(f"<h2>{e(story.subheading)}</h2>")
    if story.quote:
        body.append(f"<blockquote><p>{e(story.quote)}</p></blockquote>")
    body += [f"<p>{e(text)}</p>" for text in story.extra]
    return (
        f'<!doctype html><html lang="{story.lang}" dir="{story.dir}"><head><meta charset="utf-8">'
        f"<title>{e(story.title)} | {e(story.site)}</title>{''.join(meta)}</head><body>"
        f'<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f'<main><article><h1>{e(story.title)}</h1><p class="byline">{e(story.byline)}</p>'
        f"{''.join(body)}</article>"
        f'<aside class="share"><a href="/share">Share</a> <a href="/subscribe">Subscribe</a></aside></main>'
        f"<footer>© {e(story.site)}</footer></body></html>"
    )


def landscape_svg(colours: tuple[str, str, str, str]) -> str:
    sky_top, sky_bottom, near, far = colours
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 675" width="1200" height="675">'
        f'<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{sky_top}"/>'
        f'<stop offset="1" stop-color="{sky_bottom}"/></linearGradient></defs>'
        '<rect width="1200" height="675" fill="url(#sky)"/>'
        '<circle cx="860" cy="210" r="70" fill="#fff6d8" opacity="0.85"/>'
        f'<path d="M0 420 C 220 330 420 360 620 410 S 1000 330 1200 380 V675 H0Z" fill="{far}"/>'
        f'<path d="M0 520 C 260 450 480 500 700 540 S 1050 470 1200 500 V675 H0Z" fill="{near}"/>'
        "</svg>"
    )


def write_site(root: Path, base: str) -> None:
    (root / "news").mkdir(parents=True, exist_ok=True)
    (root / "pictures").mkdir(exist_ok=True)
    for story in STORIES:
        (root / "news" / f"{story.slug}.html").write_text(story_page(base, story), encoding="utf-8")
        if story.colours:
            (root / "pictures" / f"{story.slug}.svg").write_text(landscape_svg(story.colours), encoding="utf-8")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class SampleSite:
    """The site served from a folder on a free port (started with `start`, stopped with `stop`)."""

    def __init__(self, root: Path):
        self.root = root
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        write_site(root, self.base)

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
