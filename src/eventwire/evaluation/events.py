"""`eventwire eval events`: event accuracy on the PLOVER gold standard records, the ConfliBERT
CAMEO sentence classes and actor spans, and the hand-annotated seed story.

- plover_gsr (dev, `event_current`): per record, is there a predicted event of the gold type (type
  accuracy); of the gold type with the actor's country among the gold source codes and the
  recipient's among the gold target codes (full triple; with no gold target the recipient must be
  uncoded or one of the sources); predicted events of another type per record (false events).
- conflibert cameo_class: the PentaCode (0 statement, appeal or no event, 1 verbal cooperation, 2 material
  cooperation, 3 verbal conflict, 4 material conflict; from the CAMEO root, see PENTA) of the sentence's main
  event (the most confident, the first of equals); macro-F1 over the five classes.
- conflibert cameo_ner (one annotated event per sentence): the actor spans of the main event's
  mention against the SOURCE spans, its recipient spans against the TARGET spans (RECIPROCAL gold
  spans accept either role); span F1, exact and with token overlap ≥ 0.5. A mention with coordinated
  actors ("Norway and Sweden condemned") is one event per actor in our output and one event with
  several SOURCE spans in the gold: all events of the main event's trigger count, each distinct span once.
- seed: a gold event is found when a predicted event in its sentence has its type, the countries
  of its actor and recipient, and (for recall of the `core` events) its modality; a predicted event
  is unmatched when it matches no gold event by sentence, type and countries.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from .cli import app
from .metrics import PRF, token_overlap

DEFAULT_EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"
# PentaClass of a CAMEO root (Schrodt's PETRARCH convention): 0 statements and appeals, 1 verbal
# cooperation, 2 material cooperation, 3 verbal conflict (with 16, reduce relations), 4 material conflict.
PENTA = {"01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3, "11": 3,
         "12": 3, "13": 3, "16": 3}


def pentacode(cameo: str | None) -> int:
    return PENTA.get(cameo[:2], 4) if cameo else 0


def in_half(record: dict, half: str | None) -> bool:
    """Whether a record is in half "a" (even SHA-1 of its id) or "b" (odd); any record when no half is asked."""
    if half is None:
        return True
    digest = hashlib.sha1(str(record.get("uid") or record.get("id")).encode("utf-8")).digest()
    return digest[-1] % 2 == "ab".index(half)


def read_jsonl(path: Path, limit: int | None = None, half: str | None = None) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and in_half(record := json.loads(line), half):
                records.append(record)
            if limit and len(records) >= limit:
                break
    return records


def _codes(actors) -> set[str]:
    return {a.get("code") for a in actors or [] if isinstance(a, dict) and a.get("code")}


def _analyse(pipeline, texts: list[str], published: str | None = None):
    from ..schema import Article

    articles = [Article(text=t, id=str(i), published=published) for i, t in enumerate(texts)]
    return list(pipeline.process(articles))


def _country(result, span) -> str | None:
    if span is None or span.actor is None:
        return None
    return next((a.country for a in result.actors if a.id == span.actor), None)


def score_plover_gsr(pipeline, path: Path, limit: int | None = None, half: str | None = None) -> dict:
    records = read_jsonl(path, limit, half)
    typed = triple = false_events = 0
    for record, result in zip(records, _analyse(pipeline, [r["text"] for r in records])):
        gold_type = record["event_current"]
        sources, targets = _codes(record.get("source")), _codes(record.get("target"))
        events = result.events
        typed += any(e.type == gold_type for e in events)
        false_events += sum(e.type != gold_type for e in events)
        for e in events:
            actor, recipient = _country(result, e.actor), _country(result, e.recipient)
            recipient_ok = recipient in targets if targets else recipient is None or recipient in sources
            if e.type == gold_type and (not sources or actor in sources) and recipient_ok:
                triple += 1
                break
    n = len(records)
    return {"records": n, "type_accuracy": round(typed / n, 4), "full_triple_accuracy": round(triple / n, 4),
            "false_events_per_sentence": round(false_events / n, 4)}


def main_event(result):
    """The sentence's main event: the most confident (the best-attested actor and recipient), the first of equals."""
    return min(result.events, key=lambda e: (-e.confidence, e.trigger.start), default=None)


def score_cameo_class(pipeline, path: Path, limit: int | None = None, half: str | None = None) -> dict:
    records = read_jsonl(path, limit, half)
    per_class = {c: PRF() for c in range(5)}
    confusion: Counter = Counter()
    for record, result in zip(records, _analyse(pipeline, [r["text"] for r in records])):
        event = main_event(result)
        predicted, gold = pentacode(event.cameo if event else None), record["label"]
        confusion[(gold, predicted)] += 1
        if predicted == gold:
            per_class[gold].add(tp=1)
        else:
            per_class[gold].add(fn=1)
            per_class[predicted].add(fp=1)
    macro = sum(p.f1 for p in per_class.values()) / 5
    correct = sum(v for (g, p), v in confusion.items() if g == p)
    return {"sentences": len(records), "macro_f1": round(macro, 4), "accuracy": round(correct / len(records), 4),
            "f1_per_class": {c: round(p.f1, 4) for c, p in per_class.items()}}


def score_cameo_ner(pipeline, path: Path, limit: int | None = None, half: str | None = None) -> dict:
    records = read_jsonl(path, limit, half)
    exact, overlap = PRF(), PRF()
    for record, result in zip(records, _analyse(pipeline, [r["text"] for r in records])):
        text = record["text"]
        gold = [(s["start"], s["end"], s["label"]) for s in record["spans"]]
        event = main_event(result)
        mention = [e for e in result.events if event is not None and e.trigger == event.trigger]
        predicted = {(s.start, s.end, role) for e in mention for s, role in ((e.actor, "SOURCE"), (e.recipient, "TARGET"))
                     if s is not None}
        for prf, same in ((exact, lambda a, b, _t=text: a == b),
                          (overlap, lambda a, b, _t=text: token_overlap(_t, a, b) >= 0.5)):
            unmatched = list(gold)
            for start, end, role in sorted(predicted):
                hit = next((g for g in unmatched if g[2] in (role, "RECIPROCAL") and same((start, end), g[:2])), None)
                if hit:
                    unmatched.remove(hit)
                    prf.add(tp=1)
                else:
                    prf.add(fp=1)
            prf.add(fn=len(unmatched))
    return {"sentences": len(records), "exact": exact.as_dict(), "overlap": overlap.as_dict()}


def score_seed(pipeline, seed_dir: Path) -> dict:
    gold = json.loads((seed_dir / "gold.json").read_text(encoding="utf-8"))
    record = read_jsonl(seed_dir / "input.jsonl")[0]
    result = _analyse(pipeline, [record["text"]], record.get("published"))[0]
    country = {key: a.get("country") for key, a in gold["actors"].items()}

    def matches(e, g, with_modality: bool) -> bool:
        return (e.sentence.start <= g["trigger"]["start"] < e.sentence.end and e.type == g["type"]
                and _country(result, e.actor) == country.get(g["actor"])
                and _country(result, e.recipient) == country.get(g["recipient"])
                and (not with_modality or e.modality == g["modality"]))

    core = [g for g in gold["events"] if g.get("core")]
    found = [g for g in core if any(matches(e, g, True) for e in result.events)]
    unmatched = [e for e in result.events if not any(matches(e, g, False) for g in gold["events"])]
    return {"core_found": len(found), "core": len(core), "predicted": len(result.events),
            "unmatched_predictions": len(unmatched),
            "missed": [f"{g['type']} {g['trigger']['text']}" for g in core if g not in found],
            "unmatched": [f"{e.type} {e.trigger.text}" for e in unmatched]}


@app.command("events")
def events_command(
    data: Annotated[Path | None, typer.Option(help="Gold data directory (default $EVENTWIRE_EVAL or ../shared/eval).")]
    = None,
    limit: Annotated[int | None, typer.Option(help="Use only the first N records of each set (for quick runs).")] = None,
    half: Annotated[str | None, typer.Option(help="Score only half 'a' or 'b' of each set (by the SHA-1 of the record "
                                            "id): develop on one half, check on the other.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Event accuracy: PLOVER GSR type and triple accuracy, ConfliBERT PentaCode macro-F1 and actor-span F1,
    seed story core-event recall."""
    from ..nlp.pipeline import Pipeline

    root = data or Path(os.environ.get("EVENTWIRE_EVAL", DEFAULT_EVAL))
    if not root.is_dir():
        raise typer.BadParameter(f"gold data directory not found: {root}", param_hint="--data")
    if half not in (None, "a", "b"):
        raise typer.BadParameter(f"half must be 'a' or 'b', not {half!r}", param_hint="--half")
    pipeline = Pipeline()
    results = {
        "plover_gsr": score_plover_gsr(pipeline, root / "plover_gsr" / "plover_gsr.dev.jsonl", limit, half),
        "cameo_class": score_cameo_class(pipeline, root / "conflibert" / "cameo_class.dev.jsonl", limit, half),
        "cameo_ner": score_cameo_ner(pipeline, root / "conflibert" / "cameo_ner.dev.jsonl", limit, half),
        "seed": score_seed(pipeline, root / "seed"),
    }
    if as_json:
        typer.echo(json.dumps(results, indent=1))
        return
    gsr, cls, ner, seed = results["plover_gsr"], results["cameo_class"], results["cameo_ner"], results["seed"]
    typer.echo(f"plover_gsr  ({gsr['records']} records)   type accuracy {gsr['type_accuracy']:.3f}   "
               f"full triple {gsr['full_triple_accuracy']:.3f}   false events/sentence "
               f"{gsr['false_events_per_sentence']:.2f}")
    typer.echo(f"cameo_class ({cls['sentences']} sentences) macro-F1 {cls['macro_f1']:.3f}   "
               f"accuracy {cls['accuracy']:.3f}   per class {cls['f1_per_class']}")
    typer.echo(f"cameo_ner   ({ner['sentences']} sentences) span F1 exact {ner['exact']['f1']:.3f}   "
               f"overlap≥0.5 {ner['overlap']['f1']:.3f}")
    typer.echo(f"seed        core events {seed['core_found']}/{seed['core']}   "
               f"unmatched predictions {seed['unmatched_predictions']} of {seed['predicted']}")
