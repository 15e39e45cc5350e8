"""Who did it and to whom: the actor and recipient phrases of an event trigger, from the dependency parse.

Verbal triggers: the subject is the actor and the object the recipient; in the passive the
`by` phrase is the actor and the subject the recipient; a clause without a subject of its own
takes it from the clause it hangs on ("vowing to ..." after "Israel unleashes", "X and then Y"),
a relative clause from the noun it describes ("Iran, which backs Hamas"). Nominal triggers:
a possessor or a nationality/name inside the phrase ("Israeli ground invasion"), a `by` phrase,
or the subject of the verb that governs the phrase ("launched an attack"). Coordinated
phrases ("X and Y") are returned one by one, so that each becomes an event of its own.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "attr"}
# Prepositions that introduce the recipient of an event ("talks with", "attacks on", "a message to").
RECIPIENT_PREPS = {"with", "against", "on", "upon", "to", "toward", "towards", "at", "into", "through", "for"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
# Heads that only count or group the real actor: "hundreds of gunmen", "members of the party".
PARTITIVES = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "group", "member", "members",
              "some", "many", "one", "two", "three", "several", "most", "all", "none", "part", "unit", "units"}
CLAUSE_LINKS = {"xcomp", "conj", "advcl", "ccomp", "pcomp"}
ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE"}


def phrase(head: Token) -> Span:
    """The noun phrase of `head`: its left modifiers and itself, plus "of" after a partitive head;
    relative clauses, appositions and other trailing phrases are left out."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ not in ("punct", "cc", "preconj"):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in PARTITIVES:
            end = child.right_edge.i + 1
        elif child.dep_ == "case" and child.i == end:
            end += 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def conjuncts(head: Token) -> list[Token]:
    """`head` and the phrases coordinated with it ("Israelis and Egyptians")."""
    return [head] + [t for t in head.conjuncts if t.i > head.i and t.pos_ in ("NOUN", "PROPN", "PRON")]


def _child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _agent(verb: Token) -> Token | None:
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return _child(by, {"pobj"}) if by is not None else None


def _relative_head(subject: Token) -> Token:
    """For a relative pronoun subject, the noun its clause describes."""
    if subject.lower_ in RELATIVE_PRONOUNS:
        clause = subject.head
        if clause.dep_ == "relcl":
            return clause.head
    return subject


def verb_actor(verb: Token, depth: int = 0) -> Token | None:
    """The actor of a verb: its subject, the agent of a passive, or the subject it shares."""
    subject = _child(verb, SUBJECTS)
    if subject is not None:
        return _relative_head(subject)
    if _child(verb, PASSIVE_SUBJECTS) is not None:
        return _agent(verb)
    if verb.dep_ == "acl":  # "hostages kidnapped by Hamas"
        return _agent(verb)
    if verb.dep_ == "relcl" and not any(c.lower_ in RELATIVE_PRONOUNS for c in verb.children):
        return None
    if depth < 4 and verb.dep_ in CLAUSE_LINKS and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp" and _child(head, {"dobj"}) is not None:  # "urged Iran to stop": Iran acts
            return _child(head, {"dobj"})
        if head.pos_ in ("VERB", "AUX") or verb.dep_ == "conj":
            return verb_actor(head, depth + 1)
        if head.dep_ in ("acomp", "xcomp") or head.pos_ == "ADJ":  # "is likely to continue"
            return verb_actor(head.head, depth + 1)
    return None


def verb_recipient(verb: Token, consumed: set[int]) -> Token | None:
    """The recipient of a verb: object, passive subject, or the object of a recipient preposition."""
    passive = _child(verb, PASSIVE_SUBJECTS)
    if passive is not None:
        return _relative_head(passive)
    if verb.dep_ == "acl":
        return verb.head
    for child in verb.children:
        if child.dep_ in OBJECTS and child.i not in consumed and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return child
    for holder in [verb] + [verb.doc[i] for i in sorted(consumed)]:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                obj = _child(prep, {"pobj"})
                if obj is not None and obj.i not in consumed and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                    return obj
    xcomp = _child(verb, {"xcomp"})  # "vowed to annihilate Hamas"
    if xcomp is not None:
        obj = _child(xcomp, {"dobj"})
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return obj
    return None


def noun_head(trigger: Token) -> Token:
    """The head of the phrase a nominal trigger modifies ("bombing" → "campaign")."""
    while trigger.dep_ == "compound" and trigger.head.i != trigger.i:
        trigger = trigger.head
    return trigger


def governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of ("launched an attack", "advance talks with")."""
    head = noun_head(noun)
    if head.dep_ in ("dobj", "attr", "oprd") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if head.dep_ == "conj":
        return governing_verb(head.head)
    return None


def noun_actor(trigger: Token, mobilize: bool) -> Token | None:
    head = noun_head(trigger)
    for child in head.children:
        if child.dep_ == "poss":
            return child
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return _child(child, {"pobj"})
        if mobilize and child.dep_ == "prep" and child.lower_ == "of":  # "the deployment of US warships"
            return _child(child, {"pobj"})
    for token in head.doc[head.left_edge.i:head.i]:  # "a possible Israeli ground invasion"
        if token.i != trigger.i and token.ent_type_ in ENTITY_LABELS and token.dep_ in ("amod", "compound", "nmod"):
            return token
    verb = governing_verb(trigger)
    return verb_actor(verb) if verb is not None else None


def noun_recipient(trigger: Token, mobilize: bool) -> Token | None:
    head = noun_head(trigger)
    for child in head.children:
        if child.dep_ == "prep" and (child.lower_ in RECIPIENT_PREPS or (child.lower_ == "of" and not mobilize)):
            obj = _child(child, {"pobj"})
            if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                return obj
    verb = governing_verb(trigger)
    if verb is not None:  # "send a message to Iran", "hold talks with Egypt"
        for prep in verb.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in RECIPIENT_PREPS:
                obj = _child(prep, {"pobj"})
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


def arguments(trigger: Token, consumed: set[int], mobilize: bool) -> tuple[Token | None, Token | None]:
    """Heads of the actor and recipient phrases of a trigger (either may be None)."""
    if trigger.pos_ in ("VERB", "AUX"):
        return verb_actor(trigger), verb_recipient(trigger, consumed)
    return noun_actor(trigger, mobilize), noun_recipient(trigger, mobilize)
