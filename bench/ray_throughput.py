"""The Ray engine against the local engine on a news corpus (JSONL with a `text` field per line).

Runs `eventwire extract` as a user runs it (model loading, and for Ray the start of a local Ray
instance, included) on the same articles with the local engine and 1 and 2 worker processes, and
with the Ray engine and 1 and 2 actors, interleaved (local 1, Ray 1, local 2, Ray 2; with --repeat,
every other round in the reverse order, and the median of the rounds reported). For each run:

- wall-clock articles/s, and the steady rate: articles/s between the first output and the last
  (the output is watched every 0.2 s: lines of the JSONL file, rows of committed Parquet files);
  the fixed cost is the rest of the wall time (start: processes, imports, Ray, model; and stop);
- CPU seconds of the whole run (the process and all it started) and of the processes that run the
  pipeline, of the driver, and of everything else (Ray's own processes);
- peak RSS of one worker (the process that runs the pipeline) and of all the run's processes;
- the load average before the run (other load on the machine slows every run it overlaps).

Ratios: scaling efficiency (2-worker rate / twice the 1-worker rate) and Ray's overhead over local
at the same parallelism (target: under 15%), in wall time, in steady rate and in CPU time. Every run
has OMP_NUM_THREADS=1, which Ray sets for its actors. Without --limit it uses the whole corpus.

    python bench/ray_throughput.py [--corpus ../shared/corpora/bbc/bbc.jsonl] [--limit N] [--repeat R]
                                   [--out bench/results/ray_throughput.json]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
from throughput import corpus_options, parse, save  # bench/ is the script's own folder, first on sys.path

RAY_WORKER = "MapBatches(_Extractor)"  # in the process title of the Ray actors that analyse
RUNS = [("local", 1), ("ray", 1), ("local", 2), ("ray", 2)]
SAMPLE_S = 0.2


class Output:
    """How many articles a run has written so far: JSONL lines, or rows of committed Parquet files."""

    def __init__(self, path: Path, engine: str) -> None:
        self.path, self.engine = path, engine
        self.offset = self.lines = 0
        self.files: dict[Path, int] = {}

    def count(self) -> int:
        if self.engine == "local":
            if self.path.exists():
                with self.path.open("rb") as f:
                    f.seek(self.offset)
                    data = f.read()
                self.offset += len(data)
                self.lines += data.count(b"\n")
            return self.lines
        for f in self.path.glob("articles/*/part-*.parquet"):  # committed files only (temporaries are hidden)
            if f not in self.files:
                self.files[f] = pq.ParquetFile(f).metadata.num_rows
        return sum(self.files.values())


def extract(corpus: Path, articles: int, engine: str, workers: int, tmp: Path) -> dict:
    out = tmp / (f"{engine}-{workers}" + ("" if engine == "ray" else ".jsonl"))
    command = [sys.executable, "-m", "eventwire", "extract", str(corpus), "--workers", str(workers),
               "--engine", engine, "--out", str(out), "--quiet"]
    load = os.getloadavg()[0]
    output = Output(out, engine)
    started = time.perf_counter()
    # Ray runs its actors with one BLAS/OpenMP thread; the local engine's processes get the same.
    proc = subprocess.Popen(command, env={**os.environ, "OMP_NUM_THREADS": "1"})
    main = psutil.Process(proc.pid)
    peak: dict[int, int] = {}  # pid → peak RSS
    cpu: dict[int, float] = {}  # pid → CPU seconds (user + system) at the last sample
    workers_seen: set[int] = set()
    peak_total = 0
    progress: list[tuple[float, int]] = []  # (seconds, articles written) whenever the count changes
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
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
        n = output.count()
        if not progress or n != progress[-1][1]:
            progress.append((time.perf_counter() - started, n))
        time.sleep(SAMPLE_S)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed with exit code {os.waitstatus_to_exitcode(status)}")
    n = output.count()
    if n != progress[-1][1]:
        progress.append((seconds, n))
    if n != articles:
        sys.exit(f"{' '.join(command)} wrote {n} articles of {articles}")
    # usage counts the process and the descendants it waited for (not all of Ray's), the samples every
    # process but the last 0.2 s of each: the larger is the better estimate
    cpu_all = max(usage.ru_utime + usage.ru_stime, sum(cpu.values()))
    cpu_workers = sum(cpu[p] for p in workers_seen)
    cpu_driver = cpu.get(main.pid, 0.0) if engine == "ray" or workers > 1 else 0.0
    # steady rate: from the first output to the last; an output comes per batch (Ray: 64 articles per
    # actor), so this is within a batch per worker of the truth: close on the whole corpus, rough on a few hundred
    (t_first, n_first), t_last = next((t, k) for t, k in progress if k > 0), progress[-1][0]
    steady = (n - n_first) / (t_last - t_first) if t_last > t_first else n / seconds
    return {
        "seconds": seconds, "articles_per_s": n / seconds, "steady_articles_per_s": steady,
        "fixed_seconds": seconds - n / steady, "first_output_s": t_first, "load_average": load,
        "cpu_seconds": cpu_all, "cpu_ms_per_article": 1000 * cpu_all / n,
        "worker_cpu_ms_per_article": 1000 * cpu_workers / n, "driver_cpu_seconds": cpu_driver,
        "other_cpu_seconds": max(cpu_all - cpu_workers - cpu_driver, 0.0), "workers_seen": len(workers_seen),
        "peak_rss_worker_mb": max(peak[p] for p in workers_seen) / 2**20, "peak_rss_all_mb": peak_total / 2**20,
    }


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
    ap = corpus_options(__doc__, "ray_throughput")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of the four runs (median reported)")
    args = parse(ap)
    lines = args.corpus.read_text("utf-8").splitlines()[: args.limit]
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    report = {"corpus": str(args.corpus), "articles": len(lines), "words": words, "cpus": os.cpu_count(),
              "rounds": [], "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(lines) + "\n", "utf-8")
        for round_ in range(args.repeat):
            runs = {}
            for engine, workers in RUNS if round_ % 2 == 0 else RUNS[::-1]:
                run_dir = Path(tmp) / f"round-{round_}"
                run_dir.mkdir(exist_ok=True)
                r = extract(corpus, len(lines), engine, workers, run_dir)
                runs[f"{engine}_{workers}"] = r
                print(f"round {round_ + 1} {engine:5} {workers} {r['seconds']:6.1f} s {r['articles_per_s']:5.1f} "
                      f"articles/s (steady {r['steady_articles_per_s']:5.1f}, fixed {r['fixed_seconds']:4.1f} s) "
                      f"CPU {r['cpu_ms_per_article']:4.0f} ms/article (worker {r['worker_cpu_ms_per_article']:3.0f}, "
                      f"driver {r['driver_cpu_seconds']:4.1f} s, other {r['other_cpu_seconds']:4.1f} s)  peak RSS "
                      f"worker {r['peak_rss_worker_mb']:.0f} MB, all {r['peak_rss_all_mb']:.0f} MB  "
                      f"load {r['load_average']:.1f}", flush=True)
            report["rounds"].append({"runs": runs, "ratios": ratios(runs)})
    report["runs"] = {key: {m: statistics.median(r["runs"][key][m] for r in report["rounds"])
                            for m in report["rounds"][0]["runs"][key]} for key in report["rounds"][0]["runs"]}
    report["ratios"] = ratios(report["runs"])
    save(report, args.out, markdown(report))


def ratios(runs: dict[str, dict]) -> dict[str, float]:
    """Scaling efficiency and Ray's overhead over local, in wall time, steady rate and CPU time."""
    def rate(key: str, measure: str = "articles_per_s") -> float:
        return runs[key][measure]

    result = {}
    for engine in ("local", "ray"):
        result[f"{engine}_scaling_efficiency"] = rate(f"{engine}_2") / (2 * rate(f"{engine}_1"))
        result[f"{engine}_steady_scaling_efficiency"] = (rate(f"{engine}_2", "steady_articles_per_s")
                                                         / (2 * rate(f"{engine}_1", "steady_articles_per_s")))
    for w in (1, 2):
        result[f"ray_overhead_{w}"] = rate(f"local_{w}") / rate(f"ray_{w}") - 1
        result[f"ray_steady_overhead_{w}"] = (rate(f"local_{w}", "steady_articles_per_s")
                                              / rate(f"ray_{w}", "steady_articles_per_s") - 1)
        result[f"ray_cpu_overhead_{w}"] = runs[f"ray_{w}"]["cpu_seconds"] / runs[f"local_{w}"]["cpu_seconds"] - 1
        result[f"ray_worker_cpu_overhead_{w}"] = (runs[f"ray_{w}"]["worker_cpu_ms_per_article"]
                                                  / runs[f"local_{w}"]["worker_cpu_ms_per_article"] - 1)
    return result


def markdown(report: dict) -> str:
    """The results as the README's table."""
    runs, ratios = report["runs"], report["ratios"]

    def overhead(w: int) -> str:
        return (f"Ray overhead over local: wall {ratios[f'ray_overhead_{w}']:+.0%}, steady "
                f"{ratios[f'ray_steady_overhead_{w}']:+.0%}, CPU {ratios[f'ray_cpu_overhead_{w}']:+.0%} (target < 15%)")

    def scaling(engine: str) -> str:
        return (f"scaling efficiency {ratios[f'{engine}_scaling_efficiency']:.2f} "
                f"(steady {ratios[f'{engine}_steady_scaling_efficiency']:.2f})")

    notes = {"local_2": scaling("local"), "ray_1": overhead(1), "ray_2": f"{scaling('ray')}; {overhead(2)}"}
    lines = [("| engine | workers | articles/s | steady articles/s | fixed cost | CPU ms/article (worker) | "
              "driver + other CPU | peak RSS per worker | peak RSS, all | load avg | notes |"),
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for key, r in runs.items():
        engine, workers = key.rsplit("_", 1)
        lines.append(f"| {engine} | {workers} | {r['articles_per_s']:.1f} | {r['steady_articles_per_s']:.1f} | "
                     f"{r['fixed_seconds']:.1f} s | {r['cpu_ms_per_article']:.0f} ({r['worker_cpu_ms_per_article']:.0f}) | "
                     f"{r['driver_cpu_seconds']:.1f} + {r['other_cpu_seconds']:.1f} s | {r['peak_rss_worker_mb']:.0f} MB | "
                     f"{r['peak_rss_all_mb']:,.0f} MB | {r['load_average']:.1f} | {notes.get(key, '')} |")
    lines.append(f"\n{report['articles']:,} articles, {report['words']:,} words, {len(report['rounds'])} round(s), "
                 f"{report['cpus']} CPUs; medians of the rounds.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
