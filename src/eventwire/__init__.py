"""eventwire: news articles in, structured event data out."""

from __future__ import annotations

from functools import lru_cache

from .nlp.pipeline import Failure, Pipeline
from .schema import SCHEMA, Article, ArticleResult

__version__ = "0.1.0"
__all__ = ["SCHEMA", "Article", "ArticleResult", "Failure", "Pipeline", "extract"]


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, title: str | None = None, published: str | None = None, **fields) -> ArticleResult:
    """Analyse one article text (with its optional ISO `published` date) and return its record."""
    result = _pipeline()(Article(text=text, title=title, published=published, **fields))
    if isinstance(result, Failure):
        raise ValueError(result.message)
    return result
