"""A batch run: read inputs, analyse the articles, write JSONL and/or the store, count what happened."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .ingest import InputError, read_inputs
from .nlp.pipeline import Failure
from .runners.local import run
from .schema import Article, ArticleResult
from .store.database import Store

STORE_BATCH = 64  # results per store transaction: a crash loses at most this many


@dataclass
class Summary:
    articles: int = 0  # records written (analysed now or taken from the store)
    cached: int = 0  # of them, already in the store and not analysed again
    stored: int = 0  # new articles added to the store
    failed: int = 0
    entities: int = 0
    actors: int = 0
    events: int = 0
    quotes: int = 0
    warnings: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return (self.articles - self.cached) / self.seconds if self.seconds else 0.0

    def count(self, result: ArticleResult) -> None:
        self.articles += 1
        self.entities += len(result.entities)
        self.actors += len(result.actors)
        self.events += len(result.events)
        self.quotes += len(result.quotes)
        self.warnings += len(result.warnings)


@dataclass
class Stored:
    """An article whose text was analysed before: its result comes from the store."""

    result: ArticleResult


def _with_store_hits(items: Iterator[Any], store: Store | None) -> Iterator[Any]:
    """Replace Articles analysed before (same text, same publication date) by the stored result."""
    for item in items:
        if store is not None and isinstance(item, Article):
            stored = store.get(item.text)
            if stored is not None and stored.published == item.published:
                stored.id, stored.title, stored.url, stored.source = item.id, item.title, item.url, item.source
                yield Stored(stored)
                continue
        yield item


def run_batch(inputs: list[str], out: IO[str] | None = None, store: Store | None = None, workers: int = 1,
              published: str | None = None, max_chars: int | None = None,
              on_item: Callable[[Any], None] | None = None) -> Summary:
    """Run the whole job; `on_item` sees every result, Failure and InputError as it comes, in input order."""
    summary = Summary()
    started = time.perf_counter()
    options = {"max_chars": max_chars} if max_chars else {}
    pending: list[ArticleResult] = []
    own_files = tuple(Path(f.name) for f in (out,) if f is not None and isinstance(getattr(f, "name", None), str))
    items = _with_store_hits(read_inputs(inputs, default_published=published, exclude=own_files), store)
    for item in run(items, workers=workers, **options):
        cached = isinstance(item, Stored)
        if cached:
            item = item.result
            summary.cached += 1
        if isinstance(item, (InputError, Failure)):
            summary.failed += 1
        else:
            summary.count(item)
            if not cached:
                summary.words += len(item.text.split())
                pending.append(item)
            if out is not None:
                out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        if len(pending) >= STORE_BATCH:
            summary.stored += _flush(pending, out, store)
        if on_item is not None:
            on_item(item)
        summary.seconds = time.perf_counter() - started
    summary.stored += _flush(pending, out, store)
    summary.seconds = time.perf_counter() - started
    return summary


def _flush(pending: list[ArticleResult], out: IO[str] | None, store: Store | None) -> int:
    """Make the results so far durable: flush the JSONL, store the batch in one transaction."""
    if out is not None:
        out.flush()
    added = store.add(pending) if store is not None else 0
    pending.clear()
    return added
