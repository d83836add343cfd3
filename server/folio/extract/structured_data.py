"""Reads what the page says about itself: <meta> tags and schema.org JSON-LD.

Both are collected once into plain dictionaries that the metadata stage looks things up in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import lxml.html

# schema.org types whose JSON-LD object describes the article itself.
ARTICLE_TYPES = re.compile(
    r"^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|"
    r"BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|"
    r"SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|"
    r"LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|Review|Recipe|Story)$")
SCHEMA_ORG_IRI = re.compile(r"^https?://schema\.org/")
JSON_LD_TYPE = "application/ld+json"
# "DC.creator", "dcterms.title", "og:article:author": one spelling for each vocabulary's names.
META_PREFIX_SEPARATOR = re.compile(r"^(dc|dcterm|dcterms|og|twitter|weibo:article|weibo:webpage)\s*[.:]\s*")
# Sites wrap JSON-LD in CDATA sections or HTML comments to protect it from old parsers.
CDATA_OR_COMMENT = re.compile(r"^\s*(<!\[CDATA\[|<!--)|(\]\]>|-->)\s*$")


@dataclass
class StructuredData:
    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name/property -> values
    article: dict = field(default_factory=dict)  # the JSON-LD object describing the article
    graph: list[dict] = field(default_factory=list)  # every JSON-LD object on the page

    def first_meta(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value and value.strip():
                    return value.strip()
        return None

    def all_meta(self, name: str) -> list[str]:
        return [v.strip() for v in self.meta.get(name, ()) if v and v.strip()]


def read_structured_data(root: lxml.html.HtmlElement) -> StructuredData:
    data = StructuredData()
    by_property: dict[str, int] = {}  # how many of a key's values came from property="..."
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        # property may hold several space-separated names ("og:title twitter:title"); its values
        # (RDFa, what Open Graph and Dublin Core define) go before name="..." ones for the same key.
        for key in map(_meta_key, (meta.get("property") or "").split()):
            data.meta.setdefault(key, []).insert(by_property.get(key, 0), content)
            by_property[key] = by_property.get(key, 0) + 1
        for key in (meta.get("name") or "").split() + [meta.get("itemprop") or "", meta.get("http-equiv") or ""]:
            if key:
                data.meta.setdefault(_meta_key(key), []).append(content)
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != JSON_LD_TYPE or not script.text:
            continue
        try:
            data.graph.extend(_objects(_load_json(script.text)))
        except RecursionError:
            continue  # absurdly nested JSON-LD (a hostile page): ignored like invalid JSON
    data.article = next((obj for obj in data.graph if _is_article(obj)), {})
    return data


def _meta_key(name: str) -> str:
    """'DC.Creator' and 'dc:creator' are one key."""
    return META_PREFIX_SEPARATOR.sub(r"\1:", name.lower())


def _is_article(obj: dict) -> bool:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and ARTICLE_TYPES.match(SCHEMA_ORG_IRI.sub("", k)) for k in kinds)


def _load_json(text: str):
    text = CDATA_OR_COMMENT.sub("", text.strip())
    try:
        return json.loads(text)
    except ValueError:
        try:  # sites often leave raw newlines or tabs inside strings
            return json.loads(re.sub(r"[\n\r\t]+", " ", text))
        except ValueError:
            return None


def _objects(value) -> list[dict]:
    if isinstance(value, list):
        return [obj for item in value for obj in _objects(item)]
    if not isinstance(value, dict):
        return []
    found = [value]
    if isinstance(value.get("@graph"), list):
        found.extend(obj for item in value["@graph"] for obj in _objects(item))
    return found


def names_of(value) -> list[str]:
    """The names in a schema.org Person/Organization value (object, list, or plain string)."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            return [str(n).strip() for n in name if str(n).strip()]
        return [str(name).strip()] if name and str(name).strip() else []
    if isinstance(value, list):
        return [name for item in value for name in names_of(item)]
    return []


def text_of(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value:
        return text_of(value[0])
    if isinstance(value, dict):
        return text_of(value.get("url") or value.get("@id") or value.get("name"))
    return None
