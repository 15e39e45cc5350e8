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
        # Rows stay text until their lemma is first looked up: most lemmas never occur in a run.
        self._rows: dict[tuple[str, str], list[str]] = {}
        for line in files("eventwire.data").joinpath("event_lexicon.tsv").read_text(encoding="utf-8").splitlines():
            if not line or line.startswith(("#", "lemma\t")):
                continue
            lemma, pos, rest = line.split("\t", 2)
            self._rows.setdefault((lemma, pos), []).append(rest)
        self._entries: dict[tuple[str, str], list[Entry]] = {}

    def entries(self, lemma: str, pos: str) -> list[Entry]:
        key = (lemma, pos)
        if key not in self._entries:
            entries = []
            for row in self._rows.get(key, ()):
                context, code, origin = row.split("\t")
                groups = tuple(frozenset(g.split("|")) for g in context.split())
                entries.append(Entry(groups, code, origin == "curated"))
            entries.sort(key=lambda e: (not e.curated, -len(e.context)))  # curated first, then most specific
            self._entries[key] = entries
        return self._entries[key]

    def has(self, lemma: str, pos: str) -> bool:
        return (lemma, pos) in self._rows

    def match(self, lemma: str, pos: str, words: set[str]) -> tuple[Entry, Code] | None:
        """The first entry for `lemma` whose context words all occur in `words`: a curated one, else the
        most specific dictionary pattern. Its code may be a mere statement (no PLOVER type)."""
        for entry in self.entries(lemma, pos):
            if all(group & words for group in entry.context):
                return entry, self.codes[entry.code]
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
