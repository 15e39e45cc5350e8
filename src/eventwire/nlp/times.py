"""eventwire_times: temporal expressions of a document, normalized against its publication date.

Reads the DATE/TIME entities, the words "now", "currently", "recently", "the past" and "the future", and `doc._.published`
(a datetime.date or None). Writes `doc._.timexes`, every expression typed the TimeML way (DATE,
TIME, DURATION, SET) with its TimeML value, and `doc._.times` (list of Time): the dates and
times among them, valued as ISO dates, weeks, months, quarters, seasons or years. Durations,
sets and vague references ("now") are not dates and stay out of `times`; relative expressions in
an article without a publication date are kept with a null value.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..schema import Time
from .timex import CLOCK, PHRASES, timex

Doc.set_extension("published", default=None, force=True)
Doc.set_extension("times", default=None, force=True)
Doc.set_extension("timexes", default=None, force=True)

TIME_LABELS = {"DATE", "TIME"}
REFERENCE_WORDS = {"now", "currently", "recently", "nowadays"}
REFERENCE_NOUNS = {"past", "future"}  # "in the past", "in the future"
FUTURE_MARKERS = {"will", "shall", "'ll", "’ll"}
FUTURE_LEMMAS = {"expect", "schedule", "plan", "due"}  # "is expected to", "is scheduled for"
PROBE = datetime.date(2000, 6, 15)  # a stand-in publication date
AGE = re.compile(r"\bold\b|-old\b", re.IGNORECASE)
# "the year" / "the month" / "the day" alone is the current one, unless words after it bound a span of time
# ("the year ended Sept. 30", "the month before the vote").
THE_PERIOD = re.compile(r"(?:(?:later|earlier) )?(?:(?:for|of|in|during) )?the (year|month|day)")
BOUNDS = {"ended", "ending", "before", "after", "following", "to", "through", "since", "until", "that", "when"}
ISO_VALUE = re.compile(r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-WE)?|Q[1-4]|SP|SU|FA|WI))?")


@dataclass
class Timex:
    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # TimeML value


def is_future(span: Span) -> bool | None:
    """Whether the clause of `span` speaks of the future ("will meet on Monday", "is going to vote
    in May", "is scheduled for Friday", "expects to close the deal next week", "is to reopen talks
    Monday", "could arrive as soon as Friday"): True, of the past
    ("met on Monday", "has closed"): False, or cannot tell (present tense, no verb): None."""
    before = span.doc[max(span.start - 3, 0) : span.start].text.lower()
    if before in ("as soon as", "as early as"):
        return True  # the earliest expected time
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), span.sent.root)
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("be", "set") and any(c.lower_ == "to" for c in verb.children):
        return True  # "is to resume", "set to meet"
    for v in (verb, verb.head):
        if v.lemma_ in FUTURE_LEMMAS:
            return True
        for child in v.children:
            if child.tag_ == "MD" and child.lower_ in FUTURE_MARKERS:
                return True
            if child.lower_ == "going" and any(c.lower_ == "to" for c in v.children):
                return True
        if v.dep_ != "xcomp":
            break
    if verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP")
                                 and c.lemma_ in ("have", "be", "do") and verb.tag_ == "VBN" for c in verb.children):
        return False
    return None


ENDPOINTS = {"to", "until", "till", "through", "by", "before"}  # "extended to June 30": a limit, not the event
NAMES_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d/\d", re.IGNORECASE)
YEARLESS = re.compile(r"(\d{4})(-\d{2}(?:-\d{2})?)")


def reports_past(span: Span) -> bool:
    """Whether `span` dates a completed event: it modifies the verb directly, or through a preposition
    other than a limit ("was arrested on May 4", "resigned in November", "has met Monday"), and
    that verb is in the simple past or the perfect ("the rule, effective March 1", "opens in May",
    "planned for April" are not)."""
    head = span.root.head
    if head.pos_ == "ADP" and head.lower_ not in ENDPOINTS:
        head = head.head
    if head.pos_ != "VERB" or head.lemma_ in FUTURE_LEMMAS | {"set"} or span.root.dep_ not in ("npadvmod", "pobj", "tmod", "obl"):
        return False
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return False
    if head.tag_ == "VBD" and not auxes:
        return True
    return head.tag_ == "VBN" and any(a.lemma_ == "have" or a.tag_ == "VBD" for a in auxes)


def _before_publication(span: Span, value: str | None, published) -> str | None:
    """A year-less date or month of a completed event cannot lie after publication: the year before."""
    m = YEARLESS.fullmatch(value or "")
    if (m is None or published is None or re.search(r"\d{4}|'\d\d", span.text) or not NAMES_MONTH.search(span.text)
            or value <= published.isoformat()[: len(value)] or not reports_past(span)):
        return value
    return f"{int(m[1]) - 1:04d}{m[2]}"


_matchers: dict = {}


def _matcher(vocab) -> PhraseMatcher:
    """The phrases of data/timex_phrases.tsv, matched case-insensitively (one matcher per vocabulary)."""
    if id(vocab) not in _matchers:
        matcher = PhraseMatcher(vocab, attr="LOWER")
        make = spacy.blank("en", vocab=vocab).make_doc
        matcher.add("TIMEX", [make(p) for p in PHRASES])
        _matchers[id(vocab)] = matcher
    return _matchers[id(vocab)]


def _spans(doc: Doc) -> list[Span]:
    spans = []
    for ent in doc.ents:  # a clock time and its day, split by the model, as one: "noon Thursday", "5 p.m., Nov. 6"
        if ent.label_ in TIME_LABELS:
            gap = doc[spans[-1].end : ent.start] if spans else None
            if gap is not None and (not gap or gap.text == ",") and any(CLOCK.match(e.text.lower()) for e in (spans[-1], ent)):
                ent = Span(doc, spans.pop().start, ent.end, label="TIME")
            if ent.end < len(doc) and doc[ent.end].lower_ in ("quarter", "period") and ent.label_ == "DATE":
                ent = Span(doc, ent.start, ent.end + 1, label="DATE")  # "the 1988 quarter", "the year-ago period"
            spans.append(ent)
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for _, start, end in _matcher(doc.vocab)(doc):
        if not covered.intersection(range(start, end)):
            spans.append(Span(doc, start, end, label="PHRASE"))
            covered.update(range(start, end))
    for t in doc:
        if t.i in covered:
            continue
        if t.lower_ in REFERENCE_WORDS and t.pos_ == "ADV":
            spans.append(doc[t.i : t.i + 1])
        elif t.lower_ in REFERENCE_NOUNS and t.pos_ == "NOUN" and t.i > 0 and doc[t.i - 1].lower_ == "the":
            spans.append(doc[t.i - 1 : t.i + 1])
    return sorted(spans, key=lambda s: s.start)


def _understood(span: Span, published, future: bool, quarterly: bool) -> tuple[str, str | None] | None:
    """Type and value of `span`, or None when it is not a temporal expression we can read (with a
    stand-in publication date when there is none: then relative expressions keep a null value)."""
    text, doc = span.text, span.doc
    if (m := THE_PERIOD.fullmatch(text.lower())) and (span.end == len(doc) or doc[span.end].lower_ not in BOUNDS):
        text = "today" if m[1] == "day" else "this " + m[1]  # "for the year", "later in the day": the current one
    kind, value = timex(text, published, future, quarterly)
    value = _before_publication(span, value, published)
    if value is None and (published is not None or timex(text, PROBE, future)[1] is None):
        return None
    return kind, value


def _parts(span: Span, published, future: bool, quarterly: bool) -> list[tuple[Span, str, str | None]]:
    """The expression, or when the model's entity as a whole is not one, the longest readable pieces
    inside it: "the nine months ended Sept. 30" -> "the nine months", "Sept. 30"."""
    whole = _understood(span, published, future, quarterly)
    if whole is not None:
        return [(span, *whole)]
    parts, i = [], 0
    while i < len(span):
        for j in range(len(span), i, -1):
            piece = span[i:j]
            if piece[0].is_punct or piece[-1].is_punct:
                continue
            found = _understood(piece, published, future, quarterly)
            if found is not None:
                parts.append((piece, *found))
                i = j - 1
                break
        i += 1
    return parts


def _quarterly(span: Span) -> bool:
    """The sentence of `span`, or the one before, speaks of a quarter (a quarterly report)."""
    sent = span.sent
    before = span.doc[sent.start - 1].sent if sent.start > 0 else sent
    return "quarter" in span.doc[before.start : sent.end].text.lower()


def find_timexes(doc: Doc) -> list[Timex]:
    found = []
    for span in _spans(doc):
        if AGE.search(span.text):
            continue  # "a 6-year-old", "the 44-year-old" are ages
        future, quarterly = is_future(span), _quarterly(span)
        for piece, kind, value in _parts(span, doc._.published, future, quarterly):
            if kind == "SET" and len(piece) == 1 and piece.root.pos_ == "ADJ" and span.label_ != "PHRASE":
                continue  # "quarterly earnings", "an annual report": a frequency, not an expression of time
            found.append(Timex(piece.text, piece.start_char, piece.end_char, kind, value))
    return found


def as_time(tid: int, t: Timex) -> Time | None:
    """The Time of the schema for a date or a time of day; None for durations, sets and vague references."""
    if t.type not in ("DATE", "TIME") or (t.value is not None and not ISO_VALUE.match(t.value)):
        return None
    value = ISO_VALUE.match(t.value)[0] if t.value else None
    return Time(id=f"t{tid}", text=t.text, start=t.start, end=t.end, value=value)


class TimeFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = find_timexes(doc)
        times = []
        for t in doc._.timexes:
            if (time := as_time(len(times) + 1, t)) is not None:
                times.append(time)
        doc._.times = times
        return doc


@Language.factory("eventwire_times")
def make_time_finder(nlp: Language, name: str) -> TimeFinder:
    return TimeFinder()
