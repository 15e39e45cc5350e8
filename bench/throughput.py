"""Throughput and memory benchmark over a news corpus (JSONL with a `text` field per line).

Measures, in one run: (a) the bare spaCy pipeline (`nlp.pipe`) and (b) `eventwire extract`,
each with 1 and 2 processes: articles/s, words/s and peak RSS per process.

    python bench/throughput.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--limit N] [--out bench/results/throughput.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "bbc.jsonl"


def _bare_worker(texts: list[str]) -> tuple[int, float]:
    from eventwire.nlp.model import load_model

    nlp = load_model()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return len(texts), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare(texts: list[str], processes: int) -> dict:
    """nlp.pipe over the texts, split evenly over `processes` fresh processes (model loading included)."""
    parts = [texts[i::processes] for i in range(processes)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        done = pool.map(_bare_worker, parts)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_rss_mb": max(rss for _, rss in done)}


def extract(corpus: Path, workers: int, tmp: Path) -> dict:
    """`eventwire extract` as a user runs it, writing JSONL (model loading included)."""
    out = tmp / f"out-{workers}.jsonl"
    command = [sys.executable, "-m", "eventwire", "extract", str(corpus), "--out", str(out),
               "--workers", str(workers), "--quiet"]
    started = time.perf_counter()
    # A fresh parent process, so that the peak RSS it reports is of this run's processes only.
    peak_kb = subprocess.run([sys.executable, "-c", _PEAK_OF_CHILD, *command], check=True,
                             capture_output=True, text=True).stdout
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_rss_mb": int(peak_kb) / 1024, "records": sum(1 for _ in out.open())}


_PEAK_OF_CHILD = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def corpus_options(doc: str, name: str) -> argparse.ArgumentParser:
    """The options of every corpus benchmark: --corpus, --limit and --out (default bench/results/NAME.json)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles (default: all)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / f"{name}.json")
    return ap


def parse(ap: argparse.ArgumentParser) -> argparse.Namespace:
    """The parsed options; stops with a clear message when the corpus is missing."""
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    return args


def main() -> None:
    args = parse(corpus_options(__doc__, "throughput"))
    lines = args.corpus.read_text("utf-8").splitlines()[: args.limit]
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    report = {"corpus": str(args.corpus), "articles": len(texts), "words": words, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(lines) + "\n", "utf-8")
        for name, run in [("spacy_1", lambda: bare(texts, 1)), ("spacy_2", lambda: bare(texts, 2)),
                          ("eventwire_1", lambda: extract(corpus, 1, Path(tmp))),
                          ("eventwire_2", lambda: extract(corpus, 2, Path(tmp)))]:
            r = run()
            r["articles_per_s"] = len(texts) / r["seconds"]
            r["words_per_s"] = words / r["seconds"]
            report["runs"][name] = r
            print(f"{name:12} {r['seconds']:7.1f} s {r['articles_per_s']:7.1f} articles/s "
                  f"{r['words_per_s']:9,.0f} words/s  peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
    runs = report["runs"]
    report["ratios"] = {
        "eventwire_vs_spacy_1": runs["eventwire_1"]["articles_per_s"] / runs["spacy_1"]["articles_per_s"],
        "eventwire_vs_spacy_2": runs["eventwire_2"]["articles_per_s"] / runs["spacy_2"]["articles_per_s"],
        "eventwire_2_vs_1": runs["eventwire_2"]["articles_per_s"] / runs["eventwire_1"]["articles_per_s"],
    }
    save(report, args.out, markdown(report))


def save(report: dict, out: Path, table: str) -> None:
    """Print the ratios, write the report as JSON and print the README table."""
    for k, v in report["ratios"].items():
        print(f"{k:26} {v:.2f}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"written {out}\n\n{table}")


def markdown(report: dict) -> str:
    """The results as the README's table."""
    runs, ratios = report["runs"], report["ratios"]
    notes = {
        "eventwire_1": f"{ratios['eventwire_vs_spacy_1']:.2f} of bare spaCy (target ≥ 0.80)",
        "eventwire_2": f"{ratios['eventwire_vs_spacy_2']:.2f} of bare spaCy; "
                       f"{ratios['eventwire_2_vs_1']:.2f}× 1 worker (target ≥ 1.7×)",
    }
    names = {"spacy": "bare spaCy `nlp.pipe`", "eventwire": "`eventwire extract --workers N`"}
    lines = ["| run | processes | articles/s | words/s | peak RSS per process | ratio |", "|---|---|---|---|---|---|"]
    for key, r in runs.items():
        kind, processes = key.rsplit("_", 1)
        lines.append(f"| {names[kind]} | {processes} | {r['articles_per_s']:.1f} | {r['words_per_s']:,.0f} | "
                     f"{r['peak_rss_mb']:.0f} MB | {notes.get(key, '')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
