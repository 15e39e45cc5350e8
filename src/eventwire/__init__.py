"""eventwire: news articles in, structured event data out."""

from __future__ import annotations

from functools import lru_cache

from .ingest.records import record_to_article
from .nlp.pipeline import Pipeline
from .schema import SCHEMA, Article, ArticleResult, RecordError

__version__ = "0.1.0"
__all__ = ["SCHEMA", "Article", "ArticleResult", "Pipeline", "RecordError", "extract"]


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, title: str | None = None, published: str | None = None, **fields) -> ArticleResult:
    """Analyse one article text and return its record.

    `published` is its publication date (ISO 8601 or RFC 2822); `fields` may be id, url, source, author.
    Raises ValueError for an article that cannot be analysed (empty, too long).
    """
    article = record_to_article({"text": text, "title": title, "published": published, **fields}, "<text>", None)
    result = _pipeline()(article) if isinstance(article, Article) else article
    if isinstance(result, RecordError):
        raise ValueError(result.message)
    return result
