"""eventwire_actors: named actors of a document from its entities.

First level: countries and nationalities get their ISO3 code; persons, organizations and other
groups become actors without codes. A surname mention ("Blinken") joins the full name
("Antony Blinken") of the same document, even where the model took it for an organization.
Entities inside a wire dateline ("KYIV (Northgate News Service) -") are not actors.
Writes `doc._.actors` (list of Actor) and `doc._.ent_actors` (actor id or None per `doc.ents`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..kb.countries import countries
from ..schema import Actor
from .dateline import dateline_end

Doc.set_extension("actors", default=None, force=True)
Doc.set_extension("ent_actors", default=None, force=True)

ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = text.removeprefix("the ").removeprefix("The ")
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    return text


def _surname_index(ents: list[Span]) -> dict[str, list[tuple[int, str]]]:
    """Last token of each multi-word person name → [(position, full name)]."""
    index: dict[str, list[tuple[int, str]]] = {}
    for ent in ents:
        name = _clean(ent.text)
        if ent.label_ == "PERSON" and " " in name:
            index.setdefault(name.split()[-1].casefold(), []).append((ent.start_char, name))
    return index


def _full_name(ent: Span, surnames: dict[str, list[tuple[int, str]]]) -> str | None:
    """The full person name a one-word mention is the surname of: the nearest preceding one."""
    candidates = surnames.get(_clean(ent.text).casefold())
    if not candidates:
        return None
    preceding = [c for c in candidates if c[0] < ent.start_char]
    return (preceding[-1] if preceding else candidates[0])[1]


class ActorFinder:
    def __call__(self, doc: Doc) -> Doc:
        table = countries()
        surnames = _surname_index(list(doc.ents))
        actors: dict[tuple[str, str], Actor] = {}
        links: list[str | None] = []
        story_start = dateline_end(doc.text)
        for ent in doc.ents:
            key, actor = self._resolve(ent, table, surnames) if ent.start_char >= story_start else (None, None)
            if key is None:
                links.append(None)
                continue
            if key not in actors:
                actor.id = f"a{len(actors) + 1}"
                actors[key] = actor
            found = actors[key]
            if found.kind == "person" and len(_clean(ent.text)) > len(found.name):
                found.name = _clean(ent.text)
            found.mentions.append([ent.start_char, ent.end_char])
            links.append(found.id)
        doc._.actors = list(actors.values())
        doc._.ent_actors = links
        return doc

    @staticmethod
    def _resolve(ent: Span, table, surnames) -> tuple[tuple[str, str] | None, Actor | None]:
        label = ent.label_
        if label not in ACTOR_LABELS:
            return None, None
        if label in ("GPE", "NORP"):
            country = table.country(ent.text) if label == "GPE" else (
                table.nationality(ent.text) or table.country(ent.text))
            if country:
                return ("country", country.iso3), Actor("", country.name, "country", country=country.iso3)
            if label == "GPE":
                return None, None
            name = _clean(ent.text)
            return ("group", name.casefold()), Actor("", name, "group")
        # The model sometimes takes a bare surname for an organization ("Odhiambo told reporters").
        name = _full_name(ent, surnames) or _clean(ent.text)
        if label == "PERSON" or name != _clean(ent.text):
            return ("person", name.casefold()), Actor("", name, "person")
        return ("organization", name.casefold()), Actor("", name, "organization")


@Language.factory("eventwire_actors")
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder()
