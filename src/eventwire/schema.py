"""The `eventwire/1` output schema: plain dataclasses, JSON (de)serialization, ids.

External scorers read these field names; renaming or removing one bumps SCHEMA.
All spans are character offsets into the record's `text`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "eventwire/1"


def text_hash(text: str) -> str:
    """Content hash of an article text: the store's key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_id(text: str) -> str:
    """Stable id for a record that came without one."""
    return "h" + text_hash(text)[:16]


@dataclass
class Article:
    """One input article. `origin` says where it came from (file:line) for error messages."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    origin: str = ""
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = default_id(self.text)


@dataclass
class RecordError:
    """A file or record that could not be read or analysed; the batch goes on without it.

    `origin` names it: "path:line", "path:row N", "path:record N", "path" or "<stdin>:line".
    """

    origin: str
    message: str
    id: str | None = None


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class ActorSpan(Span):
    actor: str | None = None


@dataclass
class Entity:
    text: str
    label: str
    start: int
    end: int
    actor: str | None = None


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person, organization, country, group, generic
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[list[int]] = field(default_factory=list)
    kb_id: str | None = None


@dataclass
class Quote:
    id: str
    kind: str  # direct, indirect, mixed
    anonymous: bool
    speaker: ActorSpan | None
    cue: Span | None
    content: Span


@dataclass
class Place:
    id: str
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None


@dataclass
class Time:
    id: str
    text: str
    start: int
    end: int
    value: str | None


@dataclass
class SentenceSpan:
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    quad: int | None
    goldstein: float | None
    actor: ActorSpan | None
    recipient: ActorSpan | None
    trigger: Span
    sentence: SentenceSpan
    place: str | None
    date: str | None
    modality: str
    confidence: float


BRIEF_KEYS = ("who", "what", "when", "where", "why", "how")


@dataclass
class ArticleResult:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    brief: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(BRIEF_KEYS))
    warnings: list[str] = field(default_factory=list)
    schema: str = SCHEMA
    origin: str = field(default="", compare=False)  # where the input came from; not part of the record

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        # Key order of the contract: schema first, text after the metadata.
        order = ["schema", "id", "title", "url", "source", "author", "published", "text", "entities", "actors",
                 "quotes", "places", "times", "events", "brief", "warnings"]
        return {k: d[k] for k in order}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleResult:
        def span(x: dict | None, kind: type = Span):
            return None if x is None else kind(**x)

        return cls(
            schema=d.get("schema", SCHEMA),
            id=d["id"], text=d["text"], title=d.get("title"), url=d.get("url"),
            source=d.get("source"), author=d.get("author"), published=d.get("published"),
            entities=[Entity(**e) for e in d.get("entities", [])],
            actors=[Actor(**a) for a in d.get("actors", [])],
            quotes=[Quote(id=q["id"], kind=q["kind"], anonymous=q["anonymous"],
                          speaker=span(q.get("speaker"), ActorSpan), cue=span(q.get("cue")),
                          content=Span(**q["content"])) for q in d.get("quotes", [])],
            places=[Place(**p) for p in d.get("places", [])],
            times=[Time(**t) for t in d.get("times", [])],
            events=[Event(**{**e, "actor": span(e.get("actor"), ActorSpan),
                             "recipient": span(e.get("recipient"), ActorSpan),
                             "trigger": Span(**e["trigger"]),
                             "sentence": SentenceSpan(**e["sentence"])}) for e in d.get("events", [])],
            brief=d.get("brief") or dict.fromkeys(BRIEF_KEYS),
            warnings=list(d.get("warnings", [])),
        )
