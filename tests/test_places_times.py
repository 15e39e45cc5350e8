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
