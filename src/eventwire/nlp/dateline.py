"""Wire-copy datelines: "ADDIS ABABA, Feb 15 (Meridian Wire) — ..." at the start of a text."""

from __future__ import annotations

import re

# An upper-case place, an optional date, the agency in parentheses, then a dash.
DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z'’.\- ]*[A-Z.])(?:,\s*[^()\n]{1,40}?)?\s*\((?P<agency>[^()\n]{2,60})\)\s*[—–-]+\s*"
)


def dateline_end(text: str) -> int:
    """Offset where the story proper begins: after the dateline, or 0 when there is none."""
    match = DATELINE.match(text)
    return match.end() if match else 0
