"""eventwire_quotes: who said what.

A quote is anchored on a cue: a verb of saying from `data/cues.tsv` ("said", "told", "warned",
"point out", "commented on") or "according to"; "could say", "to tell" are no reports, and cues marked
`quotation` ("continued") count only next to a quotation. Its content is, in this order:
- a quotation next to the cue clause: `"We are ready," he said, "to talk."` (the two halves are one
  quote), `He told reporters: "..."` (a quotation may run over several paragraphs) → direct;
- the clause the cue governs (`Israel said on Thursday there would be no break`, `asked whether ...`),
  up to a trailing participle or second cue → indirect, or mixed when it embeds a quotation;
- the object of the cue's preposition (`commented on the decision`);
- the clause the cue is a comment on (`The talks will go on, he said.`, `..., according to X.`).
The speaker is the cue's subject (or the subject of the verb a "saying" participle hangs on, or the
object of "according to"), linked to an actor by `resolve`; an unnamed speaker ("a senior official",
"sources") is anonymous and, when no actor covers it, becomes a generic actor. Cues inside a
quotation belong to the quoted speech and are left alone. Writes `doc._.quotes` (list of Quote).
Content spans leave out the quotation marks, the complementizer "that" and final punctuation; a quote
that ends its paragraph takes the following paragraphs that are one quotation each.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..schema import Actor, ActorSpan, Quote
from ..schema import Span as TextSpan
from .quotemarks import inside, quoted_regions, text_of
from .resolve import cue_words, noun_phrase, quotation_cues, resolve, unnamed_heads

Doc.set_extension("quotes", default=None, force=True)

CLAUSE_DEPS = ("ccomp",)
COMMENT_DEPS = ("parataxis", "ccomp", "advcl")
SUBJECT_DEPS = ("nsubj",)
CUE_MODIFIERS = ("aux", "auxpass", "neg", "advmod")  # "has also said", "did not say", "was asked" are one cue
UNREAL = {"could", "would", "might", "may", "should", "can", "to"}  # "could say", "to tell": not (yet) said
REFUSALS = {"decline", "refuse"}
WH_WORDS = {"when", "where", "how", "why", "as"}  # "when asked": not part of the cue
RECIPIENT_VERBS = {"tell", "ask", "inform", "assure", "reassure", "urge", "warn", "advise", "answer", "caution"}
DETERMINERS = {"a", "an", "the", "some", "several", "two", "three", "other", "another"}
OPENING, CLOSING = "“\"‘'", "”\"’'"
MAX_GAP = 80  # characters between a quotation and its cue clause


def cue_of(token: Token) -> Span | None:
    """The cue span starting at `token` ("said", "point out", "according to"), or None."""
    doc = token.doc
    words = cue_words()
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        return doc[token.i:token.i + 2]
    if token.pos_ != "VERB" or token.dep_ in ("amod", "compound"):
        return None
    if token.tag_ == "VBN" and token.dep_ in ("advcl", "acl") and not any(c.dep_.startswith("aux") for c in token.children):
        return None  # "when asked", "a man called Smith"
    lemma = token.lemma_.casefold()
    end = token.i + 1
    for child in token.children:  # "point out", "said of", "commented on"
        if child.dep_ in ("prt", "prep") and child.i == end and f"{lemma} {child.lower_}" in words \
                and (child.dep_ == "prt" or any(c.dep_ == "pobj" for c in child.children)):
            end = child.i + 1
    if end == token.i + 1 and lemma not in words or _in_markup(doc, token):
        return None
    if any(c.dep_ == "aux" and c.lower_ in UNREAL for c in token.children) \
            and not (token.dep_ == "xcomp" and token.head.lemma_.casefold() in REFUSALS):
        return None
    start = token.i
    while start > 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in CUE_MODIFIERS \
            and doc[start - 1].lower_ not in WH_WORDS:
        start -= 1
    if token.dep_ == "xcomp" and token.head.i == start - 1:
        start -= 1  # "declined to say", "refused to comment"
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return doc[start:end]


def _in_markup(doc: Doc, token: Token) -> bool:
    """Whether a token lies inside an HTML-like tag of the text (`<tweet tweet-id="...">`)."""
    text = text_of(doc)
    line = text.rfind("\n", 0, token.idx) + 1
    return text.rfind("<", line, token.idx) > text.rfind(">", line, token.idx)


def cue_verb(cue: Span) -> Token:
    """The verb of saying in a cue span ("said" in "has also said", "commented" in "commented on")."""
    if cue[0].lower_ == "according":
        return cue[0]
    verbs = [t for t in cue if t.pos_ == "VERB" and t.dep_ not in CUE_MODIFIERS]
    return verbs[-1] if verbs else cue[0]


def _subject(verb: Token) -> Token | None:
    """The speaker token of a cue verb: its subject, or the subject of the verb it hangs on."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ != "it":
                return child
        if verb.dep_ in ("advcl", "conj", "xcomp") and verb.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB"):
            verb = verb.head
        else:
            return None
    return None


def speaker_phrase(token: Token) -> Span:
    """The speaker's whole phrase, with its apposition ("Brian Fallon, a spokesman for the campaign,")."""
    doc = token.doc
    end = token.right_edge.i + 1
    if end < len(doc) and doc[end].text == "," and any(c.dep_ in ("appos", "relcl") for c in token.rights):
        end += 1
    return doc[token.left_edge.i:end]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces, a leading "that", final punctuation and, around a direct quotation,
    its quotation marks; a closing mark that ends an embedded quotation stays."""
    text = text_of(doc)
    while start < end and text[start].isspace():
        start += 1
    if text[start:start + 5].casefold() == "that ":
        start += 5
    direct = start < end and text[start] in OPENING
    while start < end and (text[start].isspace() or text[start] in OPENING):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:" or
                           (direct and text[end - 1] in CLOSING)):
        end -= 1
    if not direct and sum(text[start:end].count(m) for m in "“\"") % 2:  # an embedded quotation ends here
        close = end
        while close < len(text) and text[close] in ",.!?":
            close += 1
        if close < len(text) and text[close] in "”\"":
            end = close + 1
    return start, end


class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        regions = quoted_regions(text_of(doc))
        used: set[tuple[int, int]] = set()
        found: list[tuple[Span, Span | None, tuple[int, int], str]] = []
        for token in doc:
            cue = cue_of(token)
            if cue is None or inside(regions, token.idx):
                continue  # a cue inside a quotation belongs to the quoted speech, not to the article
            item = self._quote(doc, cue, regions, used)
            if item is not None:
                found.append(item)
        doc._.quotes = self._finish(doc, sorted(found, key=lambda f: f[2]))
        return doc

    def _quote(self, doc, cue: Span, regions, used):
        verb = cue_verb(cue)
        if verb.lower_ == "according":
            return self._according(doc, cue)
        speaker_token = _subject(verb)
        speaker = speaker_phrase(speaker_token) if speaker_token is not None else None
        clause = next((c for c in verb.children if c.dep_ in CLAUSE_DEPS or c.dep_ == "advcl" and verb.lemma_ == "ask" and any(
            m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)), None)  # "asked whether ..."
        if not inside(regions, verb.idx):
            direct = self._adjacent_quotation(doc, cue, speaker, regions, used)
            if direct is not None and clause is not None and cue.end_char <= clause.left_edge.idx \
                    and direct[1] <= clause.left_edge.idx:  # `"...," X said that ...`: the clause is what was said
                used.difference_update(r for r in regions if direct[0] <= r[0] < direct[1])
                direct = None
            if direct is not None:
                if clause is not None and cue.end_char <= clause.left_edge.idx < direct[0]:
                    return cue, speaker, (clause.left_edge.idx, direct[1]), "mixed"  # said it is "..."
                lead_in = _lead_in(doc, cue, speaker, direct, regions)
                return cue, speaker, (lead_in, direct[1]) if lead_in else direct, "mixed" if lead_in else "direct"
        if cue_verb(cue).lemma_.casefold() in quotation_cues():
            return None
        if clause is not None:
            start, end = clause.left_edge.idx, _clause_end(clause)
            return cue, speaker, (start, end), _kind(regions, start, end)
        for child in verb.children:
            if child.dep_ == "xcomp" or (child.dep_ == "dobj" and verb.lemma_ not in RECIPIENT_VERBS
                                         and child.pos_ in ("NOUN", "PROPN") and child.i > verb.i):
                start, end = child.left_edge.idx, _end_char(child.right_edge)
                return cue, speaker, (start, end), _kind(regions, start, end)
        topic = next((c for t in cue if t.dep_ == "prep" and t.head.i == verb.i
                      for c in t.children if c.dep_ == "pobj"), None)
        if topic is not None:  # "commented on the decision"
            start, end = topic.left_edge.idx, _end_char(topic.right_edge)
            return cue, speaker, (start, end), _kind(regions, start, end)
        if verb.dep_ in COMMENT_DEPS and speaker_token is not None and speaker_token.head.i == verb.i:
            head = verb.head
            if head.i < verb.i:  # "The talks will go on, he said."
                start = head.left_edge.idx if head.dep_ != "ROOT" else head.sent.start_char
                end = min(verb.left_edge.idx, speaker.start_char)
            else:  # "Recently, he said, he has realized ..."
                start, end = head.sent.start_char, head.sent.end_char
            if end - start > 10:
                return cue, speaker, (start, end), _kind(regions, start, end)
        return None

    def _adjacent_quotation(self, doc, cue: Span, speaker: Span | None, regions, used):
        """A quotation just before the cue clause, or just after it, and its second half."""
        text = text_of(doc)
        clause_start = min(cue.start_char, speaker.start_char if speaker is not None else cue.start_char)
        clause_end = max(cue.end_char, speaker.end_char if speaker is not None else cue.end_char)
        for region in regions:
            if region in used:
                continue
            if region[1] <= clause_start and _plain_gap(text[region[1]:clause_start]):
                used.add(region)
                after = _next_region(regions, used, text, max(clause_end, _sentence_end(doc, cue))) or \
                    _next_region(regions, used, text, cue.sent.end_char)
                if after:
                    used.update(r for r in regions if region[1] <= r[0] < after[1])
                return region[0], after[1] if after else region[1]
            if region[0] >= clause_end:
                gap = text[clause_end:region[0]]
                if len(gap) <= MAX_GAP and (gap.rstrip().endswith(":") or not gap.strip() and cue.text.endswith(":")
                                            or "\n" not in gap and gap.rstrip().endswith(",")) \
                        and _gap_belongs_to(doc, cue, clause_end, region[0]):
                    used.add(region)
                    return region
                break
        return None

    def _according(self, doc, cue: Span):
        if cue_of(cue[0].head) is not None:
            return None  # "X said, according to Y": Y is where the report comes from, X is the speaker
        to = cue[1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            return None
        speaker = noun_phrase(objects[0])
        sent = cue.sent
        phrase_end = cue[0].right_edge.idx + len(cue[0].right_edge)
        phrase_end = max(phrase_end, speaker.end_char)
        if cue.start_char - sent.start_char > 10:
            start, end = sent.start_char, cue.start_char
        else:
            start, end = phrase_end, sent.end_char
        return cue, speaker, (start, end), "indirect"

    def _finish(self, doc: Doc, found) -> list[Quote]:
        quotes: list[Quote] = []
        anonymous_actors: set[str] = set()
        text, regions = text_of(doc), quoted_regions(text_of(doc))
        cue_starts = sorted(cue.start_char for cue, *_ in found)
        for cue, speaker, (start, end), kind in found:
            others = [c for c in cue_starts if c != cue.start_char]
            start, end = _trim(doc, *_following_paragraphs(text, regions, others, start, end))
            if kind == "indirect" and end > text.find("\n", start) > 0:
                kind = "mixed"
            if end - start < 3:
                continue
            actor, anonymous = (None, False) if speaker is None else self._speaker(doc, speaker, anonymous_actors)
            quotes.append(Quote(
                id=f"q{len(quotes) + 1}", kind=kind, anonymous=anonymous,
                speaker=None if speaker is None else ActorSpan(speaker.text, speaker.start_char, speaker.end_char, actor),
                cue=TextSpan(cue.text, cue.start_char, cue.end_char),
                content=TextSpan(text_of(doc)[start:end], start, end)))
        return quotes

    def _speaker(self, doc: Doc, speaker: Span, anonymous_actors: set[str]) -> tuple[str | None, bool]:
        root = speaker.root
        unnamed = unnamed_heads().get(root.lemma_.casefold()) == "person" and not any(
            e.label_ == "PERSON" for e in speaker.ents)
        actor = resolve(doc, speaker)
        if actor is None and unnamed:
            actor = _generic_actor(doc, speaker)
        if actor is None:
            return None, unnamed
        if unnamed:
            anonymous_actors.add(actor.id)
        return actor.id, unnamed or actor.id in anonymous_actors


def _generic_actor(doc: Doc, speaker: Span) -> Actor:
    """A new actor for an unnamed speaker no actor covers ("a senior State Department official")."""
    speaker = noun_phrase(speaker.root)
    words = speaker.text.split()
    while len(words) > 1 and words[0].casefold() in DETERMINERS:
        words.pop(0)
    country = next((a.country for a in doc._.actors if a.kind == "country" and any(
        speaker.start_char <= s and e <= speaker.end_char for s, e in a.mentions)), None)
    actor = Actor(id=f"a{len(doc._.actors) + 1}", name=" ".join(words), kind="generic", country=country,
                  mentions=[[speaker.start_char, speaker.end_char]])
    doc._.actors.append(actor)
    return actor


def _following_paragraphs(text: str, regions, cue_starts: list[int], start: int, end: int) -> tuple[int, int]:
    """Extend a quote that ends its paragraph (`He said it was "..."`) over the next paragraphs that are one
    quotation each and carry no attribution of their own (wire copy goes on quoting the speaker that way)."""
    stop = text.find("\n", end)
    if stop < 0 or text[end:stop].strip(" .,;:!?”\"’'") or any(end <= c < stop for c in cue_starts):
        return start, end  # the paragraph goes on after the quote ("“...,” he said.")
    for region in regions:
        if region[0] < stop:
            continue
        if text[stop:region[0]].strip() or text[region[1]:text.find("\n", region[1]) % (len(text) + 1)].strip():
            break
        end, stop = region[1], region[1]
    return start, end


def _clause_end(clause: Token) -> int:
    """End of a reported clause, before a trailing comment on it: a participle after a comma
    ("..., putting them ahead") or a second verb of saying ("... and said that ...")."""
    doc = clause.doc
    for token in doc[clause.i + 1:clause.right_edge.i + 1]:
        before = doc[token.i - 1]
        if before.text in (",", "—", "--") and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "acl", "conj"):
            return before.idx
        if token.dep_ == "conj" and token.pos_ == "VERB" and cue_of(token) is not None:
            first = token.left_edge if token.left_edge.i > clause.i else token
            while doc[first.i - 1].dep_ == "cc" or doc[first.i - 1].text == ",":
                first = doc[first.i - 1]
            return first.idx
    return _end_char(clause.right_edge)


def _end_char(token: Token) -> int:
    return token.idx + len(token)


def _kind(regions, start: int, end: int) -> str:
    quoted = [r for r in regions if start <= r[0] and r[1] <= end + 1]
    if not quoted:
        return "indirect"
    inner = sum(r[1] - r[0] for r in quoted)
    return "direct" if inner >= 0.9 * (end - start) else "mixed"


def _sentence_end(doc: Doc, cue: Span) -> int:
    """End of the cue's clause: the first punctuation mark after the cue that is not inside a name."""
    for token in doc[cue.end:cue.sent.end]:
        if token.text in (",", ".", ";", "!", "?"):
            return token.idx
    return cue.end_char


def _lead_in(doc: Doc, cue: Span, speaker: Span | None, quote: tuple[int, int], regions) -> int | None:
    """Start of the words that lead into a quotation before its cue (`They have "a higher set of
    expectations," he said`), or None when the quotation opens its sentence."""
    first = doc.char_span(quote[0], quote[0] + 1, alignment_mode="expand")
    if first is None:
        return None
    sent_start = first[0].sent.start_char
    clause_start = min(cue.start_char, speaker.start_char if speaker is not None else cue.start_char)
    if clause_start < quote[0]:
        return None  # `He told reporters: "..."`: the words before are the cue clause itself
    start = quote[0]
    prefix = text_of(doc)[sent_start:start]
    if "\n" in prefix.strip() or prefix.rstrip().endswith((".", "!", "?")):
        return None  # the parse ran two sentences together: the quotation opens its own
    if len(prefix.strip()) < 3 or any(sent_start <= r[0] < start for r in regions):
        return None
    if any(cue_of(t) is not None for t in doc.char_span(sent_start, start, alignment_mode="contract") or ()):
        return None
    return sent_start


def _plain_gap(gap: str) -> bool:
    """Only spaces and punctuation between a quotation's end and its cue clause."""
    return len(gap) <= 4 and "\n" not in gap and not any(ch.isalnum() for ch in gap)


def _next_region(regions, used, text: str, pos: int):
    """The rest of a quotation after its cue clause: the second half of a split quotation
    (`"We are ready," he said, "to talk."`) and the quotations that follow in the same paragraph
    without an attribution of their own (`"...," he said. "More words."`)."""
    last = None
    for region in regions:
        if region[0] < pos or region in used:
            continue
        gap = text[pos:region[0]]
        if gap.strip() not in (",", "", ".") or "\n" in gap:
            break
        if text[region[0]:region[1]].rstrip("”\"’'").endswith(","):
            break  # `"...," she said`: an attribution of its own follows
        last = region
        pos = region[1]
    return last


def _gap_belongs_to(doc: Doc, cue: Span, start: int, end: int) -> bool:
    """The words between a cue clause and a quotation are the cue's own (objects, adverbs)."""
    verb = cue_verb(cue)
    for token in doc.char_span(start, end, alignment_mode="expand") or ():
        if token.is_punct or token.is_space:
            continue
        head = token
        while head.head.i != head.i and head.i != verb.i:
            head = head.head
        if head.i != verb.i:
            return False
    return True


@Language.factory("eventwire_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()
