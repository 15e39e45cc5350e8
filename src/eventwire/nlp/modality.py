"""Whether an event happened: asserted, future, hypothetical, negated or reported.

Read from the trigger and the clauses above it: a negation ("did not attack", "no humanitarian
break") negates; a modal of possibility, a condition or a word like "possible" makes it
hypothetical; "will", "going to" or a verb of intention above it ("plans to meet") makes it
future; a clause reported by someone other than the actor ("X said Y had attacked") or marked
"reportedly" is reported. The strongest of these wins, in that order.
"""

from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo"}
HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can"}
INTENTION_VERBS = {"plan", "intend", "aim", "expect", "prepare", "try", "hope", "want", "schedule", "seek",
                   "set", "decide", "propose", "attempt", "head", "travel", "go", "vow", "pledge", "promise",
                   "threaten", "agree", "offer", "refuse", "swear"}
HYPOTHETICAL_WORDS = {"possible", "potential", "likely", "possibly", "probable", "feared", "threatened",
                      "alleged", "suspected"}
FUTURE_WORDS = {"planned", "upcoming", "proposed", "scheduled", "future", "forthcoming", "expected"}
REPORTING_VERBS = {"say", "claim", "report", "allege", "tell", "state", "add", "insist", "suggest", "write"}
REPORTED_ADVERBS = {"reportedly", "allegedly", "purportedly", "apparently"}
CONDITIONAL_MARKS = {"if", "unless"}


def _clause_chain(trigger: Token) -> list[Token]:
    """The trigger, the verb governing a nominal trigger, and the clauses it is embedded in
    through complements ("vowed to annihilate"); stops at relative clauses and statements."""
    chain, token = [trigger], trigger
    while token.dep_ in ("compound", "amod") and token.head.i != token.i:
        token = token.head
    if token.pos_ not in ("VERB", "AUX") and token.dep_ in ("dobj", "attr"):  # not a subject: "the deployment
        # ... should be seen as a signal" is no hypothetical deployment
        token = token.head
        chain.append(token)
    while token.dep_ in ("xcomp", "advcl", "conj") and token.head.i != token.i:
        token = token.head
        chain.append(token)
    return chain


def _reporter(trigger_clause: Token) -> Token | None:
    """The reporting verb ("said") whose complement the clause is."""
    token = trigger_clause
    while token.dep_ in ("conj", "xcomp") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS:
        return token.head
    return None


def modality(trigger: Token, same_source) -> str:
    """`same_source(reporting_verb)` tells whether the reporter is the event's own actor."""
    chain = _clause_chain(trigger)
    for token in chain:
        children = list(token.children)
        if any(c.dep_ == "neg" for c in children) or (
                token.i == trigger.i and any(c.dep_ == "det" and c.lower_ == "no" for c in children)):
            return "negated"
    for token in chain:
        for child in token.children:
            lower = child.lower_
            if (child.dep_ == "aux" and lower in HYPOTHETICAL_AUX) or (child.dep_ == "mark" and lower in CONDITIONAL_MARKS):
                return "hypothetical"
            if child.dep_ in ("amod", "advmod") and lower in HYPOTHETICAL_WORDS:
                return "hypothetical"
        if token.dep_ in ("xcomp", "acomp") and token.head.lemma_.lower() == "likely":
            return "hypothetical"
    for token in chain:
        children = list(token.children)
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in children):
            return "future"
        if any(c.dep_ == "amod" and c.lower_ in FUTURE_WORDS for c in children):
            return "future"
        if token.dep_ == "xcomp" and (token.head.lemma_.lower() in INTENTION_VERBS or token.head.lower_ == "going"):
            return "future"
        if token.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in children) \
                and token.head.lemma_.lower() in INTENTION_VERBS:
            return "future"
    if trigger.pos_ in ("VERB", "AUX"):
        if any(c.lower_ in REPORTED_ADVERBS for token in chain for c in token.children):
            return "reported"
        reporter = _reporter(chain[-1])
        if reporter is not None and not same_source(reporter):
            return "reported"
    return "asserted"
