"""What the quotes component (with the speaker resolver) adds to the pipeline's time.

Same process, same articles: the pipeline runs without `eventwire_quotes`, then the component runs
on the documents it made; both are timed in CPU seconds of this process (`time.process_time`), which
load from other processes does not inflate as much as wall-clock time. The cost is the ratio.

    python bench/quotes_cost.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--limit 200] [--rounds 2]
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
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "quotes_cost.json")
    args = parser.parse_args()

    from eventwire.nlp.pipeline import Pipeline

    with args.corpus.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.limit), f)]
    nlp = Pipeline().nlp
    quotes = nlp.get_pipe("eventwire_quotes")
    pipeline_cpu = quotes_cpu = 0.0
    found = 0
    for _ in range(args.rounds):
        started = time.process_time()
        with nlp.select_pipes(disable=["eventwire_quotes"]):
            docs = list(nlp.pipe(texts, batch_size=32))
        pipeline_cpu += time.process_time() - started
        started = time.process_time()
        found = sum(len(quotes(doc)._.quotes) for doc in docs)
        quotes_cpu += time.process_time() - started
    report = {"articles": len(texts), "rounds": args.rounds, "quotes_per_round": found,
              "pipeline_cpu_seconds": round(pipeline_cpu, 2), "quotes_cpu_seconds": round(quotes_cpu, 2),
              "added": round(quotes_cpu / pipeline_cpu, 4)}
    print(json.dumps(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
