"""The Ray engine against the local engine on a news corpus (JSONL with a `text` field per line).

Runs `eventwire extract` as a user runs it (model loading, and for Ray the start of a local Ray
instance, included) with the local engine and 1 and 2 worker processes, and with the Ray engine and
1 and 2 actors, interleaved (local 1, Ray 1, local 2, Ray 2). Reports articles/s, scaling efficiency
(2-worker rate / twice the 1-worker rate), Ray's overhead over local at the same parallelism (target:
under 15%), in wall time and in CPU time (which other load on the machine disturbs less), and peak
memory: of one worker (the process that runs the pipeline) and of all the run's processes together
(sampled every 0.2 s). Every run has OMP_NUM_THREADS=1, which Ray sets for its actors.

    python bench/ray_throughput.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--limit N]
                                   [--out bench/results/ray_throughput.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from throughput import save  # bench/ is the script's own folder, first on sys.path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "bbc.jsonl"
RAY_WORKER = "MapBatches(_Extractor)"  # in the process title of the Ray actors that analyse
RUNS = [("local", 1), ("ray", 1), ("local", 2), ("ray", 2)]


def extract(corpus: Path, engine: str, workers: int, tmp: Path) -> dict:
    out = tmp / (f"{engine}-{workers}" + ("" if engine == "ray" else ".jsonl"))
    command = [sys.executable, "-m", "eventwire", "extract", str(corpus), "--workers", str(workers),
               "--engine", engine, "--out", str(out), "--quiet"]
    started = time.perf_counter()
    # Ray runs its actors with one BLAS/OpenMP thread; the local engine's processes get the same.
    proc = subprocess.Popen(command, env={**os.environ, "OMP_NUM_THREADS": "1"})
    main = psutil.Process(proc.pid)
    peak: dict[int, int] = {}  # pid → peak RSS
    cpu: dict[int, float] = {}  # pid → CPU seconds (user + system) at the last sample
    workers_seen: set[int] = set()
    peak_total = 0
    while proc.poll() is None:
        total = 0
        for p in [main, *_children(main)]:
            try:
                rss = p.memory_info().rss
                cpu[p.pid] = sum(p.cpu_times()[:2])
                if _runs_pipeline(p, main, engine, workers):
                    workers_seen.add(p.pid)
            except psutil.Error:
                continue
            peak[p.pid] = max(peak.get(p.pid, 0), rss)
            total += rss
        peak_total = max(peak_total, total)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed with exit code {proc.returncode}")
    return {"seconds": seconds, "workers_seen": len(workers_seen), "cpu_seconds": sum(cpu.values()),
            "peak_rss_worker_mb": max(peak[p] for p in workers_seen) / 2**20, "peak_rss_all_mb": peak_total / 2**20}


def _children(process: psutil.Process) -> list[psutil.Process]:
    try:
        return process.children(recursive=True)
    except psutil.Error:
        return []


def _runs_pipeline(p: psutil.Process, main: psutil.Process, engine: str, workers: int) -> bool:
    if engine == "ray":
        return RAY_WORKER in " ".join(p.cmdline())
    if workers == 1:
        return p.pid == main.pid
    return p.pid != main.pid and "python" in p.name() and "resource_tracker" not in " ".join(p.cmdline())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ray_throughput.json")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    lines = args.corpus.read_text("utf-8").splitlines()[: args.limit]
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    report = {"corpus": str(args.corpus), "articles": len(lines), "words": words, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(lines) + "\n", "utf-8")
        for engine, workers in RUNS:
            r = extract(corpus, engine, workers, Path(tmp))
            r["articles_per_s"] = len(lines) / r["seconds"]
            r["words_per_s"] = words / r["seconds"]
            r["cpu_ms_per_article"] = 1000 * r["cpu_seconds"] / len(lines)
            report["runs"][f"{engine}_{workers}"] = r
            print(f"{engine:5} {workers} {r['seconds']:7.1f} s {r['articles_per_s']:6.1f} articles/s "
                  f"{r['cpu_ms_per_article']:5.0f} CPU ms/article  peak RSS "
                  f"worker {r['peak_rss_worker_mb']:.0f} MB, all processes {r['peak_rss_all_mb']:.0f} MB", flush=True)
    runs = report["runs"]
    rate = {k: r["articles_per_s"] for k, r in runs.items()}
    report["ratios"] = {
        "local_scaling_efficiency": rate["local_2"] / (2 * rate["local_1"]),
        "ray_scaling_efficiency": rate["ray_2"] / (2 * rate["ray_1"]),
        "ray_overhead_1": 1 - rate["ray_1"] / rate["local_1"],
        "ray_overhead_2": 1 - rate["ray_2"] / rate["local_2"],
        # CPU time per article is less sensitive than wall time to other load on the machine
        "ray_cpu_overhead_1": runs["ray_1"]["cpu_seconds"] / runs["local_1"]["cpu_seconds"] - 1,
        "ray_cpu_overhead_2": runs["ray_2"]["cpu_seconds"] / runs["local_2"]["cpu_seconds"] - 1,
    }
    save(report, args.out, markdown(report))


def markdown(report: dict) -> str:
    """The results as the README's table."""
    runs, ratios = report["runs"], report["ratios"]
    notes = {
        "local_2": f"scaling efficiency {ratios['local_scaling_efficiency']:.2f}",
        "ray_1": f"Ray overhead over local: time {ratios['ray_overhead_1']:+.0%}, "
                 f"CPU {ratios['ray_cpu_overhead_1']:+.0%} (target < 15%)",
        "ray_2": f"scaling efficiency {ratios['ray_scaling_efficiency']:.2f}; Ray overhead over local: "
                 f"time {ratios['ray_overhead_2']:+.0%}, CPU {ratios['ray_cpu_overhead_2']:+.0%} (target < 15%)",
    }
    header = "| engine | workers | articles/s | words/s | CPU ms/article | peak RSS per worker | peak RSS, all | notes |"
    lines = [header, "|---|---|---|---|---|---|---|---|"]
    for key, r in runs.items():
        engine, workers = key.rsplit("_", 1)
        lines.append(f"| {engine} | {workers} | {r['articles_per_s']:.1f} | {r['words_per_s']:,.0f} | "
                     f"{r['cpu_ms_per_article']:.0f} | "
                     f"{r['peak_rss_worker_mb']:.0f} MB | {r['peak_rss_all_mb']:.0f} MB | {notes.get(key, '')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
