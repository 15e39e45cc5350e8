"""Why and how of an event: phrases introduced by cue words, attached to the event's verb.

The cues are data (data/brief_cues.tsv): prepositions ("because of", "in response to", "by", "using"),
subordinating conjunctions ("because", "so that"), "to" or "in order to" before a verb of purpose,
and manner adverbs ("-ly", less the ones that say nothing of manner). A cue counts when it hangs on
the verb directly or through the phrases of its clause, and a preposition's object is more than a
time or a number ("after midnight" is no cause).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
TIMEISH = {"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"}


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    question: str
    kind: str
    title_only: bool


@dataclass(frozen=True)
class Cues:
    by_first: dict[tuple[str, str], list[Cue]]  # (question, first word) → cues, longest first
    suffixes: dict[str, tuple[str, ...]]  # question → suffixes of its manner adverbs ("ly")
    not_manner: frozenset[str]  # adverbs with such a suffix that say nothing of manner
    why_words: frozenset[str]  # one-word why cues: a `what` phrase stops before them


@lru_cache(maxsize=1)
def cues() -> Cues:
    text = resources.files("eventwire.data").joinpath("brief_cues.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    by_first: dict[tuple[str, str], list[Cue]] = {}
    for cue, question, kind, where in sorted(rows, key=lambda r: -len(r[0].split())):
        if kind not in ("adverb", "not"):
            words = tuple(cue.split())
            by_first.setdefault((question, words[0]), []).append(Cue(words, question, kind, where == "title"))
    suffixes: dict[str, tuple[str, ...]] = {}
    for cue, question, kind, _ in rows:
        if kind == "adverb":
            suffixes[question] = (*suffixes.get(question, ()), cue)
    return Cues(by_first, suffixes, frozenset(cue for cue, _, kind, _ in rows if kind == "not"),
                frozenset(cue for cue, question, *_ in rows if question == "why" and " " not in cue))


def _matches(tokens: list[Token], i: int, words: tuple[str, ...]) -> bool:
    return i + len(words) <= len(tokens) and all(tokens[i + k].lower_ == w for k, w in enumerate(words))


def _only_time(head: Token) -> bool:
    """Whether a phrase is nothing but a time or a number ("after midnight", "over the weekend", "since 2010")."""
    return all(t.ent_type_ in TIMEISH or t.is_punct or t.pos_ in ("DET", "ADP") for t in head.subtree)


def _attached(token: Token, verb: Token) -> bool:
    """Whether `token` hangs on `verb`, directly or through the phrases of its clause (objects, prepositions)."""
    head = token.head
    for _ in range(4):
        if head == verb:
            return True
        if head.dep_ not in ("dobj", "prep", "pobj", "xcomp", "advmod", "attr") or head.head == head:
            return False
        head = head.head
    return False


def _cue_answer(tokens: list[Token], i: int, cue: Cue, verb: Token) -> int | None:
    """Where the phrase a cue at tokens[i] introduces ends, if the cue attaches to `verb` as its kind says."""
    token, last = tokens[i], tokens[i + len(cue.words) - 1]
    if cue.kind == "prep" and (last.dep_ == "prep" or (last.dep_ == "agent" and cue.question == "why")):
        obj = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None and not _only_time(obj) and _attached(token, verb) \
                and not (cue.question == "how" and obj.ent_type_ in ACTOR_LABELS):  # "by Reuters": who, not how
            return last.right_edge.i + 1
    elif cue.kind == "mark" and token.dep_ == "mark" and token.head.dep_ == "advcl" and token.head.head == verb:
        return token.head.right_edge.i + 1
    elif cue.kind == "purpose" and last.dep_ == "aux" and last.head.dep_ in ("advcl", "xcomp") \
            and last.head.head == verb and (last.head.dep_ == "advcl" or verb.dep_ == "xcomp"):
        return last.head.right_edge.i + 1
    return None


def cue_phrase(sent: Span, verb: Token, question: str, in_title: bool) -> Span | None:
    """The first why/how phrase of `sent` attached to `verb`."""
    table = cues()
    suffixes = table.suffixes.get(question, ())
    tokens = list(sent)
    for i, token in enumerate(tokens):
        if suffixes and token.dep_ == "advmod" and token.head == verb and token.lower_.endswith(suffixes) \
                and token.lower_ not in table.not_manner:
            return sent.doc[token.i:token.i + 1]
        for cue in table.by_first.get((question, token.lower_), ()):
            if (cue.title_only and not in_title) or not _matches(tokens, i, cue.words):
                continue
            end = _cue_answer(tokens, i, cue, verb)
            if end is not None:
                piece = sent.doc[token.i:end]
                while len(piece) > 1 and piece[-1].is_punct:
                    piece = piece[:-1]
                return piece
    return None
