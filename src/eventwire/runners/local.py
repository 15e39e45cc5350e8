"""Local runner: the pipeline in this process or in N worker processes, output in input order.

Items that are not Articles (input errors, results taken from the store) pass through unchanged
at their place in the stream, so the caller sees everything in input order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..nlp.pipeline import Pipeline
from ..schema import Article

_worker_pipeline: Pipeline | None = None


def _process(pipeline: Pipeline, items: list[Any]) -> list[Any]:
    articles = [x for x in items if isinstance(x, Article)]
    done = iter(pipeline.process(articles))
    return [next(done) if isinstance(x, Article) else x for x in items]


def _init_worker(options: dict) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(**options)


def _work(items: list[Any]) -> list[Any]:
    assert _worker_pipeline is not None
    return _process(_worker_pipeline, items)


def run(items: Iterable[Any], workers: int = 1, chunk_size: int = 16, **options) -> Iterator[Any]:
    """Process the Articles among `items` with `workers` processes; yield everything in order.

    `options` go to Pipeline (max_chars, batch_size). Each worker loads the model once.
    """
    it = iter(items)
    if workers <= 1:
        pipeline = Pipeline(**options)
        while chunk := list(islice(it, chunk_size)):
            yield from _process(pipeline, chunk)
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(options,)) as pool:
        pending: deque = deque()
        while True:
            while len(pending) < workers * 3 and (chunk := list(islice(it, chunk_size))):
                pending.append(pool.apply_async(_work, (chunk,)))
            if not pending:
                break
            yield from pending.popleft().get()
