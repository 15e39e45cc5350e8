"""eventwire_brief: the 5W1H brief of an article, who did what, when, where, why and how, for its main event.

The main event is the clause the headline and the lede are about. Candidates are the clauses of
the title and of the first sentences of the text (their main verbs and the coded events in them)
and the coded events further down. Each is scored by its position, by how many of its words the
title shares, by its kind (a coded event over a plain verb, a verb of saying lowest) and by how often
the article names its actor; the best one gives `who` (its actor or subject) and `what` (its verb
phrase). `when` and `where` are the event's own date and place, else the time expression and place
of its sentence, the title or the lede; `why` and `how` are phrases introduced by a cue word
(`why_how`, data/brief_cues.tsv: "because", "to" + verb of purpose; "by", "using", manner adverbs)
attached to the main verb, else to a lede sentence about it.

The title is analysed by the same pipeline (without this component) in `pipe`, batch by batch.
Spans in the title carry `"in": "title"` and index the title; spans in the text carry no `in`.
Reads `doc._.title`, `doc._.events`, `doc._.actors`, `doc._.places`, `doc._.times`; writes `doc._.brief`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..schema import BRIEF_KEYS, Event, Place
from .dateline import dateline_end
from .dates import period
from .event_args import phrase
from .location import event_place
from .resolve import cue_words, resolve
from .why_how import ACTOR_LABELS, cue_phrase, cues

Doc.set_extension("title", default=None, force=True)
Doc.set_extension("brief", default=None, force=True)

LEDE = 3  # sentences of the text whose plain verbs are candidates and whose places and times are the lede's
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
WHAT_PARTS = {"dobj", "prt", "prep", "attr", "acomp", "dative", "oprd", "xcomp", "ccomp", "neg", "npadvmod", "agent"}
VERB_LEFT = {"aux", "auxpass", "neg"}
RECENT_DAYS = 31  # a time expression of the main event reaches this close to the publication date
DAY = len("2024-03-06")  # length of an ISO value that names a day
MAX_WHAT = 14  # tokens of a `what` phrase at most
PLACE_LABELS = {"GPE", "LOC", "FAC"}
FIRST_SECOND_PERSON = {"i", "we", "you"}
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "on", "into", "throughout", "around"}


@dataclass
class Candidate:
    doc: Doc  # the text's Doc, or the title's
    head: Token  # the clause's verb, or the trigger of a nominal event
    event: Event | None
    in_title: bool
    sentence: int  # number of the sentence in the text (0 for the title)
    score: float = 0.0


def _content(tokens: Iterable[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens if t.is_alpha and t.lower_ not in STOP_WORDS}


def _main_verbs(sent: Span) -> list[Token]:
    """The verbs a sentence is about: its root, else the verbs hanging on a verbless root ("victims named")."""
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        verbs = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    else:
        verbs = [t for t in sent if t.pos_ == "VERB" and t.head == root and t.dep_ in ("acl", "relcl", "ccomp", "advcl")][:1]
    return [v for v in verbs if not (v.tag_ == "VB" and _subject(v) is None)]  # no imperatives ("Click to share")


def _subject(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return obj
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if subject is None and verb.dep_ in ("acl", "relcl"):
        return verb.head  # "victims named as ...": the noun the verb hangs on
    return subject


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _candidates(doc: Doc, title: Doc | None) -> list[Candidate]:
    found: list[Candidate] = []
    sents = [s for s in doc.sents if any(t.pos_ in ("VERB", "AUX") for t in s)]
    starts = [s.start_char for s in sents]
    for source, in_title in ((title, True), (doc, False)):
        if source is None:
            continue
        events = source._.events or []
        for event in events:
            head = _token_at(source, event.trigger.start, event.trigger.end)
            if head is not None:
                number = 0 if in_title else sum(1 for s in starts if s <= event.sentence.start) - 1
                found.append(Candidate(source, head, event, in_title, max(number, 0)))
        heads = {c.head.i for c in found if c.doc is source}
        for number, sent in enumerate(source.sents if in_title else sents[:LEDE]):
            for verb in _main_verbs(sent):
                if verb.i not in heads:
                    found.append(Candidate(source, verb, None, in_title, number))
    return found


def _subject_weight(c: Candidate, subject: Token | None) -> float:
    """A subject that names an actor makes a good `who`; "you" or "I" of a column, or none at all, does not."""
    if c.event is not None and c.event.actor is not None and c.event.actor.actor:
        return 0.3
    if subject is None:
        return -0.6
    if subject.lower_ in FIRST_SECOND_PERSON:
        return -0.8
    if resolve(c.doc, phrase(subject)):
        return 0.3
    return 0.2 if subject.ent_type_ in ACTOR_LABELS else 0.0


def _score(c: Candidate, title_words: set[str], mentions: dict[str, int], saying: frozenset[str]) -> float:
    position = 1.5 if c.in_title else 0.8 / (1 + c.sentence)
    subject = _subject(c.head)
    words = _content([c.head] + ([subject] if subject is not None else [])
                     + [t for t in c.head.children if t.dep_ in ("dobj", "attr", "pobj")])
    overlap = len(words & title_words) / len(words) if words and title_words else 0.0
    if c.event is not None:  # a coded event, a speech act among them ("accused", "agreed to")
        kind = 0.4 + 0.3 * c.event.confidence
    elif c.head.lemma_.lower() in saying:
        kind = -0.6
    elif c.head.lemma_ in ("be", "have"):
        kind = 0.0
    else:
        kind = 0.3
    if c.head.pos_ not in ("VERB", "AUX") and not c.in_title:  # (headline verbs are often tagged as nouns)
        kind -= 0.3  # a nominal event ("the attack") is mostly told by a clause around it
    actor = c.event.actor.actor if c.event is not None and c.event.actor is not None else None
    if actor is None and subject is not None and (named := resolve(c.doc, phrase(subject))) is not None:
        actor = named.id
    top = max(mentions.values(), default=0)
    salience = mentions.get(actor, 0) / top if actor and top else 0.0
    main_clause = 0.2 if kind > 0 and (c.head.dep_ == "ROOT" or (c.head.dep_ == "conj" and c.head.head.dep_ == "ROOT")) else 0.0
    return position + 0.5 * overlap + kind + 0.3 * salience + main_clause + _subject_weight(c, subject)


def main_event(doc: Doc, title: Doc | None) -> Candidate | None:
    """The clause the headline and lede are about: the best-scored candidate (see the module's doc)."""
    title_words = _content(title) if title is not None else set()
    mentions = {a.id: len(a.mentions) for a in doc._.actors or []}
    candidates = _candidates(doc, title)
    for c in candidates:
        c.score = _score(c, title_words, mentions, cue_words())
    return max(candidates, key=lambda c: c.score, default=None)


def _span(piece: Span, in_title: bool, **extra) -> dict:
    out = {"text": piece.text, "start": piece.start_char, "end": piece.end_char}
    if in_title:
        out["in"] = "title"
    return out | extra


def _what(head: Token) -> Span:
    """The verb with its auxiliaries, particles, objects and complements, up to the first clause or cue."""
    doc = head.doc
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ in VERB_LEFT and child.i == start - 1:
            start = child.i
    if head.pos_ != "VERB" and head.pos_ != "AUX":
        return phrase(head)
    end = head.i + 1
    why = cues().why_words
    for child in head.rights:
        if child.dep_ not in WHAT_PARTS or (child.dep_ == "prep" and child.lower_ in why) \
                or any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            break
        end = child.right_edge.i + 1
    end = min(end, start + MAX_WHAT)
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ in ("cc", "det")):
        end -= 1
    return doc[start:end]


def _who(c: Candidate, doc: Doc, title: Doc | None) -> dict | None:
    if c.event is not None and c.event.actor is not None and c.event.actor.actor:
        s = c.event.actor
        piece = c.doc.char_span(s.start, s.end, alignment_mode="expand")
    else:
        subject = _subject(c.head)
        if subject is None or subject.pos_ == "PRON" and subject.lower_ not in ("he", "she", "they", "it"):
            return None
        piece = phrase(subject)
    if piece is None or not len(piece):
        return None
    actor = resolve(c.doc, piece)
    if actor is not None and c.in_title:  # the article's own actor of that name
        actor = next((a for a in doc._.actors or [] if a.name == actor.name or (a.kb_id and a.kb_id == actor.kb_id)), None)
    if actor is not None and not c.in_title and actor.mentions and piece.root.pos_ in ("PRON", "NOUN"):
        # "she", "the company": the name it stands for, as the article first gives it
        start, end = actor.mentions[0]
        named = doc.char_span(start, end, alignment_mode="expand")
        piece = named if named is not None and named.root.pos_ == "PROPN" else piece
    return _span(piece, c.in_title, actor=actor.id if actor is not None else None)


def _lede_sentences(doc: Doc, c: Candidate, title: Doc | None) -> list[tuple[Doc, Span, bool]]:
    """Where to look for when, where, why and how: the main event's sentence, the title, the lede."""
    out = [(c.doc, c.head.sent, c.in_title)]
    if title is not None and not c.in_title:
        out += [(title, s, True) for s in title.sents]
    sents = [s for s in doc.sents if any(t.pos_ in ("VERB", "AUX") for t in s)][:LEDE]
    if c.in_title:  # the text's sentences that tell the title's event first
        words = _content(c.head.sent)
        sents.sort(key=lambda s: -len(_content(s) & words))
    out += [(doc, s, False) for s in sents if not (not c.in_title and s == c.head.sent)]
    return out


def _recent(value: str, published: datetime.date | None) -> bool:
    """Whether a time value may be the news event's: it reaches within RECENT_DAYS of the publication date
    (the years and months of background, "in 1908", "last June", are not the event's)."""
    days = period(value)
    if published is None or days is None:
        return True
    first, last = (datetime.date.fromisoformat(d) for d in days)
    window = datetime.timedelta(days=RECENT_DAYS)
    return first <= published + window and last >= published - window


def _when(c: Candidate, doc: Doc, sentences: list[tuple[Doc, Span, bool]]) -> dict | None:
    """The event's own time expression, else the nearest recent one of its sentence, the title or the lede;
    a day before a coarser value (a month, a year) further up that list."""
    date = c.event.date if c.event is not None else None
    for precise in (True, False):
        for source, sent, in_title in sentences:
            times = [t for t in source._.times or [] if sent.start_char <= t.start < sent.end_char and t.value
                     and (len(t.value) >= DAY or not precise) and _recent(t.value, doc._.published)]
            if times:
                t = min(times, key=lambda t: (t.value != date, abs(t.start - c.head.idx) if source is c.doc else t.start))
                return {"text": t.text, "start": t.start, "end": t.end} | ({"in": "title"} if in_title else {}) | {
                    "time": None if in_title else t.id, "value": t.value}
    return None


def _place_answer(source: Doc, place: Place, in_title: bool, article_places: list[Place]) -> dict:
    own = place if not in_title else next((p for p in article_places if p.name == place.name), None)
    return {"text": place.text, "start": place.start, "end": place.end} | ({"in": "title"} if in_title else {}) | {
        "place": own.id if own is not None else None}


def _place_entities(sent: Span) -> Iterator[Span]:
    """The sentence's named facilities, locations and geopolitical entities (without building all `doc.ents`)."""
    doc = sent.doc
    for token in sent:
        if token.ent_iob_ == "B" and token.ent_type_ in PLACE_LABELS:
            end = token.i + 1
            while end < sent.end and doc[end].ent_iob_ == "I":
                end += 1
            yield doc[token.i:end]


def _where(c: Candidate, doc: Doc, sentences: list[tuple[Doc, Span, bool]]) -> dict | None:
    """The event's place, else a place governed by a locative preposition of a main verb nearby (see
    `location.event_place`), else a facility or location named after such a preposition, else the dateline."""
    article_places = doc._.places or []
    if c.event is not None and c.event.place and not c.in_title:
        place = next((p for p in article_places if p.id == c.event.place), None)
        if place is not None:
            return _place_answer(doc, place, False, article_places)
    for source, sent, in_title in sentences[:2]:  # the main event's sentence and the title (or its lede sentence)
        verbs = [c.head] if sent == c.head.sent and source is c.doc else _main_verbs(sent)
        # no demonym ("Brits"); in a headline, whose names the model knows less well, only a place the gazetteer knows
        places = [p for p in source._.places or [] if p.feature != "demonym" and (p.feature or not in_title)]
        for verb in verbs:
            place = event_place(source, source[verb.i:verb.i + 1], places)
            if place is not None:
                return _place_answer(source, place, in_title, article_places)
        if in_title:  # headlines parse badly: any place after a locative preposition ("floods in Mozambique")
            place = next((p for p in places if sent.start_char <= p.start < sent.end_char
                          and (t := _token_at(source, p.start, p.end)) is not None and t.head.lower_ in LOCATIVE), None)
            if place is not None:
                return _place_answer(source, place, in_title, article_places)
        for ent in _place_entities(sent):
            if ent.root.head.lower_ in LOCATIVE and ent.root.dep_ == "pobj" \
                    and ent.root.head.head in verbs:
                return _span(ent, in_title, place=None)
    end = dateline_end(doc.text)
    place = next((p for p in article_places if p.end <= end), None)
    return _place_answer(doc, place, False, article_places) if place is not None else None


def _why_how(c: Candidate, sentences: list[tuple[Doc, Span, bool]], question: str) -> dict | None:
    for source, sent, in_title in sentences:
        # of another sentence, its main verbs, but not a verb of saying ("residents said by telephone")
        verbs = [c.head] if sent == c.head.sent and source is c.doc else [
            v for v in _main_verbs(sent) if v.lemma_.lower() not in cue_words()]
        for verb in verbs:
            piece = cue_phrase(sent, verb, question, in_title)
            if piece is not None:
                return _span(piece, in_title)
    return None


def find_brief(doc: Doc, title: Doc | None) -> dict:
    """The brief of an article: each question a span (see the module's doc), or None."""
    brief = dict.fromkeys(BRIEF_KEYS)
    c = main_event(doc, title)
    if c is None:
        return brief
    sentences = _lede_sentences(doc, c, title)
    brief["who"] = _who(c, doc, title)
    governing = c.head.head if c.head.dep_ == "xcomp" and c.head.head.pos_ in ("VERB", "AUX") else c.head
    brief["what"] = _span(_what(governing), c.in_title)  # "began to march", not "to march"
    brief["when"] = _when(c, doc, sentences)
    brief["where"] = _where(c, doc, sentences)
    brief["why"] = _why_how(c, sentences, "why")
    brief["how"] = _why_how(c, sentences, "how")
    what = brief["what"]
    for answer in (brief["why"], brief["how"]):  # the what ends where the why or how begins
        if answer and answer.get("in") == what.get("in") and what["start"] < answer["start"] < what["end"]:
            source = title if c.in_title else doc
            cut = source.char_span(what["start"], answer["start"], alignment_mode="contract")
            if cut is not None and len(cut):
                what = _span(cut[:-1] if cut[-1].is_punct and len(cut) > 1 else cut, c.in_title)
    brief["what"] = what
    return brief


class BriefFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            titles = []
            for doc in batch:
                if doc._.title and doc._.title.strip():
                    # a headline has no final stop; with one the parser reads it as the sentence it is
                    ends = doc._.title.rstrip()[-1] in ".!?:;\"'’”"
                    title = self.nlp.make_doc(doc._.title if ends else doc._.title.rstrip() + ".")
                    title._.published = doc._.published
                    titles.append(title)
            parsed = iter(self.nlp.pipe(titles, disable=[self.name, "eventwire_quotes"]))  # quotes: none in a title
            for doc in batch:
                title = next(parsed) if doc._.title and doc._.title.strip() else None
                doc._.brief = find_brief(doc, title)
                yield doc


@Language.factory("eventwire_brief")
def make_brief_finder(nlp: Language, name: str) -> BriefFinder:
    return BriefFinder(nlp, name)
