"""The within-document resolver (nlp/resolve.py) and the quotation-mark scanner it relies on."""

from __future__ import annotations

from eventwire.nlp.quotemarks import inside, quoted_regions
from eventwire.nlp.resolve import resolve


def test_quotation_marks_pair_up_and_apostrophes_do_not_count():
    text = 'He said "we are ready" and she said “not yet.” It\'s the minister\'s call.'
    regions = quoted_regions(text)
    assert [text[s:e] for s, e in regions] == ['"we are ready"', "“not yet.”"]
    assert inside(regions, text.index("ready")) and not inside(regions, text.index("call"))


def test_an_unclosed_paragraph_quote_continues_into_the_next_paragraph():
    text = '“First part of the speech.\n\n“Second part,” she said.\n\nNo quote here.'
    assert [text[s:e] for s, e in quoted_regions(text)] == [text[:text.index("”") + 1]]
    text = '“An unclosed quote.\n\nPlain text follows.'
    assert [text[s:e] for s, e in quoted_regions(text)] == ["“An unclosed quote."]


def test_single_quotes_need_two_words():
    text = "Officials called it 'a turning point' but the 'plan' is vague."
    assert [text[s:e] for s, e in quoted_regions(text)] == ["'a turning point'"]


def doc_of(pipeline, text):
    return pipeline.nlp(text)


def span(doc, words: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(words, start + 1)
    return doc.char_span(start, start + len(words))


def test_pronouns_follow_gender_and_prefer_the_subject(pipeline):
    doc = doc_of(pipeline, "Amina Odhiambo met Abiy Tesfaye and Tomas Varga in Addis Ababa. "
                           "She praised the talks. He thanked Varga for coming.")
    assert resolve(doc, span(doc, "She")).name == "Amina Odhiambo"
    assert resolve(doc, span(doc, "He")).name == "Abiy Tesfaye"


def test_pronoun_skips_names_inside_quotations(pipeline):
    doc = doc_of(pipeline, 'Tomas Varga spoke on Monday. "I have never met John Adams," he said.')
    assert resolve(doc, span(doc, "he")).name == "Tomas Varga"


def test_nominal_takes_the_person_with_that_title(pipeline):
    doc = doc_of(pipeline, "Prime Minister Abiy Tesfaye received Amina Odhiambo on Monday. "
                           "The prime minister said the border would reopen.")
    assert resolve(doc, span(doc, "The prime minister")).name == "Abiy Tesfaye"
    doc = doc_of(pipeline, "Sen. Maria Lopez met Tomas Varga. The senator said the bill was ready.")
    assert resolve(doc, span(doc, "The senator")).name == "Maria Lopez"


def test_relative_pronoun_is_the_noun_it_hangs_on(pipeline):
    doc = doc_of(pipeline, "Amina Odhiambo, who said the talks were useful, left on Tuesday.")
    assert resolve(doc, span(doc, "who")).name == "Amina Odhiambo"


def test_a_voice_resolves_to_the_entity_behind_it(pipeline):
    doc = doc_of(pipeline, "The World Health Organization said in a statement that cases were falling. "
                           "The statement said testing would continue.")
    assert resolve(doc, span(doc, "The statement")).name == "World Health Organization"
    doc = doc_of(pipeline, "A spokesman for the World Health Organization said cases were falling.")
    assert resolve(doc, span(doc, "A spokesman for the World Health Organization")).name == \
        "World Health Organization"


def test_a_surname_the_actors_missed_joins_the_full_name(pipeline):
    doc = doc_of(pipeline, "Antony Blinken flew to Amman on Monday. Blinken said the trip would be short.")
    assert resolve(doc, span(doc, "Blinken", 1)).name == "Antony Blinken"


def test_unknown_spans_resolve_to_nothing(pipeline):
    doc = doc_of(pipeline, "The weather was fine on Monday. It rained later.")
    assert resolve(doc, span(doc, "It")) is None
    assert resolve(doc, span(doc, "The weather")) is None


def test_a_qualified_title_goes_to_the_person_with_that_qualifier(pipeline):
    doc = doc_of(pipeline, "Former President Joseph Kamau and President Ruth Wanjiru met in Nairobi on Monday. "
                           "The former president said the talks were useful.")
    assert resolve(doc, span(doc, "The former president")).name == "Joseph Kamau"


def test_a_repeated_subject_pronoun_stays_with_the_same_person(pipeline):
    doc = doc_of(pipeline, 'Amina Odhiambo spoke in Garissa on Monday. "Grace Wanjiku has my support," she said. '
                           'She added that the border would reopen.')
    assert resolve(doc, span(doc, "She added")[0:1]).name == "Amina Odhiambo"


def test_gender_comes_from_full_name_mentions_not_from_a_bare_surname(pipeline):
    from eventwire.nlp.resolve import person_gender
    from eventwire.schema import Actor

    text = "Nyokabi Otieno says officers fired at her husband. Mr. Otieno was unarmed."
    doc = doc_of(pipeline, text)
    full, surname = text.index("Nyokabi Otieno"), text.index("Otieno was")
    widow = Actor(id="a1", name="Nyokabi Otieno", kind="person",
                  mentions=[[full, full + 14], [surname, surname + 6]])  # a surname wrongly merged in
    assert person_gender(doc, widow) is None


def test_a_voice_with_no_earlier_source_goes_to_the_organization_named_last(pipeline):
    doc = doc_of(pipeline, "The World Health Organization released a new advertisement on Monday. "
                           "The ad says vaccines are safe.")
    assert resolve(doc, span(doc, "The ad")).name == "World Health Organization"


def test_a_title_held_by_several_people_goes_to_the_one_named_most(pipeline):
    doc = doc_of(pipeline, "President Ruth Wanjiru opened the museum on Saturday. Wanjiru toured the halls with "
                           "students. Wanjiru recalled a speech by President Joseph Kamau in 1990. "
                           "The president said the museum belonged to everyone.")
    assert resolve(doc, span(doc, "The president")).name == "Ruth Wanjiru"
