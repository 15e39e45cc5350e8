"""`eventwire stories ...`: the stories of a store, and one story's timeline of events and quotes."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import stories
from .store.database import Store, StoreError

app = typer.Typer(no_args_is_help=True, help="Stories: articles about the same event, and their timelines.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
DbOpt = Annotated[Path, typer.Option(help="SQLite store.")]


def _date(value: str | None) -> str | None:
    try:
        return None if value is None else datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def _store(db: Path, readonly: bool = True) -> Store:
    try:
        store = Store(db, readonly=readonly)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2) from None
    if not store.columns["canonical_events"]:
        store.close()
        err.print(f"[red]error:[/red] {escape(str(db))} was written before stories existed; "
                  f"run `eventwire stories update --db {escape(str(db))}` once")
        raise typer.Exit(2)
    return store


@app.command("list")
def list_(
    db: DbOpt = Path("eventwire.db"),
    since: Annotated[str | None, typer.Option(help="Stories seen on or after this date.", callback=_date)] = None,
    until: Annotated[str | None, typer.Option(help="Stories seen on or before this date.", callback=_date)] = None,
    limit: Annotated[int, typer.Option(min=1, help="Stories shown at most.")] = 50,
) -> None:
    """The stories of the store, the most recently seen first."""
    with _store(db) as store:
        rows = stories.listing(store.db, since, until, limit)
    if not rows:
        err.print("no stories match")
        return
    cells = [[s["id"], s["first_seen"] or "", s["last_seen"] or "", str(s["n_articles"]), str(s["n_events"])]
             for s in rows]
    names = ("id", "first seen", "last seen", "articles", "events")
    widths = [max(len(name), *(len(c[i]) for c in cells)) for i, name in enumerate(names)]
    console = Console(soft_wrap=False)
    table = Table(title=f"stories ({len(rows)} shown)")
    for name, width in zip(names, widths):
        table.add_column(name, no_wrap=True, min_width=width)
    # the short columns keep their width on a narrow terminal; only the title is cut
    title_width = max(10, console.width - sum(widths) - 3 * (len(widths) + 1) - 1)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=title_width)
    for c, s in zip(cells, rows):
        table.add_row(*c, escape((s["title"] or "")[:80]))
    console.print(table)


def _party(name: str | None, country: str | None) -> str:
    return f"{name or '?'}" + (f" ({country})" if country else "")


@app.command("show")
def show(story: Annotated[str, typer.Argument(help="Story id (see `stories list`).")],
         db: DbOpt = Path("eventwire.db")) -> None:
    """A story's articles, then its timeline: deduplicated events and quotes in date order."""
    with _store(db) as store:
        found = stories.timeline(store.db, story)
    if found is None:
        err.print(f"[red]error:[/red] no story {escape(story)!r} in {escape(str(db))}")
        raise typer.Exit(1)
    out = Console(highlight=False)
    out.print(f"[bold]{escape(found['title'] or story)}[/bold]  {story}")
    out.print(f"{found['n_articles']} articles, {found['first_seen']} to {found['last_seen']}\n")
    for a in found["articles"]:
        out.print(f"  {(a['published'] or '')[:10]}  {escape(a['source'] or '')}  {escape(a['title'] or a['id'])}")
    items = [(e["first_day"] or "", 0, e) for e in found["events"]] + [(q["day"] or "", 1, q) for q in found["quotes"]]
    out.print("\n[bold]Timeline[/bold]")
    for day, kind, x in sorted(items, key=lambda t: (t[0], t[1])):
        if kind == 0:
            where = f" in {x['place_name']}" if x["place_name"] else ""
            whom = f" → {_party(x['recipient_name'], x['recipient_country'])}" if x["recipient_name"] else ""
            out.print(f"  {day}  {x['type']:<9} {escape(_party(x['actor_name'], x['actor_country']))}"
                      f" [italic]{escape(x['trigger'] or '')}[/italic]{escape(whom)}{escape(where)}"
                      f"  ({x['modality']}, {x['n_mentions']} mention{'s' if x['n_mentions'] != 1 else ''})")
        else:
            who = x["speaker"] or x["speaker_text"] or "unattributed"
            out.print(f"  {day}  QUOTE     “{escape(x['content_text'] or '')}” — {escape(who)}"
                      f" ({escape(x['source'] or '')})")


@app.command("update")
def update(db: DbOpt = Path("eventwire.db")) -> None:
    """Put the stored articles that have no story yet (a store written before stories existed) into
    stories and deduplicate their events."""
    try:
        with Store(db) as store, store.db:
            n = stories.update(store.db)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2) from None
    err.print(f"{n} articles put into stories in {db}")
