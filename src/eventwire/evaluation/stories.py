"""`eventwire eval stories`: story clustering on news_cluster dev, B-cubed against the gold event ids.

The articles go through the real pipeline in publication order into a temporary SQLite store, whose
incremental clustering makes the stories; each article's story is then compared with its gold event.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from .cli import app

DEFAULT = Path("../shared/eval/news_cluster/news_cluster.dev.jsonl")


def bcubed(ours: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) of a clustering `ours` (item -> cluster)
    against `gold` (item -> class), averaged over the items of `gold`."""
    pairs = Counter((ours[i], gold[i]) for i in gold)
    in_ours = Counter(ours[i] for i in gold)
    in_gold = Counter(gold.values())
    p = sum(pairs[ours[i], gold[i]] / in_ours[ours[i]] for i in gold) / len(gold)
    r = sum(pairs[ours[i], gold[i]] / in_gold[gold[i]] for i in gold) / len(gold)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def read_gold(path: Path) -> list[dict]:
    if not path.is_file():
        raise typer.BadParameter(f"{path}: gold file not found", param_hint="--gold")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    return sorted(records, key=lambda r: r.get("published") or "")


def cluster(records: list[dict], store_path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """Run the records (publication order) through the pipeline into a new store; article id -> story,
    and the counts of event mentions and canonical events."""
    from ..nlp.pipeline import Pipeline
    from ..schema import Article
    from ..store.database import Store

    pipeline = Pipeline()
    articles = [Article(text=r["text"], id=r["id"], title=r.get("title"), published=r.get("published"),
                        url=r.get("url"), source=r.get("source_domain")) for r in records]
    with Store(store_path) as store:
        for result in pipeline.process(articles):
            store.add([result])
        stories = {row["id"]: row["story"] for row in store.rows("articles")}
        mentions, events, across = store.db.execute(
            "SELECT sum(n_mentions), count(*), sum((SELECT count(DISTINCT article) FROM events e"
            " WHERE e.canonical = c.id) > 1) FROM canonical_events c").fetchone()
    return stories, {"mentions": mentions or 0, "canonical_events": events, "events_in_several_articles": across or 0}


@app.command("stories")
def stories(
    gold: Annotated[Path, typer.Option(help="news_cluster gold JSONL (articles with their event id).")] = DEFAULT,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles in publication order.")] = None,
    out: Annotated[Path | None, typer.Option(help="Also write the scores as JSON here.")] = None,
) -> None:
    """Story clustering: B-cubed precision, recall and F1 of our stories against the gold events."""
    records = read_gold(gold)[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        ours, dedup = cluster(records, Path(tmp) / "stories.db")
    truth = {r["id"]: str(r["event_id"]) for r in records}
    missing = [i for i in truth if i not in ours]
    if missing:
        raise typer.BadParameter(f"{gold}: {len(missing)} articles were not stored (first: {missing[0]})")
    scores = bcubed(ours, truth)
    report = {"gold": str(gold), "articles": len(records), "gold_events": len(set(truth.values())),
              "stories": len({ours[i] for i in truth}), "bcubed": scores, "dedup": dedup}
    print(f"news_cluster: {report['articles']} articles, {report['gold_events']} gold events, "
          f"{report['stories']} stories")
    print(f"B-cubed precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}")
    if dedup["canonical_events"]:
        print(f"events: {dedup['mentions']} mentions, {dedup['canonical_events']} canonical events "
              f"({dedup['mentions'] / dedup['canonical_events']:.3f} mentions per event), "
              f"{dedup['events_in_several_articles']} in more than one article")
    if out:
        out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
