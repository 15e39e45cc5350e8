"""Where an event happened: which of the places in its sentence, if any.

A place governed by a locative preposition ("in", "at", "near", ...) on the path from the place to
the event's trigger in the dependency tree wins; a place that is only mentioned (as an actor, a
modifier, the subject of another clause) is not the event's location.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..schema import Place

LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "into", "on", "from"}


def _path_to(token, target) -> list | None:
    """Tokens from `token` up its heads to `target` (exclusive), or None if target is not an ancestor."""
    path = []
    while token.i != target.i:
        if token.head.i == token.i:
            return None
        path.append(token)
        token = token.head
    return path


def event_place(doc: Doc, trigger: Span, places: list[Place]) -> Place | None:
    """The place of the event whose trigger is `trigger`, or None when the sentence names none."""
    sent = trigger.sent
    head = trigger.root
    for place in places:
        if not (sent.start_char <= place.start < sent.end_char):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        path = _path_to(span.root, head)
        if path and any(t.dep_ == "pobj" and t.head.lower_ in LOCATIVE for t in path):
            return place
    return None
