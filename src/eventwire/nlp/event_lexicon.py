"""The event lexicon: which trigger words code which CAMEO event, and what each CAMEO code means.

Both tables are data files built by scripts/build_event_lexicon.py from the CAMEO verb dictionary,
the CAMEO code list with the CAMEO→PLOVER mapping, and the hand-written event_curation.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    goldstein: float
    quad: int
    type: str | None  # PLOVER type; None for statements (CAMEO root 01), which are not events
    mode: str | None


@dataclass(frozen=True)
class Entry:
    context: tuple[frozenset[str], ...]  # each group must match one word of the trigger's phrase
    code: str
    curated: bool


def _rows(name: str):
    text = files("eventwire.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return (line.split("\t") for line in lines[1:])


class Lexicon:
    def __init__(self) -> None:
        self.codes = {c: Code(c, name, float(g), int(q), t or None, m or None)
                      for c, name, g, q, t, m in _rows("cameo_codes.tsv")}
        self.entries: dict[tuple[str, str], list[Entry]] = {}
        for lemma, pos, context, code, origin in _rows("event_lexicon.tsv"):
            groups = tuple(frozenset(g.split("|")) for g in context.split())
            self.entries.setdefault((lemma, pos), []).append(Entry(groups, code, origin == "curated"))
        for entries in self.entries.values():  # curated rows first, then the most specific first
            entries.sort(key=lambda e: (not e.curated, -len(e.context)))

    def has(self, lemma: str, pos: str) -> bool:
        return (lemma, pos) in self.entries

    def match(self, lemma: str, pos: str, words: set[str]) -> tuple[Entry, Code] | None:
        """The first entry for `lemma` whose context words all occur in `words`: a curated one, else the
        most specific dictionary pattern. Its code may be a mere statement (no PLOVER type)."""
        for entry in self.entries.get((lemma, pos), ()):
            if all(group & words for group in entry.context):
                return entry, self.codes[entry.code]
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
