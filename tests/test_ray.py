"""The Ray engine against a real local Ray instance (started once for the session, 2 CPUs), and the
Parquet dataset it writes: same results as the local engine, resume after a kill, bad records, load."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from eventwire.batch import run_batch
from eventwire.schema import ArticleResult, RecordError, text_hash
from eventwire.store import parquet
from eventwire.store.database import TABLES, Store

SAMPLE = resources.files("eventwire.demo").joinpath("articles.jsonl")
EXTRACTOR = "MapBatches(_Extractor)"  # in the process title of the Ray actors that analyse


@pytest.fixture(scope="session")
def ray_address():
    ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'eventwire[ray]'")
    from eventwire.runners import ray_runner

    temp = ray_runner._start_local_ray(ray, 2)
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()
    shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture(scope="session")
def local_store(tmp_path_factory) -> Path:
    """The sample corpus through the local engine into a store."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    with Store(db) as store:
        run_batch([str(SAMPLE)], store=store)
    return db


@pytest.fixture(scope="module")
def sample_run(ray_address, tmp_path_factory) -> tuple[Path, object, list]:
    """The sample corpus through the Ray engine with 2 actors: (dataset, summary, reported items)."""
    out = tmp_path_factory.mktemp("ray") / "run"
    return out, *run_ray([SAMPLE], out, workers=2)


def run_ray(inputs, out, **options):
    from eventwire.runners import ray_runner

    seen = []
    summary = ray_runner.run([str(i) for i in inputs], str(out), on_item=seen.append, **options)
    return summary, seen


def table_contents(db: Path) -> dict[str, list]:
    """Every row of every table, in a fixed order, without the time a row was added."""
    with Store(db, readonly=True) as store:
        return {t: sorted(json.dumps({k: v for k, v in row.items() if k != "added"}, sort_keys=True)
                          for row in store.rows(t)) for t in TABLES}


def files(out: Path) -> dict[str, float]:
    return {str(p.relative_to(out)): p.stat().st_mtime for p in out.rglob("*") if p.is_file()}


def test_same_results_as_the_local_engine_and_a_rerun_skips_them(sample_run, local_store, tmp_path):
    out, summary, seen = sample_run
    assert summary.articles == 14 and summary.failed == 0 and summary.cached == 0
    assert all(not isinstance(x, RecordError) for x in seen)
    records = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()]
    dates = {f"published={r['published']}" for r in records}
    assert {p.name for p in (out / "articles").iterdir()} == dates
    assert {p.name for p in (out / "actors").iterdir()} <= dates

    db = tmp_path / "ray.db"
    with Store(db) as store:
        assert parquet.load(str(out), store) == (14, 14)
    assert table_contents(db) == table_contents(local_store)
    with Store(local_store, readonly=True) as a, Store(db, readonly=True) as b:
        for record in records:
            assert a.get(record["text"]).to_dict() == b.get(record["text"]).to_dict()

    before = files(out)
    summary, _ = run_ray([SAMPLE], out, workers=1)
    assert summary.articles == 14 and summary.cached == 14 and summary.stored == 0
    assert files(out) == before


def test_parquet_columns_are_the_store_columns(sample_run, tmp_path):
    out = sample_run[0]
    with Store(tmp_path / "empty.db") as store:
        for table in ("articles", "entities", "actors", "places", "times"):
            dataset = pads.dataset(out / table, format="parquet", partitioning="hive")
            # every table has the article's publication date as its partition column
            assert set(dataset.schema.names) == {name for name, _ in store.types[table]} | {"published"}, table
    actors = pads.dataset(out / "actors", partitioning="hive").to_table().to_pylist()
    kenya = next(a for a in actors if a["name"] == "Kenya")
    assert kenya["country"] == "KEN" and kenya["published"] == "2023-02-15" and len(kenya["article"]) == 64


def test_bad_records_are_reported_with_their_origin_and_the_run_goes_on(ray_address, tmp_path):
    good = "The mayor of Porto Alegre said on Tuesday that the flood barriers along the river would be raised."
    jsonl = tmp_path / "in" / "wire.jsonl"
    jsonl.parent.mkdir()
    jsonl.write_text("\n".join([
        json.dumps({"id": "ok-1", "text": good, "published": "2024-05-07"}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "no-text", "title": "A headline only"}),
        json.dumps({"id": "ok-2", "text": good.replace("Tuesday", "Friday"), "published": "2024-05-10"}),
    ]) + "\n", "utf-8")
    table = pa.table({"id": ["pq-1", "pq-2"], "text": [good.replace("mayor", "governor"), None],
                      "published": ["2024-05-08", "2024-05-08"]})
    pq.write_table(table, tmp_path / "in" / "feed.parquet")
    summary, seen = run_ray([tmp_path / "in", tmp_path / "missing.jsonl"], tmp_path / "run", workers=1)

    errors = {e.origin: e.message for e in seen if isinstance(e, RecordError)}
    assert errors == {
        f"{jsonl}:2": errors[f"{jsonl}:2"],
        f"{jsonl}:3": "record has no 'text' field",
        f"{tmp_path / 'in' / 'feed.parquet'}:row 2": "record has no 'text' field",
        str(tmp_path / "missing.jsonl"): "input not found",
    }
    assert errors[f"{jsonl}:2"].startswith("malformed JSON")
    assert summary.failed == 4 and summary.articles == 3
    written = {r.id for r in parquet.read_results(str(tmp_path / "run"))}
    assert written == {"ok-1", "ok-2", "pq-1"}


def _extractor_processes() -> list:
    import psutil

    return [p for p in psutil.process_iter(["cmdline"]) if EXTRACTOR in " ".join(p.info["cmdline"] or [])]


def test_a_killed_run_leaves_only_complete_files_and_a_rerun_finishes_it(ray_address, local_store, tmp_path):
    import psutil

    out = tmp_path / "run"
    # A driver of its own (on the session's Ray instance), committing two articles at a time, killed
    # as soon as its first batch is in.
    code = ("import sys; from eventwire.runners.ray_runner import run; "
            "run([sys.argv[1]], sys.argv[2], workers=1, address=sys.argv[3], batch_size=2)")
    driver = subprocess.Popen([sys.executable, "-c", code, str(SAMPLE), str(out), ray_address],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not list(out.glob("articles/*/part-*.parquet")):
        assert driver.poll() is None and time.monotonic() < deadline, "no batch was committed"
        time.sleep(0.05)
    actors = _extractor_processes()
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    psutil.wait_procs(actors, timeout=60)  # Ray ends the dead driver's actors
    assert not _extractor_processes()

    committed = pads.dataset(out / "articles", partitioning="hive").to_table(columns=["hash"])["hash"].to_pylist()
    assert 0 < len(committed) < 14, "the run was not interrupted"
    visible = [p for p in out.rglob("*.parquet") if not p.name.startswith(".")]
    assert all(pq.read_metadata(p).num_rows > 0 for p in visible)  # complete files only

    summary, _ = run_ray([SAMPLE], out, workers=2)
    assert summary.cached == len(set(committed)) and summary.articles == 14 and summary.failed == 0
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]
    hashes = pads.dataset(out / "articles", partitioning="hive").to_table(columns=["hash"])["hash"].to_pylist()
    assert len(hashes) == len(set(hashes)) == 14
    db = tmp_path / "ray.db"
    with Store(db) as store:
        parquet.load(str(out), store)
    assert table_contents(db) == table_contents(local_store)


def test_an_uncommitted_batch_is_removed_before_the_next_run(pipeline, tmp_path):
    from eventwire.ingest import read_inputs

    results = [r for r in pipeline.process(list(read_inputs([str(SAMPLE)]))[:3]) if isinstance(r, ArticleResult)]
    out = tmp_path / "run"
    parquet.Writer(str(out)).write(results[:2])
    keep = files(out)
    # What a run killed while committing leaves: a child file renamed, the articles file still temporary.
    parquet.Writer(str(out)).write(results[2:])
    partition = f"published={results[2].published}"
    article_file = next((out / "articles" / partition).glob("part-*.parquet"))
    article_file.rename(article_file.with_name(f".{article_file.name}.tmp"))
    assert (out / "actors" / partition / article_file.name).exists()

    done = parquet.prepare(str(out))
    assert files(out) == keep
    assert done == {parquet.article_key(text_hash(r.text), r.published) for r in results[:2]}


def test_cli_extract_on_a_ray_address_then_load_twice(ray_address, local_store, tmp_path):
    env = {**os.environ, "COLUMNS": "200"}

    def eventwire(*args):
        return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True, text=True,
                              env=env, timeout=600, check=False, cwd=tmp_path)

    # Relative paths, as a user types them: the Ray workers do not share this working directory.
    (tmp_path / "wire.jsonl").write_text(SAMPLE.read_text("utf-8") + '{"id": "cut-off", "text": "The\n', "utf-8")
    out, db = tmp_path / "run", tmp_path / "ew.db"
    proc = eventwire("extract", "wire.jsonl", "--engine", "ray", "--address", ray_address, "--out", "run")
    assert proc.returncode == 1, proc.stderr
    assert "14 articles (0 already written), 1 failed" in proc.stderr
    assert "error: wire.jsonl:15: malformed JSON" in proc.stderr
    first = eventwire("load", str(out), "--db", str(db))
    again = eventwire("load", str(out), "--db", str(db))
    assert first.returncode == again.returncode == 0
    assert "14 articles read" in first.stderr and "14 new articles" in first.stderr
    assert "0 new articles" in again.stderr
    assert table_contents(db) == table_contents(local_store)

    refused = eventwire("extract", str(SAMPLE), "--engine", "ray", "--out", str(out), "--db", str(db))
    assert refused.returncode == 2 and "eventwire load DIR --db DB" in refused.stderr
    not_a_run = eventwire("load", str(tmp_path), "--db", str(db))
    assert not_a_run.returncode == 1 and "not an eventwire Parquet run" in not_a_run.stderr


def test_without_ray_the_engine_says_how_to_install_it(tmp_path):
    code = ("import sys; sys.modules['ray'] = None; from eventwire.cli import app; "
            "app(['extract', sys.argv[1], '--engine', 'ray', '--out', sys.argv[2]])")
    proc = subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(tmp_path / "run")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 2
    assert "pip install 'eventwire[ray]'" in proc.stderr
