"""The eventwire NLP pipeline: Articles in, ArticleResults out.

The spaCy model runs first; the eventwire components added after it read its entities and
write their findings to `Doc` extension attributes, which `to_result` turns into plain data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from ..schema import Article, ArticleResult, Entity, RecordError
from . import actors, brief, events, places, quotes, times  # noqa: F401  (registers the components)
from .model import load_model

COMPONENTS = ("eventwire_actors", "eventwire_places", "eventwire_times", "eventwire_quotes", "eventwire_events",
              "eventwire_brief")
CHUNK_CHARS = 100_000  # longer texts go through the model in paragraph-aligned pieces
DEFAULT_MAX_CHARS = 1_000_000
MIN_ENGLISH_RATIO = 0.15  # share of English function words below which a text is not English


def english_ratio(text: str, sample: int = 3000) -> float | None:
    words = [w.strip(".,;:!?\"'()“”‘’").lower() for w in text[:sample].split()]
    words = [w for w in words if w.isalpha()]
    if len(words) < 20:
        return None
    return sum(w in STOP_WORDS for w in words) / len(words)


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Split `text` into pieces of at most `size` characters, at line breaks where possible."""
    pieces, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size) + 1 or text.rfind(" ", start, start + size) + 1
        cut = cut if cut > start else start + size
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def as_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def to_result(article: Article, doc: Doc | None, warnings: list[str]) -> ArticleResult:
    result = ArticleResult(id=article.id, text=article.text, title=article.title, url=article.url,
                           source=article.source, author=article.author, published=article.published,
                           warnings=list(article.warnings) + warnings, origin=article.origin)
    if doc is None:
        return result
    result.entities = [Entity(e.text, e.label_, e.start_char, e.end_char, actor)
                       for e, actor in zip(doc.ents, doc._.ent_actors)]
    result.actors = doc._.actors
    result.quotes = doc._.quotes
    result.places = doc._.places
    result.times = doc._.times
    result.events = doc._.events
    result.brief = doc._.brief or result.brief
    unresolved = sum(t.value is None for t in result.times)
    if unresolved:
        result.warnings.append(f"no published date: {unresolved} relative time expression(s) left unresolved")
    return result


class Pipeline:
    """Loads the model once; `process` turns a stream of Articles into results, in order."""

    def __init__(self, nlp: Language | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                 batch_size: int = 32, kb_store: str | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        for name in COMPONENTS:
            if name not in self.nlp.pipe_names:
                self.nlp.add_pipe(name)
        if kb_store is not None:  # the store's learned actors resolve names too (see store/kb.py)
            self.nlp.get_pipe("eventwire_actors").use_store(kb_store)
        self.max_chars = max_chars
        self.batch_size = batch_size

    def __call__(self, article: Article) -> ArticleResult | RecordError:
        return next(self.process([article]))

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult | RecordError]:
        it = iter(articles)
        while batch := list(islice(it, self.batch_size)):
            yield from self._process_batch(batch)

    def _process_batch(self, batch: list[Article]) -> list[ArticleResult | RecordError]:
        out: list[ArticleResult | RecordError | None] = [None] * len(batch)
        todo: list[int] = []
        for i, article in enumerate(batch):
            if len(article.text) > self.max_chars:
                out[i] = RecordError(article.origin, f"article text too long: {len(article.text):,} characters "
                                 f"(limit {self.max_chars:,}; raise it with --max-chars)", article.id)
                continue
            ratio = english_ratio(article.text)
            if ratio is not None and ratio < MIN_ENGLISH_RATIO:
                out[i] = to_result(article, None, [
                    f"text does not look like English ({ratio:.0%} English function words); not analysed"])
            elif len(article.text) > CHUNK_CHARS:
                out[i] = self._safely(article, self._long_doc)
            else:
                todo.append(i)
        try:
            docs = self.nlp.pipe(self._doc(batch[i]) for i in todo)
            for i, doc in zip(todo, docs):
                out[i] = to_result(batch[i], doc, [])
        except Exception:  # noqa: BLE001  one bad record must not take the batch down: redo it one by one
            for i in todo:
                out[i] = self._safely(batch[i], lambda a: self.nlp(self._doc(a)))
        return out  # type: ignore[return-value]

    def _safely(self, article: Article, analyse) -> ArticleResult | RecordError:
        try:
            return to_result(article, analyse(article), [])
        except Exception as err:  # noqa: BLE001  reported per record, the batch goes on
            return RecordError(article.origin, f"analysis failed: {type(err).__name__}: {err}", article.id)

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.published = as_date(article.published)
        doc._.title = article.title
        return doc

    def _long_doc(self, article: Article) -> Doc:
        with self.nlp.select_pipes(disable=list(COMPONENTS)):
            parts = list(self.nlp.pipe(chunks(article.text)))
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        doc._.published = as_date(article.published)
        doc._.title = article.title
        for name in COMPONENTS:
            doc = self.nlp.get_pipe(name)(doc)
        return doc
