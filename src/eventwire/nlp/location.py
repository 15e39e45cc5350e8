"""Where an event happened: which of the places in its sentence, if any.

A place governed by a locative preposition ("in", "at", "near", "through", ...) on the path from
the place up to the event's trigger in the dependency tree qualifies, and so does a place that is
the trigger's direct object ("captured Jaffna", "patrolled Reynosa"). A place that is only
mentioned (as an actor, a modifier, the subject of another clause) and a demonym ("Turkish") are
not the event's location. Of several qualifying places the most specific one wins (a town before
its country: "in Mogadishu, Somalia"), then the nearest to the trigger in the tree.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..schema import Place

LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "into", "on", "from",
            "through", "along", "within", "off"}
# Smaller is more specific.
SPECIFICITY = {"city": 0, "capital": 0, "county": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}


def _path_to(token, target) -> list | None:
    """Tokens from `token` up its heads to `target` (exclusive), or None if target is not an ancestor."""
    path = []
    while token.i != target.i:
        if token.head.i == token.i:
            return None
        path.append(token)
        token = token.head
    return path


def _locates(path: list) -> bool:
    if any(t.dep_ == "pobj" and t.head.lower_ in LOCATIVE for t in path):
        return True
    return bool(path) and path[-1].dep_ == "dobj" and all(t.dep_ in ("compound", "appos", "dobj") for t in path)


def event_place(doc: Doc, trigger: Span, places: list[Place]) -> Place | None:
    """The place of the event whose trigger is `trigger`, or None when the sentence names none."""
    sent = trigger.sent
    head = trigger.root
    found = []
    for place in places:
        if place.feature == "demonym" or not (sent.start_char <= place.start < sent.end_char):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        path = _path_to(span.root, head)
        if path and _locates(path):
            found.append((SPECIFICITY.get(place.feature or "", 3), len(path), place.start, place))
    return min(found, key=lambda f: f[:3])[3] if found else None
