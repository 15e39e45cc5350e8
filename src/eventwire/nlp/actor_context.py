"""Where an actor mention sits in its document: the entities around it, the country its sentence or
a prepositional phrase names, how far a name runs, whether a seat of power acts there.

Helpers of `eventwire_actors` (nlp/actors.py) and of its title rules (nlp/titles.py).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..kb.base import name_key
from ..kb.countries import countries
from ..kb.lexicons import lexicons

ACTING_DEPS = {"nsubj", "nsubjpass", "poss"}
JOINERS = {"of", "and", "for", "&"}


def doc_ents(doc: Doc) -> list[Span]:
    """doc.ents, built once per document (the property builds new spans on every access)."""
    if "eventwire_ents" not in doc.user_data:
        doc.user_data["eventwire_ents"] = list(doc.ents)
    return doc.user_data["eventwire_ents"]


def ent_at(doc: Doc, i: int) -> Span | None:
    return next((e for e in doc_ents(doc) if e.start <= i < e.end), None)


def ents_in(span: Span) -> list[Span]:
    return [e for e in doc_ents(span.doc) if span.start <= e.start and e.end <= span.end]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A mention without a leading "the" and a trailing possessive."""
    piece = text[start:end]
    for det in ("the ", "The "):
        if piece.startswith(det) and len(piece) > len(det):
            start, piece = start + len(det), piece[len(det):]
    for suffix in ("'s", "’s"):
        if piece.endswith(suffix) and len(piece) > len(suffix):
            end, piece = end - len(suffix), piece[: -len(suffix)]
    return start, end


def sentence_country(span: Span, other_than: str | None = None) -> str | None:
    """The first country its sentence names (by name, nationality, capital or city), if any."""
    table, lex = countries(), lexicons()
    sent = span.sent
    for e in ents_in(sent):
        if e.label_ not in ("GPE", "NORP"):
            continue
        c = table.country(e.text) or table.nationality(e.text)
        iso3 = c.iso3 if c else (lex.seats.get(name_key(e.text)) or (lex.places.get(e.text), None))[0]
        if iso3 and iso3 != other_than and iso3 != "IGO":
            return iso3
    return None


def of_name_end(token: Token) -> int:
    """End of a proper name that goes on with "of ..." ("Republic of China", "Bank of Ghana"): the
    head's right edge when every word up to it is capitalized or a joiner; else just after the head."""
    end = token.right_edge.i + 1
    if token.pos_ != "PROPN" or end - token.i > 7 or end == token.i + 1 or token.nbor().lower_ != "of":
        return token.i + 1
    words = token.doc[token.i + 1:end]
    return end if all(t.is_title or t.lower_ in JOINERS or t.lower_ == "the" for t in words) else token.i + 1


def located_in(chunk: Span) -> str | None:
    """The country of a place the agent is said to be in or from ("police in Amman")."""
    for prep in chunk.root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC"):
                    ent = ent_at(chunk.doc, obj.i)
                    country = countries().country(ent.text)
                    seat = lexicons().seats.get(name_key(ent.text))
                    return country.iso3 if country else seat[0] if seat else lexicons().places.get(ent.text)
    return None


def acts(doc: Doc, ent: Span) -> bool:
    """Whether a seat of power acts in its sentence (subject, possessor, agent) rather than being a place."""
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.tag_ == "POS":
        return True
    root: Token = ent.root
    if root.dep_ == "conj":
        root = root.head
    if root.dep_ in ACTING_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "by"
