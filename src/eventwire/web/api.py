"""The JSON API (OpenAPI docs at /docs); lists can also be downloaded as CSV or Parquet."""

from __future__ import annotations

import os
import secrets
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..store.export import write_rows
from . import queries
from .params import Limit, Offset, bad, country_code, event_filters, iso_date, sort_key

router = APIRouter(prefix="/api")
DOWNLOAD_LIMIT = 1_000_000
MAX_INGEST = 100
_ingest_lock = threading.Lock()


def db(request: Request):
    con = queries.connect(request.app.state.db_path)
    try:
        yield con
    finally:
        con.close()


Con = Annotated[Any, Depends(db)]
CACHED_RESULTS = 64


def _store_version(path: Path) -> tuple:
    """Changes whenever the store is written (the WAL file or, after a checkpoint, the file itself)."""
    return tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None
                 for p in (path, path.with_name(path.name + "-wal")))


def cached(request: Request, key: tuple, compute: Callable[[], Any]) -> Any:
    """The result of an aggregate over the whole store, computed once per version of the store."""
    cache = request.app.state.cache
    version = _store_version(request.app.state.db_path)
    if cache.get("version") != version or len(cache) > CACHED_RESULTS:
        cache.clear()
        cache["version"] = version
    if key not in cache:
        cache[key] = compute()
    return cache[key]
Format = Annotated[str, Query(pattern="^(json|csv|parquet)$", description="json, csv or parquet (a download)")]


def _listing(rows: list[dict], fmt: str, name: str, **extra) -> Any:
    if fmt == "json":
        return {**extra, "rows": rows}
    kinds = {}
    for row in rows:
        for key, value in row.items():
            if value is not None and key not in kinds:
                kinds[key] = "INTEGER" if isinstance(value, int) else "REAL" if isinstance(value, float) else "TEXT"
    columns = [(key, kinds.get(key, "TEXT")) for key in (rows[0] if rows else {"id": None})]
    fd, path = tempfile.mkstemp(suffix="." + fmt)
    os.close(fd)
    write_rows(rows, fmt, path, columns)
    media = "text/csv" if fmt == "csv" else "application/vnd.apache.parquet"
    return FileResponse(path, media_type=media, filename=f"{name}.{fmt}", background=BackgroundTask(os.unlink, path))


@router.get("/overview")
def overview(request: Request, con: Con) -> dict:
    """Counts, event types, quad classes per week, most active actors and dyads."""
    return cached(request, ("overview",), lambda: queries.overview(con))


@router.get("/events")
def events(con: Con, f: Annotated[queries.EventFilters, Depends(event_filters)],
           sort: Annotated[str, Depends(sort_key)], limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
    """Events with their coded actors and place, filtered, sorted and paged (a download has every match)."""
    if format != "json":
        return _listing(queries.events(con, f, sort, DOWNLOAD_LIMIT), format, "events")
    rows, total = queries.events_page(con, f, sort, limit, offset)
    return _listing(rows, format, "events", total=total, limit=limit, offset=offset)


@router.get("/articles")
def articles(con: Con, story: str | None = None, since: str | None = None, until: str | None = None,
             q: Annotated[str | None, Query(description="Words in the title or text")] = None,
             limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
    """Articles, newest first."""
    rows = queries.articles(con, story, iso_date("since", since), iso_date("until", until), q,
                            limit if format == "json" else DOWNLOAD_LIMIT, offset)
    return _listing(rows, format, "articles", limit=limit, offset=offset)


@router.get("/articles/{key:path}")
def article(con: Con, key: str) -> dict:
    """One article's eventwire/1 record, by id or content hash, with its story id."""
    row = queries.article(con, key)
    if row is None:
        raise HTTPException(404, f"no article with id or hash {key!r}")
    return {**row["record"], "story": row["story"]}


@router.get("/actors")
def actors(con: Con, q: Annotated[str | None, Query(description="Name contains this")] = None,
           country: str | None = None, limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
    """Actors (name and country), by the number of articles that name them."""
    rows = queries.actors(con, q, country_code("country", country), limit if format == "json" else DOWNLOAD_LIMIT,
                          offset)
    return _listing(rows, format, "actors", limit=limit, offset=offset)


@router.get("/actor")
def actor(con: Con, name: Annotated[str, Query(min_length=1)], country: str | None = None,
          limit: Limit = 100) -> dict:
    """An actor's profile: roles with dates, aliases, events as actor and recipient, quotes, articles."""
    profile = queries.actor(con, name, country_code("country", country), limit)
    if profile is None:
        raise HTTPException(404, f"no actor named {name!r}" + (f" with country {country}" if country else ""))
    return profile


@router.get("/quotes")
def quotes(con: Con, speaker: Annotated[str | None, Query(description="Exact actor name of the speaker")] = None,
           country: str | None = None, article: str | None = None, story: str | None = None,
           q: Annotated[str | None, Query(description="Words in the quote")] = None,
           limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
    """Quotes with their speaker, by speaker, article, story or words."""
    rows = queries.quotes(con, speaker, country_code("country", country), article, story, q,
                          limit if format == "json" else DOWNLOAD_LIMIT, offset)
    return _listing(rows, format, "quotes", limit=limit, offset=offset)


@router.get("/stories")
def stories(con: Con, limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
    """Stories, most recently active first."""
    return _listing(queries.stories(con, limit if format == "json" else DOWNLOAD_LIMIT, offset), format, "stories")


@router.get("/stories/{story_id:path}")
def story(con: Con, story_id: str) -> dict:
    """A story's articles, and its events and quotes in date order."""
    found = queries.story(con, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return found


@router.get("/dyads")
def dyads(con: Con, f: Annotated[queries.EventFilters, Depends(event_filters)], limit: Limit = 50) -> dict:
    """Actor → recipient pairs by number of events, with counts per quad class."""
    return {"rows": queries.dyads(con, f, limit)}


@router.get("/dyads/series")
def dyad_series(con: Con, a: Annotated[str, Query(min_length=1, description="Country ISO3 or actor name")],
                b: Annotated[str, Query(min_length=1, description="Country ISO3 or actor name")],
                by: Annotated[str, Query(pattern="^(country|actor)$")] = "country",
                interval: Annotated[str, Query(pattern="^(day|week)$")] = "week",
                directed: bool = False, since: str | None = None, until: str | None = None) -> dict:
    """Events between two countries or actors per day or week (Mondays), split by quad class."""
    if by == "country":
        a, b = country_code("a", a), country_code("b", b)
    rows = queries.dyad_series(con, a, b, by, interval, directed, iso_date("since", since), iso_date("until", until))
    return {"a": a, "b": b, "by": by, "interval": interval, "directed": directed, "rows": rows}


@router.get("/network")
def network(request: Request, con: Con, f: Annotated[queries.EventFilters, Depends(event_filters)],
            limit: Limit = 150) -> dict:
    """Actors as nodes, actor → recipient event counts as edges (the `limit` heaviest), with their main quad."""
    return cached(request, ("network", repr(f), limit), lambda: queries.network(con, f, limit))


@router.get("/places")
def places(request: Request, con: Con, f: Annotated[queries.EventFilters, Depends(event_filters)]) -> dict:
    """Events per place, with coordinates (a country's centre when the place is a whole country)."""
    return {"rows": cached(request, ("places", repr(f)), lambda: event_places(con, f))}


def event_places(con, f: queries.EventFilters) -> list[dict]:
    """Events per place, located at the country's centre when the place has no coordinates of its own."""
    from .world import centroids

    rows = queries.event_places(con, f)
    for row in rows:
        if row["lat"] is None and row["country"] in centroids():
            row["lat"], row["lon"] = centroids()[row["country"]]
    return rows


@router.get("/search")
def search(con: Con, q: Annotated[str, Query(min_length=2, description="At least two characters")],
           limit: Limit = 20) -> dict:
    """Articles, actors and quotes that contain the words."""
    return {"articles": queries.articles(con, None, None, None, q, limit, 0),
            "actors": queries.actors(con, q, None, limit, 0),
            "quotes": queries.quotes(con, q=q, limit=limit)}


@router.post("/articles", status_code=201)
def ingest(request: Request, records: Annotated[Any, Body(description="One article record or a list of them")],
           authorization: Annotated[str | None, Header()] = None) -> dict:
    """Analyse articles and add them to the store. Off unless the server was started with a token;
    then it needs the header `Authorization: Bearer TOKEN`."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "ingest is off: start the server with --token to allow it")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token (send the header 'Authorization: Bearer TOKEN')")
    items = records if isinstance(records, list) else [records]
    if not items or len(items) > MAX_INGEST:
        raise bad("body", f"send 1 to {MAX_INGEST} article records")
    from ..ingest.records import record_to_article
    from ..schema import RecordError
    from ..store.database import Store

    errors, articles = [], []
    for n, item in enumerate(items, 1):
        parsed = record_to_article(item, f"record {n}", None) if isinstance(item, dict) else \
            RecordError(f"record {n}", "not a JSON object")
        (errors if isinstance(parsed, RecordError) else articles).append(parsed)
    with _ingest_lock:
        results = []
        for result in request.app.state.pipeline().process(articles):
            (errors if isinstance(result, RecordError) else results).append(result)
        with Store(request.app.state.db_path) as store:
            stored = store.add(results)
    return {"stored": stored,
            "articles": [{"id": r.id, "actors": len(r.actors), "events": len(r.events), "quotes": len(r.quotes)}
                         for r in results],
            "errors": [{"record": e.origin, "message": e.message} for e in errors]}
