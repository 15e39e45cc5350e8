"""Latency of the explorer's JSON API on a store of 100,000 events.

    .venv/bin/python bench/web_latency.py [--db /tmp/eventwire-web-100k.db] [--requests 200]

The store is synthesized once through the real store API (ArticleResult records with actors,
places, times and events, 5 events an article, over two years; actor names drawn with a skewed
frequency so some actors have thousands of events; each person's role learned into the KB tables) and kept at --db for later runs. Then
`eventwire serve` runs on it in its own process, and each endpoint gets --requests requests with
varied parameters, one at a time, over HTTP. Prints the README table (p50, p95, max per endpoint).
"""

from __future__ import annotations

import argparse
import datetime
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx2

from eventwire.schema import Actor, ActorSpan, ArticleResult, Event, Place, Quote, SentenceSpan, Span, Time
from eventwire.store.database import Store

EVENTS_PER_ARTICLE = 5
COUNTRIES = ["USA", "CHN", "RUS", "UKR", "ISR", "PSE", "IRN", "IND", "PAK", "GBR", "FRA", "DEU", "TUR", "SYR",
             "EGY", "SAU", "NGA", "KEN", "ETH", "SDN", "ZAF", "BRA", "MEX", "COL", "VEN", "JPN", "KOR", "PRK",
             "AFG", "IRQ", "YEM", "LBN", "MLI", "SEN", "NER", "SOM", "MMR", "PHL", "IDN", "AUS"]
SECTORS = ["GOV", "MIL", "OPP", "REB", "CVL", "BUS", "LEG", "JUD", "MED", "NGO"]
TYPES = [("CONSULT", "040", 1), ("AGREE", "057", 1), ("SUPPORT", "051", 1), ("REQUEST", "020", 1),
         ("AID", "070", 2), ("COOPERATE", "061", 2), ("ACCUSE", "112", 3), ("REJECT", "120", 3),
         ("THREATEN", "138", 3), ("SANCTION", "163", 4), ("ASSAULT", "190", 4), ("PROTEST", "141", 4)]
START = datetime.date(2023, 1, 1)
DAYS = 730


def synthesize(path: Path, n_events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    people = [(f"Person {i:04d}", rng.choice(COUNTRIES), rng.choice(SECTORS)) for i in range(3000)]
    # Zipf-like: the most frequent actor is in about 7% of the articles, as a major power is in world news.
    weights = [1 / (i + 10) for i in range(len(people))]
    articles = n_events // EVENTS_PER_ARTICLE
    with Store(path) as store:
        batch = []
        for n in range(articles):
            day = START + datetime.timedelta(days=rng.randrange(DAYS))
            cast = rng.choices(people, weights, k=4)
            countries = rng.sample(COUNTRIES, 2)
            # "minister" in the text lets the store learn each person's role into the KB, as it does for
            # real articles, so the actor page reads its roles from there.
            words = [f"minister {name} of {country}" for name, country, _ in cast] + countries
            text = f"Article {n}. " + ". ".join(f"{w} spoke with {x}" for w, x in zip(words, reversed(words))) + "."
            actors = []
            for i, (name, country, sector) in enumerate(cast):
                start = text.index(name)
                actors.append(Actor(f"a{i + 1}", name, "person", country, sector, "minister", [[start, start + 9]]))
            for i, country in enumerate(countries, len(cast) + 1):
                start = text.index(country)
                actors.append(Actor(f"a{i}", country, "country", country, None, None, [[start, start + 3]]))
            places = [Place("p1", countries[0], text.index(countries[0]), text.index(countries[0]) + 3,
                            countries[0], countries[0], feature="country")]
            events = []
            for v in range(EVENTS_PER_ARTICLE):
                type_, cameo, quad = rng.choice(TYPES)
                a, r = rng.sample(actors, 2)
                s, e = a.mentions[0]
                events.append(Event(f"v{v + 1}", type_, None, cameo, quad, 1.0, ActorSpan(text[s:e], s, e, a.id),
                                    ActorSpan("x", r.mentions[0][0], r.mentions[0][1], r.id),
                                    Span("spoke", text.index("spoke"), text.index("spoke") + 5),
                                    SentenceSpan(0, len(text)), rng.choice(["p1", None]), day.isoformat(),
                                    "asserted", 0.8))
            s, e = actors[0].mentions[0]
            quotes = [Quote("q1", "indirect", False, ActorSpan(text[s:e], s, e, "a1"), Span("spoke", e + 4, e + 9),
                            Span(text[e + 10:], e + 10, len(text)))]
            batch.append(ArticleResult(id=f"bench-{n}", text=text, title=f"Synthetic article {n}",
                                       published=day.isoformat(), actors=actors, places=places, events=events,
                                       quotes=quotes,
                                       times=[Time("t1", "Article", 0, 7, day.isoformat())]))
            if len(batch) == 1000:
                store.add(batch)
                batch = []
        store.add(batch)
        print(f"store {path}: {store.counts()}", file=sys.stderr)


def requests_for(endpoint: str, rng: random.Random, actors: list[dict]) -> tuple[str, dict]:
    if endpoint == "events list":
        params = rng.choice([{}, {"type": rng.choice(TYPES)[0]}, {"country": rng.choice(COUNTRIES)},
                             {"quad": rng.randint(1, 4), "since": "2023-06-01", "until": "2023-09-30"},
                             {"actor": rng.choice(actors)["name"]}, {"sort": "goldstein"},
                             {"offset": rng.randrange(0, 5000)}])
        return "/api/events", params
    if endpoint == "actor page":
        a = rng.choice(actors)
        return "/api/actor", {"name": a["name"], "country": a["country"] or ""}
    if rng.random() < 0.5:
        a, b = rng.sample(COUNTRIES[:12], 2)
        return "/api/dyads/series", {"a": a, "b": b, "interval": rng.choice(["day", "week"])}
    a, b = rng.sample(actors[:30], 2)
    return "/api/dyads/series", {"a": a["name"], "b": b["name"], "by": "actor"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/eventwire-web-100k.db"))
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    args = ap.parse_args()
    if not args.db.exists():
        started = time.perf_counter()
        synthesize(args.db, args.events)
        print(f"synthesized in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(args.db), "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx2.Client(base_url=base, timeout=60) as client:
            for _ in range(200):
                try:
                    client.get("/api/overview")
                    break
                except httpx2.TransportError:
                    time.sleep(0.1)
            actors = client.get("/api/actors", params={"limit": 200}).json()["rows"]
            rng = random.Random(1)
            print("| endpoint | requests | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
            for endpoint in ("events list", "actor page", "dyad series"):
                times = []
                for _ in range(args.requests):
                    url, params = requests_for(endpoint, rng, actors)
                    started = time.perf_counter()
                    response = client.get(url, params=params)
                    times.append((time.perf_counter() - started) * 1000)
                    response.raise_for_status()
                times.sort()
                p95 = times[int(0.95 * (len(times) - 1))]
                print(f"| {endpoint} | {len(times)} | {statistics.median(times):.0f} | {p95:.0f} | {times[-1]:.0f} |")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
