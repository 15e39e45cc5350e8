"""The gazetteer index: names, alternate names, abbreviations, regions, and its build."""

from __future__ import annotations

from eventwire.kb.gazetteer import Gazetteer, build, gazetteer, key


def _best(name: str, feature: str | None = None):
    entries = [e for e in gazetteer().lookup(name) if feature is None or e.feature == feature]
    return max(entries, key=lambda e: e.population)


def test_keys_ignore_case_accents_periods_and_possessives():
    assert key("W.Va.") == "wva"
    assert key("Québec") == "quebec"
    assert key("the Gaza Strip's") == "gaza strip"


def test_cities_countries_states_and_regions_are_found():
    paris = _best("Paris")
    assert (paris.country, paris.geonameid) == ("FRA", 2988507)
    assert abs(paris.lat - 48.85) < 0.1
    assert _best("Texas", "admin1").admin1 == "TX"
    assert _best("Britain").country == "GBR"
    assert _best("Gaza Strip").feature == "region"
    assert _best("Europe").feature == "continent"


def test_abbreviations_and_same_names_in_several_countries():
    assert [e.admin1 for e in gazetteer().lookup("W.Va.")] == ["WV"]
    georgias = {e.feature for e in gazetteer().lookup("Georgia")}
    assert {"country", "admin1"} <= georgias
    texas_paris = [e for e in gazetteer().lookup("Paris") if e.admin1 == "TX"]
    assert texas_paris and texas_paris[0].lat < 35


def test_unknown_names_give_nothing():
    assert gazetteer().lookup("Xqzzyville") == []


def test_build_writes_a_readable_index(tmp_path):
    path = tmp_path / "g.sqlite"
    build(path)
    fresh = Gazetteer(path)
    assert {e.country for e in fresh.lookup("Kyiv")} >= {"UKR"}
    assert not list(tmp_path.glob("*.tmp"))
