"""Input expansion (files, directories, glob patterns, stdin) and dispatch to the format readers."""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from eventwire.ingest.csvfile import read_csv
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import looks_like_jsonl, read_json, read_jsonl
from eventwire.ingest.records import RecordError, parse_date
from eventwire.ingest.text import read_text
from eventwire.schema import Article

SUPPORTED_EXTENSIONS = (".txt", ".jsonl", ".json", ".csv", ".html", ".htm")
BINARY = f"binary file, not a supported input (supported: {' '.join(SUPPORTED_EXTENSIONS)})"
SNIFF_SIZE = 4096
HTML_TAG = re.compile(rb"<(?:html|body|p)[\s>]", re.IGNORECASE)
GLOB_CHARS = re.compile(r"[*?\[]")


def read_inputs(inputs: list[str], default_published: str | None = None, exclude: tuple[Path, ...] = ()
                ) -> Iterator[Article | RecordError]:
    """Yield one Article per record, or one RecordError per bad file/record, in input order.

    `inputs` are files (any name; unknown extensions are sniffed), directories (searched
    recursively for the supported extensions, hidden files skipped), glob patterns (every
    matching file, as if named one by one) and "-" for stdin. Directory contents and glob matches
    come sorted by path. `default_published` is the date of records that have none; it must be
    a date (ValueError otherwise). Files in `exclude` (the run's own output) are never read.
    Bad input data never raises.
    """
    if default_published is not None:
        date = parse_date(default_published)
        if date is None:
            raise ValueError(f"default published date {default_published!r} is not a date")
        default_published = date
    return _read_all(inputs, default_published, {p.resolve() for p in exclude})


def _read_all(inputs: list[str], default_published: str | None, exclude: set[Path]
              ) -> Iterator[Article | RecordError]:
    for spec in inputs:
        if spec == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), None, "<stdin>", default_published)
            continue
        paths = _expand(spec)
        if isinstance(paths, RecordError):
            yield paths
            continue
        for path in paths:
            if path.resolve() not in exclude:
                yield from _read_path(path, default_published)


def _expand(spec: str) -> list[Path] | RecordError:
    path = Path(spec)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _is_listed(p.relative_to(path)))
        return files or RecordError(spec, "no supported input files in directory "
                                         f"(supported: {' '.join(SUPPORTED_EXTENSIONS)})")
    if path.exists():
        return [path]
    if GLOB_CHARS.search(spec):
        matches = sorted(Path(m) for m in glob.glob(spec, recursive=True) if Path(m).is_file())
        if matches:
            return matches
    return RecordError(spec, "input not found")


def _is_listed(relative: Path) -> bool:
    """A directory entry to read: a supported extension, no hidden file or folder on the way."""
    hidden = any(part.startswith(".") for part in relative.parts)
    return not hidden and relative.suffix.lower() in SUPPORTED_EXTENSIONS


def _read_path(path: Path, default_published: str | None) -> Iterator[Article | RecordError]:
    origin = str(path)
    kind = path.suffix.lower() if path.suffix.lower() in SUPPORTED_EXTENSIONS else None
    try:
        if kind == ".jsonl":  # streamed line by line: JSONL files can be large
            with path.open("rb") as file:
                if b"\0" in file.read(SNIFF_SIZE):
                    yield RecordError(origin, BINARY)
                    return
                file.seek(0)
                yield from read_jsonl(file, origin, default_published)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield RecordError(origin, f"cannot read file: {exc.strerror or exc}")
        return
    if kind is not None:
        yield from _read_bytes(data, kind, origin, default_published)
        return
    sniffed = _sniff(data)
    note = (f"unknown file extension '{path.suffix}': read as {sniffed.lstrip('.')}" if path.suffix
            else f"no file extension: read as {sniffed.lstrip('.')}")
    for item in _read_bytes(data, sniffed, origin, default_published):
        if isinstance(item, Article):
            item.warnings.append(note)
        yield item


def _read_bytes(data: bytes, kind: str | None, origin: str, default_published: str | None
                ) -> Iterator[Article | RecordError]:
    """Records of one input's bytes; `kind` is its extension, None to sniff the content."""
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        yield RecordError(origin, "empty file")
        return
    if b"\0" in data:
        yield RecordError(origin, BINARY)
        return
    kind = kind or _sniff(data)
    if kind == ".xml":
        yield RecordError(origin, "XML (an RSS or Atom feed?) is not a supported input; "
                                  f"supported: {' '.join(SUPPORTED_EXTENSIONS)}")
    elif kind == ".jsonl":
        yield from read_jsonl(data.split(b"\n"), origin, default_published)
    elif kind == ".json":
        yield from read_json(data, origin, default_published)
    elif kind == ".csv":
        yield from read_csv(data, origin, default_published)
    elif kind in (".html", ".htm"):
        yield read_html(data, origin, default_published)
    else:
        yield read_text(data, origin, default_published)


def _sniff(data: bytes) -> str:
    """The format of content without a known extension: ".jsonl", ".json", ".html", ".xml" or ".txt"."""
    head = data[:SNIFF_SIZE].removeprefix(b"\xef\xbb\xbf").lstrip()
    if looks_like_jsonl(head):
        return ".jsonl"
    if head.startswith((b"{", b"[")):
        return ".json"
    if head.startswith(b"<") and HTML_TAG.search(head):
        return ".html"
    if head.startswith((b"<?xml", b"<rss", b"<feed")):
        return ".xml"
    return ".txt"
