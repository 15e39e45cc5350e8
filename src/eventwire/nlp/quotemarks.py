"""Where the quotation marks of a text open and close.

Double quotes, straight or curly (or written as two apostrophes), pair up within a paragraph (a straight
mark is closed only by a straight one, so curly marks inside it are a nested quotation); a paragraph that opens a quote
without closing it continues into the next paragraph when that one opens with a quotation mark
(the wire convention for long quotes). Single quotes count only where they cannot be
apostrophes: an opening mark after a space or line start, a closing one before a space or
punctuation, with at least two words between them.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

OPEN_DOUBLE = "“\""
CLOSE_DOUBLE = "”\""
SINGLE = re.compile(r"(?<![\w’'])[‘'](?=\w)([^‘’'\n]*?\w[.,!?]?)[’'](?![\w’'])")


def _double_regions(text: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    start = None
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if start is None:
            if ch in OPEN_DOUBLE and (ch == "“" or i == 0 or not text[i - 1].isalnum()):
                start = i
        elif ch in CLOSE_DOUBLE and i > start and (ch == text[start] or text[start] == "“"):
            regions.append((start, i + 1))
            start = None
        elif ch == "“" and text[start] == "“" and text[i - 1] in " \n":
            start = i  # an unclosed quote earlier in the line: restart at the new opening mark
        elif ch == "\n":
            nxt = i + 1
            while nxt < n and text[nxt] in " \t\n":
                nxt += 1
            if nxt < n and text[nxt] in OPEN_DOUBLE:
                i = nxt  # the quote goes on in the next paragraph
            else:
                regions.append((start, i))  # closed by the paragraph end
                start = None
        i += 1
    if start is not None:
        regions.append((start, n))
    return regions


@lru_cache(maxsize=64)
def quoted_regions(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each quotation, marks included, in text order, not nested."""
    doubles = _double_regions(text.replace("''", '" '))  # ''...'' (two apostrophes) is a double quote too
    singles = [(m.start(), m.end()) for m in SINGLE.finditer(text)
               if len(m.group(1).split()) >= 2 and not inside(doubles, m.start())]
    return tuple(sorted(doubles + singles))


def text_of(doc) -> str:
    """The text of a spaCy Doc, built once per document (`doc.text` joins all tokens on every access)."""
    key = ("eventwire", "text")
    if key not in doc.user_data:
        doc.user_data[key] = doc.text
    return doc.user_data[key]


def inside(regions, pos: int) -> bool:
    """Whether character `pos` lies within one of `regions` (sorted, not overlapping)."""
    k = bisect.bisect_right(regions, (pos, float("inf"))) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]
