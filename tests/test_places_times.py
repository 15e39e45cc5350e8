"""eventwire_places and eventwire_times on real spaCy output."""

from __future__ import annotations

import json

from eventwire.schema import Article

TEXT = (
    "Protesters marched through the capital of Peru on Thursday, two days after the vote. "
    "Election officials said on 3 March 2024 that the count would finish next week. "
    "Chile and Brazil will send observers on Monday, the ministry said."
)


def test_country_places_have_codes_and_geonames_ids(pipeline):
    result = pipeline(Article(text=TEXT, published="2024-03-07"))
    places = {p.text: p for p in result.places}
    assert set(places) == {"Peru", "Chile", "Brazil"}
    assert places["Peru"].country == "PER" and places["Peru"].feature == "country"
    assert places["Brazil"].geonameid == 3469034
    for p in result.places:
        assert TEXT[p.start:p.end] == p.text


def test_times_resolve_against_the_publication_date(pipeline):
    # 2024-03-07 is a Thursday.
    result = pipeline(Article(text=TEXT, published="2024-03-07"))
    values = {t.text: t.value for t in result.times}
    assert values["Thursday"] == "2024-03-07"
    assert values["3 March 2024"] == "2024-03-03"
    assert values["next week"] == "2024-W11"
    assert values["Monday"] == "2024-03-11"  # "will send ... on Monday": future tense
    assert "two days" not in values  # a duration is not a date


def test_relative_times_stay_unresolved_without_a_publication_date(pipeline):
    result = pipeline(Article(text=TEXT))
    values = {t.text: t.value for t in result.times}
    assert values["Thursday"] is None
    assert values["3 March 2024"] == "2024-03-03"
    assert any("no published date" in w for w in result.warnings)


def test_seed_story_times_match_the_gold_values(pipeline, eval_dir):
    seed = eval_dir / "seed"
    record = json.loads((seed / "input.jsonl").read_text("utf-8").splitlines()[0])
    gold = json.loads((seed / "gold.json").read_text("utf-8"))["times"]
    result = pipeline(Article(text=record["text"], published=record["published"]))
    found = {(t.start, t.end): t.value for t in result.times}
    for g in gold:
        # The gold span may carry a preposition that the entity leaves out; match on overlap.
        hits = [v for (s, e), v in found.items() if s < g["end"] and g["start"] < e]
        assert g["value"] in hits, f"{g['text']!r}: expected {g['value']}, found {hits}"


def test_qualifiers_and_state_abbreviations_pick_the_right_town(pipeline):
    text = ("A storm flattened barns near Paris, Texas, on Tuesday. Two days later it reached "
            "Beckley, W.Va., where crews cleared roads.")
    result = pipeline(Article(text=text, published="2024-05-09"))
    places = {p.text: p for p in result.places}
    assert places["Paris"].country == "USA" and abs(places["Paris"].lat - 33.66) < 0.5
    assert places["Texas"].feature == "admin1"
    assert places["W.Va."].name == "West Virginia"


def test_document_context_decides_between_same_names(pipeline):
    us = "Heavy rain hit Atlanta and Savannah. Officials across Georgia opened shelters, and Alabama sent trucks."
    caucasus = "Russia and Armenia held talks. Protesters in Tbilisi said Georgia would not give in to Moscow."
    assert {p.text: p for p in pipeline(Article(text=us)).places}["Georgia"].country == "USA"
    assert {p.text: p for p in pipeline(Article(text=caucasus)).places}["Georgia"].country == "GEO"


def test_towns_of_one_state_agree_on_it(pipeline):
    # Huntsville alone is the larger Alabama city; with Conroe and Walker County it is the Texas town.
    alone = pipeline(Article(text="Deputies from Huntsville will direct traffic at the fair next week, organisers said."))
    assert {p.text: p for p in alone.places}["Huntsville"].lat > 34
    text = ("The Walker County fair opens next week, organisers in Conroe said. "
            "Deputies from Huntsville will direct traffic.")
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    assert abs(places["Huntsville"].lat - 30.72) < 0.2 and abs(places["Huntsville"].lon + 95.55) < 0.2


def test_a_county_without_a_point_lies_among_the_towns_of_its_state(pipeline):
    alone = {p.text: p for p in pipeline(Article(text="Officers stopped the car on a highway in Walker County.")).places}
    county = alone["Walker County"]
    assert county.feature == "county" and county.lat is not None  # its state's point
    text = "The Walker County fair opens next week, organisers in Conroe said."
    county = {p.text: p for p in pipeline(Article(text=text)).places}["Walker County"]
    assert abs(county.lat - 30.3) < 0.5 and abs(county.lon + 95.5) < 0.5  # by Conroe, Texas


def test_state_abbreviations_on_their_own_are_states(pipeline):
    text = "The S.C. Highway Patrol closed the road. Crews from N.C. and the D.C. fire service helped."
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    assert places["S.C."].name == "South Carolina" and places["S.C."].feature == "admin1"
    assert places["N.C."].name == "North Carolina"
    assert places["D.C."].lat is not None
    text = "She grew up in Lethbridge, Alta., and moved to Regina, Sask., in 2010."
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    for abbreviation, lon in (("Alta", -115), ("Sask", -106)):  # the model leaves the period out
        assert places[abbreviation].feature == "admin1" and places[abbreviation].country == "CAN"
        assert abs(places[abbreviation].lon - lon) < 3
    assert places["Regina"].country == "CAN"


def test_names_tagged_as_persons_are_places_when_states_or_listed_with_places(pipeline):
    text = ("Tamil Nadu accused the neighbouring state of holding back water. "
            "Bird flu was found in three areas of Egypt, namely Cairo, Giza and Luxor.")
    result = pipeline(Article(text=text))
    assert {e.text for e in result.entities if e.label == "PERSON"} >= {"Tamil Nadu", "Giza"}  # the model's error
    places = {p.text: p for p in result.places}
    assert places["Tamil Nadu"].feature == "admin1" and places["Tamil Nadu"].country == "IND"
    assert places["Giza"].country == "EGY"


def test_names_listed_before_counties_are_counties(pipeline):
    text = "Flood warnings cover Barrow, Jackson and Madison counties in Georgia until Friday."
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    for name in ("Barrow", "Jackson", "Madison"):
        assert places[name].name == f"{name} County" and places[name].feature == "county"
    assert abs(places["Jackson"].lat - 33.3) < 1.5 and abs(places["Jackson"].lon + 83.5) < 1.5  # in Georgia


def test_local_news_words_after_a_name_make_it_a_place(pipeline):
    text = ("A Winona man was arrested on Sunday after a crash. Danbury police said the Oakdale Fire "
            "Department put out the blaze. The City Council met on Monday. A Sligo-based charity helped.")
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    assert {"Winona", "Danbury", "Oakdale", "Sligo"} <= set(places)
    assert places["Winona"].feature == "city" and places["Danbury"].country == "USA"
    assert "City" not in places  # a word of the institution, not a town's name


def test_qualifiers_lists_and_cues_make_a_name_a_state(pipeline):
    city = {p.text: p for p in pipeline(Article(text="Flights from New York were delayed.")).places}
    assert city["New York"].feature == "city"
    text = "The girl from Buffalo, New York, recovered. Cases were found in Oregon, Washington and Idaho."
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    assert places["New York"].feature == "admin1" and places["Washington"].feature == "admin1"
    border = {p.text: p for p in pipeline(Article(text="Troops were sent to the Mexico border.")).places}
    assert border["Mexico"].feature == "country" and border["Mexico"].lat is not None


def test_context_is_read_from_choices_made_in_context(pipeline):
    # "Georgia" alone would be the country; beside Atlanta it is the state, and Atlanta is Georgia's.
    text = "ATLANTA -- Georgia lawmakers met on Monday. Georgia and Texas lead the South in jobs, Atlanta officials said."
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    assert places["Georgia"].feature == "admin1"
    assert abs(places["Atlanta"].lat - 33.75) < 0.2 and abs(places["Atlanta"].lon + 84.39) < 0.2


def test_the_end_of_another_name_is_no_town(pipeline):
    text = "He will appear in Henry County General Sessions Court on Tuesday. The mayor spoke at Paris City Hall."
    places = {p.text for p in pipeline(Article(text=text)).places}
    assert "Court" not in places and "Hall" not in places
    assert {"Henry County", "Paris"} <= places


def test_demonyms_point_at_their_country_but_are_marked(pipeline):
    result = pipeline(Article(text="Israeli troops entered the town of Jenin in the West Bank on Friday."))
    places = {p.text: p for p in result.places}
    assert places["Israeli"].feature == "demonym" and places["Israeli"].country == "ISR"
    assert places["West Bank"].country == "PSE"


def test_demonyms_inside_names_and_compounds_are_found(pipeline):
    text = "A Russian-American crew reached the station. Troops of the Nigerian Armed Forces guarded the site."
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    assert places["Russian"].country == "RUS" and places["American"].country == "USA"
    assert places["Nigerian"].feature == "demonym" and places["Nigerian"].country == "NGA"


def test_acting_places_are_not_places(pipeline):
    nlp = pipeline.nlp
    text = "Washington said the talks in Geneva would resume."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "eventwire_actors":
            doc._.acting_places = {(0, 10)}
    assert [p.text for p in doc._.places] == ["Geneva"]


def test_event_place_prefers_the_town_where_it_happened(pipeline):
    from eventwire.nlp.location import event_place

    text = "Turkish police said gunmen killed two guards in Mogadishu, Somalia, on Sunday."
    doc = pipeline.nlp(text)
    start = text.index("killed")
    assert event_place(doc, doc.char_span(start, start + 6), doc._.places).text == "Mogadishu"
    quiet = "The minister said the plan was fair."
    doc2 = pipeline.nlp(quiet)
    assert event_place(doc2, doc2.char_span(13, 17), doc2._.places) is None


def _place_of(pipeline, text, verb):
    from eventwire.nlp.location import event_place

    doc = pipeline.nlp(text)
    start = text.index(verb)
    place = event_place(doc, doc.char_span(start, start + len(verb)), doc._.places)
    return place and place.text


def test_event_place_rules(pipeline):
    # a country used as a modifier is not where the event happened
    assert _place_of(pipeline, "The militant leader was killed in a U.S. drone strike last week.", "killed") is None
    # a place in another clause (with its own verb) loses to one in the trigger's clause
    assert _place_of(pipeline, "Students rallied across Kenya on Monday as ministers gathered in Nairobi "
                               "for a summit.", "rallied") == "Kenya"
    # a reference point is not the location, "over" is a locative preposition
    assert _place_of(pipeline, "Two soldiers were killed in Anbar, west of Baghdad, on Monday.", "killed") == "Anbar"
    assert _place_of(pipeline, "Jets were patrolling the skies over northern Syria on Friday.", "patrolling") == "Syria"
    # where the actor comes from is not where the event happened
    assert _place_of(pipeline, "Rebels from Chad attacked the convoy on Tuesday.", "attacked") is None
    # the place of the verb that reports the event is not the event's
    assert _place_of(pipeline, "Officials said in Geneva that troops shelled the town on Monday.", "shelled") is None
    # the place whose relative clause holds the trigger
    assert _place_of(pipeline, "Officials visited Kandahar, where a car bomb exploded on Sunday.", "exploded") == "Kandahar"


def test_durations_and_sets_are_typed_and_not_dates(pipeline):
    text = ("The company said on Tuesday that third-quarter profit rose. It has grown for three years "
            "and pays a dividend every quarter. Now it plans to hire more staff next summer.")
    doc = pipeline.nlp.make_doc(text)
    import datetime as dt

    doc._.published = dt.date(2023, 10, 26)  # a Thursday
    doc = pipeline.nlp(doc)
    typed = {t.text: (t.type, t.value) for t in doc._.timexes}
    assert typed["Tuesday"] == ("DATE", "2023-10-24")
    assert typed["third-quarter"] == ("DATE", "2023-Q3")
    assert typed["three years"] == ("DURATION", "P3Y")
    assert typed["Now"] == ("DATE", "PRESENT_REF")
    assert {t.text for t in doc._.times} == {"Tuesday", "third-quarter", "next summer"}
    assert {t.text: t.value for t in doc._.times}["next summer"] == "2024-SU"


def test_datelines_and_unknown_villages(pipeline):
    text = ("MOSUL, Iraq (Tigris Wire) - Fighting broke out in Tell Hamdoun, a village near Aleppo, "
            "on Sunday, police said.")
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    assert places["MOSUL"].country == "IRQ" and places["MOSUL"].feature == "city"
    assert places["Aleppo"].country == "SYR"
    village = places["Tell Hamdoun"]  # not in the gazetteer: named, without a point
    assert (village.name, village.lat, village.country, village.feature) == ("Tell Hamdoun", None, None, None)


def test_datelines_after_a_headline(pipeline):
    text = ("Port talks stall again. ODESA, Ukraine (Harbour News) — The grain exporters said that they had waited "
            "for the ships on Friday. Ferry fares rise. VALLETTA: The operators blamed it on the cost of fuel. "
            "It was not clear when the talks would resume. MEMO: Details of the plan follow in the next edition.")
    places = {p.text: p for p in pipeline(Article(text=text)).places}
    assert places["ODESA"].country == "UKR"
    assert places["VALLETTA"].country == "MLT"
    assert "MEMO" not in places  # a colon after a word the gazetteer does not know: no dateline


def test_timex_spans_from_context(pipeline):
    import datetime as dt

    text = ("Talks broke off at noon Thursday and resumed later in the day. For the year, sales rose 4% and "
            "in the 2022 quarter they fell. "
            "Revenue for the year ended June 30 was flat. The ferry runs daily and the plant will reopen in "
            "the near future. Sales for the full year reached a record.")
    doc = pipeline.nlp.make_doc(text)
    doc._.published = dt.date(2023, 10, 26)  # a Thursday
    doc = pipeline.nlp(doc)
    typed = {(t.text, t.start): (t.type, t.value) for t in doc._.timexes}
    at = lambda phrase, nth=0: typed[(phrase, [i for i in range(len(text)) if text.startswith(phrase, i)][nth])]
    assert at("noon Thursday") == ("TIME", "2023-10-26T12:00")  # clock and day as one expression
    assert at("the year") == ("DATE", "2023")  # the current year
    assert at("later in the day") == ("DATE", "2023-10-26")
    assert at("the year", 1) == ("DURATION", "P1Y")  # a year bounded by what follows
    assert at("the 2022 quarter") == ("DATE", "2022-Q3")
    assert at("daily") == ("SET", "P1D")
    assert at("the near future") == ("DATE", "FUTURE_REF")
    assert at("the full year") == ("DATE", "2023")
