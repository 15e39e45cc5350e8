"""Writing store rows as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from itertools import islice

FORMATS = ("jsonl", "csv", "parquet")
PARQUET_BATCH = 10_000


def write_rows(rows: Iterable[dict], fmt: str, out: str, columns: list[tuple[str, str]]) -> int:
    """Write `rows` to `out` ("-" is stdout for jsonl and csv); returns the number of rows.

    `columns` are (name, SQLite type) pairs; they fix the CSV header and the Parquet schema.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "parquet":
        return _parquet(rows, out, columns)
    stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")
    n = 0
    try:
        if fmt == "csv":
            writer = csv.DictWriter(stream, fieldnames=[name for name, _ in columns])
            writer.writeheader()
        for n, row in enumerate(rows, 1):
            if fmt == "csv":
                writer.writerow(row)
            else:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdout:
            stream.close()
    return n


def _parquet(rows: Iterable[dict], out: str, columns: list[tuple[str, str]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if out == "-":
        raise ValueError("Parquet cannot be written to stdout; give --out FILE.parquet")
    types = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    schema = pa.schema([(name, types.get(kind.upper(), pa.string())) for name, kind in columns])
    it = iter(rows)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        while batch := list(islice(it, PARQUET_BATCH)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n
