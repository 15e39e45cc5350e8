"""Plain-text articles: the first non-empty line is the title, the rest is the text."""

from __future__ import annotations

from eventwire.ingest.records import RecordError, decode_utf8, normalize_newlines, utf8_error
from eventwire.schema import Article

MIN_LEDE_CHARS = 40  # shorter first lines (a byline, a kicker like "Analysis") are never taken for a lede


def read_text(data: bytes, origin: str, default_published: str | None) -> Article | RecordError:
    """One article from a text file. A file with a single non-empty line is all text, no title.
    A lede (the first body paragraph) that the body repeats verbatim later is dropped where it
    first appears, so it is not processed twice."""
    try:
        content = normalize_newlines(decode_utf8(data))
    except UnicodeDecodeError as exc:
        return RecordError(origin, utf8_error(exc))
    lines = _strip_blank_edges(content.split("\n"))
    if not lines:
        return RecordError(origin, "empty file")
    if len(lines) == 1:
        return Article(text=lines[0].strip(), published=default_published, origin=origin)
    body = _strip_blank_edges(lines[1:])
    if _is_repeated_lede(body):
        body = _strip_blank_edges(body[1:])
    return Article(text="\n".join(body).strip(), title=lines[0].strip(), published=default_published,
                   origin=origin)


def _is_repeated_lede(body: list[str]) -> bool:
    """The first body line is a sentence-long lede that a later line repeats (after a dateline, say)."""
    lede = body[0].strip()
    return len(lede) >= MIN_LEDE_CHARS and any(lede in line for line in body[1:])


def _strip_blank_edges(lines: list[str]) -> list[str]:
    """The lines without leading and trailing blank (whitespace-only) lines."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]
