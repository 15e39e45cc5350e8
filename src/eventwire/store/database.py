"""The SQLite store: every SQL statement eventwire runs lives in this module or schema.sql."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .. import stories
from ..nlp.dates import period
from ..schema import SCHEMA, ArticleResult, text_hash
from .kb import learn

CHILD_TABLES = ("entities", "actors", "quotes", "places", "times", "events")  # one per ArticleResult list
STORED = ("articles", *CHILD_TABLES, "stories")  # the tables every store has
# What `rows` gives: "events" are the deduplicated (canonical) events, "mentions" the events as each
# article states them (rows of the events table).
TABLES = ("articles", *CHILD_TABLES, "mentions", "stories")
BUSY_TIMEOUT = 30  # seconds to wait for another writer before giving up


class StoreError(RuntimeError):
    """The store cannot be opened, or a query is not valid."""


def flatten(item: dict[str, Any]) -> dict[str, Any]:
    """One row from a schema object: nested spans become <field>_text/_start/_end/_id columns,
    and a date value gets the first and last day it covers."""
    row: dict[str, Any] = {}
    days = period(item.get("value") or item.get("date"))
    if days:
        row["first_day"], row["last_day"] = days
    for key, value in item.items():
        if isinstance(value, dict):
            for sub, v in value.items():
                row[f"{key}_{'id' if sub == 'actor' else sub}"] = v
        elif isinstance(value, list):
            row[key] = json.dumps(value)
        else:
            row[key] = value
    return row


@dataclass
class Filters:
    """Row filters of `query` and `export`; every value is passed to SQLite as a parameter."""

    actor: str | None = None  # case-insensitive substring of an actor name
    country: str | None = None  # ISO3 code of an actor (or place) involved
    type: str | None = None  # PLOVER event type (events only)
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive


class Store:
    def __init__(self, path: str | Path, readonly: bool = False, cluster: bool = True) -> None:
        """`cluster`: new articles join stories and their events canonical events as they are added."""
        self.path = Path(path)
        self.readonly = readonly
        self.cluster = cluster
        try:
            if readonly:
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no such store")
                self.db = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True,
                                          timeout=BUSY_TIMEOUT)
            else:
                self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.executescript(resources.files(__package__).joinpath("schema.sql").read_text("utf-8"))
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA,))
                stories.migrate(self.db)
                self.db.commit()
            self.db.row_factory = sqlite3.Row
            self.types = {t: [(r[1], r[2]) for r in self.db.execute(f'PRAGMA table_info("{t}")')]
                          for t in (*STORED, "canonical_events")}
            self.columns = {t: [name for name, _ in cols] for t, cols in self.types.items()}
            if not all(self.columns[t] for t in STORED):
                raise StoreError(f"{self.path}: not an eventwire store (tables are missing)")
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot open the store: {err}") from err

    def close(self) -> None:
        """Close; a writer first moves the write-ahead log into the database file, so that the store is
        whole in one file even while a reader (a worker's knowledge-base snapshot) still holds it open."""
        if not self.readonly:
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass  # the data are safe in the log; the next writer moves them
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, text: str) -> ArticleResult | None:
        """The stored result for an article text, if that text was processed before."""
        row = self.db.execute("SELECT record FROM articles WHERE hash = ?", (text_hash(text),)).fetchone()
        return ArticleResult.from_dict(json.loads(row[0])) if row else None

    def add(self, results: Iterable[ArticleResult]) -> int:
        """Store a batch in one transaction; articles already stored are left as they are."""
        added = 0
        try:
            with self.db:
                for result in results:
                    added += self._add_one(result)
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: writing failed: {err}") from err
        return added

    def _add_one(self, result: ArticleResult) -> int:
        record = result.to_dict()
        key = text_hash(result.text)
        cur = self.db.execute(
            "INSERT OR IGNORE INTO articles (hash, id, title, url, source, author, published, text, warnings, brief,"
            " record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, result.id, result.title, result.url, result.source, result.author, result.published, result.text,
             json.dumps(result.warnings), json.dumps(result.brief), json.dumps(record, ensure_ascii=False)))
        if cur.rowcount == 0:
            return 0
        for table in CHILD_TABLES:
            columns = self.columns[table]
            rows = []
            for n, item in enumerate(getattr(result, table)):
                row = {"article": key, "n": n, **flatten(dataclasses.asdict(item))}
                rows.append([row.get(c) for c in columns])
            if rows:
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" * len(columns))
                self.db.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        learn(self.db, result)
        if self.cluster:
            stories.add(self.db, result, key)
        return 1

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in STORED}

    def output_columns(self, table: str) -> list[tuple[str, str]]:
        """(name, SQLite type) of the rows `rows(table)` yields."""
        if table == "articles":
            return [c for c in self.types["articles"] if c[0] != "record"]
        if table == "events":
            return [*self.types["canonical_events"], *stories.EXPORT_COLUMNS]
        if table == "mentions":
            return [("article_id", "TEXT"), ("source", "TEXT"), *self.types["events"]]
        if table in CHILD_TABLES:
            return [("article_id", "TEXT"), *self.types[table]]
        return self.types[table]

    def rows(self, table: str, filters: Filters | None = None, limit: int | None = None) -> Iterator[dict]:
        """Rows of a table, filtered; articles and child rows in insertion order."""
        sql, params = self._select(table, filters or Filters())
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        try:
            for row in self.db.execute(sql, params):
                yield dict(row)
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: query failed: {err}") from err

    def _select(self, table: str, f: Filters) -> tuple[str, list]:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r} (choose from {', '.join(TABLES)})")
        if f.type and table not in ("events", "mentions"):
            raise StoreError("--type filters events only")
        if table == "stories":
            if f.actor or f.country:
                raise StoreError("stories cannot be filtered by actor or country")
            return self._stories(f)
        if table in ("events", "mentions") and not self.columns["canonical_events"]:
            raise StoreError(f"{self.path} was written before events were deduplicated: open it for writing once"
                             f" (`eventwire stories update --db {self.path}`)")
        if table == "events":
            return stories.canonical_select(f)
        where: list[str] = []
        params: list[Any] = []
        if table == "articles":
            cols = ", ".join(f'a."{c}"' for c in self.columns["articles"] if c != "record")
            sql = f"SELECT {cols} FROM articles a"
            order = "a.rowid"
        else:
            cols = ", ".join(f't."{c}"' for c in self.columns[table.replace("mentions", "events")])
            source = "a.source, " if table == "mentions" else ""
            sql = (f'SELECT a.id AS article_id, {source}{cols} FROM "{table.replace("mentions", "events")}" t'
                   " JOIN articles a ON a.hash = t.article")
            order = "a.rowid, t.rowid"
        involved = {"actors": "x.id = t.id", "mentions": "x.id IN (t.actor_id, t.recipient_id)",
                    "quotes": "x.id = t.speaker_id", "entities": "x.id = t.actor"}.get(table, "1")
        if f.actor:
            where.append(f"EXISTS (SELECT 1 FROM actors x WHERE x.article = a.hash AND {involved}"
                         " AND x.name LIKE ? ESCAPE '\\')")
            params.append("%" + f.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if f.country:
            if table == "places":
                where.append("t.country = ?")
            else:
                where.append(f"EXISTS (SELECT 1 FROM actors x WHERE x.article = a.hash AND {involved}"
                             " AND x.country = ?)")
            params.append(f.country.upper())
        if f.type:
            where.append("t.type = ?")
            params.append(f.type.upper())
        # A row is in the range when the days its date covers overlap it.
        first, last = {"mentions": ("COALESCE(t.first_day, a.published)", "COALESCE(t.last_day, a.published)"),
                       "times": ("t.first_day", "t.last_day")}.get(table, ("a.published", "a.published"))
        if f.since:
            where.append(f"{last} >= ?")
            params.append(f.since)
        if f.until:
            where.append(f"{first} <= ?")
            params.append(f.until)
        if where:
            sql += " WHERE " + " AND ".join(where)
        return f"{sql} ORDER BY {order}", params

    def _stories(self, f: Filters) -> tuple[str, list]:
        sql, params = "SELECT * FROM stories", []
        if f.since:
            sql += " WHERE last_seen >= ?"
            params.append(f.since)
        if f.until:
            sql += (" AND" if params else " WHERE") + " first_seen <= ?"
            params.append(f.until)
        return sql + " ORDER BY first_seen", params
