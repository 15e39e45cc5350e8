"""The actor knowledge base: known actors with dated roles and the names they go by.

`seed()` loads the shipped KB (compiled by scripts/build_kb.py into data/kb_actors.tsv, plus the
hand-curated data/actors_curated.tsv). Actors learned from processed articles (store/kb.py) are
added to a copy with `with_learned`. Names are matched exactly after normalization (case, spaces,
a leading "the", a trailing possessive).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


def name_key(text: str) -> str:
    """How names are compared: case, spacing, accents, a leading "the" and a possessive do not count."""
    key = " ".join(text.replace("’", "'").split()).casefold().strip(" .,")
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    key = key.removeprefix("the ")
    for suffix in ("'s", "'"):
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


SOUNDS = re.compile(r"ph|x|q|c|j")
SOUND_OF = {"ph": "f", "x": "ks", "q": "k", "c": "k", "j": "y"}
SILENT = str.maketrans("", "", "aeiouhwy-'.")
DOUBLED = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """A name key as transliterations agree on it: each word's first letter and its consonants
    without h, w, y or doubled letters ("aleksandr lukashenko" and "alexander lukashenka" → "alksndr
    lksnk")."""
    words = SOUNDS.sub(lambda m: SOUND_OF[m.group()], key.replace("-", " ")).split()
    return DOUBLED.sub(r"\1", " ".join(w[0] + w[1:].translate(SILENT) for w in words))


def start_day(value: str) -> str:
    return value + "-01-01"[len(value) - 4:] if value else ""


def end_day(value: str) -> str:
    return value + "-12-31"[len(value) - 4:] if value else ""


HEAD_TITLES = ("president", "prime minister", "king", "queen", "chancellor", "emir", "supreme leader")


def _is_head(title: str | None) -> bool:
    return bool(title) and any(t in title.casefold() for t in HEAD_TITLES) and "vice" not in title.casefold() \
        and "deputy" not in title.casefold()


@dataclass(frozen=True)
class Role:
    country: str | None
    sector: str | None
    title: str | None = None
    start: str = ""  # ISO day it began ("" unknown)
    end: str = ""  # ISO day it ended ("" open or unknown)

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def covers(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass
class KBActor:
    kb_id: str
    kind: str
    name: str
    roles: list[Role] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    def role_at(self, day: datetime.date | None) -> Role | None:
        """The role held on `day`; without a date, the latest one. A person with dated roles but
        none on that day keeps only the country (2012 does not know Blinken as Secretary of State)."""
        dated = [r for r in self.roles if r.dated]
        undated = [r for r in self.roles if not r.dated]
        if day is None:
            if dated:
                return max(dated, key=lambda r: (r.end == "", r.start, r.end))
            return undated[0] if undated else None
        iso = day.isoformat()
        now = [r for r in dated if r.covers(iso)]
        if now:  # a head of state or government first, then the most recently started
            return max(now, key=lambda r: (_is_head(r.title), bool(r.title), r.start))
        if undated:
            return undated[0]
        return Role(self.roles[0].country, None) if self.roles else None

    def leads_on(self, day: datetime.date | None) -> bool:
        """Whether a head of state or government role of theirs covers `day` (any, without a day)."""
        return any(_is_head(r.title) and (day is None or r.covers(day.isoformat())) for r in self.roles)

    def countries(self) -> set[str]:
        return {r.country for r in self.roles if r.country}


def _parse(kb_id: str, lines: list[str]) -> KBActor:
    actor = None
    for line in lines:
        _, kind, name, country, sector, title, start, end, aliases = (line.split("\t") + [""] * 9)[:9]
        if actor is None:
            actor = KBActor(kb_id, kind, name)
        if country or sector:
            actor.roles.append(Role(country or None, sector or None, title or None, start_day(start), end_day(end)))
        if aliases:
            actor.aliases.update(aliases.split("|"))
    assert actor is not None
    return actor


class KnowledgeBase:
    """Name index over actors kept as their raw table rows; an actor is parsed when it is looked up,
    which keeps loading the seed fast and small."""

    def __init__(self) -> None:
        self.rows: dict[str, list[str]] = {}  # kb_id → its table rows
        self.parsed: dict[str, KBActor] = {}
        self.names: dict[str, list[str]] = {}  # name key → kb_ids
        self.surnames: dict[str, list[str]] = {}  # learned persons only: last name key → kb_ids
        self.family: dict[str, list[str]] = {}  # every person: first and last name key → kb_ids
        self.curated: set[str] = set()  # kb_ids of hand-curated actors, preferred among namesakes
        self.sounds: dict[str, list[str]] | None = None  # skeleton of a person's name → kb_ids, made when needed

    def _index(self, name: str, kb_id: str) -> None:
        ids = self.names.setdefault(name, [])
        if kb_id not in ids:
            ids.append(kb_id)

    def read(self, text: str, curated: bool = False) -> None:
        """Add the actors of a kb_actors.tsv-format table (one row per role); an actor of a later
        table replaces the actor with the same kb_id."""
        header = True
        replaced: set[str] = set()
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            if header:
                header = False
                continue
            kb_id, kind, name, *_, aliases = line.split("\t")
            if kind == "person" and " " in name and kb_id not in self.rows:
                for word in {name.split()[0], name.split()[-1]}:  # either may be the family name
                    self.family.setdefault(name_key(word), []).append(kb_id)
            if kb_id in self.rows and kb_id not in replaced:
                self.rows[kb_id] = []
                self.parsed.pop(kb_id, None)
            replaced.add(kb_id)
            if curated:
                self.curated.add(kb_id)
            self.rows.setdefault(kb_id, []).append(line)
            self._index(name_key(name), kb_id)
            for alias in aliases.split("|") if aliases else ():
                self._index(alias, kb_id)

    def add(self, actor: KBActor) -> None:
        """Add an actor object (a learned one): it is found by its names and by its surname."""
        self.parsed[actor.kb_id] = actor
        for name in {name_key(actor.name), *actor.aliases}:
            self._index(name, actor.kb_id)
        if actor.kind == "person" and " " in actor.name:
            ids = self.surnames.setdefault(name_key(actor.name.split()[-1]), [])
            if actor.kb_id not in ids:
                ids.append(actor.kb_id)

    def actor(self, kb_id: str) -> KBActor:
        if kb_id not in self.parsed:
            self.parsed[kb_id] = _parse(kb_id, self.rows[kb_id])
        return self.parsed[kb_id]

    def lookup(self, text: str) -> list[KBActor]:
        return [self.actor(i) for i in self.names.get(name_key(text), ())]

    def by_surname(self, text: str) -> list[KBActor]:
        """Learned persons whose surname this one-word name is."""
        return [self.actor(i) for i in self.surnames.get(name_key(text), ())]

    def namesakes(self, name: str, prefix: int = 1) -> list[KBActor]:
        """Persons who share a family name with a two-word-or-longer name the KB does not know as it is
        spelled, and whose other name begins with the same `prefix` letters as this one's ("Nursultan
        Abishuly Nazarbayev" → "Nursultan Nazarbayev"; a family name given first with the whole given name, "Orban Viktor" →
        "Viktor Orban"); failing that, persons whose name has the same skeleton (`skeleton`)."""
        words = name_key(name).split()
        if len(words) < 2:
            return []
        found = []
        for family, given, n in ((words[-1], words[0], prefix), (words[0], words[-1], None)):
            for actor in (self.actor(i) for i in self.family.get(family, ())):
                others = [w for w in name_key(actor.name).split() if w != family]
                # a family name given first must be followed by the whole given name ("Orban Viktor"),
                # so that "Foreign Ministry" is nobody called "Foreign Minister ..."
                if any(w == given if n is None else w[:n] == given[:n] for w in others) and actor not in found:
                    found.append(actor)
        return found or [self.actor(i) for i in self._sounds().get(skeleton(name_key(name)), ()) if i in self.rows]

    def _sounds(self) -> dict[str, list[str]]:
        """Persons by the skeleton of their names and aliases (of four consonants or more, two words or
        more), made from the name index when first needed."""
        if self.sounds is None:
            self.sounds = {}
            for key, ids in self.names.items():
                persons = [i for i in ids if i in self.rows and self.rows[i][0].split("\t", 2)[1] == "person"]
                sound = skeleton(key) if persons else ""
                if " " in sound and len(sound.replace(" ", "")) >= 4:
                    found = self.sounds.setdefault(sound, [])
                    found.extend(i for i in persons if i not in found)
        return self.sounds

    def with_learned(self, learned: list[KBActor]) -> KnowledgeBase:
        """A copy that also knows `learned`; the seed's rows are shared, not copied."""
        kb = KnowledgeBase()
        kb.rows, kb.parsed, kb.family, kb.curated = self.rows, dict(self.parsed), self.family, self.curated
        kb.sounds = self.sounds
        kb.names = {k: list(v) for k, v in self.names.items()} if learned else self.names
        for actor in learned:
            if actor.kb_id in kb.rows or actor.kb_id in kb.parsed:  # what the store learned about a seed actor
                seeded = kb.actor(actor.kb_id)
                actor = KBActor(actor.kb_id, seeded.kind, seeded.name, actor.roles + seeded.roles,
                                actor.aliases | seeded.aliases)
            kb.add(actor)
        return kb


@lru_cache(maxsize=1)
def seed() -> KnowledgeBase:
    kb = KnowledgeBase()
    data = resources.files("eventwire.data")
    kb.read(data.joinpath("kb_actors.tsv").read_text("utf-8"))
    kb.read(data.joinpath("actors_curated.tsv").read_text("utf-8"), curated=True)
    return kb
