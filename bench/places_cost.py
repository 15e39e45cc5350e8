"""Cost of the places component: gazetteer load time and memory, and pipeline time with and
without `eventwire_places` on the same articles (interleaved rounds, same process).

    python bench/places_cost.py ../shared/corpora/bbc/bbc.jsonl --n 200
"""

from __future__ import annotations

import argparse
import json
import resource
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.n), f)]

    from eventwire.kb.gazetteer import gazetteer

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    gaz = gazetteer()
    gaz.lookup("Paris")
    load = time.perf_counter() - t0
    rss_load = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024

    from eventwire.nlp.pipeline import Pipeline

    nlp = Pipeline().nlp
    times = {"with": 0.0, "without": 0.0}
    for _ in range(args.rounds):
        for mode in ("without", "with"):
            disabled = ["eventwire_places"] if mode == "without" else []
            t = time.perf_counter()
            with nlp.select_pipes(disable=disabled):
                for _doc in nlp.pipe(texts):
                    pass
            times[mode] += time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer open + first lookup: {load:.3f} s, +{rss_load:.0f} MB peak RSS")
    print(f"pipeline {args.n} articles x {args.rounds}: without places {times['without']:.1f} s, "
          f"with {times['with']:.1f} s, ratio {times['with'] / times['without']:.3f}; process peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
