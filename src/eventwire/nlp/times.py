"""eventwire_times: temporal expressions of a document, normalized against its publication date.

Reads the DATE/TIME entities and `doc._.published` (a datetime.date or None); writes
`doc._.times` (list of Time). Expressions that are not dates (durations, "75-year") are left
out; relative ones in an article without a publication date are kept with a null value.
"""

from __future__ import annotations

import datetime

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..schema import Time
from .dates import normalize

Doc.set_extension("published", default=None, force=True)
Doc.set_extension("times", default=None, force=True)

TIME_LABELS = {"DATE", "TIME"}
FUTURE_MARKERS = {"will", "shall", "'ll", "’ll"}
# Any date works as a stand-in anchor to tell relative expressions from non-dates.
_PROBE_ANCHOR = datetime.date(2000, 6, 15)


def is_future(sent: Span) -> bool:
    """The sentence speaks of the future ("will head to", "is going to")."""
    for tok in sent:
        if tok.tag_ == "MD" and tok.lower_ in FUTURE_MARKERS:
            return True
        if tok.lower_ == "going" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            return True
    return False


class TimeFinder:
    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        times = []
        for ent in doc.ents:
            if ent.label_ not in TIME_LABELS:
                continue
            future = is_future(ent.sent)
            value = normalize(ent.text, published, future=future)
            if value is None and (published is not None or normalize(ent.text, _PROBE_ANCHOR, future) is None):
                continue
            times.append(Time(id=f"t{len(times) + 1}", text=ent.text, start=ent.start_char,
                              end=ent.end_char, value=value))
        doc._.times = times
        return doc


@Language.factory("eventwire_times")
def make_time_finder(nlp: Language, name: str) -> TimeFinder:
    return TimeFinder()
