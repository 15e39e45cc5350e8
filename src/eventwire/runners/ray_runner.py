"""The Ray engine: the same extraction on a Ray cluster (or a local Ray instance), Parquet out.

The input files are listed here, read by Ray tasks with the local engine's readers (plus Parquet),
and analysed by a pool of actors that each load the Pipeline once and write their results as a
Parquet dataset (`store/parquet.py`). Only a short report per record comes back to this process.
Inputs and output may be local paths (on a cluster: on a filesystem every node mounts) or URIs of
any filesystem pyarrow supports (s3://, gs://, hdfs://).
"""

from __future__ import annotations

import dataclasses
import glob
import json
import logging
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow.fs as pafs

from ..batch import Summary
from ..ingest.files import GLOB_CHARS, SUPPORTED_EXTENSIONS, _read_bytes, _read_path
from ..ingest.records import record_to_article
from ..nlp.pipeline import Pipeline
from ..schema import Article, ArticleResult, RecordError, text_hash
from ..store.parquet import Writer, article_key, filesystem, prepare
from .local import RunnerError

EXTENSIONS = (*SUPPORTED_EXTENSIONS, ".parquet")
BATCH_SIZE = 64  # articles per actor call, and so per committed Parquet batch
BLOCK_BYTES = 1  # so that every row (one batch of records) is a Ray block of its own: see _configure
OBJECT_STORE_BYTES = 300 * 2**20  # of a local Ray instance; the records in flight are small
INSTALL = "pip install 'eventwire[ray]'"


class RayMissingError(RuntimeError):
    """Ray is not installed (it is an optional extra)."""


def _import_ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayMissingError(f"the Ray engine needs Ray, which is not installed: {INSTALL}") from None
    return ray


@dataclasses.dataclass
class Written:
    """What the driver hears of an analysed article (the result itself stays in the dataset)."""

    id: str
    origin: str
    warnings: list[str]


def list_inputs(specs: list[str]) -> tuple[list[str], list[RecordError]]:
    """The input files (paths or URIs) of `specs` — files, directories (searched recursively for the
    supported extensions, hidden files skipped), local glob patterns — and an error per spec that has none."""
    files: list[str] = []
    errors: list[RecordError] = []
    for spec in specs:
        fs, path = filesystem(spec)
        info = fs.get_file_info(path)
        if info.type == pafs.FileType.File:
            files.append(spec)
        elif info.type == pafs.FileType.Directory:
            found = sorted(str(PurePosixPath(f.path).relative_to(path))
                           for f in fs.get_file_info(pafs.FileSelector(path, recursive=True))
                           if f.type == pafs.FileType.File)
            found = [r for r in found if not any(p.startswith(".") for p in PurePosixPath(r).parts)
                     and PurePosixPath(r).suffix.lower() in EXTENSIONS]
            files.extend(f"{spec.rstrip('/')}/{r}" for r in found)
            if not found:
                errors.append(RecordError(spec, f"no supported input files in directory "
                                                f"(supported: {' '.join(EXTENSIONS)})"))
        elif "://" not in spec and GLOB_CHARS.search(spec) and (
                matches := sorted(m for m in glob.glob(spec, recursive=True) if Path(m).is_file())):
            files.extend(matches)
        else:
            errors.append(RecordError(spec, "input not found"))
    return files, errors


def read_file(uri: str, published: str | None) -> Iterator[Article | RecordError]:
    """The records of one input file, read as the local engine reads it; Parquet files have the
    same columns as JSON records (only `text` is required) and origins "file:row N"."""
    if Path(uri).suffix.lower() == ".parquet":
        yield from _read_parquet(uri, published)
    elif "://" not in uri:
        yield from _read_path(Path(uri), published)
    else:
        fs, path = filesystem(uri)
        try:
            with fs.open_input_stream(path) as stream:
                data = stream.read()
        except OSError as err:
            yield RecordError(uri, f"cannot read file: {err}")
            return
        suffix = PurePosixPath(path).suffix.lower()
        yield from _read_bytes(data, suffix if suffix in SUPPORTED_EXTENSIONS else None, uri, published)


def _read_parquet(uri: str, published: str | None) -> Iterator[Article | RecordError]:
    import pyarrow.parquet as pq

    fs, path = filesystem(uri)
    row = 0
    try:
        with fs.open_input_file(path) as source:
            for batch in pq.ParquetFile(source).iter_batches(batch_size=1024):
                for record in batch.to_pylist():
                    row += 1
                    yield record_to_article(record, f"{uri}:row {row}", published)
    except Exception as err:  # noqa: BLE001  pyarrow raises several kinds for a bad file
        yield RecordError(uri if row == 0 else f"{uri}:row {row + 1}", f"cannot read Parquet: {err}")
    if row == 0:
        yield RecordError(uri, "empty file")


def _absolute(uri: str) -> str:
    return uri if "://" in uri else str(Path(uri).resolve())


def _chunks(row: dict[str, Any], published: str | None, size: int) -> Iterator[dict[str, list[str]]]:
    """Ray task: one input file → one row per `size` records (the actors' batch), each record as JSON.
    The file is read by its absolute path (a Ray worker has its own working directory), and named as
    the user did."""
    kinds: list[str] = []
    data: list[str] = []
    for item in read_file(row["path"], published):
        if item.origin.startswith(row["path"]):
            item.origin = row["name"] + item.origin[len(row["path"]):]
        kinds.append("error" if isinstance(item, RecordError) else "article")
        data.append(json.dumps(dataclasses.asdict(item), ensure_ascii=False))
        if len(data) == size:
            yield {"kind": kinds, "data": data}
            kinds, data = [], []
    if data:
        yield {"kind": kinds, "data": data}


class _Extractor:
    """Ray actor: loads the Pipeline once, analyses batches of records and writes their results."""

    def __init__(self, out: str, options: dict, done: list) -> None:
        import ray

        self.pipeline = Pipeline(**options)
        self.writer = Writer(out)
        self.done: frozenset[str] = ray.get(done[0])

    def __call__(self, chunks) -> dict[str, list[str]]:
        kinds, data = chunks["kind"].combine_chunks().flatten(), chunks["data"].combine_chunks().flatten()
        items = [RecordError(**json.loads(d)) if k == "error" else Article(**json.loads(d))
                 for k, d in zip(kinds.to_pylist(), data.to_pylist())]
        todo = [x for x in items if isinstance(x, Article)
                and article_key(text_hash(x.text), x.published) not in self.done]
        results = dict(zip(map(id, todo), self.pipeline.process(todo)))
        good = [r for r in results.values() if isinstance(r, ArticleResult)]
        try:
            self.writer.write(good)
        except Exception as err:  # noqa: BLE001  reported per record, the run goes on
            for key, r in results.items():
                if isinstance(r, ArticleResult):
                    results[key] = RecordError(r.origin, f"writing the Parquet output failed: {err}", r.id)
        return {"report": [[json.dumps(_report(x, results.get(id(x)))) for x in items]]}


def _report(item: Article | RecordError, result: ArticleResult | RecordError | None) -> dict:
    if isinstance(item, RecordError):
        return {"error": dataclasses.asdict(item)}
    if result is None:
        return {"skipped": item.id}
    if isinstance(result, RecordError):
        return {"error": dataclasses.asdict(result)}
    counts = {k: len(getattr(result, k)) for k in ("entities", "actors", "events", "quotes", "warnings")}
    return {"written": {"id": result.id, "origin": result.origin, "warnings": result.warnings},
            "counts": counts, "words": len(result.text.split())}


def _start_local_ray(ray, workers: int) -> str:
    """A Ray instance on this machine for this run: `workers` CPUs, no dashboard, logs in a temp dir,
    and no usage statistics sent out (Ray sends them by default; RAY_USAGE_STATS_ENABLED=1 allows it)."""
    temp = tempfile.mkdtemp(prefix="eventwire-ray-")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=workers, object_store_memory=OBJECT_STORE_BYTES, include_dashboard=False,
             _temp_dir=temp, logging_level=logging.ERROR, log_to_driver=False)
    return temp


def _configure(ray) -> None:
    """One batch of records per Ray block, so that an actor call takes exactly one batch and the
    batches go to whichever actor is free (larger blocks went whole to one actor and left the others
    idle at the end of a run); no progress bars or tuning hints: eventwire reports on the run itself."""
    context = ray.data.DataContext.get_current()
    context.target_max_block_size = BLOCK_BYTES
    context.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=UserWarning, module="ray.data")


def run(inputs: list[str], out: str, workers: int = 1, address: str | None = None, published: str | None = None,
        max_chars: int | None = None, summary: Summary | None = None,
        on_item: Callable[[Any], None] | None = None, batch_size: int = BATCH_SIZE) -> Summary:
    """Analyse `inputs` on Ray with `workers` actors into the Parquet dataset `out`.

    Articles already in `out` (same text and publication date) are skipped. Without `address` a local
    Ray instance is started (unless this process is already connected to one) and stopped at the end.
    `on_item` sees a RecordError per bad record and a `Written` per analysed article, as they finish.
    """
    ray = _import_ray()
    summary = summary if summary is not None else Summary()
    started = time.perf_counter()
    files, errors = list_inputs(inputs)
    done = prepare(out)

    def report(item: Any) -> None:
        if on_item is not None:
            on_item(item)
        summary.seconds = time.perf_counter() - started

    for error in errors:
        summary.failed += 1
        report(error)
    if not files:
        return summary
    connected_here = not ray.is_initialized()
    temp = None
    if connected_here and address is None:
        temp = _start_local_ray(ray, workers)
    elif connected_here:
        try:
            ray.init(address=address, logging_level=logging.ERROR)
        except (ConnectionError, RuntimeError, ValueError) as err:
            raise RunnerError(f"cannot connect to the Ray cluster at {address}: {err}") from None
    try:
        _configure(ray)
        options = {"max_chars": max_chars} if max_chars else {}
        paths = [{"name": f, "path": _absolute(f)} for f in files]
        # A batch is one row of the dataset; an actor takes one at a time, the next when it is free.
        dataset = (ray.data.from_items(paths)
                   .flat_map(_chunks, fn_kwargs={"published": published, "size": batch_size}, num_cpus=0)
                   .map_batches(_Extractor, batch_size=1, batch_format="pyarrow",
                                compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=1),
                                fn_constructor_kwargs={"out": _absolute(out), "options": options,
                                                       "done": [ray.put(frozenset(done))]}))
        for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
            for line in batch["report"].combine_chunks().flatten().to_pylist():
                report(_tally(json.loads(line), summary))
    except ray.exceptions.RayError as err:
        raise RunnerError(f"the Ray run failed: {str(err).strip().splitlines()[-1]}; the batches written so far "
                          "are complete, run again to finish") from None
    finally:
        if connected_here:
            ray.shutdown()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
        summary.seconds = time.perf_counter() - started
    return summary


def _tally(report: dict, summary: Summary) -> Any:
    """Count one record's report in `summary`; returns what the caller's `on_item` sees."""
    if "error" in report:
        summary.failed += 1
        return RecordError(**report["error"])
    summary.articles += 1
    if "skipped" in report:
        summary.cached += 1
        return Written(report["skipped"], "", [])
    for key, n in report["counts"].items():
        setattr(summary, key, getattr(summary, key) + n)
    summary.words += report["words"]
    summary.stored += 1
    return Written(**report["written"])


def check_output(out: str) -> str | None:
    """Why the dataset directory `out` cannot be written, or None (local paths only are checked)."""
    if out == "-" or "://" in out:
        return "the Ray engine writes a Parquet dataset: give --out DIRECTORY" if out == "-" else None
    path = Path(out)
    if path.exists() and not path.is_dir():
        return "it exists and is not a directory"
    parent = path if path.exists() else path.parent
    if not parent.is_dir():
        return f"no such directory {parent}"
    if not os.access(parent, os.W_OK):
        return "permission denied"
    return None
