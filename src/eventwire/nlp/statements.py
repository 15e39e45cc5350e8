"""Events announced rather than done: pledges, threats, refusals and demands.

PLOVER codes what an actor says it will do as an event of its own: a cooperative act promised
("Finland said it will give Tanzania a grant", "ready to contribute troops") is AGREE; a hostile
or conditional one ("will boycott the elections unless ...", "will recall its peacekeepers unless ...") is THREATEN, a
cooperative one offered on a condition ("would meet the mediator if he guaranteed ...") AGREE; a cooperative act ruled
out ("said it would not meet the demands") is REJECT; what a speaker says another actor must do
("Russia said Sudan must return the helicopter") is REQUEST, with the speaker as actor.
A plan that is merely reported ("Blinken will head to Jordan to meet ...") keeps its own type.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

STATEMENT_VERBS = {"say", "announce", "state", "declare", "tell", "add", "pledge", "promise", "vow", "confirm",
                   "indicate", "warn", "insist", "swear", "threaten", "agree", "offer", "decide", "write", "reiterate",
                   "repeat", "stress", "emphasize", "emphasise", "reaffirm"}
WILLINGNESS = {"willing", "ready", "prepared", "determined", "committed", "eager", "set"}
OBLIGATION_AUX = {"must", "should"}
CONDITIONAL_MARKS = {"unless", "if"}
# CAMEO codes of the announced events: express intent to cooperate, threaten, reject, demand.
RECAST_CODES = {"AGREE": "030", "THREATEN": "130", "REJECT": "120", "REQUEST": "100"}


@dataclass
class Statement:
    type: str            # AGREE, THREATEN, REJECT or REQUEST
    cameo: str
    speaker: Token | None  # subject of the statement verb: the actor of the announced event
    verb: Token          # the statement verb (or the adjective of willingness)
    speaker_acts: bool   # False for REQUEST: the speaker asks the event's own actor to act


def _clause(trigger: Token) -> Token:
    token = trigger
    while token.dep_ in ("compound",) and token.head.i != token.i:
        token = token.head
    if token.pos_ not in ("VERB", "AUX") and token.dep_ in ("dobj", "attr"):
        token = token.head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def statement(trigger: Token, quad: int, mood: str) -> Statement | None:
    """The statement frame of the event whose trigger is `trigger`, if it is announced, not done."""
    clause = _clause(trigger)
    children = list(clause.children)
    marks = {m.lower_ for c in children if c.dep_ == "advcl" for m in c.children if m.lower_ in CONDITIONAL_MARKS}
    conditional = bool(marks)
    # "will withdraw unless X ..." threatens; "would meet X if ..." offers what it is: cooperation or a threat
    threat = "unless" in marks or quad > 2
    frame = None
    if clause.dep_ == "xcomp" and clause.head.lower_ in WILLINGNESS:
        frame = clause.head
        speaker = _subject(frame.head) if frame.dep_ == "acomp" else _subject(frame)
    elif clause.dep_ == "ccomp" and clause.head.lemma_.lower() in STATEMENT_VERBS:
        frame = clause.head
        speaker = _subject(frame)
    elif clause.dep_ == "ROOT" and conditional and mood in ("future", "hypothetical"):  # "will attack unless"
        kind = "THREATEN" if threat else "AGREE"
        return Statement(kind, RECAST_CODES[kind], _subject(clause), clause, True)
    if frame is None:
        return None
    willing = frame.lower_ in WILLINGNESS
    while speaker is not None and speaker.pos_ == "PRON" and frame.dep_ != "ccomp":  # "Syria says it is willing"
        up = frame.head if frame.dep_ == "acomp" else frame
        if up.dep_ != "ccomp" or up.head.lemma_.lower() not in STATEMENT_VERBS:
            break
        frame, speaker = up.head, _subject(up.head)
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in children):
        own = _subject(clause)
        if own is not None and speaker is not None and own.lower_ not in ("it", "they", "we", "he", "she", "i"):
            return Statement("REQUEST", RECAST_CODES["REQUEST"], speaker, frame, False)
    if conditional and mood in ("future", "hypothetical"):
        kind = "THREATEN" if threat else "AGREE"
    elif mood == "negated":
        if quad > 2:
            return None
        kind = "REJECT"
    elif mood in ("future", "hypothetical") or willing:
        kind = "AGREE" if quad <= 2 else "THREATEN"
    else:
        return None
    return Statement(kind, RECAST_CODES[kind], speaker, frame, True)
