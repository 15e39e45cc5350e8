"""eventwire_places: every toponym of a document, resolved to a gazetteer entry.

The toponyms come from `place_mentions` (the acting places, capitals acting as governments, left
out). Each gets the gazetteer entry with the best score: population, feature (countries and states
before towns), a "City, State" qualifier, a feature the context asks for ("Buffalo, New York", "the
Mexico border", a list of states), and the countries and US states that the rest of the document
is about, read in two rounds; the other names of the document also vote for the US states their
candidates share. A place name the gazetteer does not know (a village, a district) stays a Place
with its text as name and no country or point. Writes `doc._.places` (list of Place).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..kb.gazetteer import Entry, gazetteer, key, state_abbreviations
from ..schema import Place
from .place_mentions import Mention, candidates_of, find_mentions

Doc.set_extension("places", default=None, force=True)
Doc.set_extension("acting_places", default=None, force=True)

FEATURE_BONUS = {"country": 1.5, "continent": 2.0, "region": 2.0, "admin1": 0.5, "capital": 1.5}
CONTEXT_COUNTRY = 4.0  # times the share of the document's other toponyms in the candidate's country
CONTEXT_STATE = 3.0  # times the share of the document's other US toponyms in the candidate's state
STATE_VOTES = 3.0  # times the candidate state's share of the other names' votes (see _state_votes)
QUALIFIED = 10.0  # "Paris, Texas": the candidate lies in the named state or country
NO_POINT = 2.0  # taken off a candidate without a point (an ISO subdivision that no table locates)
PREFERRED = 4.0  # the candidate has the feature the context asks for (see _preferences)
PRIMARY_NAME = 2.5  # the text is the entry's own name, not one of its alternate names
# After a name: it is a state's or a country's ("the New York border", "New York Gov. Kathy Hochul").
STATE_CUE = re.compile(r"\s+(?:state\b|border\b|Gov\.|[Gg]overnor\b|legislature\b)")
QUALIFIER = re.compile(r",\s*((?:[A-Z][A-Za-z]*\.?\s?){1,3})")


def _qualifiers(text: str, mentions: list[Mention], gaz) -> None:
    """"Beckley, W.Va." / "Paris, Texas": the second name qualifies the first."""
    abbreviations = state_abbreviations()
    for m in mentions:
        match = QUALIFIER.match(text, m.end)
        if not match:
            continue
        words = match[1].split()
        for n in range(len(words), 0, -1):
            k = key(" ".join(words[:n]))
            if k in abbreviations or any(e.feature in ("country", "admin1") for e in gaz.lookup(k)):
                m.qualifier = k
                break


def _preferences(doc: Doc, text: str, mentions: list[Mention], first: list[Entry | None]) -> None:
    """A name that qualifies the one before it ("Buffalo, New York"), that a state cue follows ("the
    New York border") or that is listed with states ("New Jersey and New York") is a state; listed
    with countries, a country."""
    at_token = {}
    for k, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            at_token[span.root.i] = k
    for k, m in enumerate(mentions):
        if k and mentions[k - 1].qualifier == key(m.text) and text[mentions[k - 1].end:m.start].strip() == ",":
            m.prefers = ("admin1", "country", "region")
        elif STATE_CUE.match(text, m.end):
            m.prefers = ("admin1", "country")
    for i, k in at_token.items():
        tok = doc[i]
        neighbours = ([tok.head] if tok.dep_ == "conj" else []) + [t for t in tok.children if t.dep_ == "conj"]
        features = Counter(first[at_token[t.i]].feature for t in neighbours if t.i in at_token and first[at_token[t.i]])
        feature = max(("admin1", "country"), key=lambda f: features[f])
        if features[feature] and not mentions[k].prefers:
            mentions[k].prefers = (feature,)


def _in(e: Entry, qualifier: str, gaz, abbreviations: dict[str, str]) -> bool:
    state = abbreviations.get(qualifier)
    if state:
        return e.admin1 == state
    return any((q.feature == "country" and q.country == e.country) or
               (q.feature == "admin1" and q.admin1 and q.admin1 == e.admin1) for q in gaz.lookup(qualifier))


def _score(e: Entry, m: Mention, context: tuple[Counter, int, Counter, int, Counter], gaz, abbreviations) -> float:
    nations, n_nations, states, n_states, votes = context
    s = math.log10(e.population + 10) + FEATURE_BONUS.get(e.feature, 0.0) + PRIMARY_NAME * e.primary
    if n_nations and e.country:
        s += CONTEXT_COUNTRY * nations[e.country] / n_nations
    if n_states and e.admin1:
        s += CONTEXT_STATE * states[e.admin1] / n_states
    if e.admin1 and votes[e.admin1] >= 1 and n_nations:
        s += STATE_VOTES * min(votes[e.admin1], 2) / 2 * nations["USA"] / n_nations
    if e.lat is None and e.feature != "county":  # counties get theirs later (_place_counties)
        s -= NO_POINT
    if e.feature in m.prefers:
        s += PREFERRED
    if m.qualifier and e.feature not in ("country", "admin1"):
        s += QUALIFIED if _in(e, m.qualifier, gaz, abbreviations) else -QUALIFIED
    return s


def _state_votes(candidates: dict[str, list[Entry]], prior) -> dict[str, Counter]:
    """Per name: the US states the document's other names may lie in. Each other name spreads one
    vote over the states of its candidates, in proportion to the square root of their prior odds,
    so "Henry County" and "Paris" agree on Tennessee."""
    shares = {}
    for k, c in candidates.items():
        weights: Counter = Counter()
        for e in c:
            if e.admin1:
                weights[e.admin1] += 10 ** (prior(e) / 2)
        total = sum(weights.values())
        shares[k] = Counter({state: w / total for state, w in weights.items()})
    everything = sum(shares.values(), Counter())
    return {k: everything - share for k, share in shares.items()}


def _context(mentions: list[Mention], resolved: list[Entry | None], candidates: list[list[Entry]],
             prior) -> dict[str, tuple[Counter, int, Counter, int, Counter]]:
    """Per name: the countries and US states of the document's other toponyms (first-pass choices),
    with their totals, and the states the other names vote for."""
    by_name: dict[str, tuple[Counter, Counter]] = {}
    for m, e in zip(mentions, resolved):
        nations, states = by_name.setdefault(key(m.lookup), (Counter(), Counter()))
        if e is not None and e.country:
            nations[e.country] += 1
        if e is not None and e.admin1:
            states[e.admin1] += 1
    total = (sum((n for n, _ in by_name.values()), Counter()), sum((s for _, s in by_name.values()), Counter()))
    votes = _state_votes({key(m.lookup): c for m, c in zip(mentions, candidates)}, prior)
    context = {}
    for k, (n, s) in by_name.items():
        nations, states = total[0] - n, total[1] - s
        context[k] = (nations, sum(nations.values()), states, sum(states.values()), votes[k])
    return context


def _place_counties(chosen: dict[str, Entry], gaz) -> None:
    """A US county without a point of its own lies among the article's towns of its state (their
    mean point), or else at its state's point."""
    for k, e in chosen.items():
        if e.feature != "county" or e.lat is not None:
            continue
        towns = [t for t in chosen.values() if t.feature in ("city", "capital") and t.admin1 == e.admin1]
        if towns:
            chosen[k] = replace(e, lat=round(sum(t.lat for t in towns) / len(towns), 4),
                                lon=round(sum(t.lon for t in towns) / len(towns), 4))
        elif state := gaz.us_state(e.admin1):
            chosen[k] = replace(e, lat=state.lat, lon=state.lon)


def _place(pid: int, m: Mention, e: Entry) -> Place:
    return Place(id=f"p{pid}", text=m.text, start=m.start, end=m.end, name=e.name, country=e.country,
                 lat=e.lat, lon=e.lon, geonameid=e.geonameid, feature=e.feature)


def find_places(doc: Doc) -> list[Place]:
    gaz = gazetteer()
    abbreviations = state_abbreviations()
    text = doc.text  # built anew on each access: read once
    mentions = find_mentions(doc, text, gaz)
    _qualifiers(text, mentions, gaz)
    candidates = [candidates_of(m, gaz) for m in mentions]
    no_context = (Counter(), 0, Counter(), 0, Counter())
    first = [max(c, key=lambda e: _score(e, m, no_context, gaz, abbreviations), default=None)
             for m, c in zip(mentions, candidates)]
    _preferences(doc, text, mentions, first)
    context = _context(mentions, first, candidates,
                       lambda e: math.log10(e.population + 10) + FEATURE_BONUS.get(e.feature, 0.0))
    # A second round: the context of choices made in context ("Georgia" beside "Atlanta" is the state).
    keys = [key(m.lookup) for m in mentions]
    second = [max(c, key=lambda e: _score(e, m, context[k], gaz, abbreviations), default=None)
              for m, c, k in zip(mentions, candidates, keys)]
    context = _context(mentions, second, candidates,
                       lambda e: math.log10(e.population + 10) + FEATURE_BONUS.get(e.feature, 0.0))
    chosen: dict[str, Entry] = {}  # a name means the same place throughout the document
    for m, c, k, e in zip(mentions, candidates, keys, first):
        if m.qualifier and e is not None:
            chosen[k] = max(c, key=lambda x: _score(x, m, context[k], gaz, abbreviations))
    for m, c, k in zip(mentions, candidates, keys):
        if c and k not in chosen:
            chosen[k] = max(c, key=lambda x: _score(x, m, context[k], gaz, abbreviations))
    _place_counties(chosen, gaz)
    places = []
    for m, c, k in zip(mentions, candidates, keys):
        if not c:  # a place the gazetteer does not know (a village, a district): named, not located
            places.append(Place(id=f"p{len(places) + 1}", text=m.text, start=m.start, end=m.end, name=m.text))
            continue
        places.append(_place(len(places) + 1, m, chosen[k]))
    return places


class PlaceFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.places = find_places(doc)
        return doc


@Language.factory("eventwire_places")
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder()
