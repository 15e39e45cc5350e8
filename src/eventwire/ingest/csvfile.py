"""CSV inputs: a header row naming the record fields (any case), a required `text` column.
The delimiter (comma, semicolon, tab or bar) is read off the header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from eventwire.ingest.records import RecordError, decode_utf8, record_to_article, utf8_error
from eventwire.schema import Article

# Article texts are often longer than the csv module's default 128 KiB field limit;
# size limits are the caller's business. (The limit is process-wide in the csv module.)
csv.field_size_limit(2**31 - 1)
DELIMITERS = ",;\t|"  # told apart by the header row


def read_csv(data: bytes, origin: str, default_published: str | None
             ) -> Iterator[Article | RecordError]:
    """One Article or RecordError per row. Rows are numbered as a spreadsheet shows them:
    the header is row 1, so the first record is "path:row 2". Blank rows are skipped."""
    try:
        content = decode_utf8(data)
    except UnicodeDecodeError as exc:
        yield RecordError(origin, utf8_error(exc))
        return
    first_line = content.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    rows = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next(rows, [])]
        if "text" not in header:
            yield RecordError(origin, f"CSV has no 'text' column (columns: {', '.join(header)})")
            return
        for number, row in enumerate(rows, start=2):
            if any(cell.strip() for cell in row):
                yield record_to_article(dict(zip(header, row, strict=False)), f"{origin}:row {number}",
                                        default_published)
    except csv.Error as exc:
        yield RecordError(f"{origin}:line {rows.line_num}", f"malformed CSV: {exc}")
