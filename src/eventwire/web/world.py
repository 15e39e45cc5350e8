"""The offline world map: Natural Earth country outlines (built by scripts/build_world_map.py) and
the projection that places events on it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

# Equirectangular, in tenths of a degree: x = (lon + 180) * 10, y = (90 - lat) * 10; Antarctica left out.
VIEWBOX = "0 0 3600 1500"


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    lat: float
    lon: float
    path: str


@cache
def countries() -> tuple[Country, ...]:
    text = resources.files(__package__).joinpath("world_110m.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return tuple(Country(iso3, name, float(lat), float(lon), path) for iso3, name, lat, lon, path in rows)


@cache
def centroids() -> dict[str, tuple[float, float]]:
    """(lat, lon) of each country's main landmass, by ISO3 code."""
    return {c.iso3: (c.lat, c.lon) for c in countries() if c.iso3}


def project(lat: float, lon: float) -> tuple[float, float]:
    return round((lon + 180) * 10, 1), round((90 - lat) * 10, 1)
