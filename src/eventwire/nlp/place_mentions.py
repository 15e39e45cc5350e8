"""Toponym mentions of a document, for eventwire_places.

The model's GPE/LOC/FAC entities (split at commas: "Paris, Texas" is two places, the second
qualifying the first), a wire dateline's place, other occurrences of a name tagged once, demonyms,
names listed before "counties", and names the model missed or mistook for persons or organisations
that the gazetteer knows and the context marks as places ("in Jaffna", "a Winona man", "Cairo, Giza
and Minya"). The spans in `doc._.acting_places` (capitals acting as governments) are left out.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from spacy.tokens import Doc

from ..kb.countries import countries
from ..kb.gazetteer import Entry, gazetteer

PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}  # NORP: only demonyms, which become places of feature "demonym"
NOT_PLACE_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
# Entities that are no names at all: never looked into for a place name.
NOT_NAMES = {"PERSON", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
# Score added per feature on top of log10(population).
MISSED_MIN_POPULATION = 100_000  # a town the model did not tag is taken only when this large
MAX_NAME_TOKENS = 4
# "in Manbij", "near Aziziyah": a name after these is taken as a place whatever its size.
LOCATIVE_PREPOSITIONS = {"in", "near", "at", "outside", "around"}
SETTLEMENTS = {"town", "city", "village", "district", "province", "region", "suburb", "neighbourhood",
               "neighborhood", "county", "state", "governorate", "port", "capital"}  # "the town of Kafr Shams"
# A wire dateline at the start of the text or of a line: "DETROIT -", "BEIRUT, Lebanon (Agency) -",
# "MANSFIELD, La. --"; after the text's first line, also after a sentence or a date ("... 2009 CITY --"),
# with an agency ("COLUMBUS, Ohio (AP) —") and with a colon ("BEIRUT: The ..."), then only a known name.
DATELINE = re.compile(r"\A\s*(?P<place>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*)*)(?=\s*(?:,|\(|[—–]|--?\s))")
LINE_DATELINE = re.compile(r"(?m)(?:^|(?<=\d{4} )|(?<=[.!?] ))(?P<place>[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+)*)"
                           r"(?=(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?(?:\s*\([A-Z][\w ]*\))?"
                           r"\s*(?:(?P<dash>--|[—–])|:\s+[A-Z\"“]))")
# "Barrow, Jackson and Madison counties": each name is a county's.
CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_NAME = r"[A-Z][a-z][\w'.-]*(?: [A-Z][a-z][\w'.-]*)?"
COUNTY_LIST = re.compile(rf"\b((?:{_NAME}(?:,? and |,? or |, )){{0,8}}{_NAME}) (counties|parishes)\b")
COUNTY_LIST_NAME = re.compile(rf"(?:(?<=^)|(?<=, )|(?<=and )|(?<=or )){_NAME}(?=$|,| and | or )")
@dataclass
class Mention:
    start: int
    end: int
    text: str
    qualifier: str | None = None  # key of a following "State" / "Country" / "W.Va."
    label: str = "GPE"  # the model's label, or GPE for names found by the gazetteer scan
    lookup: str = ""  # the name to look up, when not the text ("Clay" of "Clay and Grant counties")
    prefers: tuple[str, ...] = ()  # features the context asks for: a state or country in "Buffalo, New York"

    def __post_init__(self) -> None:
        self.lookup = self.lookup or self.text


class Spans:
    """Character spans, indexed for overlap and containment queries in logarithmic time."""

    def __init__(self, spans) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_ends = list(accumulate((e for _, e in spans), max))  # the largest end among the first i spans

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # spans starting before `end`
        return i > 0 and self.max_ends[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start + 1)  # spans starting at or before `start`
        return i > 0 and self.max_ends[i - 1] >= end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    for prefix in ("the ", "The "):
        if text.startswith(prefix, start) and end - start > len(prefix):
            start += len(prefix)
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix, start, end):
            end -= len(suffix)
            break
    return start, end


def _entity_mentions(doc: Doc, text: str) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        pos = ent.start_char
        for part in re.split(r"(,\s*)", ent.text):
            if part and not part.startswith(","):
                start, end = _trim(text, pos, pos + len(part.rstrip()))
                if end > start:
                    found.append(Mention(start, end, text[start:end], label=ent.label_))
            pos += len(part)
    taken = Spans((m.start, m.end) for m in found)
    datelines = {d.span("place"): d["place"] for d in (DATELINE.match(text), *LINE_DATELINE.finditer(text))
                 if d and (_sure_dateline(text, d) or gazetteer().lookup(d["place"]))}
    for (start, end), name in sorted(datelines.items()):
        if not taken.overlaps(start, end):
            found.append(Mention(start, end, name))
    return found


def _sure_dateline(text: str, d: re.Match) -> bool:
    """A dateline at the start of the text, or of a line and with a dash: taken even when the
    gazetteer does not know the name (a village)."""
    return d.re is DATELINE or (d.start() == 0 or text[d.start() - 1] == "\n") and d["dash"] is not None


def _repeated_mentions(doc: Doc, text: str, found: list[Mention]) -> list[Mention]:
    """Other occurrences of a name the model tagged as a place once: a name means one thing per
    article, unless it is part of a longer name of another kind ("George Washington")."""
    names = {m.text for m in found if m.text[:1].isupper() and len(m.text) > 2}
    if not names:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    # The model's entities do not overlap: only the last one starting at or before a match may contain it.
    others = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ in NOT_PLACE_LABELS and e.label_ != "ORG")
    other_starts = [s for s, _ in others]
    taken = Spans((m.start, m.end) for m in found)
    extra = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if taken.overlaps(start, end):
            continue
        i = bisect_left(other_starts, start + 1) - 1
        if i >= 0 and end <= others[i][1] and others[i][1] - others[i][0] > end - start:
            continue
        extra.append(Mention(start, end, match[0]))
    return extra


def _missed_mentions(doc: Doc, taken: Spans, gaz) -> list[Mention]:
    """Capitalised names the model did not tag, also inside names of organisations ("the Texas
    Rangers"), that name a country, state, region or large city, or any town after "in"/"near" or
    "the town of"."""
    named = [ent for ent in doc.ents if ent.label_ not in NOT_NAMES and not taken.contains(ent.start_char, ent.end_char)]
    inside = {i for ent in named for i in range(ent.start, ent.end)}
    covered = {i for ent in doc.ents if ent.label_ != "PERSON" for i in range(ent.start, ent.end)} - inside
    person = {i: ent for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
    found = []
    found_at: set[int] = set()  # first tokens of the names found here
    modifiers = modifier_words()
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or not (tok.is_title or tok.is_upper) or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
            i += 1
            continue
        for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if any(j in covered or not (doc[j].is_title or doc[j].is_upper or doc[j].lower_ in ("of", "and"))
                   for j in range(i, i + n)):
                continue
            entries = gaz.lookup(span.text)
            if not entries:
                continue
            in_name = any(j in inside for j in range(i, i + n))
            after_locative = span.root.dep_ == "pobj" and (span.root.head.lower_ in LOCATIVE_PREPOSITIONS or (
                span.root.head.lower_ == "of" and span.root.head.head.lemma_ in SETTLEMENTS)) or _listed(span, taken, found_at)
            modified = span.text not in modifiers["institution"] and _modified(doc, i + n, modifiers)
            if i > 0 and not tok.is_sent_start and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].tag_ == "POS"):
                after_locative = modified = False  # the end of another name ("at City Hall", "Eva's Village")
            whole_person = any(person[j].start == i and person[j].end == i + n for j in range(i, i + n) if j in person)
            if any(j in person for j in range(i, i + n)) and not (whole_person and (after_locative or modified or any(
                    e.primary and e.feature in ("country", "admin1", "region") for e in entries))):
                continue  # a person's name, unless all of it follows "in" ("in Jaffna") or names a state
            if span.text.isupper() and not in_name:
                entries = [e for e in entries if e.feature not in ("city", "capital")]  # "NEW", "CAN", ...
            if any(_notable(e, tok.is_sent_start, in_name, after_locative or modified) for e in entries
                   if e.primary or after_locative):
                if not countries().nationality(span.text) or countries().country(span.text):
                    found.append(Mention(span.start_char, span.end_char, span.text))
                    found_at.add(span.start)
                i += n - 1
                break
        i += 1
    return [m for m in found if not taken.overlaps(m.start, m.end)]


@lru_cache(maxsize=1)
def modifier_words() -> dict[str, set[str]]:
    """Kind ("noun", "institution") → the words of place_modifier_words.tsv."""
    words: dict[str, set[str]] = {"noun": set(), "institution": set()}
    text = resources.files("eventwire.data").joinpath("place_modifier_words.tsv").read_text("utf-8")
    for row in csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")), delimiter="\t"):
        words[row["kind"]].add(row["word"])
    return words


def _modified(doc: Doc, i: int, modifiers: dict[str, set[str]]) -> bool:
    """The token at `i`, after a name, shows the name is a place: "a Winona man", "Sligo-based",
    "the Oakdale Fire Department"."""
    if i >= len(doc):
        return False
    tok = doc[i]
    if tok.text == "-" and i + 1 < len(doc):
        tok = doc[i + 1]
    return (tok.is_lower and tok.text in modifiers["noun"]) or (tok.is_title and tok.text in modifiers["institution"])


def _listed(span, taken: Spans, found_at: set[int]) -> bool:
    """The name is listed with a place: "Cairo, Giza and Minya", "between Bicester and Kidlington"."""
    root = span.root
    neighbours = [root.head] if root.dep_ == "conj" else []
    neighbours += [t for t in root.children if t.dep_ == "conj"]
    return any(t.i in found_at or taken.overlaps(t.idx, t.idx + len(t)) for t in neighbours)


def _county_lists(text: str, mentions: list[Mention], gaz) -> list[Mention]:
    """Names listed before "counties" ("Barrow, Jackson and Madison counties") name counties: the
    mentions found there look them up as such, and the names not found yet become mentions."""
    at = {m.start: m for m in mentions}
    taken = Spans((m.start, m.end) for m in mentions)
    extra = []
    for match in COUNTY_LIST.finditer(text):
        kind = " County" if match[2] == "counties" else " Parish"
        for name in COUNTY_LIST_NAME.finditer(match[1]):
            start, end = match.start(1) + name.start(), match.start(1) + name.end()
            if not gaz.lookup(name[0] + kind):
                continue
            if start in at:
                at[start].lookup = name[0] + kind
            elif not taken.overlaps(start, end):
                extra.append(Mention(start, end, name[0], lookup=name[0] + kind))
    return extra


def _demonym_mentions(doc: Doc, text: str, taken: Spans) -> list[Mention]:
    """Demonyms the model did not tag, also inside names and compounds ("the Nigerian Armed Forces",
    "a Russian-American crew"): places of feature "demonym"."""
    table = countries()
    persons = Spans((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON")
    return [Mention(w.start(), w.end(), w[0], label="NORP") for w in CAPITALISED.finditer(text)
            if w[0].casefold() in table.demonyms and not taken.overlaps(*w.span()) and not persons.overlaps(*w.span())
            and not table.country(w[0])]


def _notable(e: Entry, sentence_start: bool, inside_name: bool, after_locative: bool) -> bool:
    if e.feature in ("country", "admin1", "county", "region", "continent") or after_locative:
        return True
    return (inside_name or not sentence_start) and e.feature in ("city", "capital") and e.population >= MISSED_MIN_POPULATION


def candidates_of(m: Mention, gaz) -> list[Entry]:
    """Gazetteer entries a mention may name; a demonym ("Israeli") names its country as a demonym."""
    table = countries()
    nation = table.nationality(m.lookup) if not table.country(m.lookup) else None
    entries = gaz.lookup(m.lookup)
    if nation is not None:
        return [replace(e, feature="demonym") for e in gaz.lookup(nation.name)
                if e.feature == "country" and e.country == nation.iso3][:1]
    if m.label == "NORP":
        return [e for e in entries if e.feature == "demonym"]
    return entries


def find_mentions(doc: Doc, text: str, gaz) -> list[Mention]:
    """The toponyms of a document, in text order, without the acting places; `text` is doc.text
    (built anew on each access: read once)."""
    skip = Spans(set(doc._.acting_places or ()))
    mentions = _entity_mentions(doc, text)
    mentions += _repeated_mentions(doc, text, mentions)
    unknown = [m for m in mentions if not candidates_of(m, gaz)]  # they may hold a name: "Otter Tail County Road"
    mentions = [m for m in mentions if candidates_of(m, gaz)]
    mentions += _missed_mentions(doc, Spans((m.start, m.end) for m in mentions), gaz)
    mentions += _demonym_mentions(doc, text, Spans((m.start, m.end) for m in mentions))
    known = Spans((m.start, m.end) for m in mentions)
    mentions += [m for m in unknown if m.label in ("GPE", "LOC") and not m.text.islower()
                 and not known.overlaps(m.start, m.end)]
    mentions += _county_lists(text, mentions, gaz)
    return sorted((m for m in mentions if not skip.overlaps(m.start, m.end)), key=lambda m: m.start)
