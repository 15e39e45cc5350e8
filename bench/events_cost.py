"""Cost of the events component: throughput of the same articles in one process, with and without it.

Runs `nlp.pipe` over the first N articles of a corpus in interleaved rounds, in three setups: bare spaCy
(every eventwire component disabled), eventwire without `eventwire_events`, and the whole eventwire
pipeline; prints articles/s (best of the rounds) and the ratios to bare spaCy.

    python bench/events_cost.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--limit 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventwire.nlp.pipeline import COMPONENTS, Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "bbc.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line, _ in zip(f, range(args.limit))]
    nlp = Pipeline().nlp
    setups = {"bare spaCy": list(COMPONENTS), "eventwire without events": ["eventwire_events"],
              "eventwire with events": []}
    best = dict.fromkeys(setups, 0.0)
    for _ in range(args.rounds):
        for name, disabled in setups.items():
            started = time.perf_counter()
            with nlp.select_pipes(disable=disabled):
                for _doc in nlp.pipe(texts, batch_size=32):
                    pass
            best[name] = max(best[name], len(texts) / (time.perf_counter() - started))
    for name, rate in best.items():
        print(f"{name:26s} {rate:6.1f} articles/s   {rate / best['bare spaCy']:.3f} of bare spaCy")
    print(f"events component alone: {best['eventwire with events'] / best['eventwire without events']:.3f} "
          f"of eventwire without it")


if __name__ == "__main__":
    main()
