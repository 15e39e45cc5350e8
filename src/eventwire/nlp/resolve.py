"""Which actor of the document a span of text refers to.

Shared by every component that links a span to an actor (quote speakers, event actors and
recipients). `resolve` needs the document after `eventwire_actors` has run, and uses only the
actors' fields and mentions, the tokens and their parse:

- a span holding an actor's mention is that actor ("US President Joe Biden", "Israel");
- a relative pronoun ("who") is the noun its clause hangs on;
- "he"/"she" is the nearest preceding person of a compatible gender, preferring sentence
  subjects and skipping names inside quotation marks; a subject "she" that repeats a subject "she"
  of the last sentences with no other possible person named in between is that same person; "they"/"it" the nearest organization,
  country or group;
- a nominal ("the prime minister", "the official") is the earlier actor named with that title or
  role, or the earlier phrase with the same head noun;
- a voice ("a ministry spokesman", "the statement", "footage from his office") is the entity
  behind it.
"""

from __future__ import annotations

import bisect
import csv
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..schema import Actor
from .quotemarks import inside, quoted_regions, text_of

PERSONAL = {"he": "m", "him": "m", "his": "m", "himself": "m",
            "she": "f", "her": "f", "hers": "f", "herself": "f"}
COLLECTIVE = {"they", "them", "their", "themselves", "it", "its", "itself"}
RELATIVE = {"who", "whom", "whose", "which", "that"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
LOOKBACK = 12  # sentences a pronoun looks back for its person
CHAIN_SENTENCES = 6  # sentences a pronoun looks back for the same pronoun it continues
LOOKBACK_TOKENS = 2000  # tokens a nominal looks back for the title or phrase it repeats
QUALIFIED = {"vice", "former", "deputy", "assistant", "ex", "acting"}
GROUP_KINDS = {"organization", "country", "group", "generic"}


def _table(name: str) -> dict[str, str]:
    with resources.files("eventwire.data").joinpath(name).open(encoding="utf-8") as f:
        rows = csv.reader((line for line in f if line.strip() and not line.startswith("#")), delimiter="\t")
        return {row[0].casefold(): row[1] for row in rows}


@lru_cache
def gender_words() -> dict[str, str]:
    return _table("gender.tsv")


@lru_cache
def unnamed_heads() -> dict[str, str]:
    """Head nouns of unnamed speakers → "person" or "voice" (speaks for the entity behind it)."""
    return _table("anonymous.tsv")


@lru_cache
def _cue_table() -> dict[str, str]:
    with resources.files("eventwire.data").joinpath("cues.tsv").open(encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#"))
        return {row[0].strip().casefold(): row[1].strip() if len(row) > 1 else "" for row in rows}


def cue_words() -> frozenset[str]:
    """Verbs of saying and other cues of reported speech (data/cues.tsv)."""
    return frozenset(_cue_table())


@lru_cache
def quotation_cues() -> frozenset[str]:
    """Cues that report speech only next to a quotation ("he continued: ..."), marked `quotation` in cues.tsv."""
    return frozenset(word for word, use in _cue_table().items() if use == "quotation")


def speaks(token: Token) -> bool:
    """Whether a token is the subject of a verb of saying ("Fowler said", "said Fowler")."""
    return token.dep_ == "nsubj" and token.head.lemma_.casefold() in cue_words()


@lru_cache
def title_words() -> dict[str, str]:
    return _table("title_abbreviations.tsv")


def actor_at(doc: Doc, start: int, end: int) -> Actor | None:
    """The actor with a mention inside [start, end); the longest such mention wins."""
    mentions, starts, _ = _mention_index(doc)
    best, best_len = None, 0
    for m_start, m_end, actor in mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]:
        if m_end <= end and m_end - m_start > best_len:
            best, best_len = actor, m_end - m_start
    return best


def _mention_index(doc: Doc) -> tuple[list[tuple[int, int, Actor]], list[int], int]:
    """All actor mentions in text order, their starts and the longest mention's length; computed
    again only when the actors change."""
    actors = doc._.actors or ()
    version = (len(actors), sum(len(a.mentions) for a in actors))
    cached = doc.user_data.get(("eventwire", "mentions"))
    if cached is None or cached[0] != version:
        mentions = sorted(((s, e, a) for a in actors for s, e in a.mentions), key=lambda m: (m[0], m[1]))
        longest = max((e - s for s, e, _ in mentions), default=0)
        cached = (version, (mentions, [m[0] for m in mentions], longest))
        doc.user_data[("eventwire", "mentions")] = cached
    return cached[1]


def _mentions(doc: Doc) -> list[tuple[int, int, Actor]]:
    return _mention_index(doc)[0]


def _mention_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def noun_phrase(token: Token) -> Span:
    """The noun phrase a token heads, without relative clauses, appositions and what follows a comma."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj") or child.text in ",(":
            break
        end = child.right_edge.i + 1
    return token.doc[token.left_edge.i:end]


def resolve(doc: Doc, span: Span) -> Actor | None:
    """The actor `span` names, or None when it names none that the document knows."""
    root = span.root
    low = root.lower_
    if len(span) == 1 and low in RELATIVE:
        return _relative(doc, root)
    if len(span) == 1 and (low in PERSONAL or low in COLLECTIVE):
        return _pronoun(doc, span, low)
    if root.pos_ == "NOUN" or (root.pos_ == "PROPN" and root.lower_ in unnamed_heads()):
        return _nominal(doc, span, root)
    return (actor_at(doc, root.idx, root.idx + len(root)) or _mention_over(doc, root)
            or actor_at(doc, span.start_char, span.end_char) or _by_name(doc, span))


def _by_name(doc: Doc, span: Span) -> Actor | None:
    """A name the actors missed: the person whose full name ends with it ("Blinken" → Antony Blinken)."""
    last = span[-1].text.casefold()
    if span[-1].pos_ != "PROPN":
        return None
    matches = [a for a in doc._.actors or () if a.kind == "person" and a.name.split()[-1].casefold() == last]
    return matches[0] if len(matches) == 1 else None


def _relative(doc: Doc, pronoun: Token) -> Actor | None:
    clause = pronoun.head
    for _ in range(3):
        if clause.dep_ == "relcl":
            return resolve(doc, noun_phrase(clause.head))
        clause = clause.head
    return None


def person_gender(doc: Doc, actor: Actor) -> str | None:
    """m/f from the person's first name or a title or role word next to a mention; None when unknown."""
    words = gender_words()
    first = actor.name.split()[0].casefold() if actor.name else ""
    found = words.get(first)
    full = [(s, e) for s, e in actor.mentions if " " in text_of(doc)[s:e]] or actor.mentions
    for start, end in full:  # a bare surname may be a relative's ("Scott" for her husband)
        span = _mention_span(doc, start, end)
        if span is None:
            continue
        window = doc[max(span.start - 3, 0):span.start]
        for tok in list(window) + [span[0]]:
            found = found or words.get(tok.lower_)
    for word in (actor.role or "").split():
        found = found or words.get(word.casefold())
    if found is None and len(actor.name.split()) == 1:  # "Obama" next to "Barack Obama" (two actors of one person)
        surname = actor.name.split()[-1].casefold()
        for other in doc._.actors or ():
            if other.kind == "person" and len(other.name.split()) > 1 and other.name.split()[-1].casefold() == surname:
                found = found or words.get(other.name.split()[0].casefold())
    return found


def _compatible(doc: Doc, actor: Actor, pronoun: str, genders: dict[str, str | None]) -> bool:
    if pronoun in PERSONAL:
        if actor.kind != "person":
            return False
        if actor.id not in genders:
            genders[actor.id] = person_gender(doc, actor)
        return genders[actor.id] in (None, PERSONAL[pronoun])
    if pronoun in ("it", "its", "itself"):
        return actor.kind in ("organization", "country")
    return actor.kind in GROUP_KINDS


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    span = _mention_span(doc, start, end)
    if span is None:
        return False
    return span.root.dep_ in SUBJECTS


def _pronoun(doc: Doc, span: Span, pronoun: str) -> Actor | None:
    regions = quoted_regions(text_of(doc))
    pronoun_quoted = inside(regions, span.start_char)
    sent_of = _sentence_numbers(doc)
    here = sent_of(span.start_char)
    chained = _chain(doc, span, pronoun, regions, pronoun_quoted, sent_of)
    if chained is not None:
        return resolve(doc, chained)
    quoting = speaks(span.root)  # "…," he said: the speaker of the last quotes is the likeliest "he"
    genders: dict[str, str | None] = {}
    mentions = _mentions(doc)
    best, best_key = None, None
    window = _sentence_start(doc, max(here - LOOKBACK, 0))
    for start, end, actor in mentions[bisect.bisect_left(mentions, window, key=lambda m: m[0]):]:
        if end > span.start_char:
            break
        if not pronoun_quoted and inside(regions, start):
            continue
        if not _compatible(doc, actor, pronoun, genders):
            continue
        sentences_back = here - sent_of(start)
        distance = min(sentences_back, 2)  # beyond the last sentence: the most talked-about subject
        speaker = quoting and sentences_back <= 3 and _speaker_mention(doc, start, end)
        unsure = pronoun in PERSONAL and genders.get(actor.id) is None
        key = (not speaker, -start if speaker else 0, distance, unsure, not _is_subject(doc, start, end),
               -_times_named(doc, actor, span.start_char) if distance == 2 else 0, start)
        if best_key is None or key < best_key:
            best, best_key = actor, key
    return best


def _chain(doc: Doc, span: Span, pronoun: str, regions, quoted: bool, sent_of) -> Span | None:
    """The same pronoun as subject a few sentences back, with no person named in between that it could
    also be ("..., she said. She added ..."): it is the same person."""
    if PERSONAL.get(pronoun) is None or span.root.dep_ not in SUBJECTS:
        return None
    here = sent_of(span.start_char)
    mentions, starts, _ = _mention_index(doc)
    genders: dict[str, str | None] = {}
    for token in reversed(doc[_sentence_start_token(doc, max(here - CHAIN_SENTENCES, 0)):span.start]):
        if token.lower_ != span.root.lower_ or token.dep_ not in SUBJECTS or inside(regions, token.idx) != quoted:
            continue
        between = mentions[bisect.bisect_left(starts, token.idx):bisect.bisect_left(starts, span.start_char)]
        if any(_compatible(doc, actor, pronoun, genders) and inside(regions, s) == quoted for s, _, actor in between):
            return None
        return doc[token.i:token.i + 1]
    return None


def _sentence_start_token(doc: Doc, number: int) -> int:
    span = doc.char_span(_sentence_start(doc, number), _sentence_start(doc, number) + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _times_named(doc: Doc, actor: Actor, before: int) -> int:
    """How often the actor is mentioned before character `before`."""
    key = ("eventwire", "mention starts", actor.id, len(actor.mentions))
    if key not in doc.user_data:
        doc.user_data[key] = sorted(s for s, _ in actor.mentions)
    return bisect.bisect_left(doc.user_data[key], before)


def _speaker_mention(doc: Doc, start: int, end: int) -> bool:
    span = _mention_span(doc, start, end)
    return span is not None and speaks(span.root)


def _sentence_starts(doc: Doc) -> list[int]:
    """Start offsets of the sentences, computed once per document."""
    key = ("eventwire", "sentence_starts")
    if key not in doc.user_data:
        doc.user_data[key] = [s.start_char for s in doc.sents]
    return doc.user_data[key]


def _sentence_start(doc: Doc, number: int) -> int:
    starts = _sentence_starts(doc)
    return starts[min(number, len(starts) - 1)] if starts else 0


def _sentence_numbers(doc: Doc):
    """char offset → number of its sentence."""
    starts = _sentence_starts(doc)
    return lambda char: max(bisect.bisect_right(starts, char) - 1, 0)


def _head_word(token: Token) -> str:
    word = token.lower_
    return title_words().get(word, token.lemma_.casefold())


def unnamed(actor: Actor) -> bool:
    """An actor known only by a description: a generic agent, or a title with no name ("the senator")."""
    if actor.kind == "generic" or actor.name[:1].islower():
        return True
    return actor.kb_id is None and bool(actor.role) and actor.name.casefold().endswith(actor.role.casefold())


def _nominal(doc: Doc, span: Span, root: Token) -> Actor | None:
    head = _head_word(root)
    own = None  # an actor whose mention has this very head ("the official" itself)
    for actor in doc._.actors or ():
        for start, end in actor.mentions:
            if start <= root.idx < end and span.start_char <= start:
                own = actor
    if own is not None and not unnamed(own):
        if span[0].lower_ == "the" and root.tag_ == "NN" and all(t.pos_ != "PROPN" for t in span):
            return _by_title(doc, span, head) or own  # "the president": whoever the text gave that title
        return own
    found = _nominal_referent(doc, span, root, head, unnamed_heads().get(head), own)
    return found or own  # an unnamed actor of its own ("the senator") only when no earlier one fits


def _nominal_referent(doc: Doc, span: Span, root: Token, head: str, kind: str | None,
                      own: Actor | None) -> Actor | None:
    named = actor_at(doc, span.start_char, span.end_char)
    if named is not None and named is not own and (kind != "person" or root.tag_ in ("NNS", "NNPS")):
        return named  # "a ministry spokesman" → the ministry; "US officials" → the United States
    definite = span[0].lower_ in ("the", "this", "that", "these", "those") or span[0].dep_ == "poss"
    if kind == "voice" and span[0].dep_ == "poss" and span[0].pos_ == "PRON":
        return resolve(doc, span[0:1])  # "his campaign", "her website" → whoever "his"/"her" is
    if not definite:
        return None
    if kind == "voice":  # with no earlier "statement" to trace, the organization named last put it out
        return _voice_source(doc, span, head) or _last_organization(doc, span)
    found = _by_title(doc, span, head) or _by_role(doc, span, head)  # the text's own titles before the KB's roles
    if found is None and kind == "organization":
        found = _last_organization(doc, span)
    return found


def _before(doc: Doc, span: Span):
    """The actor mentions that start before `span`, nearest first."""
    mentions, starts, _ = _mention_index(doc)
    return reversed(mentions[:bisect.bisect_left(starts, span.start_char)])


def _last_organization(doc: Doc, span: Span) -> Actor | None:
    """The organization named last before `span`."""
    return next((actor for _, _, actor in _before(doc, span) if actor.kind == "organization" and not unnamed(actor)),
                None)


def _by_role(doc: Doc, span: Span, head: str) -> Actor | None:
    """The nearest preceding actor whose role or name has the nominal's head word."""
    for _, _, actor in _before(doc, span):
        if not unnamed(actor) and head in f"{actor.role or ''} {actor.name if actor.kind != 'person' else ''}".casefold().split():
            return actor
    return None


def _by_title(doc: Doc, span: Span, head: str) -> Actor | None:
    """The actor of an earlier word with the same head ("Prime Minister Netanyahu", "the official"): when
    several people held the title, the one the text names most often, then the nearest."""
    qualifier = _qualifier(span.root)
    found: list[Actor] = []
    for token in reversed(doc[max(span.start - LOOKBACK_TOKENS, 0):span.start]):
        if _head_word(token) != head or _qualifier(token) != qualifier:
            continue  # "Vice President Biden" is not "the president", "Former President Clinton" is "the former president"
        actor = _actor_of_title(doc, token)
        if actor is not None:
            found.append(actor)
    if not found:
        return None
    return max(found, key=lambda a: (_times_named(doc, a, span.start_char), -found.index(a)))


def _qualifier(token: Token) -> str | None:
    """"former", "vice", ... when a title word carries one ("Former President", "the vice president")."""
    words = [c.lower_ for c in token.children if c.i < token.i] + [token.doc[token.i - 1].lower_] * (token.i > 0)
    return next((w for w in words if w in QUALIFIED), None)


def _actor_of_title(doc: Doc, token: Token) -> Actor | None:
    """The actor a title word belongs to: the name it precedes, or its apposition."""
    candidates = [token]
    if token.dep_ in ("compound", "appos", "amod") or token.head.dep_ == "appos":
        candidates.append(token.head)
    candidates += [c for c in token.children if c.dep_ == "appos"]
    for cand in candidates:
        found = actor_at(doc, cand.idx, cand.idx + len(cand)) or _mention_over(doc, cand)
        if found is not None and not unnamed(found):
            return found
    return None


def _mention_over(doc: Doc, token: Token) -> Actor | None:
    """The actor of the first mention that covers the token's first character."""
    mentions, starts, longest = _mention_index(doc)
    for start, end, actor in mentions[bisect.bisect_left(starts, token.idx - longest):
                                      bisect.bisect_right(starts, token.idx)]:
        if token.idx < end:
            return actor
    return None


def _voice_source(doc: Doc, span: Span, head: str) -> Actor | None:
    """"The statement said" → who earlier said it in a statement or issued it."""
    for token in reversed(doc[max(span.start - LOOKBACK_TOKENS, 0):span.start]):
        if _head_word(token) != head:
            continue
        phrase = noun_phrase(token)
        owner = actor_at(doc, phrase.start_char, phrase.end_char)  # "a Bloomberg poll", "Trump's campaign"
        if owner is not None:
            return owner
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for child in verb.children:  # "X said in a statement", "X released the footage"
            if child.dep_ in ("nsubj", "nsubjpass", "agent") and child.i != token.i:
                subject = child if child.dep_ != "agent" else next(iter(child.children), child)
                return resolve(doc, noun_phrase(subject))
        return None
    return None
