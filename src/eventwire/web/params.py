"""Query parameters shared by the API and the pages, checked once: a bad value is a 400 naming it."""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from fastapi import HTTPException, Query

from .queries import SORTS, EventFilters

PLOVER_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
                "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
MODALITIES = ("asserted", "future", "hypothetical", "negated", "reported")
COUNTRY = re.compile(r"^[A-Z]{3}$")
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


def bad(name: str, message: str) -> HTTPException:
    return HTTPException(400, f"parameter {name!r}: {message}")


def iso_date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise bad(name, f"{value!r} is not a date (YYYY-MM-DD)") from None


def country_code(name: str, value: str | None) -> str | None:
    if not value:
        return None
    if not COUNTRY.match(value.upper()):
        raise bad(name, f"{value!r} is not an ISO 3166 alpha-3 country code (like USA, or IGO)")
    return value.upper()


def event_filters(
    actor: Annotated[str | None, Query(description="Actor or recipient name contains this")] = None,
    country: Annotated[str | None, Query(description="ISO3 of the actor or recipient")] = None,
    sector: Annotated[str | None, Query(description="Sector code of the actor or recipient (GOV, MIL, ...)")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type")] = None,
    quad: Annotated[str | None, Query(description="Quad class 1-4")] = None,
    modality: Annotated[str | None, Query(description=", ".join(MODALITIES))] = None,
    since: Annotated[str | None, Query(description="From this day (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="Up to this day (YYYY-MM-DD)")] = None,
    place: Annotated[str | None, Query(description="Place name contains this, or its ISO3 country")] = None,
    story: Annotated[str | None, Query(description="Story id")] = None,
    q: Annotated[str | None, Query(description="Words in the actor, recipient or trigger text")] = None,
) -> EventFilters:
    if type and type.upper() not in PLOVER_TYPES:
        raise bad("type", f"{type!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
    if quad and quad not in ("1", "2", "3", "4"):
        raise bad("quad", f"{quad!r} is not a quad class (1, 2, 3 or 4)")
    if modality and modality not in MODALITIES:
        raise bad("modality", f"{modality!r} is not one of {', '.join(MODALITIES)}")
    if sector and not re.fullmatch(r"[A-Za-z]{3}", sector):
        raise bad("sector", f"{sector!r} is not a three-letter sector code (like GOV or MIL)")
    f = EventFilters(actor=actor or None, country=country_code("country", country),
                     sector=sector.upper() if sector else None, type=type.upper() if type else None,
                     quad=int(quad) if quad else None, modality=modality or None,
                     since=iso_date("since", since), until=iso_date("until", until),
                     place=place or None, story=story or None, q=q or None)
    if f.since and f.until and f.since > f.until:
        raise bad("since", f"{f.since} is after until={f.until}")
    return f


def sort_key(sort: Annotated[str, Query(description="date, type, goldstein or confidence; '-' first for "
                                                    "descending")] = "-date") -> str:
    if sort.lstrip("-") not in SORTS:
        raise bad("sort", f"{sort!r} is not one of {', '.join(SORTS)} (with '-' for descending)")
    return sort


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")]
