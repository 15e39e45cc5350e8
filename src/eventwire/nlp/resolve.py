"""Which actor of the document a span of text refers to.

Shared by every component that links a span to an actor (quote speakers, event actors and
recipients). `resolve` needs the document after `eventwire_actors` has run.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..schema import Actor


def actor_at(doc: Doc, start: int, end: int) -> Actor | None:
    """The actor with a mention inside [start, end); the longest such mention wins."""
    best, best_len = None, 0
    for actor in doc._.actors or ():
        for m_start, m_end in actor.mentions:
            if start <= m_start and m_end <= end and m_end - m_start > best_len:
                best, best_len = actor, m_end - m_start
    return best


def resolve(doc: Doc, span: Span) -> Actor | None:
    """The actor `span` names, or None when it names none that the document knows."""
    return actor_at(doc, span.start_char, span.end_char)
