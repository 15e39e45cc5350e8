"""HTML news pages: the article body and metadata as found by trafilatura."""

from __future__ import annotations

import trafilatura
from trafilatura.settings import set_date_params

from eventwire.ingest.records import RecordError, normalize_newlines, published_date
from eventwire.schema import Article


def read_html(data: bytes, origin: str, default_published: str | None) -> Article | RecordError:
    """One article from an HTML page; trafilatura detects the encoding.

    Two trafilatura passes, chosen on the project's article-extraction dev set: the text comes
    from `fast` mode (the best body text there), but on a page without an article (a menu, a
    section front of teasers) that mode returns the menu, so whether there is an article at all
    is decided by the stricter `favor_precision` + `fast` mode, which finds nothing on such pages.
    The date comes from the page's metadata and markup only: htmldate's extensive search guesses
    dates from any text (a "(c) 2023" footer becomes 2023-01-01), and a wrong `published`
    misdates every event. `source` is the site name (trafilatura falls back to the URL's host
    name). A heading repeated as the first line of the text is dropped.
    """
    try:
        found = trafilatura.bare_extraction(data, favor_precision=True, fast=True)
        doc = found and found.text and trafilatura.bare_extraction(
            data, with_metadata=True, fast=True, date_extraction_params=set_date_params(extensive=False))
    # Broken markup can make the parsers raise (htmldate hits an AssertionError in lxml on some
    # fuzzed pages): report it as bad input, never crash the run.
    except Exception as exc:  # noqa: BLE001
        return RecordError(origin, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    text = normalize_newlines(doc.text or "").strip() if doc else ""
    if not text:
        return RecordError(origin, "no article text found in HTML")
    title = " ".join(doc.title.split()) if doc.title else None
    first_line, _, rest = text.partition("\n")
    if title and " ".join(first_line.split()) == title and rest.strip():
        text = rest.strip()
    warnings: list[str] = []
    return Article(
        text=text,
        title=title,
        published=published_date(doc.date, default_published, warnings),
        url=doc.url or None,
        source=doc.sitename or None,
        author=doc.author or None,
        origin=origin,
        warnings=warnings,
    )
