"""The learned actor knowledge base in the SQLite store: every SQL statement on the kb_* tables.

Learning: when a result is stored, each person it names with a title or apposition found in the
text (a role, a country, a name of two words or more) is added to kb_actors, or updated: its role
gets first/last seen dates, the mention is kept as evidence (article hash, span). A different role
is a new row, so contradictions stay as dated roles. `snapshot` turns the tables into KBActors
for the pipeline: a role runs from the day it was first seen (or its hand-given `since`) until the
next role of the same actor began (or its `until`).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from ..kb.base import KBActor, Role, end_day, name_key, start_day
from ..schema import ArticleResult, text_hash

KINDS = ("person", "organization", "country", "group", "generic")
ISO_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def kb_id_for(name: str) -> str:
    return "learned:" + re.sub(r"[\W_]+", "-", name_key(name)).strip("-")


def _learnable(result: ArticleResult, actor) -> bool:
    """A named person (not a title-only mention such as "Russia's envoy") whose role is in the text."""
    words = actor.name.split()
    return (actor.kind == "person" and bool(actor.role) and bool(actor.country) and len(words) >= 2
            and all(w[0].isupper() for w in words if w.isalpha() and len(w) > 3)
            and actor.role.casefold() not in actor.name.casefold() and actor.role.casefold() in result.text.casefold())


def learn(db: sqlite3.Connection, result: ArticleResult) -> int:
    """Add what a stored article says about titled persons to the KB; returns how many it added to."""
    article = text_hash(result.text)
    day = result.published[:10] if result.published else None
    n = 0
    for actor in result.actors:
        if not _learnable(result, actor):
            continue
        kb_id = _resolve_id(db, actor.kb_id, actor.name)
        db.execute("INSERT OR IGNORE INTO kb_actors (kb_id, name, kind, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
                   (kb_id, actor.name, actor.kind, day, day))
        _seen(db, "kb_actors", "kb_id = ?", (kb_id,), day)
        role = (kb_id, actor.country or "", actor.sector or "", actor.role or "")
        db.execute("INSERT OR IGNORE INTO kb_roles (kb_id, country, sector, title, first_seen, last_seen)"
                   " VALUES (?, ?, ?, ?, ?, ?)", (*role, day, day))
        _seen(db, "kb_roles", "kb_id = ? AND country = ? AND sector = ? AND title = ?", role, day)
        db.execute("INSERT OR IGNORE INTO kb_aliases VALUES (?, ?)", (name_key(actor.name), kb_id))
        start, end = actor.mentions[0]
        db.execute("INSERT OR IGNORE INTO kb_evidence VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (kb_id, article, start, end, result.text[start:end], actor.role, day))
        n += 1
    return n


def _resolve_id(db: sqlite3.Connection, seed_id: str | None, name: str) -> str:
    """The KB id a learned person is kept under: its own by name, through merges."""
    row = db.execute("SELECT kb_id FROM kb_aliases WHERE alias = ? ORDER BY kb_id LIMIT 1", (name_key(name),)).fetchone()
    kb_id = row[0] if row else (seed_id if seed_id and seed_id.startswith("learned:") else kb_id_for(name))
    while True:
        merged = db.execute("SELECT merged_into FROM kb_actors WHERE kb_id = ?", (kb_id,)).fetchone()
        if not merged or not merged[0]:
            return kb_id
        kb_id = merged[0]


def _seen(db: sqlite3.Connection, table: str, where: str, params: tuple, day: str | None) -> None:
    if day:
        db.execute(f"UPDATE {table} SET first_seen = min(coalesce(first_seen, ?), ?),"
                   f" last_seen = max(coalesce(last_seen, ?), ?) WHERE {where}", (day, day, day, day, *params))


@dataclass
class Entry:
    """One actor of the learned KB with its roles, aliases and evidence count (for listing)."""

    kb_id: str
    name: str
    kind: str
    first_seen: str | None
    last_seen: str | None
    roles: list[dict]
    aliases: list[str]
    evidence: int


def entries(db: sqlite3.Connection, name: str | None = None, country: str | None = None,
            kb_id: str | None = None, limit: int | None = None) -> list[Entry]:
    sql = "SELECT kb_id, name, kind, first_seen, last_seen FROM kb_actors a WHERE merged_into IS NULL"
    params: list = []
    if kb_id:
        sql += " AND kb_id = ?"
        params.append(kb_id)
    if name:
        sql += (" AND (name LIKE ? OR EXISTS (SELECT 1 FROM kb_aliases x WHERE x.kb_id = a.kb_id"
                " AND x.alias LIKE ?))")
        params += [f"%{name}%", f"%{name.casefold()}%"]
    if country:
        sql += " AND EXISTS (SELECT 1 FROM kb_roles r WHERE r.kb_id = a.kb_id AND r.country = ?)"
        params.append(country.upper())
    sql += " ORDER BY last_seen DESC, name" + (" LIMIT ?" if limit else "")
    params += [limit] if limit else []
    out = []
    for kid, nm, kind, first, last in db.execute(sql, params).fetchall():
        roles = [dict(zip(("country", "sector", "title", "first_seen", "last_seen", "since", "until"), r))
                 for r in db.execute("SELECT country, sector, title, first_seen, last_seen, since, until FROM kb_roles"
                                     " WHERE kb_id = ? ORDER BY coalesce(since, first_seen)", (kid,))]
        aliases = [r[0] for r in db.execute("SELECT alias FROM kb_aliases WHERE kb_id = ? ORDER BY alias", (kid,))]
        evidence = db.execute("SELECT count(*) FROM kb_evidence WHERE kb_id = ?", (kid,)).fetchone()[0]
        out.append(Entry(kid, nm, kind, first, last, roles, aliases, evidence))
    return out


def evidence(db: sqlite3.Connection, kb_id: str, limit: int = 20) -> list[dict]:
    rows = db.execute("SELECT a.id, e.start, e.end, e.text, e.title, e.published FROM kb_evidence e"
                      " LEFT JOIN articles a ON a.hash = e.article WHERE e.kb_id = ? ORDER BY e.published LIMIT ?",
                      (kb_id, limit))
    return [dict(zip(("article", "start", "end", "text", "title", "published"), r)) for r in rows]


def add(db: sqlite3.Connection, name: str, kind: str = "person", country: str = "", sector: str = "",
        title: str = "", since: str | None = None, until: str | None = None, aliases: tuple[str, ...] = ()) -> str:
    """Add an actor (or a role and aliases to the actor of that name) by hand; returns its kb_id."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})")
    for label, day in (("since", since), ("until", until)):
        if day and not ISO_DAY.fullmatch(day):
            raise ValueError(f"{label} {day!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    kb_id = _resolve_id(db, None, name)
    with db:
        db.execute("INSERT OR IGNORE INTO kb_actors (kb_id, name, kind) VALUES (?, ?, ?)", (kb_id, name, kind))
        if country or sector or title:
            db.execute("INSERT INTO kb_roles (kb_id, country, sector, title, since, until) VALUES (?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT DO UPDATE SET since = excluded.since, until = excluded.until",
                       (kb_id, country.upper(), sector.upper(), title, since, until))
        for alias in {name, *aliases}:
            db.execute("INSERT OR IGNORE INTO kb_aliases VALUES (?, ?)", (name_key(alias), kb_id))
    return kb_id


def merge(db: sqlite3.Connection, keep: str, other: str) -> None:
    """Merge actor `other` into `keep`: its roles, aliases and evidence move; its name becomes an alias."""
    ids = {r[0] for r in db.execute("SELECT kb_id FROM kb_actors WHERE kb_id IN (?, ?) AND merged_into IS NULL",
                                    (keep, other))}
    for kb_id in (keep, other):
        if kb_id not in ids:
            raise ValueError(f"no actor {kb_id!r} in the store's knowledge base")
    if keep == other:
        raise ValueError("cannot merge an actor into itself")
    with db:
        for table in ("kb_roles", "kb_aliases", "kb_evidence"):
            db.execute(f"UPDATE OR IGNORE {table} SET kb_id = ? WHERE kb_id = ?", (keep, other))
            db.execute(f"DELETE FROM {table} WHERE kb_id = ?", (other,))
        name = db.execute("SELECT name, first_seen, last_seen FROM kb_actors WHERE kb_id = ?", (other,)).fetchone()
        db.execute("INSERT OR IGNORE INTO kb_aliases VALUES (?, ?)", (name_key(name[0]), keep))
        for day in (name[1], name[2]):
            _seen(db, "kb_actors", "kb_id = ?", (keep,), day)
        db.execute("UPDATE kb_actors SET merged_into = ? WHERE kb_id = ?", (keep, other))


def snapshot(db: sqlite3.Connection) -> list[KBActor]:
    """The learned KB as KBActors, roles dated as described in the module docstring."""
    actors: dict[str, KBActor] = {}
    for kb_id, name, kind in db.execute("SELECT kb_id, name, kind FROM kb_actors WHERE merged_into IS NULL"):
        actors[kb_id] = KBActor(kb_id, kind, name)
    rows = db.execute("SELECT kb_id, country, sector, title, coalesce(since, first_seen, ''), until FROM kb_roles"
                      " ORDER BY kb_id, coalesce(since, first_seen, '')").fetchall()
    for i, (kb_id, country, sector, title, start, until) in enumerate(rows):
        if kb_id not in actors:
            continue
        later = rows[i + 1] if i + 1 < len(rows) and rows[i + 1][0] == kb_id else None
        end = until or (later[4] if later and later[4] > start else "")
        actors[kb_id].roles.append(Role(country or None, sector or None, title or None, start_day(start),
                                        end_day(end or "")))
    for alias, kb_id in db.execute("SELECT alias, kb_id FROM kb_aliases"):
        if kb_id in actors:
            actors[kb_id].aliases.add(alias)
    return list(actors.values())


def data_version(db: sqlite3.Connection) -> int:
    """Changes when another connection commits to the store (a cheap check before reloading)."""
    return db.execute("PRAGMA data_version").fetchone()[0]
