"""`eventwire brief`: each article's 5W1H brief as a readable block, or as JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .schema import BRIEF_KEYS, ArticleResult, RecordError

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _bracket(key: str, answer: dict, result: ArticleResult) -> str:
    """What the answer resolves to: the actor, the place or the date."""
    if key == "who" and answer.get("actor"):
        actor = next((a for a in result.actors if a.id == answer["actor"]), None)
        if actor is not None:
            return f" [{', '.join(x for x in (actor.name, actor.country, actor.sector) if x)}]"
    if key == "where" and answer.get("place"):
        place = next((p for p in result.places if p.id == answer["place"]), None)
        if place is not None:
            return f" [{', '.join(x for x in (place.name, place.country) if x)}]"
    if key == "when" and answer.get("value"):
        return f" [{answer['value']}]"
    return ""


def block(result: ArticleResult) -> str:
    """The brief of one article: a title line, then one line per question."""
    meta = ", ".join(x for x in (result.id, result.published) if x)
    lines = [f"{result.title or '(no title)'}  ({meta})"]
    for key in BRIEF_KEYS:
        answer = result.brief.get(key)
        if not answer:
            lines.append(f"  {key:<6} -")
            continue
        where = "  (title)" if answer.get("in") == "title" else ""
        lines.append(f"  {key:<6} {answer['text']}{_bracket(key, answer, result)}{where}")
    return "\n".join(lines)


def brief(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin (as for extract).")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for records that have none.")
                         ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article: id, title, brief.")] = False,
) -> None:
    """Print the brief of each article: who did what, when, where, why and how, for its main event."""
    from .ingest import read_inputs
    from .nlp.model import ModelError, check_installed
    from .runners.local import run

    try:
        check_installed()
        items = read_inputs(inputs, default_published=published)
    except (ModelError, ValueError) as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2) from None
    failed = 0
    first = True
    for item in run(items):
        if isinstance(item, RecordError):
            failed += 1
            err.print(f"[red]error:[/red] {escape(item.origin)}: {escape(item.message)}")
        elif as_json:
            print(json.dumps({"id": item.id, "title": item.title, "published": item.published, "brief": item.brief},
                             ensure_ascii=False))
        else:
            print(("" if first else "\n") + block(item))
            first = False
    raise typer.Exit(1 if failed else 0)
