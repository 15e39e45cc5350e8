"""The `eventwire` command line."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .batch import Summary, run_batch
from .nlp.model import ModelError, check_installed
from .runners import ray_runner
from .runners.local import RunnerError
from .schema import RecordError
from .store.database import TABLES, Filters, Store, StoreError
from .store.export import FORMATS, write_rows
from .store.parquet import load as load_parquet

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="eventwire: news articles in, structured event data out.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
SIMILAR_WARNINGS_SHOWN = 3
VALUES = re.compile(r"'[^']*'|\d+")  # what differs between warnings of one kind


def _version(value: bool) -> None:
    if value:
        print(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    pass


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def _usage_error(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(2)


def _check_output(out: str | None, inputs: list[str]) -> None:
    """Refuse, before any work, an output that cannot be written or that is one of the inputs."""
    if out in (None, "-"):
        return
    path = Path(out)
    problem = None
    if path.is_dir():
        problem = "it is a directory"
    elif not path.parent.is_dir():
        problem = f"no such directory {path.parent}"
    elif not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        problem = "permission denied"
    elif any(spec != "-" and Path(spec).is_file() and Path(spec).resolve() == path.resolve() for spec in inputs):
        problem = "it is also an input; choose another --out"
    if problem:
        raise _usage_error(f"cannot write the output file {out}: {problem}")


def _open_store(db: Path | None, readonly: bool = False) -> Store | None:
    if db is None:
        return None
    try:
        return Store(db, readonly=readonly)
    except StoreError as e:
        raise _usage_error(str(e)) from None


class Reporter:
    """Prints problems as they come, and a progress bar with articles/s on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.seen: Counter[str] = Counter()
        self.progress = None
        if not quiet and err.is_terminal:
            self.progress = Progress(SpinnerColumn(), TextColumn("{task.completed} articles"),
                                     TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(),
                                     console=err, transient=True)
            self.task = self.progress.add_task("extract", total=None, rate=0.0)

    def __enter__(self) -> Reporter:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()

    def __call__(self, item: Any) -> None:
        if isinstance(item, RecordError):
            err.print(f"[red]error:[/red] {escape(item.origin)}: {escape(item.message)}")
        elif not self.quiet:
            for warning in item.warnings:
                kind = VALUES.sub("", warning)
                self.seen[kind] += 1
                if self.seen[kind] <= SIMILAR_WARNINGS_SHOWN:
                    last = self.seen[kind] == SIMILAR_WARNINGS_SHOWN
                    more = " (more like this are counted in the summary)" if last else ""
                    where = item.origin or item.id
                    err.print(f"[yellow]warning:[/yellow] {escape(where)}: {escape(warning)}{more}")
        if self.progress:
            self.progress.advance(self.task)
            elapsed = self.progress.tasks[0].elapsed or 0
            self.progress.update(self.task, rate=self.progress.tasks[0].completed / elapsed if elapsed else 0)


def _print_summary(s: Summary, store: Store | None, cached_in: str = "in the store") -> None:
    err.print(
        f"{s.articles} articles ({s.cached} already {cached_in}), {s.failed} failed; "
        f"{s.entities} entities, {s.actors} actors, {s.events} events, {s.quotes} quotes, {s.warnings} warnings; "
        f"{s.seconds:.1f} s, {s.rate:.1f} articles/s, {s.words / s.seconds if s.seconds else 0:,.0f} words/s"
    )
    if store is not None:
        err.print(f"store {store.path}: {s.stored} new articles")


def _check_ray_options(inputs: list[str], out: str | None, db: Path | None) -> None:
    if db is not None:
        raise _usage_error("--engine ray writes a Parquet dataset (--out DIR); put it into a store with: "
                           "eventwire load DIR --db DB")
    if "-" in inputs:
        raise _usage_error("--engine ray reads files, not standard input (use --engine local)")
    problem = ray_runner.check_output(out or "-")
    if problem:
        raise _usage_error(f"cannot write the output dataset {out}: {problem}")


def _extract(inputs: list[str], out: str | None, db: Path | None, workers: int, published: str | None,
             max_chars: int, quiet: bool, engine: str = "local", address: str | None = None) -> Summary:
    if workers < 1:
        raise _usage_error("--workers must be at least 1")
    if engine not in ("local", "ray"):
        raise _usage_error(f"unknown engine {engine!r} (choose local or ray)")
    if engine == "ray":
        _check_ray_options(inputs, out, db)
    else:
        _check_output(out, inputs)
    store = _open_store(db)
    summary = Summary()
    try:
        if address is None:
            check_installed()  # fail clearly before any work, not in every worker
        with Reporter(quiet) as reporter:
            if engine == "ray":
                ray_runner.run(inputs, out, workers=workers, address=address, published=published,
                               max_chars=max_chars, summary=summary, on_item=reporter)
            else:
                run_batch(inputs, out=out, store=store, workers=workers, published=published,
                          max_chars=max_chars, summary=summary, on_item=reporter)
    except (ModelError, ray_runner.RayMissingError) as e:
        raise _usage_error(str(e)) from None
    except KeyboardInterrupt:
        err.print("interrupted: the output keeps every complete batch; run the same command again to finish "
                  "(articles done are not analysed again)")
        _print_summary(summary, store)
        raise typer.Exit(130) from None
    except (RunnerError, StoreError, OSError) as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        _print_summary(summary, store)
        raise typer.Exit(1) from None
    finally:
        if store is not None:
            store.close()
    if not quiet:
        _print_summary(summary, store, "written" if engine == "ray" else "in the store")
    return summary


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    out: Annotated[str | None, typer.Option("--out", "-o", help="JSONL output file, or - for stdout.")] = None,
    db: Annotated[Path | None, typer.Option(help="SQLite store to add the results to.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes (Ray actors with --engine ray).")] = 1,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for records that have none.", callback=_iso_date)] = None,
    max_chars: Annotated[int, typer.Option(min=1, help="Longest article text analysed, in characters.")] = 1_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, warnings or summary.")] = False,
    engine: Annotated[str, typer.Option(help="local, or ray: Ray Data, writing a Parquet dataset to --out DIR.")
                      ] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster to run on (default: a local Ray instance).")
                       ] = None,
) -> None:
    """Analyse articles and write one eventwire/1 record per article, in input order."""
    if out is None and db is None and engine == "local":
        out = "-"
    summary = _extract(inputs, out, db, workers, published, max_chars, quiet, engine, address)
    raise typer.Exit(1 if summary.failed else 0)


def _filters(actor, country, type_, since, until) -> Filters:
    return Filters(actor=actor, country=country, type=type_, since=since, until=until)


ActorOpt = Annotated[str | None, typer.Option(help="Actor name contains this (case-insensitive).")]
CountryOpt = Annotated[str | None, typer.Option(help="ISO3 country code of an actor involved.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type (events only).")]
SinceOpt = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).", callback=_iso_date)]
UntilOpt = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).", callback=_iso_date)]
DbOpt = Annotated[Path, typer.Option(help="SQLite store.")]


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise _usage_error(f"unknown table {table!r} (choose from {', '.join(TABLES)})")


@app.command()
def export(
    table: Annotated[str, typer.Option(help=f"One of: {', '.join(TABLES)}.")],
    db: DbOpt = Path("eventwire.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    out: Annotated[str, typer.Option("--out", "-o", help="Output file, or - for stdout.")] = "-",
    actor: ActorOpt = None, country: CountryOpt = None, type_: TypeOpt = None,
    since: SinceOpt = None, until: UntilOpt = None,
) -> None:
    """Export a table of the store (articles carry their story id)."""
    _check_table(table)
    if fmt not in FORMATS:
        raise _usage_error(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    store = _open_store(db, readonly=True)
    try:
        rows = store.rows(table, _filters(actor, country, type_, since, until))
        n = write_rows(rows, fmt, out, store.output_columns(table))
    except (StoreError, ValueError) as e:
        raise _usage_error(str(e)) from None
    except OSError as e:
        raise _usage_error(f"cannot write {out}: {e.strerror}") from None
    if out != "-":
        err.print(f"{n} {table} rows written to {out}")


@app.command()
def load(
    directory: Annotated[str, typer.Argument(help="A Parquet dataset written by extract --engine ray (path or URI).")],
    db: Annotated[Path, typer.Option(help="SQLite store to add the articles to.")] = Path("eventwire.db"),
) -> None:
    """Load a Parquet run into the SQLite store; articles already there are left as they are."""
    store = _open_store(db)
    try:
        read, added = load_parquet(directory, store)
    except (OSError, ValueError, StoreError) as e:
        err.print(f"[red]error:[/red] {escape(directory)}: {escape(str(e))}")
        raise typer.Exit(1) from None
    finally:
        store.close()
    err.print(f"{read} articles read from {directory}; store {db}: {added} new articles")


QUERY_COLUMNS = {
    "articles": ["id", "published", "source", "title"],
    "entities": ["article_id", "text", "label", "actor"],
    "actors": ["article_id", "id", "name", "kind", "country", "sector", "role"],
    "quotes": ["article_id", "kind", "speaker_text", "cue_text", "content_text"],
    "places": ["article_id", "text", "name", "country", "feature"],
    "times": ["article_id", "text", "value"],
    "events": ["first_day", "type", "actor_name", "recipient_name", "place_name", "n_mentions", "n_articles"],
    "mentions": ["article_id", "date", "type", "actor_text", "trigger_text", "recipient_text", "modality"],
    "stories": ["id", "first_seen", "last_seen", "n_articles", "title"],
}


@app.command()
def query(
    table: Annotated[str, typer.Argument(help=f"One of: {', '.join(TABLES)}.")] = "events",
    db: DbOpt = Path("eventwire.db"),
    actor: ActorOpt = None, country: CountryOpt = None, type_: TypeOpt = None,
    since: SinceOpt = None, until: UntilOpt = None,
    limit: Annotated[int, typer.Option(help="Rows shown at most.")] = 50,
) -> None:
    """Show rows of the store as a table."""
    _check_table(table)
    store = _open_store(db, readonly=True)
    try:
        rows = list(store.rows(table, _filters(actor, country, type_, since, until), limit=limit))
    except StoreError as e:
        raise _usage_error(str(e)) from None
    if not rows:
        err.print(f"no {table} match")
        return
    out = Table(*QUERY_COLUMNS[table], title=f"{table} ({len(rows)} shown)")
    for row in rows:
        out.add_row(*("" if row[c] is None else str(row[c])[:80] for c in QUERY_COLUMNS[table]))
    Console(soft_wrap=False).print(out)


def _command_name() -> str:
    """How the user can call eventwire: by name if it is on PATH, else by its path in the venv."""
    if shutil.which("eventwire"):
        return "eventwire"
    exe = Path(sys.executable).parent / "eventwire"
    try:
        return str(exe.relative_to(Path.cwd()))
    except ValueError:
        return str(exe)


@app.command()
def demo(
    db: Annotated[Path, typer.Option(help="SQLite store to write.")] = Path("eventwire.db"),
    out: Annotated[str | None, typer.Option("--out", "-o", help="Also write the JSONL here.")] = None,
) -> None:
    """Analyse the bundled sample wire stories into a store and show what was found."""
    sample = resources.files("eventwire.demo").joinpath("articles.jsonl")
    with resources.as_file(sample) as path:
        summary = _extract([str(path)], out, db, 1, None, 1_000_000, False)
    with Store(db, readonly=True) as store:
        actors = Counter((r["name"], r["kind"], r["country"] or "") for r in store.rows("actors"))
        places = Counter(r["name"] for r in store.rows("places"))
    table = Table("actor", "kind", "country", "articles", title="Most frequent actors")
    for (name, kind, country), n in actors.most_common(12):
        table.add_row(name, kind, country, str(n))
    Console().print(table)
    print("Places named most: " + ", ".join(f"{p} ({n})" for p, n in places.most_common(8)))
    exe = _command_name()
    print(f"\nThe store is {db}. Look around with:\n  {exe} query actors --db {db} --country USA\n"
          f"  {exe} export --db {db} --table articles --format csv --out articles.csv")
    print(f"Explore it in a browser (http://127.0.0.1:8050/):\n  {exe} serve --db {db}")
    raise typer.Exit(1 if summary.failed else 0)


from .web.cli import serve

app.command()(serve)

from .evaluation.cli import load_commands  # the eval modules register on this group

app.add_typer(load_commands(), name="eval")

from .actors_cli import app as actors_app  # the `actors` command group

app.add_typer(actors_app, name="actors")

from .brief_cli import brief  # the `brief` command

app.command()(brief)

from .stories_cli import app as stories_app  # the `stories` command group

app.add_typer(stories_app, name="stories")
