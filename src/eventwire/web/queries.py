"""Every SQL statement of the web explorer: read-only, parametrized queries over the store tables."""

from __future__ import annotations

import datetime
import json
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..kb.base import name_key

SORTS = {"date": "e.date", "type": "e.type", "goldstein": "e.goldstein", "confidence": "e.confidence"}
EVENT_COLUMNS = (
    "a.id AS article_id, a.title AS article_title, a.published, a.story, e.id, e.type, e.mode, e.cameo, e.quad,"
    " e.goldstein, e.actor_text, e.actor_start, e.actor_end, e.recipient_text, e.recipient_start, e.recipient_end,"
    " e.trigger_text, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, e.date, e.modality,"
    " e.confidence, xa.name AS actor_name, xa.country AS actor_country, xa.sector AS actor_sector,"
    " xr.name AS recipient_name, xr.country AS recipient_country, xr.sector AS recipient_sector,"
    " p.name AS place_name, p.country AS place_country, p.lat, p.lon"
)
EVENT_JOINS = (
    " FROM events e JOIN articles a ON a.hash = e.article"
    " LEFT JOIN actors xa ON xa.article = e.article AND xa.id = e.actor_id"
    " LEFT JOIN actors xr ON xr.article = e.article AND xr.id = e.recipient_id"
    " LEFT JOIN places p ON p.article = e.article AND p.id = e.place"
)


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection (the explorer never writes through it)."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30, check_same_thread=False)
    con.row_factory = sqlite3.Row
    return con


def _rows(con: sqlite3.Connection, sql: str, params: list | tuple = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in con.execute(sql, params)]


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class EventFilters:
    """Filters of the events list; the web layer validates the values before they get here."""

    actor: str | None = None  # name contains (case-insensitive), as actor or recipient
    country: str | None = None  # ISO3 of the actor or the recipient
    sector: str | None = None  # sector code of the actor or the recipient
    type: str | None = None
    quad: int | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None  # place name contains, or the place's ISO3 country
    story: str | None = None
    q: str | None = None  # words in the actor, recipient or trigger text

    def query_string(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


def _involving(condition: str) -> str:
    """Events whose actor or recipient is an actors row meeting `condition` (on alias x); driven by
    the actors table's indexes, then each article's events."""
    return ("e.rowid IN (SELECT v.rowid FROM actors x JOIN events v ON v.article = x.article AND v.actor_id = x.id"
            f" WHERE {condition} UNION SELECT v.rowid FROM actors x JOIN events v ON v.article = x.article"
            f" AND v.recipient_id = x.id WHERE {condition})")


def _event_where(f: EventFilters) -> tuple[str, list, bool]:
    """WHERE clause and parameters of the filters, and whether it needs the articles table (alias a)."""
    where: list[str] = []
    params: list[Any] = []
    names = "x.name IN (SELECT DISTINCT name FROM actors WHERE name LIKE ? ESCAPE '\\')"  # on the name index
    for condition, value in ((names, _like(f.actor) if f.actor else None),
                             ("x.country = ?", f.country), ("x.sector = ?", f.sector)):
        if value:
            where.append(_involving(condition))
            params += [value, value]
    for column in ("type", "quad", "modality"):
        if getattr(f, column) is not None:
            where.append(f"e.{column} = ?")
            params.append(getattr(f, column))
    # The days the event's date covers overlap the range; an undated event takes its article's date.
    for value, column, op in ((f.since, "last_day", ">="), (f.until, "first_day", "<=")):
        if value:
            where.append(f"(e.{column} {op} ? OR (e.{column} IS NULL AND EXISTS (SELECT 1 FROM articles d"
                         f" WHERE d.hash = e.article AND d.published {op} ?)))")
            params += [value, value]
    if f.place:
        where.append("EXISTS (SELECT 1 FROM places y WHERE y.article = e.article AND y.id = e.place"
                     " AND (y.name LIKE ? ESCAPE '\\' OR y.country = ?))")
        params += [_like(f.place), f.place.upper()]
    if f.story:
        where.append("a.story = ?")
        params.append(f.story)
    if f.q:
        where.append("(e.trigger_text LIKE ? ESCAPE '\\' OR e.actor_text LIKE ? ESCAPE '\\'"
                     " OR e.recipient_text LIKE ? ESCAPE '\\')")
        params += [_like(f.q)] * 3
    needs_article = bool(f.story)
    return (" WHERE " + " AND ".join(where)) if where else "", params, needs_article


def _event_rows(con, rowids: list[int]) -> list[dict]:
    """Full rows of the given events, in the given order."""
    if not rowids:
        return []
    found = {r["rid"]: r for r in _rows(con, f"SELECT e.rowid AS rid, {EVENT_COLUMNS}{EVENT_JOINS}"
                                             f" WHERE e.rowid IN ({', '.join('?' * len(rowids))})", rowids)}
    return [{k: v for k, v in found[rid].items() if k != "rid"} for rid in rowids]


def events_page(con, f: EventFilters, sort: str = "-date", limit: int | None = 50,
                offset: int = 0) -> tuple[list[dict], int]:
    """A page of events with their article, coded actor, recipient and place, and the number of all
    matches; `sort` is a SORTS key, '-' first for descending. The page is chosen first, then only its
    rows are joined to their details. Matches of filters on actors, places or words are counted in
    the same pass (they are costly to find twice); others by a count that can use the indexes."""
    where, params, needs_article = _event_where(f)
    order = SORTS[sort.lstrip("-")] + (" DESC" if sort.startswith("-") else "")
    join = " JOIN articles a ON a.hash = e.article" if needs_article else ""
    one_pass = bool(f.actor or f.country or f.sector or f.place or f.q)
    sql = (f"SELECT e.rowid{', count(*) OVER ()' if one_pass else ''} FROM events e{join}{where}"
           f" ORDER BY {order}, e.rowid")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    found = con.execute(sql, params).fetchall()
    rowids = [r[0] for r in found]
    rows = [row for i in range(0, len(rowids), 500) for row in _event_rows(con, rowids[i:i + 500])]
    return rows, found[0][1] if one_pass and found else count_events(con, f)


def events(con, f: EventFilters, sort: str = "-date", limit: int | None = 50, offset: int = 0) -> list[dict]:
    return events_page(con, f, sort, limit, offset)[0]


def count_events(con, f: EventFilters) -> int:
    where, params, needs_article = _event_where(f)
    join = " JOIN articles a ON a.hash = e.article" if needs_article else ""
    return con.execute(f"SELECT count(*) FROM events e{join}{where}", params).fetchone()[0]


def overview(con) -> dict[str, Any]:
    """Counts, event types, conflict/cooperation per week, the most active actors and dyads."""
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "events", "quotes", "places", "stories")}
    counts["actors"] = con.execute("SELECT count(*) FROM (SELECT 1 FROM actors GROUP BY name, country)").fetchone()[0]
    types = _rows(con, "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC")
    days = _rows(con, "SELECT e.first_day AS day, e.quad, count(*) AS n FROM events e WHERE e.first_day IS NOT NULL"
                      " GROUP BY day, e.quad UNION ALL SELECT a.published, e.quad, count(*) FROM events e"
                      " JOIN articles a ON a.hash = e.article WHERE e.first_day IS NULL AND a.published IS NOT NULL"
                      " GROUP BY a.published, e.quad")
    for row in days:  # the Monday of the day's ISO week
        day = datetime.date.fromisoformat(row.pop("day"))
        row["period"] = (day - datetime.timedelta(days=day.weekday())).isoformat()
    top_actors = _rows(con, "SELECT name, country, sum(n) AS n FROM ("
                            "SELECT x.name, x.country, count(*) AS n FROM events e JOIN actors x"
                            " ON x.article = e.article AND x.id = e.actor_id GROUP BY 1, 2 UNION ALL "
                            "SELECT x.name, x.country, count(*) AS n FROM events e JOIN actors x"
                            " ON x.article = e.article AND x.id = e.recipient_id GROUP BY 1, 2)"
                            " GROUP BY 1, 2 ORDER BY n DESC LIMIT 12")
    actors_by = "events"
    if not top_actors:  # no events yet: the actors named in most articles
        actors_by = "articles"
        top_actors = _rows(con, "SELECT name, country, count(*) AS n FROM actors"
                                " GROUP BY name, country ORDER BY n DESC LIMIT 12")
    return {"counts": counts, "types": types, "weeks": _pivot_quads(sorted(days, key=lambda r: r["period"])),
            "actors": top_actors, "actors_by": actors_by, "dyads": dyads(con, EventFilters(), 12)}


def _pivot_quads(rows: list[dict]) -> list[dict]:
    """Rows (period, quad, n) → one row per period with the counts of quad classes 1-4 and the total."""
    out: dict[str, dict] = {}
    for r in rows:
        row = out.setdefault(r["period"], {"period": r["period"], "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0,
                                           "total": 0})
        if r["quad"] in (1, 2, 3, 4):
            row[f"quad{r['quad']}"] += r["n"]
        row["total"] += r["n"]
    return list(out.values())


def dyads(con, f: EventFilters, limit: int) -> list[dict]:
    """Directed actor pairs by number of events, with their counts per quad class."""
    where, params, needs_article = _event_where(f)
    joins = (" FROM events e JOIN actors xa ON xa.article = e.article AND xa.id = e.actor_id"
             " JOIN actors xr ON xr.article = e.article AND xr.id = e.recipient_id"
             + (" JOIN articles a ON a.hash = e.article" if needs_article else ""))
    return _rows(con, "SELECT xa.name AS actor, xa.country AS actor_country, xr.name AS recipient,"
                      " xr.country AS recipient_country, count(*) AS n,"
                      + ", ".join(f"sum(e.quad = {q}) AS quad{q}" for q in (1, 2, 3, 4))
                      + f"{joins}{where} GROUP BY 1, 2, 3, 4 ORDER BY n DESC LIMIT ?", [*params, limit])


def _between(a: str, b: str, by: str, directed: bool) -> tuple[str, list]:
    """FROM/WHERE of the events from a to b (and b to a unless `directed`): found among the articles
    that name both, so only those articles' events are looked at."""
    column = "country" if by == "country" else "name"
    pairs = [(a, b)] if directed else [(a, b), (b, a)]
    sql = (f" FROM (SELECT article FROM actors WHERE {column} = ? INTERSECT SELECT article FROM actors"
           f" WHERE {column} = ?) s JOIN events e ON e.article = s.article"
           " JOIN actors xa ON xa.article = e.article AND xa.id = e.actor_id"
           " JOIN actors xr ON xr.article = e.article AND xr.id = e.recipient_id WHERE ("
           + " OR ".join(f"(xa.{column} = ? AND xr.{column} = ?)" for _ in pairs) + ")")
    return sql, [a, b, *(v for pair in pairs for v in pair)]


def dyad_series(con, a: str, b: str, by: str, interval: str, directed: bool, since: str | None,
                until: str | None) -> list[dict]:
    """Events between two countries (`by`='country') or two actors (`by`='actor', exact names) per day
    or week (the Monday that starts it), split by quad class."""
    day = "COALESCE(e.first_day, (SELECT published FROM articles d WHERE d.hash = e.article))"
    period = day if interval == "day" else f"date({day}, '-6 days', 'weekday 1')"
    sql, params = _between(a, b, by, directed)
    sql += f" AND {day} IS NOT NULL"
    for value, op in ((since, ">="), (until, "<=")):
        if value:
            sql += f" AND {day} {op} ?"
            params.append(value)
    rows = _rows(con, f"SELECT {period} AS period, e.quad, count(*) AS n{sql} GROUP BY period, e.quad"
                      " ORDER BY period", params)
    return _pivot_quads(rows)


def dyad_events(con, a: str, b: str, by: str, limit: int) -> list[dict]:
    """The latest events between two countries or two actors (exact names), either way."""
    sql, params = _between(a, b, by, False)
    found = con.execute(f"SELECT e.rowid{sql} ORDER BY e.date DESC, e.rowid LIMIT ?", [*params, limit])
    return _event_rows(con, [r[0] for r in found])


def network(con, f: EventFilters, limit: int) -> dict[str, list]:
    """Actors as nodes and actor→recipient pairs as edges weighted by events, with their main quad class."""
    edges = dyads(con, f, limit)
    nodes: dict[str, dict] = {}
    for edge in edges:
        edge["quad"] = max((1, 2, 3, 4), key=lambda q: edge[f"quad{q}"]) if edge["n"] else None
        for side in ("actor", "recipient"):
            key = f"{edge[side]}|{edge[side + '_country'] or ''}"
            node = nodes.setdefault(key, {"id": key, "name": edge[side], "country": edge[side + "_country"], "n": 0})
            node["n"] += edge["n"]
        edge["source"] = f"{edge['actor']}|{edge['actor_country'] or ''}"
        edge["target"] = f"{edge['recipient']}|{edge['recipient_country'] or ''}"
    return {"nodes": list(nodes.values()), "edges": edges}


def event_places(con, f: EventFilters) -> list[dict]:
    """Events per place (name, country, coordinates when known) and their counts per quad class."""
    where, params, needs_article = _event_where(f)
    joins = (" FROM events e JOIN places p ON p.article = e.article AND p.id = e.place"
             + (" JOIN articles a ON a.hash = e.article" if needs_article else ""))
    return _rows(con, "SELECT p.name, p.country, p.lat, p.lon, p.feature, count(*) AS n,"
                      + ", ".join(f"sum(e.quad = {q}) AS quad{q}" for q in (1, 2, 3, 4))
                      + f"{joins}{where} GROUP BY p.name, p.country ORDER BY n DESC", params)


def article(con, key: str) -> dict | None:
    """An article by its id (the first one stored under it) or its content hash, with its full record."""
    rows = _rows(con, "SELECT hash, id, title, url, source, author, published, story, record, added FROM articles"
                      " WHERE id = ? OR hash = ? ORDER BY rowid LIMIT 1", [key, key])
    if not rows:
        return None
    row = rows[0]
    row["record"] = json.loads(row["record"])
    return row


def article_events(con, key: str) -> list[dict]:
    """The events of one article (by content hash) in text order."""
    return _rows(con, f"SELECT {EVENT_COLUMNS}{EVENT_JOINS} WHERE e.article = ? ORDER BY e.trigger_start", [key])


def articles(con, story: str | None, since: str | None, until: str | None, q: str | None, limit: int,
             offset: int) -> list[dict]:
    where, params = [], []
    for clause, value in (("story = ?", story), ("published >= ?", since), ("published <= ?", until)):
        if value:
            where.append(clause)
            params.append(value)
    if q:
        where.append("(title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')")
        params += [_like(q)] * 2
    sql = "SELECT id, hash, title, published, source, url, story, substr(text, 1, 240) AS lead FROM articles"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return _rows(con, sql + " ORDER BY published DESC, rowid LIMIT ? OFFSET ?", [*params, limit, offset])


def _actor_match(name: str, country: str | None) -> tuple[str, list]:
    # The unary + keeps SQLite on the name index (it cannot know that names are more selective).
    return ("x.name = ? AND +x.country IS ?", [name, country or None])


def actor_identity(con, name: str, country: str | None) -> dict[str, list]:
    """Roles (dated) and other names of an actor: the learned knowledge base's, then the articles'.

    The KB ids are those the actor's mentions were coded with and the one its name is an alias of,
    followed through merges. Roles the KB has not learned (and, in a store without KB tables, all
    roles) come from the per-article actors table; each role says which of the two it is from.
    """
    match, params = _actor_match(name, country)
    kb_ids = [r[0] for r in con.execute(f"SELECT DISTINCT x.kb_id FROM actors x WHERE {match}"
                                        " AND x.kb_id IS NOT NULL", params)]
    try:
        resolved, kb_roles, kb_aliases = _kb_identity(con, name, country, kb_ids)
    except sqlite3.OperationalError:  # a store written before the KB tables existed
        resolved, kb_roles, kb_aliases = [], [], []
    learned = {(r["role"] or "").casefold() for r in kb_roles}
    coded = [{**r, "source": "articles"} for r in _rows(
        con, "SELECT x.role, x.country, x.sector, min(a.published) AS first_seen, max(a.published) AS last_seen,"
             " count(*) AS articles FROM actors x JOIN articles a ON a.hash = x.article"
             f" WHERE {match} AND (x.role IS NOT NULL OR x.sector IS NOT NULL)"
             " GROUP BY x.role, x.sector ORDER BY first_seen", params)
        if not (kb_roles and (r["role"] or "").casefold() in learned)]
    roles = sorted(kb_roles + coded, key=lambda r: (r.get("since") or r["first_seen"] or "", r["role"] or ""))
    names = [r[0] for r in con.execute(f"SELECT DISTINCT name FROM actors WHERE kb_id IN ({', '.join('?' * len(kb_ids))})"
                                       " ORDER BY name", kb_ids)] if kb_ids else []
    seen = {name_key(name)}
    aliases = []
    for alias in names + kb_aliases:  # the written forms first, then the KB's keys not seen written
        if name_key(alias) not in seen:
            seen.add(name_key(alias))
            aliases.append(alias)
    return {"roles": roles, "aliases": aliases, "kb_ids": resolved}


def _kb_identity(con, name: str, country: str | None, kb_ids: list[str]) -> tuple[list[str], list[dict], list[str]]:
    """The KB ids behind a name (through merges), their roles in that country and their aliases."""
    ids = set(kb_ids) | {r[0] for r in con.execute("SELECT kb_id FROM kb_aliases WHERE alias = ?", [name_key(name)])}
    resolved = set()
    for kb_id in ids:
        for _ in range(20):  # merges form chains; the bound guards against a cycle
            row = con.execute("SELECT merged_into FROM kb_actors WHERE kb_id = ?", [kb_id]).fetchone()
            if not row or not row[0]:
                break
            kb_id = row[0]
        resolved.add(kb_id)
    marks = ", ".join("?" * len(resolved))
    roles = _rows(con, "SELECT r.title AS role, r.country, r.sector, r.first_seen, r.last_seen, r.since, r.until,"
                       " (SELECT count(DISTINCT e.article) FROM kb_evidence e WHERE e.kb_id = r.kb_id"
                       " AND coalesce(e.title, '') = r.title) AS articles, 'kb' AS source"
                       f" FROM kb_roles r WHERE r.kb_id IN ({marks}) AND (? = '' OR r.country IN ('', ?))",
                  [*resolved, country or "", country or ""])
    for r in roles:
        for key in ("role", "country", "sector"):
            r[key] = r[key] or None
    # The KB keeps aliases as comparison keys (lower case); the written forms of its evidence come first.
    written = [r[0] for r in con.execute(f"SELECT DISTINCT text FROM kb_evidence WHERE kb_id IN ({marks})"
                                         " AND text IS NOT NULL ORDER BY text", [*resolved])]
    keys = [r[0] for r in con.execute(f"SELECT DISTINCT alias FROM kb_aliases WHERE kb_id IN ({marks})"
                                      " ORDER BY alias", [*resolved])]
    return sorted(resolved), roles, written + keys


def actor(con, name: str, country: str | None, limit: int = 100) -> dict | None:
    """An actor's profile: kinds, sectors, articles, events as actor and as recipient, quotes said."""
    match, params = _actor_match(name, country)
    summary = con.execute("SELECT count(*) AS articles, min(a.published) AS first_seen, max(a.published) AS last_seen,"
                          " group_concat(DISTINCT x.kind) AS kinds FROM actors x JOIN articles a ON a.hash = x.article"
                          f" WHERE {match}", params).fetchone()
    if not summary["articles"]:
        return None

    def side(column: str) -> list[dict]:
        return _event_rows(con, [r[0] for r in con.execute(
            f"SELECT e.rowid FROM actors x JOIN events e ON e.article = x.article AND e.{column} = x.id"
            f" WHERE {match} ORDER BY e.date DESC, e.rowid LIMIT ?", [*params, limit])])

    return {
        "name": name, "country": country or None, **dict(summary),
        **actor_identity(con, name, country),
        "as_actor": side("actor_id"), "as_recipient": side("recipient_id"),
        "quotes": quotes(con, speaker=name, country=country, limit=limit),
        "articles_list": _rows(con, "SELECT a.id, a.title, a.published, a.story FROM actors x JOIN articles a"
                                    f" ON a.hash = x.article WHERE {match} ORDER BY a.published DESC LIMIT ?",
                               [*params, limit]),
    }


def actors(con, q: str | None, country: str | None, limit: int, offset: int) -> list[dict]:
    where, params = [], []
    if q:
        where.append("name LIKE ? ESCAPE '\\'")
        params.append(_like(q))
    if country:
        where.append("country = ?")
        params.append(country)
    sql = "SELECT name, country, group_concat(DISTINCT kind) AS kinds, count(*) AS articles FROM actors"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return _rows(con, sql + " GROUP BY name, country ORDER BY articles DESC, name LIMIT ? OFFSET ?",
                 [*params, limit, offset])


def quotes(con, speaker: str | None = None, country: str | None = None, article: str | None = None,
           story: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """Quotes with their article and coded speaker; `speaker` is an exact actor name (with `country`)."""
    where, params = [], []
    if speaker:
        where.append("s.name = ? AND +s.country IS ?")
        params += [speaker, country or None]
    if article:
        where.append("a.id = ?")
        params.append(article)
    if story:
        where.append("a.story = ?")
        params.append(story)
    if q:
        where.append("t.content_text LIKE ? ESCAPE '\\'")
        params.append(_like(q))
    sql = ("SELECT a.id AS article_id, a.title AS article_title, a.published, a.story, t.id, t.kind, t.anonymous,"
           " t.speaker_text, t.cue_text, t.content_text, t.content_start, t.content_end,"
           " s.name AS speaker_name, s.country AS speaker_country FROM quotes t JOIN articles a ON a.hash = t.article"
           " LEFT JOIN actors s ON s.article = t.article AND s.id = t.speaker_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    return _rows(con, sql + " ORDER BY a.published, a.rowid, t.content_start LIMIT ? OFFSET ?",
                 [*params, limit, offset])


def stories(con, limit: int, offset: int) -> list[dict]:
    return _rows(con, "SELECT * FROM stories ORDER BY last_seen DESC, id LIMIT ? OFFSET ?", [limit, offset])


def story(con, story_id: str) -> dict | None:
    """A story with its articles, events and quotes in date order."""
    rows = _rows(con, "SELECT * FROM stories WHERE id = ?", [story_id])
    members = _rows(con, "SELECT id, title, published, source FROM articles WHERE story = ?"
                         " ORDER BY published, rowid", [story_id])
    if not rows and not members:
        return None
    head = rows[0] if rows else {"id": story_id, "title": None, "first_seen": None, "last_seen": None,
                                 "n_articles": len(members)}
    return {**head, "articles": members,
            "events": events(con, EventFilters(story=story_id), sort="date", limit=None),
            "quotes": quotes(con, story=story_id, limit=1000)}
