"""`eventwire eval times`: temporal expressions on TempEval-3 (TimeBank + AQUAINT) dev, and the
'when' answers of Giveme5W1H dev.

TempEval-3: relaxed span P/R/F1 (a found expression overlaps a gold TIMEX3) and value P/R/F1
(overlapping and the same TimeML value), the document creation time as publication date. A peer
row compares value accuracy on the gold DATE spans whose value is a calendar date, month or year:
our normalizer against dateparser (optional extra `eventwire[dates]`), dateparser judged at the
gold's granularity. Giveme5W1H: for each 'when' answer with a parsed date, whether an expression
we found inside the answer text has that date as value.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated

import typer

from .cli import app
from .metrics import PRF

DEFAULT = Path("../shared/eval/tempeval3/tempeval3.dev.jsonl")
DEFAULT_5W1H = Path("../shared/eval/giveme5w1h/giveme5w1h.dev.jsonl")
CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _read(path: Path, hint: str) -> list[dict]:
    if not path.is_file():
        raise typer.BadParameter(f"{path}: gold file not found", param_hint=hint)
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def same_value(gold: str, ours: str | None) -> bool:
    """TimeML values are equal; week numbers compare without zero padding ("2000-W7" = "2000-W07")."""
    return ours is not None and re.sub(r"W0(\d)", r"W\1", gold) == re.sub(r"W0(\d)", r"W\1", ours)


def score_tempeval(docs: list[dict], timexes: list[list]) -> tuple[PRF, PRF]:
    spans, values = PRF(), PRF()
    for doc, found in zip(docs, timexes):
        gold = doc["timexes"]
        matched_gold = set()
        for t in found:
            hits = [i for i, g in enumerate(gold) if g["start"] < t.end and t.start < g["end"]]
            if hits:
                spans.add(tp=1)
                matched_gold.update(hits)
                values.add(tp=1) if any(same_value(gold[i]["value"], t.value) for i in hits) else values.add(fp=1)
            else:
                spans.add(fp=1)
                values.add(fp=1)
        spans.add(fn=len(gold) - len(matched_gold))
        values.add(fn=len(gold) - sum(1 for i in matched_gold if any(
            same_value(gold[i]["value"], t.value) and gold[i]["start"] < t.end and t.start < gold[i]["end"] for t in found)))
    return spans, values


def peer_rows(docs: list[dict]) -> dict[str, tuple[int, int]]:
    """Correct / total on the gold calendar-valued DATE spans: eventwire's normalizer and dateparser."""
    from ..nlp.timex import timex

    try:
        import dateparser
    except ImportError:
        dateparser = None
    ours = theirs = total = 0
    for doc in docs:
        dct = dt.date.fromisoformat(doc["dct"][:10])
        base = dt.datetime(dct.year, dct.month, dct.day, 12)
        for g in doc["timexes"]:
            if g["type"] != "DATE" or not CALENDAR.fullmatch(g["value"]):
                continue
            total += 1
            ours += timex(g["text"], dct)[1] == g["value"]
            if dateparser is not None:
                got = dateparser.parse(g["text"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
                theirs += got is not None and got.date().isoformat()[: len(g["value"])] == g["value"]
    rows = {"eventwire normalizer": (ours, total)}
    if dateparser is not None:
        rows["dateparser (at gold granularity)"] = (theirs, total)
    return rows


def score_when(records: list[dict], results: list) -> tuple[int, int]:
    correct = total = 0
    for record, result in zip(records, results):
        for answer in record["answers"].get("when", []):
            if not answer.get("text") or not answer.get("parsed"):
                continue
            total += 1
            start = record["text"].find(answer["text"])
            if start < 0:
                continue
            end = start + len(answer["text"])
            values = [t.value for t in getattr(result, "times", []) if t.start < end and start < t.end]
            correct += answer["parsed"] in {(v or "")[:10] for v in values}
    return correct, total


@app.command("times")
def times_command(
    path: Annotated[Path, typer.Option("--gold", help="TempEval-3 dev JSONL.")] = DEFAULT,
    when: Annotated[Path, typer.Option("--when", help="Giveme5W1H dev JSONL ('when' answers).")] = DEFAULT_5W1H,
    limit: Annotated[int, typer.Option(help="At most this many TempEval documents (0 = all).")] = 0,
) -> None:
    """Span and value P/R/F1 on TempEval-3, dateparser as a peer, and Giveme5W1H 'when' accuracy."""
    from ..nlp.pipeline import Pipeline
    from ..schema import Article

    docs = _read(path, "--gold")[: limit or None]
    pipeline = Pipeline()
    nlp = pipeline.nlp
    found = []
    for doc in docs:
        d = nlp.make_doc(doc["text"])
        d._.published = dt.date.fromisoformat(doc["dct"][:10])
        found.append(nlp(d)._.timexes)
    spans, values = score_tempeval(docs, found)
    print("| TempEval-3 dev | precision | recall | F1 |")
    print("|---|---:|---:|---:|")
    for name, prf in (("spans (relaxed)", spans), ("values", values)):
        print(f"| {name} | {prf.precision:.3f} | {prf.recall:.3f} | {prf.f1:.3f} |")
    print()
    print("| gold DATE spans with a calendar value | correct | total | accuracy |")
    print("|---|---:|---:|---:|")
    for name, (ok, total) in peer_rows(docs).items():
        print(f"| {name} | {ok} | {total} | {ok / total if total else 0:.3f} |")
    records = _read(when, "--when")
    results = list(pipeline.process(Article(text=r["text"], id=r["id"], published=r["published"][:10])
                                    for r in records))
    ok, total = score_when(records, results)
    print()
    print(f"Giveme5W1H dev 'when' answers with a parsed date: {ok}/{total} = {ok / total if total else 0:.3f}")
