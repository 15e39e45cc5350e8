"""The explorer's server-rendered pages (Jinja2 templates, autoescaped)."""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from . import queries, world
from .api import Con, cached, event_places
from .highlight import actor_href, highlighted
from .params import MODALITIES, PLOVER_TYPES, Limit, Offset, country_code, event_filters, sort_key

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
templates.env.globals.update(actor_href=actor_href, urlencode=urlencode, PLOVER_TYPES=PLOVER_TYPES,
                             MODALITIES=MODALITIES,
                             QUADS={1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                                    4: "material conflict"})
Filters = Annotated[queries.EventFilters, Depends(event_filters)]


def page(request: Request, name: str, **context):
    return templates.TemplateResponse(request, name, context)


def every_week(rows: list[dict], most: int = 520, since: datetime.date | None = None) -> list[dict]:
    """Weekly rows (keyed by their Monday) with the weeks without events put in, so a chart's time
    axis is even; at most the last `most` weeks, and none before `since`."""
    if since:
        rows = [r for r in rows if r["period"] >= since.isoformat()]
    if not rows:
        return []
    have = {r["period"]: r for r in rows}
    monday = datetime.date.fromisoformat(rows[-1]["period"])
    first = max(datetime.date.fromisoformat(rows[0]["period"]), monday - datetime.timedelta(weeks=most - 1))
    weeks = []
    while monday >= first:
        day = monday.isoformat()
        weeks.append(have.get(day, {"period": day, "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0, "total": 0}))
        monday -= datetime.timedelta(weeks=1)
    return weeks[::-1]


@router.get("/")
def dashboard(request: Request, con: Con):
    data = dict(cached(request, ("overview",), lambda: queries.overview(con)))
    # The chart follows the news: events the articles date long before the first of them (a war
    # years ago, last year's talks) would stretch its time axis over empty years.
    first = con.execute("SELECT min(published) FROM articles WHERE published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
                        ).fetchone()[0]
    since = datetime.date.fromisoformat(first[:10]) - datetime.timedelta(weeks=4) if first else None
    weeks = every_week(data["weeks"], since=since)
    data["earlier"] = sum(w["total"] for w in data["weeks"]) - sum(w["total"] for w in weeks)
    data["weeks"] = weeks
    peak = max((w["total"] for w in data["weeks"]), default=0)
    top_type = max((t["n"] for t in data["types"]), default=0)
    return page(request, "dashboard.html", **data, peak=peak, top_type=top_type,
                latest=queries.articles(con, None, None, None, None, 10, 0))


@router.get("/articles")
def articles(request: Request, con: Con, q: str | None = None, limit: Limit = 50, offset: Offset = 0):
    rows = queries.articles(con, None, None, None, q, limit, offset)
    return page(request, "articles.html", rows=rows, q=q, limit=limit, offset=offset)


@router.get("/articles/{key:path}")
def article(request: Request, con: Con, key: str):
    row = queries.article(con, key)
    if row is None:
        raise HTTPException(404, f"no article with id or hash {key!r}")
    record = row["record"]
    return page(request, "article.html", row=row, record=record, text=highlighted(record),
                events=queries.article_events(con, row["hash"]))


@router.get("/events")
def events(request: Request, con: Con, f: Filters, sort: Annotated[str, Depends(sort_key)],
           limit: Limit = 50, offset: Offset = 0):
    rows, total = queries.events_page(con, f, sort, limit, offset)
    query = f.query_string()
    return page(request, "events.html", rows=rows, total=total, f=f, sort=sort, limit=limit, offset=offset,
                query=query, download=urlencode({**query, "sort": sort}))


@router.get("/dyad")
def dyad(request: Request, con: Con, a: Annotated[str, Query(min_length=1)], b: Annotated[str, Query(min_length=1)],
         by: Annotated[str, Query(pattern="^(country|actor)$")] = "actor"):
    """Events between two actors (or countries) over time, both ways, and the events themselves."""
    if by == "country":
        a, b = country_code("a", a), country_code("b", b)
    series = every_week(queries.dyad_series(con, a, b, by, "week", False, None, None))
    peak = max((w["total"] for w in series), default=0)
    rows = queries.dyad_events(con, a, b, by, 200)
    return page(request, "dyad.html", a=a, b=b, by=by, series=series, peak=peak, rows=rows)


@router.get("/actors")
def actors(request: Request, con: Con, q: str | None = None, country: str | None = None,
           limit: Limit = 100, offset: Offset = 0):
    rows = queries.actors(con, q, country_code("country", country), limit, offset)
    return page(request, "actors.html", rows=rows, q=q, country=country, limit=limit, offset=offset)


@router.get("/actor")
def actor(request: Request, con: Con, name: Annotated[str, Query(min_length=1)], country: str | None = None):
    profile = queries.actor(con, name, country_code("country", country))
    if profile is None:
        raise HTTPException(404, f"no actor named {name!r}" + (f" with country {country}" if country else ""))
    return page(request, "actor.html", a=profile)


@router.get("/network")
def network(request: Request, f: Filters, limit: Limit = 150):
    return page(request, "network.html", f=f, limit=limit, query=urlencode({**f.query_string(), "limit": limit}))


@router.get("/map")
def world_map(request: Request, con: Con, f: Filters):
    rows = cached(request, ("places", repr(f)), lambda: event_places(con, f))
    by_country: dict[str, int] = {}
    points = []
    most = max((row["n"] for row in rows), default=1)
    for row in rows:
        lat, lon = row["lat"], row["lon"]
        if row["country"]:
            by_country[row["country"]] = by_country.get(row["country"], 0) + row["n"]
        if lat is not None:
            x, y = world.project(lat, lon)
            quad = max((1, 2, 3, 4), key=lambda q: row[f"quad{q}"] or 0)
            points.append({**row, "x": x, "y": y, "r": round(8 + 52 * math.sqrt(row["n"] / most), 1), "quad": quad})
    peak = max(by_country.values(), default=1)
    shade = {iso: round(0.15 + 0.6 * n / peak, 2) for iso, n in by_country.items()}
    return page(request, "map.html", f=f, query=f.query_string(), countries=world.countries(),
                viewbox=world.VIEWBOX, points=points, shade=shade, by_country=by_country)


@router.get("/stories")
def stories(request: Request, con: Con, limit: Limit = 50, offset: Offset = 0):
    return page(request, "stories.html", rows=queries.stories(con, limit, offset), limit=limit, offset=offset)


@router.get("/stories/{story_id:path}")
def story(request: Request, con: Con, story_id: str):
    found = queries.story(con, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    timeline = [{"day": e["date"] or e["published"], "kind": "event", "item": e} for e in found["events"]]
    timeline += [{"day": q["published"], "kind": "quote", "item": q} for q in found["quotes"]]
    timeline.sort(key=lambda t: (t["day"] or "", t["kind"] == "quote"))
    return page(request, "story.html", s=found, timeline=timeline)


@router.get("/search")
def search(request: Request, con: Con, q: str = ""):
    q = q.strip()
    found = None
    if len(q) >= 2:
        found = {"articles": queries.articles(con, None, None, None, q, 20, 0),
                 "actors": queries.actors(con, q, None, 20, 0), "quotes": queries.quotes(con, q=q, limit=20)}
    return page(request, "search.html", q=q, found=found)
