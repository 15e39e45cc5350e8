"""Titles of office around a person's name: before it ("Israeli Prime Minister Benyamin Netanyahu",
"King Abdullah", "former President X") or in an apposition after it ("Harry Tseng, Taiwan's deputy
foreign minister"). Each gives a role text, a sector (data/titles.tsv) and the modifier that names
the country ("Israeli", "Palestinian Authority", "Taiwan's").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..kb.countries import countries
from ..kb.lexicons import lexicons
from .actor_context import JOINERS, ent_at

FORMER = {"former", "ousted", "ex", "deposed", "retired"}


def title_tokens_before(doc: Doc, end: int) -> int:
    """Where a run of title-like words ending at token `end` (exclusive) starts."""
    lex = lexicons()
    i = end
    while i > 0 and end - i < 8:
        t = doc[i - 1]
        if t.ent_type_ in ("NORP", "GPE") or t.tag_ == "POS" or t.is_sent_end or names_country(t.text):
            break
        if t.lower_ in lex.title_modifiers or t.lower_ in lex.titles \
                or (t.is_title and t.ent_type_ != "ORG" and t.pos_ in ("PROPN", "NOUN", "ADJ")) \
                or (t.is_lower and t.pos_ == "NOUN" and t.lower_ in lex.agents) \
                or (t.is_lower and t.pos_ == "ADJ" and i < end) \
                or t.lower_ in FORMER or (t.lower_ in JOINERS and i - 2 >= 0 and doc[i - 2].is_title) \
                or (t.text.endswith(".") and t.lower_ in lex.titles) or t.text == "-":
            i -= 1
            continue
        break
    while i < end and doc[i].lower_ in JOINERS:
        i += 1
    return i


def title_inside(doc: Doc, ent: Span) -> tuple[Span, tuple[str, str, Span | None]] | None:
    """A title the model took into the name ("King Abdullah"): (the name without it, the title)."""
    lex = lexicons()
    for n in range(min(lex.longest_title, len(ent) - 1), 0, -1):
        words = [t.lower_ for t in ent[:n]]
        match = lex.title_at_end(words)
        if match and match[0] == n:
            return ent[n:], (ent[:n].text, match[1], None)
    return None


def title_start(doc: Doc, ent: Span, title) -> int:
    """First token of the title before a name; the name's start when there is none."""
    return title_tokens_before(doc, ent.start) if title is not None else ent.start


def title_before(doc: Doc, ent: Span) -> tuple[str, str, Span | None] | None:
    """(role, sector, modifier span or None) of a title directly before a person's name."""
    start = title_tokens_before(doc, ent.start)
    words = [t.lower_ for t in doc[start:ent.start]]
    match = lexicons().title_at_end(words) if words else None
    if match is None:
        return None
    if match[1] == "MIL":  # "Defence Minister Gen. X", "Deputy Minister of Defense Colonel-General X": the office
        offices = (lexicons().title_at_end(words[:k]) for k in range(len(words) - match[0], 0, -1))
        match = next((m for m in offices if m and m[1] in ("GOV", "LEG", "JUD")), match)
    return role(doc, start, ent.start, match[1])


def title_after(doc: Doc, ent: Span) -> tuple[str, str, Span | None] | None:
    """An apposition after the name: "Harry Tseng, Taiwan's deputy foreign minister"."""
    i = ent.end
    if i >= len(doc) - 1 or doc[i].text != ",":
        return None
    i += 1
    if doc[i].lower_ in ("the", "a", "an"):
        i += 1
    begin = i
    while i < len(doc) and i - begin < 9 and not doc[i].is_punct or (i < len(doc) and doc[i].tag_ == "POS"):
        i += 1
    lex = lexicons()
    for end in range(i, begin, -1):
        words = [t.lower_ for t in doc[begin:end]]
        match = lex.title_at_end(words)
        if match:
            title_start = end - match[0]
            while title_start > begin and (doc[title_start - 1].lower_ in lex.title_modifiers
                                           or doc[title_start - 1].lower_ in FORMER):
                title_start -= 1
            return role(doc, title_start, end, match[1], begin)
    return None


def role(doc: Doc, start: int, end: int, sector: str, left: int | None = None) -> tuple[str, str, Span | None]:
    """Role text, sector and the country modifier left of doc[start:end] (down to token `left`)."""
    words = doc[start:end]
    if any(t.lower_ in FORMER for t in words):
        sector = "ELI"
    role_tokens = [t for t in words if t.lower_ not in FORMER and not t.is_punct]
    role = doc[role_tokens[0].i:end].text if role_tokens else words.text
    if sector == "ORG":  # the body may be named inside the role: "opposition leader", "army chief"
        lex = lexicons()
        bodies = [lex.title_modifiers.get(t.lower_) or lex.agents.get(t.lemma_.lower()) for t in words[:-1]]
        sector = next((b for b in bodies if b and b != "GOV"), sector)
    modifier = None
    j = start - 1
    if j >= 0 and doc[j].tag_ == "POS":
        j -= 1
    if j >= 0 and (left is None or j >= left) and doc[j].ent_type_ in ("NORP", "GPE", "ORG"):
        modifier = ent_at(doc, j)
    elif j >= 0 and (left is None or j >= left) and names_country(doc[j].text):
        modifier = doc[j:j + 1]
    return role, sector, modifier


def names_country(word: str) -> bool:
    table = countries()
    return word[:1].isupper() and bool(table.nationality(word) or table.country(word))
