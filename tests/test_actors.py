"""eventwire_actors on real spaCy output."""

from __future__ import annotations

from eventwire.kb.countries import countries
from eventwire.nlp.dateline import dateline_end
from eventwire.schema import Article

TEXT = (
    "Kenyan Foreign Minister Amina Odhiambo met Ethiopian officials in Addis Ababa on Monday. "
    "Odhiambo told reporters that Kenya and Ethiopia would sign a border agreement. "
    "The African Union welcomed the talks, and the United States said it would support them."
)


def test_countries_and_demonyms_resolve_to_iso3():
    table = countries()
    assert table.country("U.S.").iso3 == "USA"
    assert table.country("the United Kingdom").iso3 == "GBR"
    assert table.country("Iran's").iso3 == "IRN"
    assert table.nationality("Israeli").iso3 == "ISR"
    assert table.nationality("Palestinians").iso3 == "PSE"
    assert table.country("Atlantis") is None
    assert table.country("Congo") is None  # ambiguous: left uncoded rather than guessed
    assert table.country("Republic of the Congo").iso3 == "COG"
    assert table.nationality("Martian") is None


def test_actors_get_codes_and_surname_mentions_join_the_full_name(pipeline):
    result = pipeline(Article(text=TEXT, published="2024-03-04"))
    by_name = {a.name: a for a in result.actors}
    assert by_name["Kenya"].country == "KEN" and by_name["Kenya"].kind == "country"
    assert by_name["Ethiopia"].country == "ETH"
    assert by_name["United States"].country == "USA"
    person = by_name["Amina Odhiambo"]
    assert person.kind == "person" and (person.country, person.sector, person.role) == ("KEN", "GOV", "Foreign Minister")
    assert [TEXT[s:e] for s, e in person.mentions] == ["Amina Odhiambo", "Odhiambo"]
    # "Kenyan" (a demonym) is a mention of the country actor Kenya.
    assert "Kenyan" in [TEXT[s:e] for s, e in by_name["Kenya"].mentions]


def test_entities_link_to_their_actor(pipeline):
    result = pipeline(Article(text=TEXT))
    actors = {a.id: a for a in result.actors}
    linked = [(e.text, actors[e.actor].name) for e in result.entities if e.actor]
    assert ("Odhiambo", "Amina Odhiambo") in linked
    assert ("Kenya", "Kenya") in linked
    for e in result.entities:
        assert TEXT[e.start:e.end] == e.text
    dates = [e for e in result.entities if e.label == "DATE"]
    assert dates and all(e.actor is None for e in dates)


def test_dateline_entities_are_not_actors(pipeline):
    text = ("NAIROBI, May 3 (Coastline Wire) — Kenya's parliament approved the budget on Friday, "
            "the speaker said.")
    assert text[dateline_end(text):].startswith("Kenya's parliament")
    result = pipeline(Article(text=text, published="2024-05-03"))
    names = {a.name for a in result.actors}
    assert "Kenya" in names
    assert not names & {"NAIROBI", "Coastline Wire"}


def test_dateline_needs_an_agency_and_a_dash():
    assert dateline_end("NAIROBI - Kenya's parliament approved the budget.") == 0
    assert dateline_end("The UN (United Nations) - a body of states.") == 0
    assert dateline_end("KYIV (Northgate News Service) - Russian artillery shelled") == 32
