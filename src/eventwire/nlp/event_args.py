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
RECIPIENT_PREPS = {"with", "against", "on", "upon", "to", "toward", "towards", "at", "into", "through", "for",
                   "over", "about", "between", "from"}
# Verbs whose prepositional phrase holds a nominal event they take part in ("converged for a rally").
PARTICIPATION_VERBS = {"take", "join", "participate", "converge", "gather", "march", "hold", "stage", "launch",
                       "carry", "conduct", "mount", "lead", "organize", "organise", "engage", "continue", "begin",
                       "remain", "stay", "put", "place", "keep"}
# Verbs whose object is an event someone else does ("secure the release", "condemned the attack"): their
# subject is not its actor.
OTHERS_ACT_VERBS = {"secure", "seek", "demand", "welcome", "await", "expect", "fear", "prevent", "survive",
                    "witness", "investigate", "mourn", "oppose", "hail", "applaud", "praise", "condemn",
                    "denounce", "deplore", "criticize", "criticise", "protest", "blame", "deny", "urge"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
# Prepositions through which a thing names the actor it concerns ("a ceasefire in X", "a dinner for Y").
INNER_PREPS = {"with", "against", "on", "to", "toward", "towards", "at", "for", "between", "in", "by"}
# Heads that only count or group the real actor: "hundreds of gunmen", "members of the party".
PARTITIVES = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "group", "member", "members",
              "some", "many", "one", "two", "three", "several", "most", "all", "none", "part", "unit", "units"}
REPORTING_VERBS = {"say", "claim", "announce", "state", "tell", "insist", "report", "confirm", "add", "admit"}
CLAUSE_LINKS = {"xcomp", "conj", "advcl", "ccomp", "pcomp"}
CLAUSES = {"relcl", "advcl", "ccomp", "acl"}  # clauses inside a phrase that are not part of naming who
ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
NOT_ACTORS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"}


def _nominal(token: Token | None) -> bool:
    if token is not None and token.lower_ in PARTITIVES and any(c.lower_ == "of" for c in token.children):
        return True  # "Thousands of students", though a number
    return token is not None and token.ent_type_ not in NOT_ACTORS and (
        token.pos_ in ("NOUN", "PROPN", "PRON") or token.ent_type_ in ENTITY_LABELS)


def _pick(candidates: list[Token | None], resolves) -> Token | None:
    """The first candidate that names a known actor, else the first name, else the first candidate."""
    candidates = [c for c in candidates if _nominal(c)]
    return next((c for c in candidates if resolves(c)),
                next((c for c in candidates if c.ent_type_ in ENTITY_LABELS), candidates[0] if candidates else None))


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    return [_child(p, {"pobj"}) for p in token.children if p.dep_ in ("prep", "dative") and p.lower_ in preps]


def phrase(head: Token) -> Span:
    """The noun phrase of `head`: its left modifiers and itself, plus "of" after a partitive head;
    relative clauses, appositions and other trailing phrases are left out."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ not in ("punct", "cc", "preconj", "npadvmod", "advmod", "prep"):  # not "Hours earlier"
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if (child.dep_ in ("compound", "flat", "nummod") and child.i == end) or (
                child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in PARTITIVES):
            end = child.right_edge.i + 1
        elif child.dep_ == "case" and child.i == end:
            end += 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _end_without_clauses(token: Token) -> int:
    """The end of `token`'s phrase without the relative and adverbial clauses inside it ("parts of the
    district[, where the army is deployed]")."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in CLAUSES:
            break
        end = max(end, _end_without_clauses(child))
    return end


def full_phrase(head: Token, with_conjuncts: bool) -> Span:
    """The phrase of `head` with what follows it: prepositional phrases ("at least 75 people in eastern
    Syria"), appositions of people and groups ("the Kenyan president, William Ruto", not of places:
    "Mombasa[, a port on the coast]"), and coordinated phrases when `with_conjuncts`; participles,
    relative clauses and trailing punctuation stay out ("hostages [kidnapped by Hamas]")."""
    core = phrase(head)
    end = core.end
    for child in head.rights:
        if child.i < core.end:
            continue
        if child.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in child.children):
            break  # "troops on Sunday": the time is not part of who
        if child.dep_ == "appos" and head.ent_type_ in ("GPE", "LOC", "FAC"):
            break  # "Mombasa[, a port city]": what a place is does not name it further
        if child.dep_ in ("prep", "appos", "amod", "nummod") or (
                with_conjuncts and child.dep_ in ("conj", "cc")):
            end = max(end, _end_without_clauses(child))
        elif child.dep_ not in ("punct",):
            break
    doc = head.doc

    def open_bracket(stop: int) -> bool:
        return sum(t.is_left_punct for t in doc[core.start:stop]) > sum(t.is_right_punct for t in doc[core.start:stop])
    if end < len(doc) and doc[end].is_right_punct and open_bracket(end):
        end += 1  # the bracket that closes an acronym: "the National Council (NC)"
    while end > core.end and doc[end - 1].is_punct and not (doc[end - 1].is_right_punct and open_bracket(end - 1)):
        end -= 1
    return doc[core.start:end]


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
    if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "a statement calling on X": who issued it, or who calls
        verb_of_noun = governing_verb(verb.head)
        return verb_actor(verb_of_noun, depth + 1) if verb_of_noun is not None and depth < 4 else verb.head
    if verb.dep_ == "acl":  # "hostages kidnapped by Hamas"
        return _agent(verb)
    if verb.dep_ == "relcl" and not any(c.lower_ in RELATIVE_PRONOUNS for c in verb.children):
        return None
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "..., as Israel unleashes X, vowing to": the nearest subject
        for before in reversed(verb.doc[verb.sent.start:verb.i]):
            subject = _child(before, SUBJECTS) if before.pos_ in ("VERB", "AUX") else None
            if subject is not None:
                return _relative_head(subject)
    if depth < 4 and verb.dep_ in CLAUSE_LINKS and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp" and _child(head, {"dobj"}) is not None:  # "urged Iran to stop": Iran acts
            return _child(head, {"dobj"})
        if verb.dep_ == "conj" and _child(head, SUBJECTS) is None and _child(head, PASSIVE_SUBJECTS) is not None \
                and _child(verb, {"auxpass"}) is None:  # "X was indicted and will resign": X resigns
            return _relative_head(_child(head, PASSIVE_SUBJECTS))
        if head.pos_ in ("VERB", "AUX") or verb.dep_ == "conj":
            return verb_actor(head, depth + 1)
        if head.dep_ in ("acomp", "xcomp") or head.pos_ == "ADJ":  # "is likely to continue"
            return verb_actor(head.head, depth + 1)
    return None


def reporting_subject(trigger: Token) -> Token | None:
    """The subject of the verb that reports the trigger's clause ("Russia said it had expelled ...")."""
    token = trigger
    while token.dep_ in ("conj", "xcomp", "aux") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS:
        return _child(token.head, SUBJECTS)
    return None


def verb_recipient(verb: Token, consumed: set[int], resolves) -> Token | None:
    """The recipient of a verb: the passive subject, else the first of object, recipient prepositions
    (of the verb, its object or its complement) that names a known actor, else the first of them."""
    passive = _child(verb, PASSIVE_SUBJECTS)
    if passive is not None:
        return _relative_head(passive)
    if verb.dep_ == "acl" and verb.tag_ != "VBG":
        return verb.head
    objects = [c for c in verb.children if c.dep_ in OBJECTS and c.i not in consumed]
    owned = [o for o in objects if _owned(o)]  # "withdraw its troops from Burundi": the troops are its own
    candidates = [o for o in objects if o not in owned]
    for holder in [verb] + [verb.doc[i] for i in sorted(consumed)]:  # "expelled diplomats of Colombia"
        preps = RECIPIENT_PREPS | ({"of", "in"} if holder.pos_ == "NOUN" else set())  # "extended the curfew in X"
        candidates += [o for o in _prep_objects(holder, preps) if o is not None and o.i not in consumed]
    # a coded object that names its owner ("expelled Israeli diplomats", "ambushed a Kenyan convoy")
    candidates += [c for c in verb.children if c.dep_ in OBJECTS and c.i in consumed and resolves(c)]
    for obj in objects:
        candidates += _prep_objects(obj, RECIPIENT_PREPS | {"of", "from", "by"})
    xcomp = _child(verb, {"xcomp"})  # "vowed to annihilate Hamas", "agreed to provide aid for Poland"
    if xcomp is not None:
        inner = [c for c in xcomp.children if c.dep_ in OBJECTS]
        candidates += inner + _prep_objects(xcomp, RECIPIENT_PREPS)
        for obj in inner:
            candidates += _prep_objects(obj, RECIPIENT_PREPS | {"of"})
    candidates += _clause_subjects(verb)  # "demanded that the government end curbs"
    return _pick(candidates + _fallbacks(verb, objects, resolves) + owned, resolves)


def _owned(token: Token) -> bool:
    """A phrase owned by whoever is spoken of ("its troops", "their ambassador")."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)


def _fallbacks(verb: Token, objects: list[Token], resolves) -> list[Token]:
    """Named actors that are not the object proper: of a purpose clause ("began a hunger strike to demand
    the resignation of President X") and, last, the place an act happens in ("demonstrated in Serbia")."""
    inner = []
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            for obj in (c for c in clause.children if c.dep_ in OBJECTS):
                inner += [obj] + _prep_objects(obj, {"of", "by", "from"})
    for holder in [verb] + objects:
        inner += _prep_objects(holder, {"in"})
    return [t for t in inner if _nominal(t) and resolves(t)]


def _clause_subjects(token: Token) -> list[Token]:
    """Subjects of the clauses a verb or noun governs ("demanding that X abandon", "its demand that X ease")."""
    return [_child(c, {"nsubj", "nsubjpass"}) for c in token.children if c.dep_ in ("ccomp", "acl")]


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
    if head.dep_ == "pobj" and head.head.head.lemma_.lower() in PARTICIPATION_VERBS:
        return head.head.head
    return None


def noun_actor(trigger: Token, mobilize: bool, resolves) -> Token | None:
    head = noun_head(trigger)
    candidates = [c for c in head.children if c.dep_ == "poss"]
    candidates += _prep_objects(head, {"by"} | ({"of"} if mobilize else set()))
    candidates += [t for t in head.doc[head.left_edge.i:head.i]  # "a possible Israeli ground invasion"
                   if t.i != trigger.i and t.ent_type_ in ENTITY_LABELS and t.dep_ in ("amod", "compound", "nmod")]
    verb = governing_verb(trigger)
    if verb is not None and verb.lemma_.lower() not in OTHERS_ACT_VERBS:
        candidates.append(verb_actor(verb))
    return _pick(candidates, resolves)


def noun_recipient(trigger: Token, mobilize: bool, resolves) -> Token | None:
    head = noun_head(trigger)
    candidates = _prep_objects(head, RECIPIENT_PREPS | (set() if mobilize else {"of"})) + _clause_subjects(head)
    verb = governing_verb(trigger)
    if verb is not None:  # "send a message to Iran", "hold talks with Egypt"
        candidates += _prep_objects(verb, RECIPIENT_PREPS) + _fallbacks(verb, [head], resolves)
    return _pick([c for c in candidates if c is not None and c.i != head.i], resolves)  # not "on high alert" itself


def inner_actor(head: Token | None, names) -> Token | None:
    """The recipient of an act on a thing is the actor the thing concerns: for a phrase that names no
    actor itself ("agreed to a ceasefire in X", "hosted a dinner for Y", "an admission by Z"), the
    first of its prepositional phrases that does; else the phrase itself."""
    if head is None or head.pos_ != "NOUN" or head.ent_type_ or names(head):
        return head
    inner = [o for o in _prep_objects(head, INNER_PREPS) if _nominal(o) and o.pos_ != "PRON"]
    return next((o for o in inner if names(o)), head)


def arguments(trigger: Token, consumed: set[int], mobilize: bool, resolves,
              names=None) -> tuple[Token | None, Token | None]:
    """Heads of the actor and recipient phrases of a trigger (either may be None).
    `resolves(token)` tells whether the phrase of `token` names an actor the document knows, with
    its modifiers; `names(token)` whether the token's own name or core phrase names one or a place."""
    names = names or resolves
    if trigger.pos_ in ("VERB", "AUX"):
        actor = verb_actor(trigger)
        if actor is not None and actor.pos_ == "PRON" and not resolves(actor):  # "Russia said it had expelled"
            speaker = reporting_subject(trigger)
            actor = speaker if speaker is not None and speaker.pos_ != "PRON" else actor
        return actor, inner_actor(verb_recipient(trigger, consumed, resolves), names)
    return noun_actor(trigger, mobilize, resolves), inner_actor(noun_recipient(trigger, mobilize, resolves), names)
