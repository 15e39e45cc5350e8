"""`eventwire eval event-location`: which place an event happened at, on the event_location gold
(the RELABEL records of ../shared/eval/event_location dev).

Each record is one sentence with its event verb and the gold location spans (none = the sentence
gives no location). The pipeline runs on the sentence, `event_place` chooses among the places
found with the gold verb as trigger; the choice is right when it overlaps a gold location span,
or when both say "no location".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .cli import app

DEFAULT = Path("../shared/eval/event_location/event_location.dev.gold.jsonl")


def judge(record: dict, place) -> bool:
    gold = record["locations"]
    if place is None:
        return not gold
    return any(place.start < g["end"] and g["start"] < place.end for g in gold)


@app.command("event-location")
def event_location_command(
    path: Annotated[Path, typer.Option("--gold", help="event_location gold JSONL.")] = DEFAULT,
    errors: Annotated[Path | None, typer.Option(help="Write the wrong choices to this JSONL file.")] = None,
) -> None:
    """Accuracy of the chosen event place (including "no location")."""
    from ..nlp.location import event_place
    from ..nlp.pipeline import Pipeline

    if not path.is_file():
        raise typer.BadParameter(f"{path}: gold file not found", param_hint="--gold")
    records = [r for r in map(json.loads, path.open(encoding="utf-8")) if r.get("gold") and r.get("verb")]
    nlp = Pipeline().nlp
    counts = {"with location": [0, 0], "no location": [0, 0]}
    out = errors.open("w", encoding="utf-8") if errors else None
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records)):
        verb = record["verb"]
        trigger = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
        place = event_place(doc, trigger, doc._.places) if trigger is not None else None
        ok = judge(record, place)
        c = counts["with location" if record["locations"] else "no location"]
        c[0] += ok
        c[1] += 1
        if out and not ok:
            out.write(json.dumps({"id": record["id"], "verb": verb["text"], "gold": [g["text"] for g in record["locations"]],
                                  "chosen": place and place.text, "places": [p.text for p in doc._.places]}) + "\n")
    if out:
        out.close()
    ok, total = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
    print("| event_location dev gold | correct | records | accuracy |")
    print("|---|---:|---:|---:|")
    for name, (right, n) in counts.items():
        print(f"| {name} | {right} | {n} | {right / n if n else 0:.3f} |")
    print(f"| all | {ok} | {total} | {ok / total if total else 0:.3f} |")
