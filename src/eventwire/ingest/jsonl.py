"""JSON Lines (one record per line) and JSON (a list of records or one record) inputs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.ingest.records import RecordError, decode_utf8, record_to_article, utf8_error
from eventwire.schema import Article


def read_jsonl(lines: Iterable[bytes], origin: str, default_published: str | None
               ) -> Iterator[Article | RecordError]:
    """One Article or RecordError per non-blank line; a bad line fails only itself. `lines` may
    be a binary file object, so big files are streamed."""
    seen_record = False
    for number, raw in enumerate(lines, start=1):
        raw = raw.rstrip(b"\r\n")
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        seen_record = True
        line_origin = f"{origin}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield RecordError(line_origin, utf8_error(exc))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(line_origin, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _to_article(record, line_origin, default_published)
    if not seen_record:
        yield RecordError(origin, "empty file")


def read_json(data: bytes, origin: str, default_published: str | None
              ) -> Iterator[Article | RecordError]:
    """Records of a JSON document: a list of records (origins "path:record N") or one record.
    Content that is not one JSON document but whose first line is a `{...}` object is read as
    JSON Lines (a JSONL file named .json, or JSONL on stdin)."""
    try:
        document = json.loads(decode_utf8(data))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        if looks_like_jsonl(data):
            yield from read_jsonl(data.split(b"\n"), origin, default_published)
        elif isinstance(exc, UnicodeDecodeError):
            yield RecordError(origin, utf8_error(exc))
        else:
            yield RecordError(f"{origin}:{exc.lineno}", f"malformed JSON: {exc.msg} (column {exc.colno})")
        return
    if isinstance(document, list):
        if not document:
            yield RecordError(origin, "JSON list has no records")
        for number, record in enumerate(document, start=1):
            yield _to_article(record, f"{origin}:record {number}", default_published)
    else:
        yield _to_article(document, origin, default_published)


def looks_like_jsonl(data: bytes, sample: int = 10) -> bool:
    """One JSON object per line: the first line is a whole object, or several of the first lines
    open one (so that a broken first line does not hide the good lines after it)."""
    lines = [x.strip() for x in data.removeprefix(b"\xef\xbb\xbf").split(b"\n", sample)[:sample] if x.strip()]
    if not lines or lines[0].startswith(b"["):
        return False
    return (lines[0].startswith(b"{") and lines[0].endswith(b"}")) or sum(x.startswith(b"{") for x in lines) >= 2


def _to_article(record: Any, origin: str, default_published: str | None) -> Article | RecordError:
    if not isinstance(record, dict):
        return RecordError(origin, f"record is not a JSON object (got {_json_type(record)})")
    return record_to_article(record, origin, default_published)


def _json_type(value: Any) -> str:
    names = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
