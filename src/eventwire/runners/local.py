"""Local runner: the pipeline in this process or in N worker processes, output in input order.

Items that are not Articles (input errors, results taken from the store) pass through unchanged
at their place in the stream, without a trip to a worker.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from ..nlp.pipeline import Pipeline
from ..schema import Article

_worker_pipeline: Pipeline | None = None


class RunnerError(RuntimeError):
    """A worker process died (killed, or out of memory); results before it are complete."""


def _process(pipeline: Pipeline, items: list[Any]) -> list[Any]:
    done = iter(pipeline.process([x for x in items if isinstance(x, Article)]))
    return [next(done) if isinstance(x, Article) else x for x in items]


def _init_worker(options: dict) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(**options)


def _work(items: list[Any]) -> list[Any]:
    assert _worker_pipeline is not None
    return _process(_worker_pipeline, items)


def _ready(items: list[Any]) -> Future:
    future: Future = Future()
    future.set_result(items)
    return future


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
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(options,)) as pool:
        pending: deque[Future] = deque()
        while True:
            while len(pending) < workers * 3 and (chunk := list(islice(it, chunk_size))):
                has_work = any(isinstance(x, Article) for x in chunk)
                pending.append(pool.submit(_work, chunk) if has_work else _ready(chunk))
            if not pending:
                break
            try:
                yield from pending.popleft().result()
            except BrokenProcessPool:
                raise RunnerError("a worker process died (killed, or out of memory?); "
                                  "the records before this point are complete, run again to finish") from None
