"""`eventwire actors ...`: inspect and curate the actor knowledge base of a store."""

from __future__ import annotations

import csv
import datetime
import json
import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .kb.base import seed
from .store import kb
from .store.database import Store, StoreError

app = typer.Typer(no_args_is_help=True, help="Inspect and curate the actor knowledge base (seed + learned).")
err = Console(stderr=True, highlight=False, soft_wrap=True)
DbOpt = Annotated[Path, typer.Option(help="SQLite store whose learned knowledge base to use.")]
FIELDS = ("kb_id", "name", "kind", "country", "sector", "title", "since", "until", "first_seen", "last_seen",
          "aliases", "evidence")


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _store(db: Path, readonly: bool) -> Store:
    try:
        return Store(db, readonly=readonly)
    except StoreError as e:
        raise _fail(str(e)) from None


def _entries(store: Store, **filters) -> list[kb.Entry]:
    try:
        return kb.entries(store.db, **filters)
    except sqlite3.Error as e:  # a store written before the knowledge base tables existed
        raise _fail(f"{store.path}: no knowledge base tables ({e}); run `eventwire extract` on it once") from None


def _roles(roles: list[dict]) -> str:
    return "; ".join(" ".join(x for x in (r["country"], r["sector"], r["title"]) if x)
                     + f" ({r['since'] or r['first_seen'] or '?'}–{r['until'] or r['last_seen'] or ''})" for r in roles)


@app.command("list")
def list_(db: DbOpt = Path("eventwire.db"),
          name: Annotated[str | None, typer.Option(help="Name or alias contains this.")] = None,
          country: Annotated[str | None, typer.Option(help="A role in this country (ISO3).")] = None,
          limit: Annotated[int, typer.Option(help="Actors shown at most.")] = 50) -> None:
    """List the actors the store has learned or was given, most recently seen first."""
    with _store(db, readonly=True) as store:
        found = _entries(store, name=name, country=country, limit=limit)
    if not found:
        err.print("no learned actors match")
        return
    table = Table("kb_id", "name", "kind", "roles", "evidence", title=f"learned actors ({len(found)} shown)")
    for e in found:
        table.add_row(e.kb_id, e.name, e.kind, _roles(e.roles), str(e.evidence))
    Console(soft_wrap=False).print(table)


@app.command()
def show(name: Annotated[str, typer.Argument(help="A kb_id or a name.")], db: DbOpt = Path("eventwire.db"),
         date: Annotated[str | None, typer.Option(help="Show the role held on this ISO date.")] = None) -> None:
    """Show an actor of the learned KB (with its evidence) and of the seed KB, with its dated roles."""
    day = None
    if date:
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError:
            raise _fail(f"--date {date!r} is not an ISO date (YYYY-MM-DD)") from None
    shown = 0
    if db.is_file():
        with _store(db, readonly=True) as store:
            found = _entries(store, kb_id=name) or _entries(store, name=name)
            for e in found:
                print(f"{e.kb_id}  {e.name} ({e.kind}), learned; seen {e.first_seen or '?'} to {e.last_seen or '?'}")
                print(f"  roles: {_roles(e.roles) or '-'}\n  aliases: {', '.join(e.aliases) or '-'}")
                for ev in kb.evidence(store.db, e.kb_id):
                    print(f"  evidence: article {ev['article']} [{ev['start']}:{ev['end']}] {ev['text']!r}"
                          f" as {ev['title']!r} ({ev['published'] or 'undated'})")
                shown += 1
    for actor in seed().lookup(name):
        role = actor.role_at(day)
        print(f"{actor.kb_id}  {actor.name} ({actor.kind}), seed")
        for r in actor.roles:
            print(f"  role: {' '.join(x for x in (r.country, r.sector, r.title) if x)} ({r.start or '?'}–{r.end})")
        if role:
            print(f"  on {day or 'the latest date'}: {role.country or '-'} {role.sector or '-'} {role.title or ''}")
        shown += 1
    if not shown:
        raise _fail(f"no actor {name!r} in the seed KB or in {db}", 1)


@app.command()
def add(name: Annotated[str, typer.Argument(help="The actor's name.")], db: DbOpt = Path("eventwire.db"),
        kind: Annotated[str, typer.Option(help="person, organization, country, group or generic.")] = "person",
        country: Annotated[str, typer.Option(help="ISO3 code, or IGO.")] = "",
        sector: Annotated[str, typer.Option(help="Sector code (GOV, MIL, REB, ...).")] = "",
        title: Annotated[str, typer.Option(help="Role title, e.g. 'Foreign Minister'.")] = "",
        since: Annotated[str | None, typer.Option(help="ISO date the role began.")] = None,
        until: Annotated[str | None, typer.Option(help="ISO date the role ended.")] = None,
        alias: Annotated[list[str] | None, typer.Option(help="Another name (repeatable).")] = None) -> None:
    """Add an actor, or a dated role and aliases to the actor of that name."""
    with _store(db, readonly=False) as store:
        try:
            kb_id = kb.add(store.db, name, kind, country, sector, title, since, until, tuple(alias or ()))
        except ValueError as e:
            raise _fail(str(e)) from None
    print(kb_id)


@app.command()
def merge(keep: Annotated[str, typer.Argument(help="kb_id of the actor to keep.")],
          other: Annotated[str, typer.Argument(help="kb_id of the actor merged into it.")],
          db: DbOpt = Path("eventwire.db")) -> None:
    """Merge two learned actors that are the same: roles, aliases and evidence go to KEEP."""
    with _store(db, readonly=False) as store:
        try:
            kb.merge(store.db, keep, other)
        except ValueError as e:
            raise _fail(str(e), 1) from None
    print(f"merged {other} into {keep}")


def _records(path: Path) -> list[tuple[str, dict]]:
    """(origin, record) pairs of a CSV or JSON file of actors."""
    text = path.read_text("utf-8")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        items = data if isinstance(data, list) else [data]
        return [(f"{path}:record {n}", item) for n, item in enumerate(items, 1)]
    rows = csv.DictReader(text.splitlines())
    return [(f"{path}:row {n}", row) for n, row in enumerate(rows, 2)]


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="A .csv (header row) or .json (list of objects) of actors:"
                                                      " name, kind, country, sector, title, since, until,"
                                                      " aliases ('|'-separated).")],
            db: DbOpt = Path("eventwire.db")) -> None:
    """Import actors (the format `eventwire actors export` writes); a bad record is reported and skipped."""
    try:
        records = _records(file)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as e:
        raise _fail(f"{file}: cannot read: {e}") from None
    done = failed = 0
    with _store(db, readonly=False) as store:
        for origin, record in records:
            try:
                if not isinstance(record, dict) or not str(record.get("name") or "").strip():
                    raise ValueError("no name")
                field = {k: str(record.get(k) or "").strip() for k in ("kind", "country", "sector", "title")}
                aliases = record.get("aliases") or ""
                aliases = aliases if isinstance(aliases, list) else str(aliases).split("|")
                kb.add(store.db, str(record["name"]).strip(), field["kind"] or "person", field["country"],
                       field["sector"], field["title"], record.get("since") or None, record.get("until") or None,
                       tuple(a.strip() for a in aliases if a.strip()))
                done += 1
            except (ValueError, sqlite3.Error) as e:
                err.print(f"{escape(origin)}: {escape(str(e))}")
                failed += 1
    print(f"imported {done} actor record(s)" + (f", {failed} failed" if failed else ""))
    raise typer.Exit(1 if failed else 0)


@app.command()
def export(db: DbOpt = Path("eventwire.db"),
           format: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
           out: Annotated[str, typer.Option(help="Output file, or - for stdout.")] = "-") -> None:
    """Export the learned KB, one row per actor role (actors without roles get one row)."""
    if format not in ("csv", "json"):
        raise _fail(f"unknown format {format!r} (choose csv or json)")
    with _store(db, readonly=True) as store:
        rows = []
        for e in _entries(store):
            for role in e.roles or [dict.fromkeys(("country", "sector", "title", "since", "until", "first_seen",
                                                   "last_seen"))]:
                rows.append({"kb_id": e.kb_id, "name": e.name, "kind": e.kind, **role,
                             "aliases": "|".join(e.aliases), "evidence": e.evidence})
    stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        if format == "json":
            json.dump(rows, stream, ensure_ascii=False, indent=1)
            stream.write("\n")
        else:
            writer = csv.DictWriter(stream, FIELDS)
            writer.writeheader()
            writer.writerows({k: ("" if r.get(k) is None else r[k]) for k in FIELDS} for r in rows)
    finally:
        if stream is not sys.stdout:
            stream.close()
