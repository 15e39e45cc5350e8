"""What the quotes component (with the speaker resolver) adds to the pipeline's time.

Same process, same articles: the full eventwire pipeline with and without `eventwire_quotes`,
in alternating rounds so that load from other processes hits both sides alike; the cost is the
ratio of the summed times.

    python bench/quotes_cost.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--limit 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "bbc.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "quotes_cost.json")
    args = parser.parse_args()

    from eventwire.nlp.pipeline import Pipeline

    with args.corpus.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.limit), f)]
    nlp = Pipeline().nlp
    seconds = {"without": 0.0, "with": 0.0}
    quotes = 0
    for _ in range(args.rounds):
        for side in ("without", "with"):
            disabled = ["eventwire_quotes"] if side == "without" else []
            started = time.perf_counter()
            with nlp.select_pipes(disable=disabled):
                docs = list(nlp.pipe(texts, batch_size=32))
            seconds[side] += time.perf_counter() - started
            if side == "with":
                quotes = sum(len(d._.quotes) for d in docs)
    report = {"articles": len(texts), "rounds": args.rounds, "quotes_per_round": quotes,
              "seconds_without": round(seconds["without"], 2), "seconds_with": round(seconds["with"], 2),
              "added": round(seconds["with"] / seconds["without"] - 1, 4)}
    print(json.dumps(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
