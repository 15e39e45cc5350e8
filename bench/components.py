"""Cost of each eventwire component, measured as a share of the pipeline's time in one process.

Runs the whole eventwire pipeline over the first N articles of a corpus, batch by batch, timing each
pipeline component on each batch: the spaCy model's components ("bare spaCy") and every eventwire
component share every stretch of machine load, so the ratios hold on a busy machine where separate
runs would not compare. Prints seconds per component, each component's share of the time, and the
throughput of the whole pipeline as a share of bare spaCy's.

    python bench/components.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--limit 200]
"""

from __future__ import annotations

import argparse
import json
import time
from itertools import islice
from pathlib import Path

from eventwire.nlp.pipeline import COMPONENTS, Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "bbc.jsonl"


def _doc(nlp, record: dict):
    doc = nlp.make_doc(record["text"])
    doc._.title = record.get("title")  # the brief reads the title
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        records = [json.loads(line) for line in islice(f, args.limit)]
    nlp = Pipeline().nlp
    seconds = {name: 0.0 for name in nlp.pipe_names}
    it = iter(records)
    while batch := [_doc(nlp, r) for r in islice(it, args.batch_size)]:
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            batch = list(component.pipe(batch)) if hasattr(component, "pipe") else [component(d) for d in batch]
            seconds[name] += time.perf_counter() - started
    spacy = sum(v for k, v in seconds.items() if k not in COMPONENTS)
    total = spacy + sum(seconds[k] for k in COMPONENTS)
    print(f"{len(records)} articles: bare spaCy {spacy:.1f} s; whole pipeline {spacy / total:.3f} of bare spaCy throughput")
    for name in COMPONENTS:
        print(f"  {name:20} {seconds[name]:6.1f} s  {seconds[name] / total:6.1%} of the time; pipeline without it "
              f"{spacy / (total - seconds[name]):.3f} of bare spaCy")

if __name__ == "__main__":
    main()
