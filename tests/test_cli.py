"""The `eventwire` command through a real subprocess: bad input, exit codes, store, export, demo."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

GOOD = ("Officials in Ghana said on Tuesday that the new port would open next year. "
        "The minister told reporters the project had cost more than expected.")
GOOD2 = ("Farmers in Kenya blocked a highway on Monday to protest against rising fuel prices, "
         "police said. Several people were detained.")
FRENCH = ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs "
          "touchés par la sécheresse, selon un communiqué publié dans la soirée par le ministère.")


def eventwire(*args: str, cwd=None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True, text=True,
                          cwd=cwd, input=stdin, env=env, timeout=600)


def jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    """One run over a folder where good records sit among every kind of bad input."""
    d = tmp_path_factory.mktemp("inputs")
    (d / "01-good.txt").write_text("Port to open in Ghana\n" + GOOD + "\n", "utf-8")
    (d / "02-empty.txt").write_bytes(b"")
    (d / "03-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "04-latin1.txt").write_bytes("Caf\xe9 owners protest\nThe caf\xe9 owners marched.".encode("latin-1"))
    records = [{"id": "r1", "text": GOOD2, "published": "2024-05-06"}]
    (d / "05-mixed.jsonl").write_text(
        json.dumps(records[0]) + "\n" + '{"id": "r2", "text": "unterminated\n' + json.dumps({"id": "r3"}) + "\n"
        + json.dumps({"id": "r4", "text": FRENCH}) + "\n"
        + json.dumps({"id": "r5", "text": "x" * 5_300_000}) + "\n"
        + json.dumps({"id": "r6", "text": GOOD, "published": "2024-05-07"}) + "\n", "utf-8")
    (d / "06-menu.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                                    "<footer>(c) Example</footer></body></html>", "utf-8")
    (d / "07-notes.docx").write_bytes(b"PK\x03\x04\x00\x00binary")
    out = d / "out.jsonl"
    db = d / "ew.db"
    explicit_unknown = d / "07-notes.docx"  # directory walks skip unknown extensions; named files are sniffed
    proc = eventwire("extract", str(d), str(explicit_unknown), str(d / "missing.jsonl"),
                     "--out", str(out), "--db", str(db))
    return proc, out, db, d


def test_bad_records_are_reported_and_the_rest_is_written(bad_batch):
    proc, out = bad_batch[:2]
    assert proc.returncode == 1, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    expected = {
        "02-empty.txt": "empty",
        "03-binary.txt": "binary",
        "04-latin1.txt": "UTF-8",
        "05-mixed.jsonl:2": "JSON",
        "05-mixed.jsonl:3": "text",
        "05-mixed.jsonl:5": "too long",
        "06-menu.html": "no article text",
        "07-notes.docx": "binary",
        "missing.jsonl": "not found",
    }
    for where, what in expected.items():
        hits = [e for e in errors if f"{where}:" in e or e.endswith(where)]
        assert len(hits) == 1, (where, errors)
        assert what.lower() in hits[0].lower(), hits[0]
    assert len(errors) == len(expected)
    ids = [r["id"] for r in jsonl(out)]
    assert ids[0].startswith("h") and ids[1:] == ["r1", "r4", "r6"]
    french = jsonl(out)[2]
    assert french["entities"] == [] and "English" in french["warnings"][0]
    assert any(line.startswith("warning:") and "05-mixed.jsonl:4: text does not look like English" in line
               for line in proc.stderr.splitlines())
    summary = proc.stderr.strip().splitlines()
    assert any("4 articles" in line and "9 failed" in line for line in summary), summary


def test_records_follow_the_schema(bad_batch):
    out = bad_batch[1]
    good = jsonl(out)[0]
    assert good["schema"] == "eventwire/1"
    assert good["title"] == "Port to open in Ghana" and good["text"] == GOOD
    for key in ("entities", "actors", "quotes", "places", "times", "events", "brief", "warnings"):
        assert key in good
    assert good["events"] == []
    for q in good["quotes"]:
        assert good["text"][q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]
    assert {p["country"] for p in good["places"]} == {"GHA"}
    for e in good["entities"]:
        assert good["text"][e["start"]:e["end"]] == e["text"]


def test_rerun_adds_nothing_and_gives_the_same_records(bad_batch):
    _, out, db, d = bad_batch
    con = sqlite3.connect(db)
    before = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "entities", "actors")]
    assert before[0] == 3  # r6 has the text of 01-good.txt: one article in the store
    again = d / "again.jsonl"
    proc2 = eventwire("extract", str(d / "05-mixed.jsonl"), str(d / "01-good.txt"), "--out", str(again),
                      "--db", str(db))
    assert proc2.returncode == 1  # the same bad records fail again
    # r6 is analysed again (its publication date differs from the stored copy's), but not stored again.
    assert "3 already in the store" in proc2.stderr and "0 new articles" in proc2.stderr
    after = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "entities", "actors")]
    assert after == before
    first = {r["id"]: r for r in jsonl(out)}
    for r in jsonl(again):
        assert r == first[r["id"]]


def test_usage_errors_exit_2(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": GOOD}) + "\n")
    unwritable = eventwire("extract", str(src), "--out", str(tmp_path / "no" / "such" / "dir" / "o.jsonl"))
    assert unwritable.returncode == 2
    assert "cannot write the output file" in unwritable.stderr and "o.jsonl" in unwritable.stderr
    bad_date = eventwire("extract", str(src), "--published", "yesterday")
    assert bad_date.returncode == 2 and "ISO date" in bad_date.stderr
    no_store = eventwire("query", "articles", "--db", str(tmp_path / "none.db"))
    assert no_store.returncode == 2 and "no such store" in no_store.stderr


def test_stdin_to_stdout_with_two_workers_equals_one(tmp_path):
    lines = "".join(json.dumps({"id": f"s{i}", "text": t, "published": "2024-05-07"}) + "\n"
                    for i, t in enumerate([GOOD, GOOD2, GOOD, FRENCH, GOOD2] * 4))
    lines += '{"id": "broken"\n' + json.dumps({"id": "last", "text": GOOD2}) + "\n"
    one = eventwire("extract", "-", "--quiet", stdin=lines)
    two = eventwire("extract", "-", "--workers", "2", "--quiet", stdin=lines)
    assert one.returncode == 1 and two.returncode == 1, two.stderr
    assert one.stderr == two.stderr == "error: <stdin>:21: malformed JSON: Expecting ',' delimiter (column 16)\n"
    assert one.stdout == two.stdout
    assert [json.loads(x)["id"] for x in one.stdout.splitlines()] == [f"s{i}" for i in range(20)] + ["last"]


def test_output_file_that_is_also_an_input_is_refused(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": GOOD}) + "\n")
    proc = eventwire("extract", str(src), "--out", str(src))
    assert proc.returncode == 2 and "is also an input" in proc.stderr
    assert json.loads(src.read_text())["text"] == GOOD  # untouched


def test_demo_then_query_and_export(tmp_path):
    demo = eventwire("demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    db = tmp_path / "eventwire.db"
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] >= 12
    assert "eventwire query" in demo.stdout
    q = eventwire("query", "actors", "--db", str(db), "--country", "USA", "--limit", "5")
    assert q.returncode == 0 and "USA" in q.stdout
    exp = eventwire("export", "--db", str(db), "--table", "articles", "--format", "csv", "--out",
                    str(tmp_path / "a.csv"))
    assert exp.returncode == 0
    header = (tmp_path / "a.csv").read_text().splitlines()[0].split(",")
    assert "story" in header and "id" in header
    bad = eventwire("export", "--db", str(db), "--table", "nope")
    assert bad.returncode == 2 and "unknown table" in bad.stderr


def test_a_killed_run_keeps_whole_batches_and_a_rerun_completes_it(tmp_path):
    n = 400
    src, db = many_articles(tmp_path, n), tmp_path / "ew.db"

    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "extract", str(src), "--db", str(db), "--quiet"])
    deadline = time.monotonic() + 300
    while stored_count(db) < 64 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    kept = stored_count(db)
    assert 0 < kept < n and kept % 64 == 0  # whole batches only; the one in flight is gone
    rerun = eventwire("extract", str(src), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n} articles ({kept} already in the store)" in rerun.stderr
    assert f"{n - kept} new articles" in rerun.stderr
    assert stored_count(db) == n
    with sqlite3.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY rowid")]
    assert ids == [f"m{i}" for i in range(n)]


def stored_count(db) -> int:
    try:
        with sqlite3.connect(db) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the store is not created yet
        return 0


def many_articles(tmp_path, n: int):
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"id": f"m{i}", "text": f"Item {i}. {GOOD2}"}) + "\n" for i in range(n)))
    return src


def test_ctrl_c_keeps_whole_batches_and_says_how_to_finish(tmp_path):
    src, db = many_articles(tmp_path, 2000), tmp_path / "ew.db"
    # Ctrl-C reaches the run as it would from a terminal, whatever this test process does with SIGINT
    # (a child inherits an ignored SIGINT, and Python then never raises KeyboardInterrupt).
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "extract", str(src), "--db", str(db)],
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while stored_count(db) < 64 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "run the same command again" in stderr
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] % 64 == 0


def test_a_dead_worker_ends_the_run_with_a_clear_error(tmp_path):
    src, out = many_articles(tmp_path, 2000), tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "extract", str(src), "--out", str(out),
                             "--workers", "2", "--quiet"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline:
        time.sleep(0.05)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    workers = [pid for pid in children
               if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert len(workers) == 2
    os.kill(int(workers[0]), signal.SIGKILL)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "a worker process died" in stderr
    lines = out.read_text().splitlines()
    assert 0 < len(lines) < 2000
    assert [json.loads(x)["id"] for x in lines] == [f"m{i}" for i in range(len(lines))]


def test_unwritable_store_is_a_usage_error(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": GOOD}) + "\n")
    proc = eventwire("extract", str(src), "--db", str(tmp_path / "missing-dir" / "ew.db"))
    assert proc.returncode == 2 and "cannot open the store" in proc.stderr
