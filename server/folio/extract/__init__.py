"""The extraction engine: rendered page HTML in, a clean reading-mode Article out."""

from folio.extract.pipeline import EXTRACTOR_VERSION, extract_article, warm_up

__all__ = ["EXTRACTOR_VERSION", "extract_article", "warm_up"]
