"""The SQLite store on a real file: idempotent writes, batches, filters, exports."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3

import pyarrow.parquet as pq
import pytest

from eventwire.schema import Actor, ArticleResult, Entity, Place, Time
from eventwire.store.database import Filters, Store, StoreError
from eventwire.store.export import write_rows


def make(text: str, id: str, published: str | None, actor: tuple[str, str | None]) -> ArticleResult:
    name, country = actor
    start = text.index(name)
    return ArticleResult(
        id=id, text=text, title=f"title {id}", published=published,
        entities=[Entity(name, "GPE" if country else "PERSON", start, start + len(name), "a1")],
        actors=[Actor("a1", name, "country" if country else "person", country=country,
                      mentions=[[start, start + len(name)]])],
        places=[Place("p1", name, start, start + len(name), name, country=country, feature="country")]
        if country else [],
        times=[Time("t1", "Monday", 0, 6, published)] if published else [],
    )


@pytest.fixture
def results():
    return [
        make("Monday: Ghana and its neighbours met.", "a", "2024-01-08", ("Ghana", "GHA")),
        make("Monday: Lena Park spoke in Seoul.", "b", "2024-02-05", ("Lena Park", None)),
        make("Monday: Ghana's president travelled.", "c", "2024-03-04", ("Ghana", "GHA")),
    ]


def test_rerunning_the_same_articles_adds_and_changes_nothing(tmp_path, results):
    db = tmp_path / "ew.db"
    with Store(db) as store:
        assert store.add(results) == 3
        before = store.counts()
    with Store(db) as store:
        assert store.add(results) == 0
        assert store.counts() == before
    assert before["articles"] == 3 and before["actors"] == 3 and before["places"] == 2
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_stored_record_round_trips(tmp_path, results):
    with Store(tmp_path / "ew.db") as store:
        store.add(results)
        back = store.get(results[1].text)
    assert back.to_dict() == results[1].to_dict()


def test_a_failing_batch_leaves_earlier_batches_intact(tmp_path, results):
    db = tmp_path / "ew.db"
    with Store(db) as store:
        store.add(results[:1])
        broken = make("Monday: Togo voted.", "d", "2024-04-01", ("Togo", "TGO"))
        broken.actors = [object()]  # not a schema object: the row cannot be built
        with pytest.raises(TypeError):
            store.add([results[1], broken])
    with Store(db) as store:
        assert [r["id"] for r in store.rows("articles")] == ["a"]  # the whole failed batch rolled back
        assert store.add(results) == 2


def test_filters(tmp_path, results):
    with Store(tmp_path / "ew.db") as store:
        store.add(results)
        ids = lambda table, **f: [r["article_id" if table != "articles" else "id"]
                                  for r in store.rows(table, Filters(**f))]
        assert ids("articles", country="gha") == ["a", "c"]
        assert ids("articles", actor="park") == ["b"]
        assert ids("articles", since="2024-02-01", until="2024-02-29") == ["b"]
        assert ids("actors", country="GHA", since="2024-02-01") == ["c"]
        assert ids("places", country="GHA") == ["a", "c"]
        assert ids("times", until="2024-01-31") == ["a"]
        assert ids("articles", actor="%") == []  # LIKE wildcards are taken literally
        with pytest.raises(StoreError, match="events only"):
            list(store.rows("articles", Filters(type="ASSAULT")))
        with pytest.raises(StoreError, match="unknown table"):
            list(store.rows("nope"))


def test_exports_in_every_format(tmp_path, results):
    with Store(tmp_path / "ew.db") as store:
        store.add(results)
        columns = store.output_columns("actors")
        assert write_rows(store.rows("actors"), "jsonl", str(tmp_path / "a.jsonl"), columns) == 3
        write_rows(store.rows("actors"), "csv", str(tmp_path / "a.csv"), columns)
        write_rows(store.rows("actors"), "parquet", str(tmp_path / "a.parquet"), columns)
        write_rows(store.rows("events"), "parquet", str(tmp_path / "e.parquet"), store.output_columns("events"))
        articles = list(store.rows("articles"))
    lines = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert [x["name"] for x in lines] == ["Ghana", "Lena Park", "Ghana"]
    assert json.loads(lines[0]["mentions"]) == [[8, 13]]
    rows = list(csv.DictReader((tmp_path / "a.csv").open()))
    assert [r["article_id"] for r in rows] == ["a", "b", "c"]
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.column("country").to_pylist() == ["GHA", None, "GHA"]
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    assert "story" in articles[0] and "record" not in articles[0]


def test_readonly_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_date_filters_use_the_days_a_value_covers(tmp_path):
    text = "Officials met last week, in May and in 2019."
    result = ArticleResult(id="w", text=text, published="2024-02-20", times=[
        Time("t1", "last week", 16, 25, "2024-W07"),  # 2024-02-12 .. 2024-02-18
        Time("t2", "May", 30, 33, "2024-05"),
        Time("t3", "2019", 41, 45, "2019"),
    ])
    with Store(tmp_path / "ew.db") as store:
        store.add([result])
        texts = lambda **f: [r["text"] for r in store.rows("times", Filters(**f))]
        assert texts(since="2024-02-18") == ["last week", "May"]
        assert texts(since="2024-02-19") == ["May"]
        assert texts(until="2024-02-12") == ["last week", "2019"]
        assert texts(since="2019-12-31", until="2019-12-31") == ["2019"]
        assert texts(since="2024-05-31", until="2024-06-30") == ["May"]


def test_a_closed_store_is_whole_in_its_own_file_even_with_a_reader_open(tmp_path):
    db = tmp_path / "ew.db"
    store = Store(db)
    reader = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)  # a worker's KB snapshot
    reader.execute("SELECT count(*) FROM articles").fetchone()
    store.add([ArticleResult(id=f"r{i}", text=f"Record number {i} of the batch.") for i in range(5)])
    store.close()
    copy = tmp_path / "copy.db"
    shutil.copyfile(db, copy)  # the database file alone, without its -wal and -shm files
    reader.close()
    with sqlite3.connect(copy) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
