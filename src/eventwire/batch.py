"""A batch run: read inputs, analyse the articles, write JSONL and/or the store, count what happened."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .ingest import read_inputs
from .runners.local import run
from .schema import Article, ArticleResult, RecordError
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
                stored.id, stored.title, stored.url = item.id, item.title, item.url
                stored.source, stored.author, stored.origin = item.source, item.author, item.origin
                yield Stored(stored)
                continue
        yield item


class JsonlWriter:
    """JSONL to a file or stdout ("-"); the file is created at the first write, or at close."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.stream: IO[str] | None = None

    def write(self, result: ArticleResult) -> None:
        if self.path is None:
            return
        if self.stream is None:
            self.stream = sys.stdout if self.path == "-" else open(self.path, "w", encoding="utf-8")  # noqa: SIM115
        self.stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")

    def flush(self) -> None:
        if self.stream is not None:
            self.stream.flush()

    def close(self) -> None:
        if self.path is not None and self.stream is None and self.path != "-":
            Path(self.path).touch()
        if self.stream not in (None, sys.stdout):
            self.stream.close()


def run_batch(inputs: list[str], out: str | None = None, store: Store | None = None, workers: int = 1,
              published: str | None = None, max_chars: int | None = None, summary: Summary | None = None,
              on_item: Callable[[Any], None] | None = None) -> Summary:
    """Run the whole job; `on_item` sees every result and RecordError as it comes, in input order.

    `out` is a JSONL path or "-"; that file is never read as input. `summary` (filled as the run
    goes) lets a caller report on a run that was interrupted.
    """
    summary = summary if summary is not None else Summary()
    started = time.perf_counter()
    options: dict[str, Any] = {"max_chars": max_chars} if max_chars else {}
    if store is not None:
        options["kb_store"] = str(store.path)  # workers read the learned actor KB from the store
    writer = JsonlWriter(out)
    pending: list[ArticleResult] = []
    own = (Path(out),) if out not in (None, "-") else ()
    items = _with_store_hits(read_inputs(inputs, default_published=published, exclude=own), store)
    try:
        for item in run(items, workers=workers, **options):
            cached = isinstance(item, Stored)
            if cached:
                item = item.result
                summary.cached += 1
            if isinstance(item, RecordError):
                summary.failed += 1
            else:
                summary.count(item)
                if not cached:
                    summary.words += len(item.text.split())
                    pending.append(item)
                writer.write(item)
            if len(pending) >= STORE_BATCH:
                summary.stored += _flush(pending, writer, store)
            if on_item is not None:
                on_item(item)
            summary.seconds = time.perf_counter() - started
        summary.stored += _flush(pending, writer, store)
    finally:
        writer.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _flush(pending: list[ArticleResult], writer: JsonlWriter, store: Store | None) -> int:
    """Make the results so far durable: flush the JSONL, store the batch in one transaction."""
    writer.flush()
    added = store.add(pending) if store is not None else 0
    pending.clear()
    return added
