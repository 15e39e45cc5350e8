"""eventwire_actors: every actor mention of a document, coded with kind, country, sector and role.

- Persons: a title before the name ("Israeli Prime Minister Benyamin Netanyahu") or in an
  apposition after it ("Harry Tseng, Taiwan's deputy foreign minister") gives role, sector and
  (through its modifier) country; otherwise the knowledge base does, with the role held on the
  publication date (`doc._.published`). Surname-only and title-only mentions ("Netanyahu", "the
  prime minister") join the full actor.
- Organizations and groups: the knowledge base (IGOs, armed groups, parties, agencies), else a
  country word and an agent word inside the name ("Peru's Defense Ministry" → PER GOV).
- Countries and nationalities → the country (sector GOV); breakaway states the knowledge base knows
  ("Transnistria") → the country they broke from, sector PRE, wherever named. Capitals and seats of power that act
  ("Washington said", "the Kremlin's response") are mentions of their government, and their
  entity spans (start_char, end_char) go to `doc._.acting_places` so the places component leaves
  them out.
- Generic agents: noun phrases ending in an agent word ("Israeli troops" → ISR MIL, "police" →
  POL of the country the document is about, "a senior State Department official" → USA GOV).
Entities inside a wire dateline are not actors. Writes `doc._.actors` (list of Actor),
`doc._.ent_actors` (actor id or None per `doc.ents`) and `doc._.acting_places`.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from spacy.attrs import DEP, ENT_IOB, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..kb.base import KBActor, KnowledgeBase, name_key, seed
from ..kb.countries import countries
from ..kb.lexicons import lexicons
from ..schema import Actor
from ..store import kb as learned
from .actor_context import acts, doc_ents, ent_at, ents_in, located_in, of_name_end, sentence_country, trim
from .dateline import dateline_end
from .titles import FORMER, title_after, title_before, title_inside, title_start

Doc.set_extension("actors", default=None, force=True)
Doc.set_extension("ent_actors", default=None, force=True)
Doc.set_extension("acting_places", default=None, force=True)

ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
STATE_SECTORS = {"GOV", "POL", "MIL", "JUD", "LEG", "SPY"}  # agents that belong to the country in context
MEMBER_NOUNS = frozenset({"officer", "official", "member", "employee", "staffer", "worker"})  # one of a body
PEOPLE_WORDS = {"ordinary", "average", "common", "everyday"}  # before a nationality: its people, not its state
PLACE_PREPS = {"to", "in", "at", "into", "from", "before"}
DROP_WORDS = {"the", "a", "an", "some", "several", "many", "two", "three", "four", "five", "other", "his", "her",
              "its", "their", "our", "this", "that", "these", "those"}


HONORIFICS = ("Mr ", "Mr. ", "Mrs ", "Mrs. ", "Ms ", "Ms. ", "Miss ", "Dr ", "Dr. ", "Sir ", "Dame ", "Lord ", "Lady ")


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = text.removeprefix("the ").removeprefix("The ")
    for honorific in HONORIFICS:  # "Mr Blair" is Blair
        if text.startswith(honorific) and len(text) > len(honorific):
            text = text[len(honorific):]
            break
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    return text


class _Found:
    """The actors of one document as they are found, keyed so that repeated mentions merge."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.actors: dict[tuple, Actor] = {}
        self.by_span: dict[tuple[int, int], Actor] = {}
        self.consumed: set[int] = set()  # tokens of titles before names, and of names found in noun phrases
        self.created = 0

    def add(self, key: tuple, start: int, end: int, name: str, kind: str, country=None, sector=None,
            role=None, kb_id=None) -> Actor:
        start, end = trim(self.text, start, end)
        if (start, end) in self.by_span:
            return self.by_span[(start, end)]
        actor = self.actors.get(key)
        if actor is None:
            self.created += 1
            actor = Actor(f"a{self.created}", name, kind, country, sector, role, [], kb_id)
            self.actors[key] = actor
        elif kind == "person" and len(name) > len(actor.name) and name.endswith(actor.name.split()[-1]):
            actor.name = name
        actor.mentions.append([start, end])
        self.by_span[(start, end)] = actor
        return actor

    def alias(self, key: tuple, actor: Actor) -> None:
        """`key` names `actor` too; an actor found earlier under that key is the same one and joins it."""
        earlier = self.actors.get(key)
        if earlier is not None and earlier is not actor:
            actor.mentions.extend(earlier.mentions)
            for k, a in self.actors.items():
                if a is earlier:
                    self.actors[k] = actor
            for span, a in self.by_span.items():
                if a is earlier:
                    self.by_span[span] = actor
        self.actors[key] = actor

    def final(self) -> list[Actor]:
        """The distinct actors in the order they were found, numbered a1, a2, ..."""
        actors = sorted({id(a): a for a in self.actors.values()}.values(), key=lambda a: int(a.id[1:]))
        for n, actor in enumerate(actors, 1):
            actor.id = f"a{n}"
            actor.mentions.sort()
        return actors


class ActorFinder:
    """Codes actors with the seed KB, plus the learned KB of a store once `use_store` is called: a
    snapshot is read then, and read again before a document when the store has changed since."""

    def __init__(self) -> None:
        self.kb: KnowledgeBase = seed()
        self.store: sqlite3.Connection | None = None
        self.version: int | None = None
        self.heads = None  # (the vocabulary's StringStore, hashes of the last words of titles and agents)

    def use_store(self, path: str) -> None:
        self.store = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
        self._refresh()

    def _refresh(self) -> None:
        assert self.store is not None
        try:
            version = learned.data_version(self.store)
            if version != self.version:
                self.kb = seed().with_learned(learned.snapshot(self.store))
                self.version = version
        except sqlite3.Error:  # a store without the KB tables yet: the seed KB alone
            self.kb = seed()

    def __call__(self, doc: Doc) -> Doc:
        if self.store is not None:
            self._refresh()
        text = doc.text  # built from the tokens on every access
        found = _Found(text)
        acting: set[tuple[int, int]] = set()
        story_start = dateline_end(text)
        doc.user_data.pop("eventwire_ents", None)
        ents = [e for e in doc_ents(doc) if e.start_char >= story_start
                and (e.label_ in ACTOR_LABELS or self.kb.by_surname(e.text))  # a surname the store learned
                and not self._named_thing(doc, e)]
        surnames = {_clean(e.text).split()[-1] for e in ents if e.label_ == "PERSON" and " " in _clean(e.text)}
        ents += self._bare_surnames(doc, text, surnames, story_start)
        ents.sort(key=lambda e: e.start)
        context = self._main_country([e for e in doc_ents(doc) if e.start_char >= story_start], text[:story_start])
        table = countries()
        persons = [e for e in ents if (e.label_ == "PERSON" or self._surname_of(e, ents) or self.kb.by_surname(e.text))
                   and not (table.country(e.text) or table.nationality(e.text))  # "Benin", "Ugandan" as persons
                   and e.text not in lexicons().places]  # "Manchester" as a person
        for ent in persons:
            self._person(doc, ent, ents, found, context)
        for chunk in self._noun_phrases(doc):
            if chunk.start_char >= story_start:
                self._agent(doc, chunk, found, context)
        acronyms: dict[str, Actor] = {}
        for ent in ents:
            if ent.text in acronyms:  # "CFVC" after "the Ceasefire Violations Committee (CFVC)"
                actor = acronyms[ent.text]
                found.add(next(k for k, a in found.actors.items() if a is actor), ent.start_char, ent.end_char,
                          actor.name, actor.kind)
            elif (ent.start_char, ent.end_char) not in found.by_span \
                    and not found.consumed.issuperset(range(ent.start, ent.end)):
                self._entity(doc, ent, found, acting)
            actor = found.by_span.get(trim(text, ent.start_char, ent.end_char))
            if actor is not None and ent.label_ == "ORG" and ent.end + 2 < len(doc) and doc[ent.end].text == "(" \
                    and doc[ent.end + 2].text == ")" and doc[ent.end + 1].is_upper:
                acronyms[doc[ent.end + 1].text] = actor
        for t in doc if acronyms else ():  # the acronyms the model found no entity in
            if t.text in acronyms and not t.ent_type_:
                actor = acronyms[t.text]
                found.add(next(k for k, a in found.actors.items() if a is actor), t.idx, t.idx + len(t), actor.name,
                          actor.kind)
        doc._.actors = found.final()
        doc._.ent_actors = [self._link(e, found) for e in doc_ents(doc)]
        doc._.acting_places = acting
        doc.user_data.pop("eventwire_ents", None)  # spans do not belong in serializable user data
        return doc

    def _named_thing(self, doc: Doc, ent: Span) -> bool:
        """A "person" right after "the" that the KB does not know names a thing ("the Kunene river")."""
        return ent.label_ == "PERSON" and ent.start > 0 and doc[ent.start - 1].lower_ == "the" \
            and not self.kb.lookup(ent.text)

    def _bare_surnames(self, doc: Doc, text: str, surnames: set[str], story_start: int) -> list[Span]:
        """One-word person mentions the model found no entity in: surnames of the document's full
        names, or of persons the store learned."""
        words = {w.strip(".,;:!?\"'()“”‘’") for w in text[story_start:].split()}
        words = {w for w in words if w in surnames or self.kb.by_surname(w)}
        if not words:
            return []
        found = []
        for t in doc:
            if t.text in words and t.pos_ == "PROPN" and not t.ent_type_ and t.idx >= story_start:
                found.append(Span(doc, t.i, t.i + 1, label="PERSON"))
        return found

    def _noun_phrases(self, doc: Doc):
        """Noun phrases that may name an actor, found without walking every token in Python: those whose
        head is the last word of a title or agent phrase, and proper-noun phrases outside entities.
        Each runs from its head's left edge to the head ("the senior State Department official"), or
        to the end of a name going on with "of" ("Republic of China") unless the head ends a title
        ("the Prime Minister of Estonia")."""
        strings = doc.vocab.strings
        if self.heads is None or self.heads[0] is not strings:
            self.heads = (strings, {strings.add(w) for w in lexicons().last_words | MEMBER_NOUNS},
                          {strings.add(w) for w in lexicons().title_last_words})
        heads, titles = self.heads[1:]
        cols = doc.to_array([LEMMA, LOWER, POS, ENT_IOB, DEP])
        noun, propn, compound = (strings.add(x) for x in ("NOUN", "PROPN", "compound"))
        for i, (lemma, lower, pos, iob, dep) in enumerate(cols.tolist()):
            if pos not in (noun, propn) or dep == compound:
                continue
            if lemma in heads or lower in heads or (pos == propn and iob == 2):
                token = doc[i]
                title = iob == 2 and (lemma in titles or lower in titles)
                yield doc[min(token.left_edge.i, i):i + 1 if title else of_name_end(token)]

    # --- persons -------------------------------------------------------------------------------

    @staticmethod
    def _surname_of(ent: Span, ents: list[Span]) -> str | None:
        """The full person name a one-word mention is the surname of: the nearest preceding one."""
        word = _clean(ent.text).casefold()
        if " " in word:
            return None
        names = [(e.start_char, _clean(e.text)) for e in ents
                 if e.label_ == "PERSON" and " " in _clean(e.text) and _clean(e.text).split()[-1].casefold() == word]
        preceding = [n for n in names if n[0] < ent.start_char]
        return (preceding[-1] if preceding else names[0])[1] if names else None

    def _person(self, doc: Doc, ent: Span, ents: list[Span], found: _Found, context: str | None) -> None:
        name = _clean(ent.text)
        full = self._surname_of(ent, ents)
        if full is not None:
            key = ("person", full.casefold())
            if key in found.actors:
                found.add(key, ent.start_char, ent.end_char, full, "person")
                return
            name = full
        title = title_before(doc, ent) or title_after(doc, ent)
        inner = title_inside(doc, ent)
        mention = ent
        if inner is not None:
            ent, title = inner[0], title or inner[1]
        found.consumed.update(range(title_start(doc, ent, title), ent.start))
        role, sector, modifier = title if title else (None, None, None)
        country = body = None
        if modifier is not None:
            country, body = self._country_of(modifier)
            if body is None and modifier.label_ == "ORG":
                body = self._country_in(modifier)[1]
        sector = _sector_of_title(sector, body, country is not None and modifier.label_ != "ORG")
        if country and modifier.label_ != "NORP" and modifier not in doc_ents(doc):  # "Lithuanian", no entity
            self._country(found, country, modifier)
        bare = _clean(ent.text) if full is None else full
        candidates = (self.kb.lookup(f"{role} {bare}") if role else []) or self.kb.lookup(bare) \
            or (self.kb.by_surname(bare) if " " not in bare else [])
        if not candidates and " " in bare:  # a spelling the KB lacks; without a title, a closer one
            namesakes = self.kb.namesakes(bare, 1 if country or role else 3)
            candidates = [a for a in (self.kb.lookup(bare.split()[-1]) if country else []) + namesakes
                          if a.kind == "person" and (country is None or country in a.countries())
                          and (sector is None or any(r.sector == sector for r in a.roles))]
            if not (country or role) and len({c for a in candidates for c in a.countries()}) > 1:
                candidates = []  # without a title, only namesakes of one country
        if role:  # a namesake of another country, or the head of a body we cannot code, is someone else
            candidates = [a for a in candidates if sector and (country is None or country in a.countries())]
        elif context:  # untitled: someone of the story's country, or a head of state or government then
            candidates = [a for a in candidates if context in a.countries() or a.kind != "person"
                          or a.leads_on(doc._.published)]
        if not candidates and " " not in name and ent.label_ != "PERSON":
            return  # a one-word organization that is nobody's surname
        known = _choose(candidates, doc._.published, {country or context}, self.kb.curated)
        kb_role = known.role_at(doc._.published) if known else None
        if kb_role is not None:
            country = country or kb_role.country
            sector = sector or kb_role.sector
            role = role or kb_role.title
        if sector is None and role is None and known is None and ent.label_ != "PERSON":
            return
        if country is None and role is not None and sector in STATE_SECTORS | {"ELI"}:  # an office of the state:
            country = _place_in(role) or sentence_country(ent) or context  # "Kharkiv governor" → UKR
        key = ("person", (known.kb_id if known and full is None else name.casefold()))
        display = _clean(mention.text) if inner else known.name if known and " " not in name else name
        kind = "organization" if known and known.kind == "organization" and not title else "person"  # "the Houthis"
        found.add(key, mention.start_char, mention.end_char, display, kind,
                  country, sector, role, known.kb_id if known else None)
        if full is None and key[1] != name.casefold():
            found.alias(("person", name.casefold()), found.actors[key])

    # --- generic agents and title-only mentions ------------------------------------------------

    def _agent(self, doc: Doc, chunk: Span, found: _Found, context: str | None) -> None:
        if found.consumed.intersection(range(chunk.start, chunk.end)):
            return  # part of a name already found ("China" in "Republic of China"), or a title before one
        lex = lexicons()
        last = chunk[-1]
        if last.lemma_.lower() not in lex.last_words and last.lower_ not in lex.last_words \
                and last.lemma_.lower() not in MEMBER_NOUNS:
            if chunk.root.pos_ == "PROPN" and not self._known(doc, chunk, found):
                self._unknown_name(doc, chunk, found)
            return
        if chunk.root.pos_ == "PRON" or any(t.ent_type_ == "PERSON" for t in chunk) \
                and any(e.label_ == "PERSON" and not _country_code(countries(), e.text) for e in ents_in(chunk)):
            return  # a person's name ("Burkina Faso's" taken for one is not)
        if len(chunk) == 1 and last.tag_ == "NN" and last.dep_ == "pobj" and last.head.lower_ in PLACE_PREPS:
            return  # "went to court", "in parliament": a place, not an actor
        if self._known(doc, chunk, found):
            return
        if chunk.root.ent_type_:
            return  # an organization, group or country: the entity pass codes it
        words = [t.lower_ for t in chunk[:-1]] + [chunk[-1].lemma_.lower()]
        match = lex.title_at_end(words)
        is_title = match is not None and chunk.root.tag_ in ("NN", "NNP")
        match = match if is_title else lex.agent_at_end(words)
        body = lex.agent_at_end(words[:-1]) if words[-1] in MEMBER_NOUNS and (match is None or match[0] == 1) else None
        if body is not None:  # "an intelligence agency officer", "a party official": one of that body
            match, is_title = (body[0] + 1, body[1]), False
        if match is None:
            return
        n, sector = match
        start = next((t.i for t in chunk if t.lower_ not in DROP_WORDS and not t.like_num), chunk.end - n)
        span = doc[start:chunk.end]
        modifier = doc[chunk.start:chunk.end - n]
        table = countries()
        named = {c.iso3 for e in ents_in(modifier) if (c := table.nationality(e.text) or table.country(e.text))}
        if len(named) > 1:
            return  # "U.S. and Russian negotiators": two groups, each coded through its country word
        country, org_sector = self._country_in(chunk)
        if country and any(t.lower_ == "ethnic" for t in chunk):  # an ethnic group: the country it lives in
            country = sentence_country(chunk, other_than=country) or country
        if any(t.lower_ in FORMER for t in modifier):
            sector = "ELI"
        else:
            sector = _sector_of_title(sector, org_sector, country is not None)
        phrase = doc[chunk.end - n:chunk.end].text
        if is_title:
            body = self._body_of(chunk)
            if body is not None:  # "the president of the Chadian Human Rights League"
                body_country, body_sector = self._country_of(body)
                if body_country is None and body_sector is None:
                    body_country, body_sector = self._country_in(body)
                country = country or body_country
                sector = _sector_of_title(sector, body_sector, False) if body_sector or sector != "GOV" else None
            country = country or located_in(chunk)
            person = _holder(found, phrase, country)
            if person is not None:
                found.add(next(k for k, a in found.actors.items() if a is person), span.start_char, span.end_char,
                          person.name, "person")
                return
            country = country or (context if sector in STATE_SECTORS else None)
            found.add(("title", country, phrase.casefold()), span.start_char, span.end_char, _clean(span.text),
                      "person", country, sector, phrase)
            return
        head = chunk[-1].lemma_.lower()
        definite = chunk[0].lower_ == "the" or chunk[0].tag_ == "PRP$"  # "the fighters": those named before
        if country is None and (chunk.root.tag_ in ("NN", "NNP") or definite):
            same = [a for k, a in found.actors.items() if k[0] == "generic" and k[3] == head and k[2] == sector]
            if same:
                found.add(next(k for k, a in found.actors.items() if a is same[-1]), span.start_char, span.end_char,
                          same[-1].name, "generic")
                return
        country = country or located_in(chunk) or sentence_country(chunk) or context
        role = phrase if chunk.root.tag_ in ("NN", "NNP") and sector in STATE_SECTORS else None
        found.add(("generic", country, sector, head, chunk.root.tag_), span.start_char, span.end_char,
                  _clean(span.text), "generic", country, sector, role)

    @staticmethod
    def _body_of(chunk: Span) -> Span | None:
        """The organization a title is "of", when the model found it as one."""
        for prep in chunk.root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
                ent = ent_at(chunk.doc, obj.i) if obj is not None and obj.ent_type_ == "ORG" else None
                return ent
        return None

    def _known(self, doc: Doc, chunk: Span, found: _Found) -> bool:
        """A noun phrase the model found no entity in that names a known actor or country ("Boko Haram")."""
        start = next((t.i for t in chunk if t.lower_ not in DROP_WORDS), chunk.end)
        span = doc[start:chunk.end]
        if not span or not any(t.is_title or t.is_upper for t in span) \
                or found.consumed.intersection(range(span.start, span.end)) \
                or any(e.start == span.start and e.end == span.end for e in doc_ents(doc)):
            return False  # no name, or an entity of the same extent: the entity pass codes it
        found.consumed.update(range(span.start, span.end))
        country = countries().country(span.text)
        if country:
            self._country(found, country.iso3, span)
            return True
        candidates = self.kb.lookup(span.text)
        if not candidates and len(span) > 1 and all(t.is_title for t in span):  # a spelling the KB lacks
            candidates = self._namesakes(span.text)
        known = _choose(candidates, doc._.published, set(), self.kb.curated)
        if known is None:
            found.consumed.difference_update(range(span.start, span.end))
            return False
        role = known.role_at(doc._.published)
        found.add(("kb", known.kb_id), span.start_char, span.end_char, known.name, known.kind,
                  role.country if role else None, role.sector if role else None, role.title if role else None,
                  known.kb_id)
        return True

    def _namesakes(self, name: str) -> list[KBActor]:
        """Persons of one country the KB knows under a close spelling of an untitled name."""
        candidates = [a for a in self.kb.namesakes(name, 3) if a.kind == "person"]
        return candidates if len({c for a in candidates for c in a.countries()}) == 1 else []

    def _unknown_name(self, doc: Doc, chunk: Span, found: _Found) -> None:
        """A name the model found no entity in and the KB does not know, with a country word inside
        ("the Kenya Anti-Corruption Commission"): an organization of that country."""
        start = next((t.i for t in chunk if t.lower_ not in DROP_WORDS), chunk.end)
        span = doc[start:chunk.end]
        if len(span) < 2 or ents_in(span) or not all(t.is_title or t.is_punct for t in span):
            return
        country, sector = self._country_in(span)
        if country:
            found.add(("organization", name_key(span.text)), span.start_char, span.end_char, span.text,
                      "organization", country, sector)

    # --- organizations, groups, countries, seats of power --------------------------------------

    def _entity(self, doc: Doc, ent: Span, found: _Found, acting: set[tuple[int, int]]) -> None:
        table = countries()
        if ent.label_ == "ORG" and ent.end < len(doc) and doc[ent.end].lower_ == "of":  # the model cut the name
            ends = range(min(len(doc), ent.end + 6), ent.end + 1, -1)  # short: "Liberation Tigers | of Tamil Eelam"
            end = next((e for e in ends if self.kb.lookup(doc[ent.start:e].text)), None)
            if end is not None:
                found.consumed.update(range(ent.start, end))
                ent = Span(doc, ent.start, end, label="ORG")
        text = _clean(ent.text)
        seat = lexicons().seats.get(name_key(text))
        if seat is None and text in lexicons().cities and ent.label_ == "GPE":
            seat = (lexicons().cities[text], "GOV")  # a city that acts stands for its country
        if seat and not table.country(text) and ent.label_ in ("GPE", "FAC", "ORG", "PERSON"):
            if acts(doc, ent):
                iso3, sector = seat
                if sector == "GOV":
                    self._country(found, iso3, ent)
                else:
                    found.add(("seat", iso3, sector), ent.start_char, ent.end_char, text, "organization", iso3,
                              sector)
                acting.add((ent.start_char, ent.end_char))
            return
        if ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
            country = table.nationality(ent.text) if ent.label_ in ("NORP", "PERSON") else None
            country = country or table.country(ent.text) or table.nationality(ent.text)
            if country and ent.start > 0 and doc[ent.start - 1].lower_ == "ethnic":  # coded where they live
                iso3 = sentence_country(ent, other_than=country.iso3) or country.iso3
                found.add(("ethnic", iso3, name_key(text)), ent.start_char, ent.end_char, text, "group", iso3, "CVL")
                return
            if country and ent.start > 0 and doc[ent.start - 1].lower_ in PEOPLE_WORDS and table.nationality(ent.text):
                found.add(("people", country.iso3), doc[ent.start - 1].idx, ent.end_char,
                          doc[ent.start - 1:ent.end].text, "group", country.iso3, "CVL")  # "ordinary Iranians"
                return
            if country:
                self._country(found, country.iso3, ent)
                return
            if ent.label_ == "GPE" and not self._breakaway(text) \
                    or ent.label_ == "PERSON" and text in lexicons().places and not self.kb.lookup(text):
                return  # a place ("Kharkiv" taken for a person); a breakaway state is coded like a country
        candidates = self.kb.lookup(text)
        if not candidates and ent.label_ == "ORG" and 1 < len(ent) < 4 and all(t.is_title for t in ent):
            candidates = self._namesakes(text)  # a person the model took for an organization
        known = _choose(candidates, doc._.published, set(), self.kb.curated)
        if known is not None:
            role = known.role_at(doc._.published)
            found.add(("kb", known.kb_id), ent.start_char, ent.end_char, known.name,
                      "person" if known.kind == "person" else "organization",
                      role.country if role else None, role.sector if role else None, None, known.kb_id)
            return
        if ent.label_ == "FAC":
            return
        country, sector = self._country_in(ent)
        kind = "group" if ent.label_ == "NORP" else "organization"
        found.add((kind, text.casefold()), ent.start_char, ent.end_char, text, kind, country, sector)

    def _breakaway(self, text: str) -> bool:
        """A breakaway or unrecognised state ("Transnistria", sector PRE) that the KB knows."""
        return any(role.sector == "PRE" for actor in self.kb.lookup(text) for role in actor.roles)

    def _country(self, found: _Found, iso3: str, ent: Span) -> None:
        country = countries().by_iso3.get(iso3)
        found.add(("country", iso3), ent.start_char, ent.end_char, country.name if country else iso3, "country",
                  iso3, "GOV")

    def _country_of(self, span: Span) -> tuple[str | None, str | None]:
        """(country, sector) of a modifier: a country, nationality, seat of power or known organization."""
        table = countries()
        text = _clean(span.text)
        country = table.country(text) or table.nationality(text)
        if country:
            return country.iso3, None
        seat = lexicons().seats.get(name_key(text))
        if seat:
            return seat
        if text in lexicons().places:
            return lexicons().places[text], None
        known = _choose(self.kb.lookup(text), None, set(), self.kb.curated)
        role = known.role_at(None) if known else None
        return (role.country, role.sector) if role else (None, None)

    def _country_in(self, span: Span) -> tuple[str | None, str | None]:
        """The country and sector named inside a span (or by a possessive just before it: "Chile's
        Ministry of Mines"): its entities, else its country words and cities; the sector of its longest
        agent phrase."""
        country = sector = None
        doc = span.doc
        ents = ents_in(span)
        if span.start >= 2 and doc[span.start - 1].tag_ == "POS" and doc[span.start - 2].ent_type_:
            ents = [e for e in doc_ents(doc) if e.start <= span.start - 2 < e.end] + ents
        for ent in ents:
            if ent.label_ in ACTOR_LABELS and (ent.start != span.start or ent.end != span.end):
                country, sector = self._country_of(ent)
                if country or sector:
                    break
        if country is None:
            table = countries()
            places = lexicons().places
            for token in span:
                pair = doc[token.i:token.i + 2].text  # "Santa Marta"
                if (token.ent_type_ in ("GPE", "LOC", "ORG", "FAC") or token.ent_type_ == "PERSON" and token.ent_iob_ == "B"
                        and doc[token.i + 1:token.i + 2].text[:1].islower() or token.pos_ == "PROPN" and not token.ent_type_) \
                        and token.is_title and (pair in places or token.text in places):  # "the Kharkiv governor"
                    country = places.get(pair) or places[token.text]
                    break
                found = table.nationality(token.text) or (table.country(token.text) if token.is_title else None)
                if found:
                    country = found.iso3
                    break
        if sector is None:  # the longest agent phrase, the first of equally long ones
            words = [t.lower_.removesuffix("s") if t.tag_ == "NNPS" else t.lemma_.lower() for t in span]
            matches = [match for i in range(len(words)) if span[i].pos_ in ("NOUN", "PROPN")
                       if (match := lexicons().agent_at_end(words[: i + 1]))]
            sector = max(matches, key=lambda m: m[0])[1] if matches else None
        return country, sector

    def _main_country(self, ents: list[Span], dateline: str) -> str | None:
        """The country the document is most about: the one its country and nationality words name most,
        counting too the cities and regions it names (the dateline's too) in those countries (a city
        name another country also has, "Santa Cruz", does not bring in a country of its own)."""
        table = countries()
        places = lexicons().places
        counts = Counter(iso3 for e in ents if e.label_ in ("GPE", "NORP") if (iso3 := _country_code(table, e.text)))
        cities = [places.get(_clean(e.text)) for e in ents if e.label_ in ("GPE", "LOC")]
        cities += [places.get(w.strip(",").title()) for w in dateline.split()[:3]]  # "KYIV (Agency) -"
        counts.update(iso3 for iso3 in cities if iso3 in counts)
        return counts.most_common(1)[0][0] if counts else None

    @staticmethod
    def _link(ent: Span, found: _Found) -> str | None:
        actor = found.by_span.get((ent.start_char, ent.end_char))
        if actor is None:
            actor = next((a for (s, e), a in found.by_span.items()
                          if s <= ent.start_char and ent.end_char <= e or (ent.start_char <= s and e <= ent.end_char)),
                         None)
        return actor.id if actor else None


def _place_in(text: str) -> str | None:
    """The country of a city or region named in a title ("Kharkiv regional governor")."""
    places = lexicons().places
    words = text.split()
    return next((places[w] for n in (2, 1) for i in range(len(words) - n + 1)
                 if (w := " ".join(words[i:i + n])) in places and w[0].isupper()), None)


def _country_code(table, text: str) -> str | None:
    country = table.country(text) or table.nationality(text)
    return country.iso3 if country else None


def _sector_of_title(sector: str | None, body: str | None, of_country: bool) -> str | None:
    """A title's sector given the body it is of: "ORG" titles (chairman, director) take the body's
    sector, GOV for a country, none when unknown; a government title of a non-government body (a
    company's spokesman, a rebel group's leader) takes the body's sector."""
    if sector == "ORG":
        return body or ("GOV" if of_country else None)
    if body and body != "GOV" and sector == "GOV":
        return body
    return sector


def _choose(candidates: list[KBActor], day, countries_in_context: set, curated: set[str]) -> KBActor | None:
    """The candidate that held a coded role on `day`, from a country in context if possible."""
    if not candidates:
        return None

    def score(actor: KBActor) -> tuple:
        role = actor.role_at(day)
        return (bool(actor.countries() & countries_in_context), bool(role and role.sector),
                actor.kb_id in curated or actor.kb_id.startswith("learned:"), bool(role and role.country),
                actor.kind == "person" and actor.kb_id.startswith("wd:"))
    return max(candidates, key=score)


def _holder(found: _Found, title: str, country: str | None) -> Actor | None:
    """The person of the document whose role this title names, most recently mentioned first."""
    titles = {title.casefold(), *lexicons().same_office.get(title.casefold(), ())}
    holders = [a for a in found.actors.values() if a.kind == "person" and a.role and a.mentions
               and any(t in a.role.casefold() for t in titles) and (country is None or a.country == country)]
    return max(holders, key=lambda a: a.mentions[-1][0]) if holders else None


@Language.factory("eventwire_actors")
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder()
