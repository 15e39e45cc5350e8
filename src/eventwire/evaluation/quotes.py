"""`eventwire eval quotes`: quotes against PolNeAR, and speaker resolution against our own labels.

Spans are scored per role (source, cue, content) and article, one-to-one: exact (same characters)
and overlap (token overlap of at least 50%, `metrics.token_overlap`). Subsets: all gold
attributions; the speech subset (gold cues that hold a verb of saying from `data/cues.tsv` or
"according to", by lemma alone; every eventwire cue is one); direct quotes only (gold content that starts with a
quotation mark; eventwire quotes of kind direct). PolNeAR's content spans keep the quotation marks
and a leading "that", eventwire's leave them out: they are put back before scoring. textacy's
direct-quotation extractor runs on the same parsed articles as a peer.

Speaker resolution: each row of the gold file names a PolNeAR source span (a pronoun or a nominal)
and a mention of the actor it refers to; `resolve` is right when the actor it returns has that
mention (or that name).
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Annotated

import typer

from .cli import app
from .metrics import PRF, token_spans

REPO = Path(__file__).resolve().parents[3]
DEFAULT_POLNEAR = REPO.parent / "shared" / "eval" / "polnear"
DEFAULT_SPEAKERS = REPO / "bench" / "gold" / "speaker_labels.tsv"
DEFAULT_HELDOUT = REPO / "bench" / "gold" / "speaker_labels_heldout.tsv"
ROLES = ("source", "cue", "content")
SUBSETS = ("all", "speech", "direct")
OPENING, CLOSING = "“\"‘'", "”\"’'"


def load_polnear(path: Path, split: str) -> list[dict]:
    """PolNeAR articles of one original split (train, dev; all = both) from the normalized DEV file."""
    file = path / "polnear.dev.jsonl" if path.is_dir() else path
    if not file.is_file():
        raise typer.BadParameter(f"PolNeAR file not found: {file}")
    records = []
    with file.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                typer.echo(f"{file}:{n}: skipped, not JSON: {err}", err=True)
                continue
            if split == "all" or record.get("orig_split") == split:
                records.append(record)
    if not records:
        raise typer.BadParameter(f"no articles of split {split!r} in {file}")
    return records


def polnear_content(text: str, start: int, end: int) -> tuple[int, int]:
    """An eventwire content span in PolNeAR's convention: with its quotation marks and leading "that"."""
    if start > 0 and text[start - 1] in OPENING:
        start -= 2 if text[start - 2:start] == "''" else 1  # ''...'' (two apostrophes) is a quotation mark too
        while end < len(text) and text[end] in ",.!?;:":
            end += 1
        if end < len(text) and text[end] in CLOSING:
            end += 2 if text[end:end + 2] == "''" else 1
    if start >= 5 and text[start - 5:start].casefold() == "that ":
        start -= 5
    return start, end


def match(text: str, gold: list[tuple[int, int]], pred: list[tuple[int, int]], exact: bool) -> tuple[int, int, int]:
    """One-to-one matching of predicted to gold spans: (tp, fp, fn)."""
    free = list(gold)
    tokens = {span: token_spans(text, *span) for span in set(gold) | set(pred)} if not exact else {}
    tp = 0
    for p in pred:
        if exact:
            hit = p if p in free else None
        else:
            scored = [(_overlap(tokens[p], tokens[g]), g) for g in free]
            best = max(scored, default=(0.0, None))
            hit = best[1] if best[0] >= 0.5 else None
        if hit is not None:
            free.remove(hit)
            tp += 1
    return tp, len(pred) - tp, len(free)


def _overlap(a: set, b: set) -> float:
    """`metrics.token_overlap` on precomputed token sets."""
    return len(a & b) / max(len(a), len(b)) if a and b else 0.0


def is_speech_cue(doc, start: int, end: int) -> bool:
    """Whether a gold cue holds a verb of saying of `data/cues.tsv` or "according to", by the lexicon
    alone: the extractor's own choices (context, modals) do not decide what is scored."""
    from ..nlp.resolve import cue_words

    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = cue_words()
    for token in span:
        nxt = token.nbor().lower_ if token.i + 1 < len(doc) else ""
        if token.lower_ == "according" and nxt == "to":
            return True
        lemma = token.lemma_.casefold()
        if token.pos_ == "VERB" and (lemma in words or f"{lemma} {nxt}" in words):
            return True
    return False


def gold_spans(doc, record: dict, subset: str) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for att in record["attributions"]:
        cue, content = att.get("cue"), att.get("content")
        if subset == "speech" and (cue is None or not is_speech_cue(doc, cue["start"], cue["end"])):
            continue
        if subset == "direct" and (content is None or content["text"].lstrip()[:1] not in OPENING):
            continue
        for role in ROLES:
            if att.get(role):
                out[role].append((att[role]["start"], att[role]["end"]))
    return out


def eventwire_spans(doc, subset: str) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for q in doc._.quotes:
        if subset == "direct" and q.kind != "direct":
            continue
        if q.speaker is not None:
            out["source"].append((q.speaker.start, q.speaker.end))
        if q.cue is not None:
            out["cue"].append((q.cue.start, q.cue.end))
        out["content"].append(polnear_content(doc.text, q.content.start, q.content.end))
    return out


def textacy_spans(doc, subset: str) -> dict[str, list[tuple[int, int]]]:
    from textacy.extract.triples import direct_quotations

    out: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError, RuntimeError):  # textacy fails on some unbalanced quotation marks
        return out
    for speaker, cue, content in triples:
        if speaker:
            out["source"].append((min(t.idx for t in speaker), max(t.idx + len(t) for t in speaker)))
        if cue:
            out["cue"].append((min(t.idx for t in cue), max(t.idx + len(t) for t in cue)))
        out["content"].append(polnear_content(doc.text, content.start_char, content.end_char))
    return out


def read_speaker_gold(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), 1):
            try:
                rows.append({"article": row["article"], "source": (int(row["source_start"]), int(row["source_end"])),
                             "actor": (int(row["actor_start"]), int(row["actor_end"])), "name": row["actor_name"],
                             "type": row["type"]})
            except (KeyError, TypeError, ValueError) as err:
                typer.echo(f"{path}: row {n}: skipped: {err}", err=True)
    return rows


def resolution_correct(doc, row: dict) -> bool:
    from ..nlp.resolve import resolve

    span = doc.char_span(*row["source"], alignment_mode="expand")
    actor = resolve(doc, span) if span is not None else None
    if actor is None:
        return False
    a_start, a_end = row["actor"]
    if actor.name.casefold() == row["name"].casefold() or any(s < a_end and a_start < e for s, e in actor.mentions):
        return True
    initials = "".join(w[0] for w in actor.name.split() if w[:1].isupper())
    if len(row["name"]) > 1 and row["name"].isupper() and initials == row["name"]:
        return True  # "IMF" for the International Monetary Fund
    # The same person split over two actors ("Loretta Lynch", "Loretta E. Lynch"): the surname decides,
    # unless two different people of the document share it.
    surname = row["name"].split()[-1].casefold()
    if actor.kind != "person" or actor.name.split()[-1].casefold() != surname:
        return False
    namesakes = {a.name.split()[0].casefold() for a in doc._.actors
                 if a.kind == "person" and " " in a.name and a.name.split()[-1].casefold() == surname}
    return len(namesakes) <= 1


@app.command("quotes")
def quotes_command(
    polnear: Annotated[Path, typer.Option(help="PolNeAR directory (or its polnear.dev.jsonl).")] = DEFAULT_POLNEAR,
    split: Annotated[str, typer.Option(help="PolNeAR's own split to score: dev (report), train (tuning) or all.")] = "dev",
    speakers: Annotated[Path, typer.Option(help="Speaker-resolution gold labels (TSV).")] = DEFAULT_SPEAKERS,
    heldout: Annotated[Path, typer.Option(help="Held-out speaker-resolution labels (TSV), reported apart.")]
    = DEFAULT_HELDOUT,
    peer: Annotated[bool, typer.Option(help="Also score textacy's direct_quotations ('peers' extra).")] = True,
    limit: Annotated[int, typer.Option(help="Score only the first N articles (0 = all).")] = 0,
    out: Annotated[Path | None, typer.Option(help="Write the scores as JSON here.")] = None,
) -> None:
    """Quotes (source, cue, content) on PolNeAR, a textacy peer row, and speaker resolution."""
    from ..nlp.pipeline import Pipeline

    records = load_polnear(polnear, split)[: limit or None]
    scored = {r["id"] for r in records}
    systems = {"eventwire": eventwire_spans}
    if peer:
        try:
            import textacy  # noqa: F401
            systems["textacy"] = textacy_spans
        except ImportError:
            typer.echo("textacy is not installed (pip install 'eventwire[peers]'): no peer row", err=True)
    scores = {(s, sub, role, m): PRF() for s in systems for sub in SUBSETS for role in ROLES for m in ("exact", "overlap")}
    by_article: dict[str, list[tuple[str, dict]]] = {}
    for label_set, path in (("labels", speakers), ("held-out", heldout)):
        for row in read_speaker_gold(path) if path.is_file() else ():
            by_article.setdefault(row["article"], []).append((label_set, row))
    if not limit:  # the labelled articles outside the scored split are parsed for resolution only
        records += [r for r in load_polnear(polnear, "all") if r["id"] in by_article and r["id"] not in scored]
    resolved: dict[str, list[int]] = {}
    pipeline = Pipeline()
    started = time.perf_counter()
    docs = pipeline.nlp.pipe(pipeline.nlp.make_doc(r["text"]) for r in records)
    for record, doc in zip(records, docs):
        for subset in SUBSETS if record["id"] in scored else ():
            gold = gold_spans(doc, record, subset)
            for system, spans in systems.items():
                pred = spans(doc, subset)
                for role in ROLES:
                    for method in ("exact", "overlap"):
                        scores[system, subset, role, method].add(*match(doc.text, gold[role], pred[role],
                                                                          method == "exact"))
        for label_set, row in by_article.get(record["id"], ()):
            counts = resolved.setdefault(f"{label_set}/{row['type']}", [0, 0])
            counts[0] += resolution_correct(doc, row)
            counts[1] += 1
    seconds = time.perf_counter() - started
    report = {"split": split, "articles": len(scored), "seconds": round(seconds, 1),
              "spans": {f"{s}/{sub}/{role}/{m}": prf.as_dict() for (s, sub, role, m), prf in scores.items()},
              "speaker_resolution": {k: {"correct": c, "total": t, "accuracy": round(c / t, 4) if t else None}
                                     for k, (c, t) in resolved.items()}}
    _print(report, systems)
    if out is not None:
        out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


def _print(report: dict, systems) -> None:
    typer.echo(f"PolNeAR {report['split']}: {report['articles']} articles, {report['seconds']} s")
    typer.echo("| system | subset | source exact P/R/F1 | source overlap | cue exact | cue overlap | content exact "
               "| content overlap |")
    typer.echo("|---|---|---|---|---|---|---|---|")
    for system in systems:
        for subset in SUBSETS:
            cells = []
            for role in ROLES:
                for method in ("exact", "overlap"):
                    d = report["spans"][f"{system}/{subset}/{role}/{method}"]
                    cells.append(f"{d['precision']:.3f} / {d['recall']:.3f} / **{d['f1']:.3f}**")
            typer.echo(f"| {system} | {subset} | " + " | ".join(cells) + " |")
    totals: dict[str, list[int]] = {}
    for kind, d in sorted(report["speaker_resolution"].items()):
        typer.echo(f"speaker resolution, {kind}: {d['correct']}/{d['total']} = {d['accuracy']:.3f}")
        total = totals.setdefault(kind.split("/")[0], [0, 0])
        total[0] += d["correct"]
        total[1] += d["total"]
    for label_set, (correct, total) in totals.items():
        typer.echo(f"speaker resolution, {label_set}/all: {correct}/{total} = {correct / total:.3f}")
