"""`eventwire eval places`: toponym resolution accuracy on the geo gold (TR-News, LGL, GeoVirus, GeoWebNews).

Every gold toponym with coordinates counts. A gold toponym is found when a predicted place
overlaps its span; it is correct when the predicted point lies within 161 km (100 miles) of the
gold point, or the predicted GeoNames id equals the gold one. Acc@161 "all" counts a missed
toponym as wrong; "found" is the accuracy over the found ones.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer

from .cli import app

DEFAULT = Path("../shared/eval/geo/geo.dev.jsonl")
KM = 161.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def correct(gold: dict, place) -> bool:
    if gold.get("geonameid") and place.geonameid and str(place.geonameid) == str(gold["geonameid"]):
        return True
    return place.lat is not None and distance_km(gold["lat"], gold["lon"], place.lat, place.lon) <= KM


def score_record(record: dict, places: list) -> list[tuple[dict, object | None]]:
    """(gold toponym, the overlapping predicted place or None) for every gold toponym with coordinates."""
    pairs = []
    for gold in record["toponyms"]:
        if gold.get("lat") is None:
            continue
        hits = [p for p in places if p.start < gold["end"] and gold["start"] < p.end]
        pairs.append((gold, min(hits, key=lambda p: abs(p.start - gold["start"])) if hits else None))
    return pairs


@app.command("places")
def places_command(
    path: Annotated[Path, typer.Option("--gold", help="geo gold JSONL (../shared/eval/geo/geo.dev.jsonl).")] = DEFAULT,
    corpus: Annotated[list[str] | None, typer.Option("--corpus", help="Only these corpora (repeatable).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many articles per corpus (0 = all).")] = 0,
    errors: Annotated[Path | None, typer.Option(help="Write the wrong and missed toponyms to this JSONL file.")] = None,
) -> None:
    """Acc@161km of the places per corpus, over all gold toponyms and over the found ones."""
    from ..nlp.pipeline import Pipeline
    from ..schema import Article

    if not path.is_file():
        raise typer.BadParameter(f"{path}: gold file not found", param_hint="--gold")
    records, per_corpus = [], defaultdict(int)
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if (corpus and r["corpus"] not in corpus) or (limit and per_corpus[r["corpus"]] >= limit):
                continue
            per_corpus[r["corpus"]] += 1
            records.append(r)
    pipeline = Pipeline()
    counts = defaultdict(lambda: [0, 0, 0])  # corpus -> [gold, found, correct]
    out = errors.open("w", encoding="utf-8") if errors else None
    results = pipeline.process(Article(text=r["text"], id=r["id"]) for r in records)
    for record, result in zip(records, results):
        for gold, place in score_record(record, getattr(result, "places", [])):
            c = counts[record["corpus"]]
            ok = place is not None and correct(gold, place)
            c[0] += 1
            c[1] += place is not None
            c[2] += ok
            if out and not ok:
                out.write(json.dumps({"id": record["id"], "text": gold["text"], "gold": [gold["lat"], gold["lon"]],
                                      "found": None if place is None else
                                      [place.name, place.country, place.lat, place.lon, place.feature]}) + "\n")
    if out:
        out.close()
    print("| corpus | gold toponyms | found | Acc@161 all | Acc@161 found |")
    print("|---|---:|---:|---:|---:|")
    for name in sorted(counts):
        n, found, ok = counts[name]
        print(f"| {name} | {n} | {found} | {ok / n:.3f} | {ok / found if found else 0:.3f} |")
