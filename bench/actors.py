"""Cost of the actor component and of loading the actor knowledge base.

    .venv/bin/python bench/actors.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--articles 200] [--rounds 3]

In one process, round by round: the articles go through the pipeline without eventwire_actors, then
eventwire_actors runs on the resulting documents; the throughput ratio with / without the component
is without / (without + actors). Times are CPU time of this process (machine load from other
processes barely moves them). Then, in fresh processes, the CPU time and resident memory that
loading the seed KB and word tables adds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOAD = """
import time
import eventwire.nlp.pipeline  # spaCy and the eventwire modules, as a run has them

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

before = rss()
t = time.process_time()
from eventwire.kb.base import seed
from eventwire.kb.lexicons import lexicons
seed(); lexicons()
print(time.process_time() - t, rss() - before)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "bbc" / "bbc.jsonl")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from eventwire.nlp.pipeline import Pipeline

    with args.corpus.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.articles), f)]
    nlp = Pipeline().nlp
    actors = nlp.get_pipe("eventwire_actors")
    list(nlp.pipe(texts[:10]))  # warm up
    without = with_actors = 0.0
    for _ in range(args.rounds):
        with nlp.select_pipes(disable=["eventwire_actors"]):
            t = time.process_time()
            docs = list(nlp.pipe(texts))
            without += time.process_time() - t
        t = time.process_time()
        for doc in docs:
            actors(doc)
        with_actors += time.process_time() - t
    print(f"{len(texts)} articles x {args.rounds} rounds: pipeline without actors {without:.1f} s CPU, "
          f"actors {with_actors:.1f} s CPU, throughput ratio {without / (without + with_actors):.3f}")
    loads = [subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout.split()
             for _ in range(3)]
    seconds = sorted(float(x[0]) for x in loads)[1]
    mb = sorted(float(x[1]) for x in loads)[1]
    print(f"seed KB and lexicons load: {seconds:.2f} s, +{mb:.0f} MB resident (median of 3 fresh processes)")


if __name__ == "__main__":
    main()
