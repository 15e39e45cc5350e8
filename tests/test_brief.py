"""The 5W1H brief: the main event of headline and lede, title spans, why/how cues, the scorer, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from eventwire.evaluation.brief import article_text, judge, score
from eventwire.schema import BRIEF_KEYS, Article

SPOKESMAN_FIRST = Article(
    title="Rebels seize airport in northern town after a week of fighting",
    text=("Speaking to reporters in the capital on Thursday, a government spokesman said the situation was calm. "
          "Fighters of the Northern Liberation Front seized the airport outside Timbuktu on Wednesday after a week of "
          "clashes with the army. Residents said they heard gunfire through the night."),
    published="2024-05-10")


def brief_of(pipeline, article: Article) -> dict:
    result = pipeline(article)
    for key in BRIEF_KEYS:  # every answer's offsets point at its text, in the title or the text
        answer = result.brief[key]
        if answer:
            source = article.title if answer.get("in") == "title" else article.text
            assert source[answer["start"]:answer["end"]] == answer["text"], (key, answer)
    return result.brief


def test_main_event_is_the_headline_event_not_the_first_verb(pipeline):
    brief = brief_of(pipeline, SPOKESMAN_FIRST)
    assert "seize" in brief["what"]["text"]
    assert "spokesman" not in brief["who"]["text"] and "Rebels" in brief["who"]["text"]
    assert brief["why"]["text"].startswith("after a week of fighting")
    assert brief["where"]["text"] == "Timbuktu" and "in" not in brief["where"]  # from the lede sentence of the event
    assert brief["when"] == {"text": "Wednesday", "start": brief["when"]["start"], "end": brief["when"]["end"],
                             "time": brief["when"]["time"], "value": "2024-05-08"}


def test_without_a_title_the_lede_event_wins_over_a_later_statement(pipeline):
    article = Article(text=("Kenyan Foreign Minister Amina Odhiambo arrived in Ethiopia on Monday for talks on the border. "
                            "Odhiambo said Kenya would reopen the crossing next month."), published="2024-03-06")
    result = pipeline(article)
    brief = result.brief
    assert brief["who"]["text"] == "Kenyan Foreign Minister Amina Odhiambo"
    assert brief["who"]["actor"] == next(a.id for a in result.actors if a.name == "Amina Odhiambo")
    assert brief["what"]["text"].startswith("arrived")
    assert brief["when"]["value"] == "2024-03-04"
    assert brief["where"]["text"] == "Ethiopia"
    assert brief["where"]["place"] == next(p.id for p in result.places if p.name == "Ethiopia")


def test_information_only_in_the_title_is_a_title_span(pipeline):
    article = Article(title="Floodwaters drive thousands from their homes in Mozambique",
                      text=("Thousands of families left their homes on Sunday as rivers burst their banks. "
                            "Aid workers said the water was still rising."), published="2024-02-12")
    brief = brief_of(pipeline, article)
    assert brief["where"] == {"text": "Mozambique", "start": 48, "end": 58, "in": "title", "place": None}
    assert brief["what"]["in"] == "title" and brief["what"]["text"].startswith("drive thousands")
    assert "in" not in brief["when"] and brief["when"]["text"] == "Sunday"


def test_why_and_how_clauses(pipeline):
    why = brief_of(pipeline, Article(text=("The government of Malawi raised fuel prices by a fifth on Monday because "
                                           "the cost of imports had doubled since January."), published="2024-04-03"))
    assert why["why"]["text"].startswith("because the cost of imports had doubled")
    how = brief_of(pipeline, Article(text=("Striking lorry drivers blocked the main highway out of Durban on Tuesday "
                                           "by parking their trucks across all four lanes."), published="2024-04-03"))
    assert how["how"]["text"] == "by parking their trucks across all four lanes"
    purpose = brief_of(pipeline, Article(text="Engineers in Cairo closed the old bridge on Friday to repair its cracked supports.",
                                         published="2024-04-03"))
    assert purpose["why"]["text"] == "to repair its cracked supports"
    assert purpose["what"]["text"] == "closed the old bridge"


def test_article_without_events_has_an_empty_brief(pipeline):
    for article in (Article(title="Weather", text="Sunny skies all week. Mild temperatures."),
                    Article(text="Tables. Chairs. Lamps.")):
        assert pipeline(article).brief == dict.fromkeys(BRIEF_KEYS)


def test_judge_overlap_and_dates():
    gold = [{"text": "at the White House", "coders": 3}]
    assert judge({"text": "White House"}, gold, "where") == (True, True)
    assert judge({"text": "in the city"}, gold, "where") == (False, False)
    when = [{"text": "Thursday", "coders": 2, "parsed": "2024-05-09"}]
    assert judge({"text": "this morning", "value": "2024-05-09"}, when, "when") == (True, True)
    counts = score([{"answers": {"who": [{"text": "Police", "coders": 1}]}}], [{"who": {"text": "Police"}}])
    assert counts["who"]["answered"] == 1 and counts["who"]["right"] == 0  # one coder is no agreement


def test_scorer_on_development_articles(eval_dir, pipeline):
    path = eval_dir / "giveme5w1h" / "giveme5w1h.dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    records = [json.loads(line) for line in path.open(encoding="utf-8")][:10]
    results = list(pipeline.process(Article(text=article_text(r), id=r["id"], title=r["title"],
                                            published=r["published"][:10]) for r in records))
    counts = score(records, [r.brief for r in results])
    together = counts["who/what/when/where"]
    assert together["articles"] == 40
    assert together["answered"] >= 20
    assert 0.5 <= together["right"] / together["answered"] <= 1.0
    assert counts["who"]["right"] >= 5


def test_brief_command(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(SPOKESMAN_FIRST.title + "\n" + SPOKESMAN_FIRST.text + "\n", encoding="utf-8")
    env = {**os.environ, "COLUMNS": "200"}
    run = subprocess.run([sys.executable, "-m", "eventwire", "brief", str(story), "--published", "2024-05-10"],
                         check=False, capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith(SPOKESMAN_FIRST.title)
    assert [line.split()[0] for line in lines[1:]] == list(BRIEF_KEYS)
    assert "[2024-05-08]" in next(line for line in lines if line.split()[0] == "when")
    as_json = subprocess.run([sys.executable, "-m", "eventwire", "brief", "-", "--json", "--published", "2024-05-10"],
                             input=json.dumps({"id": "x1", "title": SPOKESMAN_FIRST.title, "text": SPOKESMAN_FIRST.text}),
                             check=False, capture_output=True, text=True, env=env, timeout=600)
    record = json.loads(as_json.stdout)
    assert record["id"] == "x1" and set(record["brief"]) == set(BRIEF_KEYS)
    missing = subprocess.run([sys.executable, "-m", "eventwire", "brief", str(tmp_path / "none.txt")],
                             check=False, capture_output=True, text=True, env=env, timeout=600)
    assert missing.returncode == 1 and "none.txt" in missing.stderr
