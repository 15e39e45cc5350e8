"""eventwire_events: PLOVER-coded events, who did what to whom, with modality, place and date.

Each verb or noun of a sentence whose lemma is in the event lexicon, with the context words its
lexicon entry asks for, is a trigger ("reassured", "shook hands", "the weekend attacks"). Its actor
and recipient phrases come from the dependency parse (`event_args`) and are linked to the
document's actors through `resolve`; its modality from the clauses above it (`modality`); its place
from `location.event_place`; its date from a time expression attached to its clause, else the
publication date for an asserted event told in the past tense. A noun trigger inside the object
of a verb trigger ("vowed retribution for the attack"), or a verb completing it ("vowed to
annihilate"), is part of that event, not one of its own; so is what a statement is about ("denied
charges that it tortured a priest"): statements (CAMEO root 01) are no PLOVER events. Announced
events become pledges, threats, refusals or demands (`statements`); a hostile act without a
recipient takes it from the sentence's other hostile acts; a place as target stands for its state,
which is added to `doc._.actors` when the document names no such country.
Reads `doc._.actors`, `doc._.places`, `doc._.times`, `doc._.published`; writes `doc._.events` (and
place mentions of country actors).
"""

from __future__ import annotations

import itertools

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..kb.countries import countries
from ..schema import Actor, ActorSpan, Event, Place, SentenceSpan
from ..schema import Span as TextSpan
from .dateline import dateline_end
from .event_args import arguments, conjuncts, full_phrase, governing_verb, noun_head, phrase
from .event_lexicon import Code, Entry, Lexicon, lexicon
from .location import event_place
from .modality import modality
from .resolve import resolve
from .statements import statement

Doc.set_extension("events", default=None, force=True)

OTHER_CLAUSES = {"ccomp", "advcl", "conj", "parataxis", "relcl", "acl", "punct", "cc", "mark"}
DATELINE_TOKENS = 80  # a dateline is shorter than this
MAX_PER_TRIGGER = 4  # events from one trigger with coordinated actors or recipients
SUBORDINATE = 0.1  # confidence lost by an event in a clause that depends on another event's clause
DYAD_TYPES = {"ASSAULT", "THREATEN", "COERCE", "SANCTION"}  # hostile acts whose target may be told elsewhere


def _words(tokens) -> dict[str, list[int]]:
    words: dict[str, list[int]] = {}
    for t in tokens:
        for w in {t.lower_, t.lemma_.lower()}:
            words.setdefault(w, []).append(t.i)
    return words


def _clause_tokens(verb: Token) -> list[Token]:
    """The verb's own clause: its subtree without the clauses attached to it."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ not in OTHER_CLAUSES:
            tokens.extend(child.subtree)
    return tokens


def _code(lex: Lexicon, token: Token, pos: str) -> tuple[Entry, Code, set[int]] | None:
    lemma = token.lemma_.lower()
    if not lex.has(lemma, pos):
        return None
    scope = _clause_tokens(token) if pos == "VERB" else list(noun_head(token).subtree)
    words = _words(t for t in scope if t.i != token.i)
    found = lex.match(lemma, pos, set(words))
    if found is None:
        return None
    entry, code = found
    consumed = {i for group in entry.context for w in group for i in words.get(w, ())}
    return entry, code, consumed


def _inside_verb_trigger(noun: Token, verbs: set[int]) -> bool:
    """The noun is within the object or a prepositional phrase of a verb trigger, no verb between."""
    token = noun
    while token.head.i != token.i:
        token = token.head
        if token.i in verbs:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def _trigger_span(doc: Doc, token: Token, consumed: set[int]) -> Span:
    end = token.i + 1
    if token.pos_ == "VERB":
        while end in consumed and end - token.i <= 3:
            end += 1
    else:
        head = noun_head(token)
        if head.i > token.i and all(doc[i].dep_ == "compound" for i in range(token.i, head.i)):
            end = head.i + 1
    return doc[token.i:end]


class _Linker:
    """The actor phrases of one document linked through `resolve`; memoized, since the same head is
    asked about for every event and candidate of its sentence."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.story = dateline_end(doc[:DATELINE_TOKENS].text)  # not doc.text: joining all tokens is slow
        self.cache: dict[tuple[int, bool], ActorSpan] = {}
        self.named: dict[int, bool] = {}
        self.resolved: dict[tuple[int, int], Actor | None] = {}
        self.mentions = {(m[0], m[1]): a for a in doc._.actors or () for m in a.mentions}
        self.countries = {a.id: a.country for a in doc._.actors or ()}
        self.states = {a.country: a.id for a in doc._.actors or () if a.kind == "country"}

    def state(self, iso3: str | None, start: int, end: int) -> str | None:
        """The id of the country actor of `iso3`, with the place span that stands for it as a mention;
        added when the document has none."""
        if iso3 not in self.states and iso3 in countries().by_iso3:
            actors = self.doc._.actors if self.doc._.actors is not None else []
            number = max((int(a.id[1:]) for a in actors if a.id[1:].isdigit()), default=0) + 1
            actor = Actor(f"a{number}", countries().by_iso3[iso3].name, "country", iso3, "GOV")
            self.doc._.actors = [*actors, actor]
            self.states[iso3], self.countries[actor.id] = actor.id, iso3
        state = self.states.get(iso3)
        if state is not None:
            actor = next(a for a in self.doc._.actors if a.id == state)
            if [start, end] not in actor.mentions:
                actor.mentions = sorted([*actor.mentions, [start, end]])
                self.resolved.clear()  # a new mention: spans may resolve differently
        return state

    def own_state(self, actor: ActorSpan) -> ActorSpan | None:
        """The state of the actor's country, at its mention nearest to the actor phrase (outside it if
        possible), when the document names it."""
        state = next((a for a in self.doc._.actors or () if a.id == self.states.get(self.countries.get(actor.actor))
                      and a.id != actor.actor and a.mentions), None)
        if state is None:
            return None
        start, end = min(state.mentions, key=lambda m: (actor.start <= m[0] < actor.end, abs(m[0] - actor.start)))
        return ActorSpan(self.doc.text[start:end], start, end, state.id)

    def at_place(self, recipient: ActorSpan | None, place: Place | None) -> ActorSpan | None:
        """An uncoded recipient phrase linked to the country of a place inside it ("a curfew in Algiers",
        "the Gaza Strip"), or a missing one to the country of the event's place; else unchanged."""
        if recipient is not None:
            inside = [p for p in self.doc._.places or () if recipient.start <= p.start and p.end <= recipient.end]
            state = next((a for p in inside if (a := self.state(p.country, p.start, p.end))), None)
            return ActorSpan(recipient.text, recipient.start, recipient.end, state) if state else recipient
        state = self.state(place.country, place.start, place.end) if place is not None else None
        return ActorSpan(place.text, place.start, place.end, state) if state else None

    def resolve(self, words: Span) -> Actor | None:
        key = (words.start, words.end)
        if key not in self.resolved:
            self.resolved[key] = resolve(self.doc, words)
        return self.resolved[key]

    def resolves(self, head: Token) -> bool:
        return self.span(head).actor is not None

    def names(self, head: Token) -> bool:
        """Whether the name or core phrase of `head` (not its modifiers) is an actor or a place."""
        if head.i not in self.named:
            name = self._name(head)
            self.named[head.i] = bool((name is not None and self.resolve(name)) or self.resolve(phrase(head))
                                      or any(p.start <= head.idx < p.end for p in self.doc._.places or ()))
        return self.named[head.i]

    def span(self, head: Token | None, with_conjuncts: bool = True) -> ActorSpan | None:
        if head is None:
            return None
        key = (head.i, with_conjuncts)
        if key not in self.cache:
            self.cache[key] = self._span(head, with_conjuncts)
        return self.cache[key]

    def _name(self, head: Token) -> Span | None:
        """The named entity `head` is part of, if any."""
        if not head.ent_type_:
            return None
        doc, start, end = self.doc, head.i, head.i + 1
        while doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]

    def _span(self, head: Token, with_conjuncts: bool) -> ActorSpan:
        """The phrase of `head` with its modifiers, linked to the actor its head names ("Palestinian
        Authority President Mahmoud Abbas": Abbas), else its core ("Israeli Prime Minister": Israel), else
        its modifiers ("leaders of the opposition coalition", "a car bombing by the Islamic State group")."""
        doc = self.doc
        span = full_phrase(head, with_conjuncts)
        if span.start_char < self.story < span.end_char:  # "ADDIS ABABA, Feb 15 (Agency) — Kenya and ..."
            span = doc[next(t.i for t in span if t.idx >= self.story):span.end]
            if head.idx < self.story:  # the parse took the dateline for the head
                actor = self.resolve(span)
                return ActorSpan(span.text, span.start_char, span.end_char, actor.id if actor else None)
        name = self._name(head)
        core = phrase(head)
        actor = (name is not None and self.resolve(name)) or self._mentioned(core) or self._mentioned(head) \
            or self.resolve(core) or self.resolve(span)
        if actor is not None and actor.country is None:  # "Lars Eriksen, the UN relief coordinator"
            appos = next((c for c in head.rights if c.dep_ == "appos"), None)
            described = self.resolve(phrase(appos)) if appos is not None else None
            actor = described if described is not None and described.country else actor
        return ActorSpan(span.text, span.start_char, span.end_char, actor.id if actor else None)

    def _mentioned(self, words: Span | Token) -> Actor | None:
        """The actor with a mention of exactly these words ("the president of Georgia": the actor found
        for "president", not the earlier president a bare "the president" would repeat)."""
        start, end = (words.idx, words.idx + len(words)) if isinstance(words, Token) else (words.start_char,
                                                                                           words.end_char)
        return self.mentions.get((start, end))


def _date(doc: Doc, trigger: Token, clause: Token | None, mood: str, said: Token | None = None) -> str | None:
    sent = trigger.sent
    anchors = {t.i for t in (trigger, clause, said) if t is not None}
    for time in doc._.times or ():
        if not (sent.start_char <= time.start < sent.end_char) or time.value is None:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        token = span.root
        while token.head.i != token.i and token.i not in anchors and token.pos_ not in ("VERB", "AUX"):
            token = token.head
        if token.i in anchors:
            return time.value
    published = doc._.published
    verb = said if said is not None else trigger if trigger.pos_ == "VERB" else clause
    if mood == "asserted" and published is not None and verb is not None and verb.tag_ == "VBD":
        return published.isoformat()
    return None


def _attested(trigger: Token, actor: ActorSpan | None, recipient: ActorSpan | None, mood: str) -> bool:
    """Whether a mention tells an event: a noun needs its actor ("the talks" alone is a topic), and both
    sides when the event is only expected or reported ("a possible invasion"); a verb without actor
    must be asserted ("until all hostages are freed" tells no release)."""
    if trigger.pos_ != "VERB":
        return actor is not None and (mood == "asserted" or recipient is not None)
    return actor is not None or mood == "asserted"


def _confidence(entry: Entry, trigger: Token, actor: ActorSpan | None, recipient: ActorSpan | None) -> float:
    score = 0.4 + (0.25 if actor and actor.actor else 0.1 if actor else 0.0)
    score += 0.15 if recipient and recipient.actor else 0.05 if recipient else 0.0
    score += (0.1 if trigger.pos_ == "VERB" else 0.0) + (0.05 if entry.context else 0.0)
    return round(min(score, 0.95), 2)


def _complete_dyads(events: list[Event], country: dict[str, str | None]) -> None:
    """A conflict event of a sentence without a recipient, or with one of its actor's own country,
    takes it from the sentence's other conflict events between two countries (one without any also
    from those at home: "police fired on marchers, detaining 40"): the recipient of an
    actor of the same country ("unleashes a bombing campaign, vowing to annihilate Hamas"), else the
    actor that targets this one's country ("vowed retribution ... when gunmen rampaged through
    Israeli towns")."""
    def of(span: ActorSpan | None) -> str | None:
        return country.get(span.actor) if span is not None and span.actor else None

    conflict = [e for e in events if e.type in DYAD_TYPES and of(e.actor)]
    dyads = [e for e in conflict if of(e.recipient) and of(e.recipient) != of(e.actor)]
    for event in conflict:
        own = of(event.actor)
        if event.recipient is not None and of(event.recipient) != own:
            continue
        others = dyads + ([o for o in conflict if of(o.recipient) == of(o.actor)] if event.recipient is None else [])
        same_actor = next((o.recipient for o in others if o is not event and of(o.actor) == own), None)
        attacker = next((o.actor for o in dyads if o is not event and of(o.recipient) == own), None)
        if same_actor or attacker:
            event.recipient = same_actor or attacker
            event.confidence = round(event.confidence - 0.05, 2)


def _rank_subordinate(mentions: list[tuple[Token, Event]]) -> None:
    """An event told in a clause that depends on another event's clause ("held talks with X to discuss
    Y", "ambushed a convoy, wounding five") is a detail of that event: its confidence is lower, so that
    the sentence's main event comes first."""
    anchors = {(governing_verb(t) or t).i if t.pos_ != "VERB" else t.i for t, _ in mentions}
    for token, event in mentions:
        anchor = token if token.pos_ == "VERB" else governing_verb(token) or token
        above = anchor
        while above.head.i != above.i:
            above = above.head
            if above.i in anchors:
                event.confidence = round(event.confidence - SUBORDINATE, 2)
                break


class EventFinder:
    def __init__(self) -> None:
        self.lexicon = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        linker = _Linker(doc)
        for sent in doc.sents:
            events.extend(self._sentence(linker, sent, len(events)))
        doc._.events = events
        return doc

    def _sentence(self, linker: _Linker, sent: Span, numbered: int) -> list[Event]:
        found: list[tuple[Token, Entry, Code, set[int]]] = []
        consumed_all: set[int] = set()
        for token in sent:
            if token.pos_ == "VERB" and token.dep_ != "amod" and (coded := _code(self.lexicon, token, "VERB")):
                found.append((token, *coded))
                consumed_all |= coded[2]
        verbs = {t.i for t, *_ in found}
        # "vowed to annihilate", "agreed to provide aid": the complement is the content of the outer event
        found = [f for f in found if not (f[0].dep_ == "xcomp" and f[0].head.i in verbs)]
        verbs = {t.i for t, *_ in found}
        # "lifted the curfew imposed in May": a participle without agent in a verb trigger's object describes it
        found = [f for f in found if not (f[0].dep_ == "acl" and f[0].tag_ == "VBN" and not any(
            c.dep_ == "agent" for c in f[0].children) and _inside_verb_trigger(f[0], verbs))]
        verbs = {t.i for t, *_ in found}
        for token in sent:
            if (token.pos_ == "NOUN" and token.i not in consumed_all and not _inside_verb_trigger(token, verbs)
                    and (coded := _code(self.lexicon, token, "NOUN"))
                    and not (noun_head(token) != token and linker.names(noun_head(token)))):  # "aid workers"
                found.append((token, *coded))
                consumed_all |= coded[2] | {noun_head(token).i}  # "hunger strike" is one event
        found.sort(key=lambda f: f[0].i)
        mentions = [(token, event) for token, entry, code, consumed in found if code.type is not None  # None: statement
                    for event in self._events(linker, sent, token, entry, code, consumed)]
        _rank_subordinate(mentions)
        events = [event for _, event in mentions]
        _complete_dyads(events, linker.countries)
        for number, event in enumerate(events, numbered + 1):
            event.id = f"v{number}"
        return events

    @staticmethod
    def _conjuncts(linker: _Linker, head: Token | None) -> list[Token | None]:
        """One argument per coordinated phrase that names an actor ("Norway and Sweden"); a phrase
        coordinated with words that name none ("US warships and aircraft") stays one argument."""
        if head is None:
            return [None]
        named = [t for t in conjuncts(head) if linker.resolve(phrase(t)) is not None]
        return named if len(named) > 1 else [head]

    def _events(self, linker: _Linker, sent, token, entry, code, consumed) -> list[Event]:
        doc = linker.doc
        mobilize = code.type == "MOBILIZE"
        actor_head, recipient_head = arguments(token, consumed, mobilize, linker.resolves, linker.names)
        actors = self._conjuncts(linker, actor_head)
        recipients = self._conjuncts(linker, recipient_head)
        between = actor_head is None and recipient_head is not None and recipient_head.head.lower_ == "between"
        if between and len(recipients) > 1:  # "talks between Kenya and Ethiopia": the first acts on the other
            actors, recipients = recipients[:1], recipients[1:]
        trigger = _trigger_span(doc, token, consumed)
        clause = token if token.pos_ == "VERB" else governing_verb(token)
        place = event_place(doc, trigger, doc._.places or [])
        out = []
        for a_head, r_head in itertools.islice(itertools.product(actors, recipients), MAX_PER_TRIGGER):
            actor = linker.span(a_head, len(actors) == 1 and not between)
            recipient = linker.span(r_head, len(recipients) == 1)

            def same_source(reporter: Token, actor=actor) -> bool:
                subject = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
                if subject is None or actor is None:
                    return False
                said_by = linker.resolve(phrase(subject))
                return said_by is not None and said_by.id == actor.actor

            mood = modality(token, same_source)
            event_code, said = code, None
            if (frame := statement(token, code.quad, mood)) is not None:
                event_code, said, mood = self.lexicon.codes[frame.cameo], frame.verb, "asserted"
                if not frame.speaker_acts:
                    actor, recipient = linker.span(frame.speaker), actor
                elif frame.speaker is not None and (a_head is None or a_head.pos_ == "PRON"):
                    actor = linker.span(frame.speaker)
            if recipient is not None and actor is not None and recipient.actor and recipient.actor == actor.actor:
                recipient = None
            if actor is not None and linker.countries.get(actor.actor) is None and a_head is not None and a_head.pos_ == "NOUN" \
                    and a_head.ent_type_ == "" and (self.lexicon.has(a_head.lemma_.lower(), "NOUN")
                                                    or not linker.names(a_head)):
                actor = linker.at_place(actor, None)  # "a roadside bombing near Samarra killed": unknown attackers there
                if actor.actor is None and place is not None and event_code.type in DYAD_TYPES:
                    state = linker.state(place.country, place.start, place.end)  # "a device killed two soldiers near Gao"
                    actor = ActorSpan(actor.text, actor.start, actor.end, state) if state else actor
            if recipient is not None and linker.countries.get(recipient.actor) is None:
                recipient = linker.at_place(recipient, None)
            elif recipient is None and place is not None and actor is not None and actor.actor \
                    and linker.countries.get(actor.actor) != place.country:  # "strengthened its forces in Lebanon"
                recipient = linker.at_place(None, place)
            if recipient is None and event_code.type == "PROTEST" and actor is not None and actor.actor:
                recipient = linker.own_state(actor)  # protesters act against their government
            if not _attested(token, actor, recipient, mood):
                continue
            out.append(Event(
                id="", type=event_code.type, mode=event_code.mode, cameo=event_code.code, quad=event_code.quad,
                goldstein=event_code.goldstein, actor=actor, recipient=recipient,
                trigger=TextSpan(trigger.text, trigger.start_char, trigger.end_char),
                sentence=SentenceSpan(sent.start_char, sent.end_char),
                place=place.id if place else None, date=_date(doc, token, clause, mood, said), modality=mood,
                confidence=_confidence(entry, token, actor, recipient),
            ))
        return out


@Language.factory("eventwire_events")
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    return EventFinder()
