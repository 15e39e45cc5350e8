"""What every reader shares: the error record, text clean-up, dates, and record → Article."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from eventwire.schema import Article, RecordError


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 and drop a leading BOM; raises UnicodeDecodeError (see `utf8_error`)."""
    return data.decode("utf-8").removeprefix("\ufeff")


def utf8_error(exc: UnicodeDecodeError) -> str:
    """Message naming the first bad byte and its offset in the bytes that were decoded."""
    return f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: str) -> str | None:
    """ISO 8601 date/datetime or RFC 2822 date → "YYYY-MM-DD" (the date as written, no
    time-zone conversion), or None if the value is neither."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (ValueError, TypeError):
        return None


def published_date(value: Any, default: str | None, warnings: list[str]) -> str | None:
    """The normalized `published` value of a record. A missing or empty value takes `default`;
    so does an unparseable one, with a warning."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    date = parse_date(str(value))
    if date is None:
        warnings.append(f"unparseable published date {str(value)!r} ignored"
                        + (f"; using {default}" if default else ""))
        return default
    return date


def _metadata(record: dict[str, Any], key: str, warnings: list[str]) -> str | None:
    """A metadata field as a stripped one-line string; numbers are converted, other types ignored."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        warnings.append(f"field {key!r} is not a string, ignored")
        return None
    text = " ".join(str(value).split()) if key == "title" else str(value).strip()
    return text or None


def record_to_article(record: dict[str, Any], origin: str, default_published: str | None
                      ) -> Article | RecordError:
    """Build an Article from a JSON object or CSV row with the fields id, title, text, published,
    url, source. `text` is kept as given apart from newline normalization, so offsets a caller
    computed on it stay valid. Unknown fields are ignored."""
    text = record.get("text")
    if text is None:
        return RecordError(origin, "record has no 'text' field")
    if not isinstance(text, str):
        return RecordError(origin, f"'text' is not a string (got {type(text).__name__})")
    if not text.strip():
        return RecordError(origin, "record has empty 'text'")
    warnings: list[str] = []
    return Article(
        text=normalize_newlines(text),
        id=_metadata(record, "id", warnings) or "",
        title=_metadata(record, "title", warnings),
        published=published_date(record.get("published"), default_published, warnings),
        url=_metadata(record, "url", warnings),
        source=_metadata(record, "source", warnings),
        author=_metadata(record, "author", warnings),
        origin=origin,
        warnings=warnings,
    )
