"""A run's Parquet dataset: one table per entity, partitioned by the article's publication date.

    OUT/articles/published=2024-03-06/part-<batch>.parquet
    OUT/events/published=2024-03-06/part-<batch>.parquet
    OUT/<table>/published=__HIVE_DEFAULT_PARTITION__/...    articles without a publication date

The columns of each table are those of the SQLite store's table (rows made by the same `flatten`),
less `published`, which is the Hive partition column of every table. Child rows (entities, actors,
quotes, places, times, events) link to their article by `article` = the article's `hash`.

A batch is committed per partition: its files are written under hidden temporary names, then
renamed, child tables first and the articles file last. An articles file is therefore the proof
that its batch is complete; `prepare` (run before every write) deletes temporary files and the
child files of a batch whose articles file never appeared (a run killed while committing).
OUT may be a local directory or any URI pyarrow has a filesystem for (s3://, gs://, hdfs://).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from ..schema import ArticleResult, text_hash
from .database import CHILD_TABLES, Store, flatten

TABLES = ("articles", *CHILD_TABLES)
PARTITION = "published"
NO_DATE = "__HIVE_DEFAULT_PARTITION__"  # pyarrow's, Spark's and Hive's name of the null partition
ARROW_TYPES = {"INTEGER": pa.int64(), "REAL": pa.float64()}  # anything else is a string
PART_FILE = re.compile(r"part-[0-9a-f]{32}\.parquet|\.part-[0-9a-f]{32}\.parquet\.tmp")
PARTITIONING = pads.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")


def filesystem(uri: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem and path of a local path or a URI (s3://bucket/run, gs://..., hdfs://...)."""
    if "://" not in uri:
        return pafs.LocalFileSystem(), Path(uri).resolve().as_posix()
    return pafs.FileSystem.from_uri(uri)


def schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of each table: the store's columns and types, without the partition column."""
    with Store(":memory:") as store:
        return {t: pa.schema([(name, ARROW_TYPES.get(kind.upper(), pa.string()))
                              for name, kind in store.types[t] if name != PARTITION]) for t in TABLES}


def article_key(digest: str, published: str | None) -> str:
    """What makes an article done: the same text (its `text_hash`) with the same publication date."""
    return f"{digest} {published or ''}"


def table_rows(result: ArticleResult) -> dict[str, list[dict]]:
    """The rows `result` makes in each table, as the store makes them."""
    key = text_hash(result.text)
    record = result.to_dict()  # the child rows are made from its dicts: one conversion, not two
    rows = {"articles": [{
        "hash": key, "id": result.id, "title": result.title, "url": result.url, "source": result.source,
        "author": result.author, "text": result.text, "warnings": json.dumps(result.warnings),
        "brief": json.dumps(result.brief), "record": json.dumps(record, ensure_ascii=False),
        "added": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}]}
    for table in CHILD_TABLES:
        rows[table] = [{"article": key, "n": n, **flatten(item)} for n, item in enumerate(record[table])]
    for table_list in rows.values():
        for row in table_list:
            for column, value in row.items():
                if isinstance(value, bool):  # SQLite stores booleans as integers
                    row[column] = int(value)
    return rows


class Writer:
    """Writes batches of results into the dataset at `uri`, each batch committed as described above."""

    def __init__(self, uri: str) -> None:
        self.fs, self.root = filesystem(uri)
        self.schemas = schemas()

    def write(self, results: list[ArticleResult]) -> None:
        """Write and commit one batch. The file names are a digest of the batch's articles, so a batch
        that is written again (a retried task) replaces its own files instead of adding copies."""
        by_date: dict[str, list[ArticleResult]] = defaultdict(list)
        for result in results:
            by_date[result.published or NO_DATE].append(result)
        for date, batch in by_date.items():
            digest = hashlib.sha256("\n".join(article_key(text_hash(r.text), r.published) for r in batch).encode())
            name = f"part-{digest.hexdigest()[:32]}.parquet"
            tables: dict[str, list[dict]] = defaultdict(list)
            for result in batch:
                for table, rows in table_rows(result).items():
                    tables[table].extend(rows)
            written = []
            for table in (*CHILD_TABLES, "articles"):  # the articles file is renamed last
                if not tables[table]:
                    continue
                folder = f"{self.root}/{table}/{PARTITION}={date}"
                self.fs.create_dir(folder, recursive=True)
                temporary = f"{folder}/.{name}.tmp"
                pq.write_table(pa.Table.from_pylist(tables[table], schema=self.schemas[table]), temporary,
                               filesystem=self.fs)
                written.append((temporary, f"{folder}/{name}"))
            for temporary, final in written:
                self.fs.move(temporary, final)


def _files(fs: pafs.FileSystem, root: str) -> list[pafs.FileInfo]:
    info = fs.get_file_info(root)
    if info.type == pafs.FileType.NotFound:
        return []
    if info.type != pafs.FileType.Directory:
        raise NotADirectoryError(f"{root} is not a directory")
    return [f for f in fs.get_file_info(pafs.FileSelector(root, recursive=True)) if f.type == pafs.FileType.File]


def prepare(uri: str) -> set[str]:
    """Make the dataset at `uri` consistent for another run: delete temporary files and the child files of
    batches that were never committed. Returns the keys (`article_key`) of the articles already written."""
    fs, root = filesystem(uri)
    ours = []  # (table, partition, file name, path) of the files this module writes
    for f in _files(fs, root):
        parts = Path(f.path).relative_to(root).parts
        if len(parts) == 3 and parts[0] in TABLES and PART_FILE.fullmatch(f.base_name):
            ours.append((*parts, f.path))
    committed = {(partition, name) for table, partition, name, _ in ours if table == "articles"}
    for _, partition, name, path in ours:
        if name.startswith(".") or (partition, name) not in committed:
            fs.delete_file(path)
    return {article_key(digest, published) for digest, published in _articles(fs, root, ["hash", PARTITION])}


def _articles(fs: pafs.FileSystem, root: str, columns: list[str]) -> Iterator[tuple]:
    """Rows of the committed articles files (hidden temporary files are not read)."""
    if fs.get_file_info(f"{root}/articles").type != pafs.FileType.Directory:
        return
    dataset = pads.dataset(f"{root}/articles", filesystem=fs, format="parquet", partitioning=PARTITIONING)
    for batch in dataset.to_batches(columns=columns, batch_size=1024):
        yield from zip(*(batch.column(c).to_pylist() for c in columns))


def read_results(uri: str) -> Iterator[ArticleResult]:
    """Every article of the dataset at `uri`, rebuilt from its stored record."""
    fs, root = filesystem(uri)
    if fs.get_file_info(f"{root}/articles").type != pafs.FileType.Directory:
        raise FileNotFoundError(f"{uri}: no articles table (not an eventwire Parquet run)")
    for (record,) in _articles(fs, root, ["record"]):
        yield ArticleResult.from_dict(json.loads(record))


def load(uri: str, store: Store, batch_size: int = 256) -> tuple[int, int]:
    """Add the articles of the dataset at `uri` to `store`; returns (articles read, articles new to the store)."""
    read = added = 0
    batch: list[ArticleResult] = []
    for result in read_results(uri):
        batch.append(result)
        if len(batch) >= batch_size:
            read, added = read + len(batch), added + store.add(batch)
            batch.clear()
    return read + len(batch), added + store.add(batch)

