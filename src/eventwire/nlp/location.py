"""Where an event happened: which of the places in its sentence, if any.

A place governed by a locative preposition ("in", "at", "near", "through", ...) on the path from
the place up to the event's trigger (or to a clause above it: "In Vienna, thousands gathered and
marched") in the dependency tree qualifies, and so does a place that names what the trigger acted
on ("captured Jaffna", "patrolled the streets of Reynosa"). A place that is only mentioned (as an
actor, a modifier, the subject of another clause, a reference point: "north of Baghdad", where the
actor comes from: "rebels from Chad attacked") and a demonym ("Turkish") are not the event's
location, nor is a country used as a modifier ("killed in a U.S. airstrike"). A place
whose relative clause holds the trigger ("Kandahar, where the bomb exploded") is the location. Of
several qualifying places one attached to the trigger itself comes before one attached to a clause
above it, one in the trigger's own clause before one reached through another verb ("clashed in
Homs as ministers met in Geneva"), then the most specific one (a town before its country: "in
Mogadishu, Somalia"), then the nearest to the trigger in the tree.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from ..schema import Place

LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "into", "on", "from",
            "through", "along", "within", "off", "over"}
# "north of Baghdad", "60 km northeast of Monrovia": the place after these is a reference point.
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
              "north-west", "south-east", "south-west"}
# Dependencies that lead from a name up to the noun it belongs to ("the town of Huddur", "Grozny's streets").
OBJECT_CHAIN = {"compound", "appos", "poss", "pobj", "amod", "nmod", "conj", "cc"}
# Smaller is more specific.
# A place the gazetteer does not know (feature None) is mostly a village or a district.
SPECIFICITY = {None: 0, "city": 0, "capital": 0, "county": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}


# A clause that is the complement of another verb ("officials in Geneva said troops shelled the town"):
# the places of the verb above are not the event's.
REPORTED = {"ccomp", "parataxis"}


def _attachment(token, trigger) -> tuple[list, int] | None:
    """Tokens from `token` up its heads until the trigger or one of the trigger's heads (up to the
    clause the trigger's clause is reported in), and how many steps above the trigger that attachment
    point is (0: the trigger itself)."""
    above = [trigger]
    while above[-1].head.i != above[-1].i and above[-1].dep_ not in REPORTED:
        above.append(above[-1].head)
    path = []
    while token not in above:
        if token.head.i == token.i:
            return None
        path.append(token)
        token = token.head
    return path, above.index(token)


def _locates(path: list, direct: bool) -> bool:
    """The place is inside a locative phrase, or (attached to the trigger itself) names what the event
    acted on: "captured Jaffna", "patrolled the streets of Reynosa", "Grozny's streets were patrolled"."""
    for t in path:
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in DIRECTIONS:
            return False
        if t.dep_ == "pobj" and t.head.lower_ == "from" and any(u.dep_ in ("nsubj", "nsubjpass") for u in path):
            return False  # "rebels from Croatia bombed ...": where the actor comes from
        if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE:
            return True
        if t.dep_ in ("npadvmod", "dobj") and t.i > 0 and t.nbor(-1).dep_ == "prt" and t.nbor(-1).lower_ in LOCATIVE:
            return True  # "seized off Mogadishu": the preposition parsed as a particle
        if direct and t.dep_ in ("dobj", "nsubjpass") and t is path[-1]:
            return True
        if t.dep_ not in OBJECT_CHAIN and not (t.dep_ == "prep" and t.lower_ == "of"):
            return False
    return False


_index: list = [None]  # the last list of places seen, and its places and their starts in text order


def _in_sentence(sent: Span, places: list[Place]) -> list[Place]:
    """The places starting in `sent`; the events of a document share one index of its places."""
    index = _index[0]
    if index is None or index[0] is not places or index[1] != len(places):
        ordered = sorted(places, key=lambda p: p.start)
        index = _index[0] = (places, len(places), ordered, [p.start for p in ordered])
    ordered, starts = index[2], index[3]
    return ordered[bisect_left(starts, sent.start_char) : bisect_left(starts, sent.end_char)]


def event_place(doc: Doc, trigger: Span, places: list[Place]) -> Place | None:
    """The place of the event whose trigger is `trigger`, or None when the sentence names none."""
    sent = trigger.sent
    found = []
    for place in _in_sentence(sent, places):
        if place.feature == "demonym":
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        attached = _attachment(span.root, trigger.root) if span is not None else None
        if attached is None:
            continue
        path, steps = attached
        if not path:  # the place is above the trigger: its location when the trigger is in its relative clause
            if any(t.dep_ in ("relcl", "acl") and t.head == span.root for t in [trigger.root, *trigger.root.ancestors]):
                found.append((False, False, SPECIFICITY.get(place.feature, 3), 0, place.start, place))
            continue
        if place.feature == "country" and span.root.dep_ in ("compound", "nmod", "amod"):
            continue  # "a U.S. patrol"
        if _locates(path, direct=steps == 0):
            crossed = any(t.pos_ in ("VERB", "AUX") for t in path[1:])
            found.append((steps > 0, crossed, SPECIFICITY.get(place.feature, 3), len(path), place.start, place))
    return min(found, key=lambda f: f[:5])[5] if found else None
