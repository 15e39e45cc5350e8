"""Stories and deduplicated events on real stores filled by the real pipeline: grouping, incremental
additions, event mentions across articles, exports, the `stories` commands, the B-cubed evaluation,
and a store written before stories existed."""

from __future__ import annotations

import json
import sqlite3

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.evaluation.stories import bcubed
from eventwire.schema import Article
from eventwire.store.database import Store, StoreError

ARTICLES = [
    {"id": "durban-1", "source": "Coastal Herald", "published": "2025-04-07",
     "title": "Durban dockworkers strike over pay, halting container traffic",
     "text": "DURBAN - Thousands of dockworkers at the port of Durban walked off the job on Monday, halting container "
             "traffic at Africa's busiest port. The South African Transport Workers Union said its members rejected a "
             "wage offer from Transnet. Police arrested twelve strikers outside the container terminal on Monday. "
             "\"We will not go back until the offer is fair,\" union leader Sipho Ndlovu told reporters."},
    {"id": "andes-1", "source": "Mining Monitor", "published": "2025-04-08",
     "title": "Landslide traps miners at Chilean copper mine",
     "text": "SANTIAGO - A landslide trapped nine miners in a copper mine in the Atacama region of Chile on Tuesday, "
             "the mining ministry said. Rescue teams were drilling toward a shelter where the miners are believed to "
             "have taken refuge. Mining Minister Aurora Williams visited the mine and said the rescue would continue "
             "through the night."},
    {"id": "durban-2", "source": "Cape Business Daily", "published": "2025-04-08",
     "title": "Port strike in Durban enters second day as Transnet talks stall",
     "text": "The strike by dockworkers at the port of Durban entered its second day on Tuesday after talks between "
             "Transnet and the South African Transport Workers Union broke down. Police arrested twelve strikers outside "
             "the container terminal on Monday, the union said. Shipping lines warned of delays at the port. "
             "Union leader Sipho Ndlovu said the strikers would stay out until Transnet improved its wage offer."},
    {"id": "tech-1", "source": "Gadget Weekly", "published": "2025-04-09",
     "title": "Lumio unveils a folding e-reader with a colour screen",
     "text": "The start-up Lumio unveiled a folding e-reader with a colour screen at a launch event in Berlin on "
             "Wednesday. The device weighs 240 grams and will go on sale in June for 299 euros, the company said. "
             "Reviewers praised the battery life but found the hinge stiff."},
    {"id": "andes-2", "source": "Andes Report", "published": "2025-04-09",
     "title": "Rescuers reach trapped Chilean copper miners",
     "text": "Rescue teams reached nine miners trapped by a landslide in a copper mine in Chile's Atacama region on "
             "Wednesday, the mining ministry said. All nine miners were alive. Mining Minister Aurora Williams thanked "
             "the rescue teams who drilled through the night to reach the shelter where the miners had taken refuge."},
    {"id": "durban-3", "source": "Wire South", "published": "2025-04-10",
     "title": "Transnet and union agree pay deal, ending Durban port strike",
     "text": "Transnet and the South African Transport Workers Union agreed a wage deal on Thursday, ending a four-day "
             "strike by dockworkers that halted container traffic at the port of Durban. Union leader Sipho Ndlovu "
             "said the strikers would return to work on Friday. Shipping lines said it would take a week to clear the "
             "backlog of containers at the Durban terminal."},
]
GROUPS = {("durban-1", "durban-2", "durban-3"), ("andes-1", "andes-2"), ("tech-1",)}
runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture(scope="module")
def results(pipeline):
    return [pipeline(Article(**a)) for a in ARTICLES]


@pytest.fixture(scope="module")
def db(tmp_path_factory, results):
    path = tmp_path_factory.mktemp("stories") / "ew.db"
    with Store(path) as store:
        assert store.add(results) == len(results)
    return path


def groups(store: Store) -> set[tuple[str, ...]]:
    by_story: dict[str, list[str]] = {}
    for row in store.rows("articles"):
        by_story.setdefault(row["story"], []).append(row["id"])
    return {tuple(ids) for ids in by_story.values()}


def test_articles_about_one_event_form_one_story(db):
    with Store(db, readonly=True) as store:
        assert groups(store) == GROUPS
        stories = {s["n_articles"]: s for s in store.rows("stories")}
    assert sorted(stories) == [1, 2, 3]
    strike = stories[3]
    assert (strike["first_seen"], strike["last_seen"]) == ("2025-04-07", "2025-04-10")
    assert strike["title"] == ARTICLES[0]["title"]


def test_later_articles_join_existing_stories_and_readding_changes_nothing(tmp_path, results):
    path = tmp_path / "ew.db"
    first = [r for r in results if r.id in ("durban-1", "andes-1", "tech-1")]
    with Store(path) as store:
        store.add(first)
        before = {r["id"]: r["story"] for r in store.rows("articles")}
    with Store(path) as store:  # a later run on the same store
        assert store.add(results) == 3
        after = {r["id"]: r["story"] for r in store.rows("articles")}
        assert {k: after[k] for k in before} == before
        assert after["durban-2"] == after["durban-3"] == before["durban-1"]
        assert after["andes-2"] == before["andes-1"]
        tables = ("stories", "story_keys", "term_df", "canonical_events")
        snapshot = [store.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables]
        assert store.add(results) == 0
        assert [store.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables] == snapshot


def test_the_same_event_in_two_articles_is_one_canonical_event(db):
    with Store(db, readonly=True) as store:
        events = list(store.rows("events"))
        mentions = list(store.rows("mentions"))
    arrests = [e for e in events if e["type"] == "COERCE" and e["actor_name"] == "Police"]
    assert len(arrests) == 1
    arrest = arrests[0]
    assert arrest["n_mentions"] == 2 and arrest["n_articles"] == 2
    assert json.loads(arrest["articles"]) == ["durban-1", "durban-2"]
    assert json.loads(arrest["sources"]) == ["Coastal Herald", "Cape Business Daily"]
    assert (arrest["first_day"], arrest["first_seen"]) == ("2025-04-07", "2025-04-07")
    its = [m for m in mentions if m["canonical"] == arrest["id"]]
    assert [(m["article_id"], m["source"], m["trigger_text"]) for m in its] == [
        ("durban-1", "Coastal Herald", "arrested"), ("durban-2", "Cape Business Daily", "arrested")]
    # every mention belongs to exactly one canonical event, and the counts add up
    ids = {e["id"] for e in events}
    assert all(m["canonical"] in ids for m in mentions)
    assert sum(e["n_mentions"] for e in events) == len(mentions)
    assert len(events) < len(mentions)


def test_exports_of_events_mentions_articles_and_stories(db, tmp_path):
    def export(table, fmt="jsonl", *extra):
        out = tmp_path / f"{table}.{fmt}"
        result = runner.invoke(app, ["export", "--db", str(db), "--table", table, "--format", fmt, "--out", str(out),
                                     *extra])
        assert result.exit_code == 0, result.output
        return out

    articles = [json.loads(line) for line in export("articles").open()]
    assert {a["id"]: a["story"] for a in articles}["durban-3"] == articles[0]["story"]
    stories = [json.loads(line) for line in export("stories").open()]
    assert sorted(s["n_articles"] for s in stories) == [1, 2, 3]
    events = [json.loads(line) for line in export("events", "jsonl", "--type", "coerce").open()]
    assert events and {e["type"] for e in events} == {"COERCE"}
    mentions = [json.loads(line) for line in export("mentions", "jsonl", "--since", "2025-04-10").open()]
    assert mentions and {m["article_id"] for m in mentions} == {"durban-3"}
    assert {"canonical", "source", "trigger_text", "sentence_start", "sentence_end", "confidence"} <= set(mentions[0])
    table = pq.read_table(export("events", "parquet"))
    assert table.schema.field("n_mentions").type == "int64" and table.num_rows > 0
    header = export("mentions", "csv").read_text().splitlines()[0].split(",")
    assert header[:3] == ["article_id", "source", "article"] and "canonical" in header


def test_stories_list_and_show(db):
    listed = runner.invoke(app, ["stories", "list", "--db", str(db)], env=WIDE)
    assert listed.exit_code == 0, listed.output
    assert "Durban dockworkers strike" in listed.output and "Landslide traps miners" in listed.output
    only = runner.invoke(app, ["stories", "list", "--db", str(db), "--since", "2025-04-10"], env=WIDE)
    assert "Durban" in only.output and "Landslide" not in only.output
    with Store(db, readonly=True) as store:
        strike = next(s["id"] for s in store.rows("stories") if s["n_articles"] == 3)
    shown = runner.invoke(app, ["stories", "show", strike, "--db", str(db)], env=WIDE)
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert any("COERCE" in x and "Police" in x and "arrested" in x and "2 mentions" in x for x in lines)
    assert any("We will not go back until the offer is fair" in x and "Coastal Herald" in x for x in lines)
    days = [x.split()[0] for x in lines[lines.index("Timeline") + 1:]]
    assert days == sorted(days)
    missing = runner.invoke(app, ["stories", "show", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no story 'nope'" in missing.output


def test_bcubed_on_a_hand_counted_example():
    scores = bcubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "y"})
    assert scores == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert bcubed({"a": "1", "b": "1"}, {"a": "x", "b": "x"})["f1"] == 1.0


def test_eval_stories_on_the_first_dev_articles(eval_dir):
    result = runner.invoke(app, ["eval", "stories", "--gold", str(eval_dir / "news_cluster" / "news_cluster.dev.jsonl"),
                                 "--limit", "45"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("B-cubed"))
    f1 = float(line.split("F1")[1])
    assert f1 >= 0.85, result.output


def test_a_store_written_before_stories_opens_and_migrates(tmp_path, results):
    path = tmp_path / "old.db"
    with Store(path, cluster=False) as store:
        store.add(results)
    con = sqlite3.connect(path)  # take away what stories added, as in a store of an earlier version
    with con:
        con.execute("DROP INDEX events_canonical")
        con.execute("ALTER TABLE events DROP COLUMN canonical")
        for table in ("story_keys", "term_df", "canonical_events"):
            con.execute(f"DROP TABLE {table}")
    con.close()
    with Store(path, readonly=True) as store:
        assert len(list(store.rows("articles"))) == len(results)
        with pytest.raises(StoreError, match="stories update"):
            list(store.rows("events"))
    refused = runner.invoke(app, ["stories", "list", "--db", str(path)])
    assert refused.exit_code == 2 and "stories update" in refused.output
    updated = runner.invoke(app, ["stories", "update", "--db", str(path)])
    assert updated.exit_code == 0 and "6 articles" in updated.output
    with Store(path, readonly=True) as store:
        assert groups(store) == GROUPS
        assert sum(e["n_mentions"] for e in store.rows("events")) == len(list(store.rows("mentions")))


def test_query_shows_canonical_events_and_mentions(db):
    events = runner.invoke(app, ["query", "events", "--db", str(db), "--type", "COERCE"], env=WIDE)
    assert events.exit_code == 0, events.output
    assert "n_mentions" in events.output and "Police" in events.output
    mentions = runner.invoke(app, ["query", "mentions", "--db", str(db), "--type", "COERCE"], env=WIDE)
    assert mentions.exit_code == 0, mentions.output
    assert mentions.output.count("arrested") == 2 and "durban-2" in mentions.output
