"""eventwire_actors on real spaCy output."""

from __future__ import annotations

from eventwire.kb.countries import countries
from eventwire.nlp.dateline import dateline_end
from eventwire.nlp.resolve import actor_at
from eventwire.schema import Article

TEXT = (
    "Kenyan Foreign Minister Amina Odhiambo met Ethiopian officials in Addis Ababa on Monday. "
    "Odhiambo told reporters that Kenya and Ethiopia would sign a border agreement. "
    "The African Union welcomed the talks, and the United States said it would support them."
)
WIRE = (
    "US Secretary of State Antony Blinken on Tuesday met Israeli Prime Minister Benjamin Netanyahu in "
    "Jerusalem. Blinken told the prime minister that Washington's support would not waver. Israeli troops "
    "moved toward the border while Hezbollah fighters fired rockets. Jordan's King Abdullah called for calm, "
    "and a senior State Department official said Tehran had been warned. Police in Amman dispersed "
    "protesters near the Israeli embassy."
)


def by_text(result, text: str):
    start = result.text.index(text)
    return next((a for a in result.actors if [start, start + len(text)] in a.mentions), None)


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


def test_titles_give_role_sector_and_country_and_surnames_join(pipeline):
    result = pipeline(Article(text=TEXT, published="2024-03-04"))
    by_name = {a.name: a for a in result.actors}
    assert by_name["Kenya"].country == "KEN" and by_name["Kenya"].kind == "country"
    assert by_name["United States"].country == "USA"
    person = by_name["Amina Odhiambo"]
    assert (person.kind, person.country, person.sector, person.role) == ("person", "KEN", "GOV", "Foreign Minister")
    assert [TEXT[s:e] for s, e in person.mentions] == ["Amina Odhiambo", "Odhiambo"]
    assert "Kenyan" in [TEXT[s:e] for s, e in by_name["Kenya"].mentions]
    officials = by_text(result, "Ethiopian officials")
    assert (officials.kind, officials.country, officials.sector) == ("generic", "ETH", "GOV")
    au = by_name["African Union"]
    assert (au.country, au.sector, au.kind) == ("IGO", "IGO", "organization") and au.kb_id


def test_wire_story_actors(pipeline):
    result = pipeline(Article(text=WIRE, published="2023-10-17"))
    blinken = by_text(result, "Antony Blinken")
    assert (blinken.country, blinken.sector, blinken.role) == ("USA", "GOV", "Secretary of State")
    mentions = [WIRE[s:e] for s, e in blinken.mentions]
    assert mentions.count("Blinken") == 1
    netanyahu = by_text(result, "Benjamin Netanyahu")
    assert (netanyahu.country, netanyahu.sector) == ("ISR", "GOV") and netanyahu.kb_id
    assert by_text(result, "prime minister") is netanyahu  # a title-only mention joins its holder
    assert by_text(result, "Washington") is by_text(result, "US")  # a capital acting is its government
    assert (by_text(result, "Israeli troops").country, by_text(result, "Israeli troops").sector) == ("ISR", "MIL")
    fighters = by_text(result, "Hezbollah fighters")
    assert (fighters.country, fighters.sector) == ("LBN", "REB")
    king = by_text(result, "King Abdullah")
    assert (king.country, king.sector, king.role) == ("JOR", "GOV", "King")
    official = by_text(result, "senior State Department official")
    assert (official.country, official.sector) == ("USA", "GOV")
    iran = by_text(result, "Tehran")
    assert (iran.kind, iran.country, iran.sector) == ("country", "IRN", "GOV")
    assert (by_text(result, "Police").country, by_text(result, "Police").sector) == ("JOR", "POL")  # "in Amman"
    assert by_text(result, "protesters").sector == "CVL"


def test_acting_capitals_are_kept_from_places(pipeline):
    text = ("Moscow rejected the proposal on Friday. Delegates flew to Moscow for a conference, "
            "and the Kremlin's spokesman declined to comment.")
    doc = pipeline.nlp(text)
    acting = {text[s:e] for s, e in doc._.acting_places}
    assert acting == {"Moscow", "Kremlin"}
    assert [s for s, e in doc._.acting_places if text[s:e] == "Moscow"] == [0]  # the second one is a place
    russia = actor_at(doc, 0, 6)
    assert (russia.country, russia.sector) == ("RUS", "GOV")


def test_roles_follow_the_publication_date(pipeline):
    text = "Antony Blinken arrived in Cairo on Sunday."
    now = by_text(pipeline(Article(text=text, published="2023-06-04")), "Antony Blinken")
    before = by_text(pipeline(Article(text=text, published="2012-06-03")), "Antony Blinken")
    assert (now.country, now.sector) == ("USA", "GOV") and "Secretary of State" in now.role
    assert before.country == "USA" and before.sector is None and before.role is None


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
    for actor in result.actors:
        assert actor.mentions and all(0 <= s < e <= len(TEXT) for s, e in actor.mentions)


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


def test_generic_agents_take_the_country_of_their_modifier_or_of_the_story(pipeline):
    text = ("Iranian-backed militias fired rockets at a base in eastern Syria on Sunday. Lawmakers in "
            "Baghdad demanded answers, and the ministry said Iraqi soldiers had been deployed.")
    result = pipeline(Article(text=text, published="2024-02-04"))
    militias = by_text(result, "Iranian-backed militias")
    assert (militias.kind, militias.country, militias.sector) == ("generic", "IRN", "REB")
    lawmakers = by_text(result, "Lawmakers")
    assert (lawmakers.country, lawmakers.sector) == ("IRQ", "LEG")  # "in Baghdad"
    assert by_text(result, "ministry").sector == "GOV"
    assert (by_text(result, "Iraqi soldiers").country, by_text(result, "Iraqi soldiers").sector) == ("IRQ", "MIL")


def test_acronyms_in_parentheses_join_their_organization(pipeline):
    text = ("The Coastal Fisheries Council (CFC) accused the Veradian Port Authority of dumping waste. "
            "The CFC said it would go to court.")
    result = pipeline(Article(text=text))
    council = by_text(result, "Coastal Fisheries Council")
    assert [text[s:e] for s, e in council.mentions] == ["Coastal Fisheries Council", "CFC", "CFC"]


def test_titles_take_the_sector_of_the_body_they_are_of(pipeline):
    text = ("Hamas leader Yusuf Barakeh rejected the offer. Kenyan government spokesman Otieno Kamau said talks "
            "would go on, while Lakeside Brewing chairman Orrin Taft said exports had fallen.")
    result = pipeline(Article(text=text, published="2024-05-02"))
    leader = by_text(result, "Yusuf Barakeh")
    assert (leader.country, leader.sector, leader.role) == ("PSE", "REB", "leader")
    spokesman = by_text(result, "Otieno Kamau")
    assert (spokesman.country, spokesman.sector, spokesman.role) == ("KEN", "GOV", "government spokesman")
    chairman = by_text(result, "Orrin Taft")
    assert chairman.sector != "GOV" and chairman.country is None  # a company's chairman is no official


def test_honorifics_join_the_full_name(pipeline):
    text = ("Opposition leader Harriet Quill attacked the budget on Monday. Mrs Quill said the cuts would hurt "
            "rural schools, and Mr Dalby, the finance minister, disagreed.")
    result = pipeline(Article(text=text, published="2024-04-08"))
    quill = by_text(result, "Harriet Quill")
    assert [text[s:e] for s, e in quill.mentions] == ["Harriet Quill", "Mrs Quill"]
    assert (quill.sector, quill.role) == ("OPP", "Opposition leader")


def test_a_definite_plural_agent_is_the_one_named_before(pipeline):
    result = pipeline(Article(text="Hamas fighters crossed into Israel on Saturday. Israel vowed to crush Hamas "
                              "after the fighters' attacks.", published="2024-05-02"))
    named = by_text(result, "Hamas fighters")
    start = result.text.index("the fighters") + 4
    assert named is not None and [start, start + len("fighters")] in named.mentions


def test_the_story_country_counts_its_cities_and_dateline_but_not_a_foreign_namesake(pipeline):
    text = ("LVIV (Eastbank Wire) - Russian drones hit a depot outside Lviv overnight, and Russian officials "
            "called it a military target. Ukrainian air defence shot down most of them over the Lviv region, "
            "Governor Petro Danylyuk said.")
    assert by_text(pipeline(Article(text=text, published="2024-02-01")), "Petro Danylyuk").country == "UKR"


def test_the_red_cross_is_one_actor_by_any_of_its_names(pipeline):
    text = ("The International Committee of the Red Cross said on Monday it had reached the town. "
            "The ICRC said the Red Cross convoy carried water.")
    result = pipeline(Article(text=text))
    icrc = by_text(result, "International Committee of the Red Cross")
    start = text.rindex("Red Cross")
    assert icrc is not None and icrc is by_text(result, "ICRC") and [start, start + 9] in icrc.mentions
    assert len(result.actors) == 1


def test_a_name_after_the_is_a_thing_unless_the_kb_knows_it(pipeline):
    result = pipeline(Article(text="Farmers met on Friday to share water from the Okavango river. "
                                   "The Houthis said the talks would go on."))
    assert by_text(result, "Okavango") is None
    houthis = by_text(result, "Houthis")
    assert houthis.kind == "organization" and houthis.country == "YEM"


def test_a_title_of_a_country_or_body_ends_at_the_title(pipeline):
    result = pipeline(Article(text="The Prime Minister of Latvia met the President of the Zambian Chess League."))
    premier = by_text(result, "Prime Minister")
    assert (premier.kind, premier.country, premier.sector) == ("person", "LVA", "GOV")
    head = by_text(result, "President")
    assert head.country == "ZMB" and head.sector is None  # a league's president holds no office of state


def test_a_country_taken_for_a_person_still_modifies_an_agent(pipeline):
    result = pipeline(Article(text="Niger’s military junta extended the curfew."))
    junta = by_text(result, "Niger’s military junta")
    assert (junta.country, junta.sector) == ("NER", "GOV")


def test_an_office_outranks_a_military_rank_before_a_name(pipeline):
    result = pipeline(Article(text="Defence Minister Gen. John Mensah met Lt. Gen. Ivo Marant on Monday."))
    assert by_text(result, "John Mensah").sector == "GOV"
    assert by_text(result, "Ivo Marant").sector == "MIL"


def test_ordinary_people_of_a_nation_are_civilians(pipeline):
    result = pipeline(Article(text="Prices rose, and ordinary Uzbeks queued for bread."))
    people = by_text(result, "ordinary Uzbeks")
    assert (people.kind, people.country, people.sector) == ("group", "UZB", "CVL")


def test_a_member_of_a_body_takes_the_body_sector(pipeline):
    result = pipeline(Article(text="A spy agency officer and two army officers were questioned."))
    assert by_text(result, "spy agency officer").sector == "SPY"
    assert by_text(result, "army officers").sector == "MIL"


def test_an_organization_takes_its_longest_agent_phrase_and_a_two_word_city(pipeline):
    result = pipeline(Article(text="The Puerto Montt Self Defense Forces denied the report."))
    group = by_text(result, "Puerto Montt Self Defense Forces")
    assert (group.country, group.sector) == ("CHL", "PRM")


def test_a_name_cut_short_before_of_is_taken_whole_when_the_kb_knows_it(pipeline):
    result = pipeline(Article(text="Envoys met the Liberation Tigers of Tamil Eelam in Oslo last week."))
    tigers = by_text(result, "Liberation Tigers of Tamil Eelam")
    assert (tigers.country, tigers.sector) == ("LKA", "REB")
    assert len([a for a in result.actors if a.kind != "generic"]) == 1


def test_of_namesakes_in_the_kb_the_one_with_a_country_is_chosen(pipeline):
    result = pipeline(Article(text="The Black Panthers marched on Saturday."))
    assert by_text(result, "Black Panthers").country == "USA"


def test_a_region_official_belongs_to_the_region_country(pipeline):
    text = ("Russian drones struck Lviv overnight, Lviv governor Petro Danylyuk said. "
            "Russian officials denied it, and the Lviv governor called that a lie.")
    result = pipeline(Article(text=text, published="2024-02-01"))
    assert by_text(result, "Petro Danylyuk").country == "UKR"
    start = text.index("Lviv governor called")
    official = next(a for a in result.actors if [start, start + 13] in a.mentions)
    assert official.country == "UKR"
    assert all(a.name != "Lviv" for a in result.actors)  # the city, even taken for a person, is a place


def test_a_breakaway_state_is_coded_wherever_named_with_the_country_it_broke_from(pipeline):
    text = ("Somaliland said on Friday it would reopen the port, and troops crossed into Abkhazia. "
            "Envoys from Transnistria flew to Vienna.")
    result = pipeline(Article(text=text))
    for name, country in (("Somaliland", "SOM"), ("Abkhazia", "GEO"), ("Transnistria", "MDA")):
        state = by_text(result, name)
        assert (state.kind, state.country, state.sector) == ("organization", country, "PRE")
    assert by_text(result, "Vienna") is None  # an ordinary place stays a place


def test_a_state_or_province_in_an_organization_name_gives_its_country(pipeline):
    text = ("The Ontario Provincial Police and the Oklahoma Highway Patrol traded files, and the "
            "Kerala Forest Department closed two reserves.")
    result = pipeline(Article(text=text))
    assert by_text(result, "Ontario Provincial Police").country == "CAN"  # the province, not a US city
    assert by_text(result, "Oklahoma Highway Patrol").country == "USA"
    assert by_text(result, "Kerala Forest Department").country == "IND"
