"""The JSON API and pages of the explorer, driven over HTTP against a real SQLite store.

The store is built through the store API from hand-made records with quotes, events and places, so
every page has the data the quote, event and story components will write.
"""

from __future__ import annotations

import io
import socket
import sqlite3
import subprocess
import sys
import time

import httpx2
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from eventwire.schema import Actor, ActorSpan, ArticleResult, Entity, Event, Place, Quote, SentenceSpan, Span, Time
from eventwire.store import kb
from eventwire.store.database import Store, StoreError
from eventwire.web.app import create_app

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _span(text: str, part: str | tuple[str, str]) -> tuple[int, int]:
    """Offsets of `part`, or of part[0] after the first occurrence of part[1]."""
    part, after = (part, "") if isinstance(part, str) else part
    start = text.index(part, text.index(after) if after else 0)
    return start, start + len(part)


class Builder:
    """One article: actors, quotes, events, places and times given by the words they cover."""

    def __init__(self, id: str, title: str, published: str, text: str) -> None:
        self.result = ArticleResult(id=id, title=title, published=published, text=text, source="Meridian Wire")

    def actor(self, aid, name, kind, country, sector=None, role=None, words=(), kb_id=None):
        mentions = [list(_span(self.result.text, w)) for w in words]
        self.result.actors.append(Actor(aid, name, kind, country, sector, role, mentions, kb_id))
        for start, end in mentions:
            self.result.entities.append(Entity(self.result.text[start:end], "PERSON" if kind == "person" else "GPE",
                                               start, end, aid))
        return self

    def place(self, pid, words, name, country, lat=None, lon=None, feature="city"):
        start, end = _span(self.result.text, words)
        self.result.places.append(Place(pid, words, start, end, name, country, lat, lon, None, feature))
        return self

    def time(self, tid, words, value):
        start, end = _span(self.result.text, words)
        self.result.times.append(Time(tid, words, start, end, value))
        return self

    def quote(self, qid, content, speaker_words, speaker_id, cue, kind="direct"):
        text = self.result.text
        speaker = None
        if speaker_words:
            start, end = _span(text, speaker_words)
            speaker = ActorSpan(text[start:end], start, end, speaker_id)
        start, end = _span(text, cue)
        cue_span = Span(text[start:end], start, end)
        self.result.quotes.append(Quote(qid, kind, speaker is None, speaker, cue_span,
                                        Span(content, *_span(text, content))))
        return self

    def event(self, vid, type_, cameo, quad, actor, recipient, trigger, date, place=None, modality="asserted"):
        text = self.result.text

        def side(words_id):
            if words_id is None:
                return None
            words, aid = words_id
            return ActorSpan(words, *_span(text, words), aid)

        start, end = _span(text, trigger)
        sentence = SentenceSpan(text.rfind(".", 0, start) + 1, text.find(".", end) + 1)
        self.result.events.append(Event(vid, type_, None, cameo, quad, {1: 3.0, 2: 6.0, 3: -2.0, 4: -9.0}[quad],
                                        side(actor), side(recipient), Span(trigger, start, end), sentence, place,
                                        date, modality, 0.8))
        return self


def sample_results() -> list[ArticleResult]:
    talks = Builder(
        "wire-001", "Senegal and Mali agree to reopen the Kidira crossing", "2024-05-06",
        "DAKAR, May 6 (Meridian Wire) - Senegalese Foreign Minister Amara Diallo met Malian envoy Ousmane Keita "
        "in Dakar on Monday and agreed to reopen the Kidira border crossing to lorries.\n\n"
        "\"We will open the gate to traders next week,\" Diallo told reporters. Keita said Mali would send "
        "customs officers to the post.")
    (talks.actor("a1", "Amara Diallo", "person", "SEN", "GOV", "Foreign Minister",
                 ["Amara Diallo", ("Diallo", "traders")], kb_id="kb-diallo")
     .actor("a2", "Ousmane Keita", "person", "MLI", "GOV", "envoy", ["Ousmane Keita", ("Keita", "reporters")])
     .actor("a3", "Mali", "country", "MLI", words=[("Mali", "Keita said")])
     .place("p1", "Dakar", "Dakar", "SEN", 14.69, -17.44)
     .place("p2", "Kidira", "Kidira", "SEN", 14.46, -12.22)
     .time("t1", "Monday", "2024-05-06").time("t2", "next week", "2024-W20")
     .quote("q1", "We will open the gate to traders next week,", ("Diallo", "traders"), "a1", "told")
     .event("v1", "CONSULT", "040", 1, ("Senegalese Foreign Minister Amara Diallo", "a1"),
            ("Malian envoy Ousmane Keita", "a2"), "met", "2024-05-06", "p1")
     .event("v2", "AGREE", "057", 1, ("Senegalese Foreign Minister Amara Diallo", "a1"),
            ("Malian envoy Ousmane Keita", "a2"), "agreed", "2024-05-06", "p2")
     .event("v3", "COOPERATE", "061", 2, ("Mali", "a3"), None, "send", "2024-05-13", None, "future"))

    clash = Builder(
        "wire-002", "Senegal accuses Mali of shelling near Kidira", "2024-05-09",
        "Malian troops shelled positions near Kidira on Thursday, Senegal's foreign ministry said, and "
        "Foreign Minister Amara Diallo accused Bamako of breaking the deal. \"This is not what was agreed,\" "
        "Diallo said. Ousmane Keita rejected the claim.")
    (clash.actor("a1", "Malian troops", "group", "MLI", "MIL", words=["Malian troops"])
     .actor("a2", "Senegal", "country", "SEN", "GOV", words=["Senegal"])
     .actor("a3", "Amara Diallo", "person", "SEN", "GOV", "Foreign Minister", ["Amara Diallo"], kb_id="kb-diallo")
     .actor("a4", "Mali", "country", "MLI", "GOV", words=["Bamako"])
     .actor("a5", "Ousmane Keita", "person", "MLI", "GOV", "Minister of Trade", ["Ousmane Keita"])
     .place("p1", "Kidira", "Kidira", "SEN", 14.46, -12.22)
     .time("t1", "Thursday", "2024-05-09")
     .quote("q1", "This is not what was agreed,", ("Diallo", "agreed"), "a3", ("said", "agreed"))
     .event("v1", "ASSAULT", "195", 4, ("Malian troops", "a1"), ("Senegal", "a2"), "shelled", "2024-05-09", "p1")
     .event("v2", "ACCUSE", "112", 3, ("Foreign Minister Amara Diallo", "a3"), ("Bamako", "a4"), "accused",
            "2024-05-09")
     .event("v3", "REJECT", "120", 3, ("Ousmane Keita", "a5"), ("Foreign Minister Amara Diallo", "a3"), "rejected",
            "2024-05-09"))

    hostile = Builder(
        "wire/xss #1", f"{HOSTILE} Dockworkers strike in Mombasa", "2024-05-07",
        f"MOMBASA - Dockworkers in Mombasa walked out on Tuesday. {HOSTILE} A union leader, Wanjiru Otieno, "
        "said the strike would continue.")
    (hostile.actor("a1", f"Wanjiru Otieno {HOSTILE}", "person", "KEN", "LAB", "union leader", ["Wanjiru Otieno"])
     .actor("a2", "Dockworkers", "group", "KEN", "LAB", words=["Dockworkers"])
     .place("p1", "Mombasa", "Mombasa", "KEN", None, None, "country")
     .time("t1", "Tuesday", "2024-05-07")
     .event("v1", "PROTEST", "141", 4, ("Dockworkers", "a2"), None, "walked out", "2024-05-07", "p1")
     .quote("q1", HOSTILE, "Wanjiru Otieno", "a1", ("said", "Otieno"), kind="indirect"))
    hostile.result.url = "javascript:window.__pwned = 3"
    return [talks.result, clash.result, hostile.result]


def build_store(path) -> None:
    """A real store: three articles through the store API, and one story over the first two, written by
    hand (the store's own clustering is off)."""
    with Store(path, cluster=False) as store:
        assert store.add(sample_results()) == 3
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO stories VALUES ('s1', 'Kidira border crossing', '2024-05-06', '2024-05-09', 2)")
        con.execute("UPDATE articles SET story = 's1' WHERE id IN ('wire-001', 'wire-002')")
    con.close()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "explorer.db"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path)) as c:
        yield c


def test_events_list_filters_sorting_and_paging(client):
    body = client.get("/api/events").json()
    assert body["total"] == 7
    assert [e["date"] for e in body["rows"]] == sorted((e["date"] for e in body["rows"]), reverse=True)
    first = body["rows"][0]
    assert first["type"] == "COOPERATE" and first["modality"] == "future"
    ids = lambda **p: sorted((e["article_id"], e["id"]) for e in client.get("/api/events", params=p).json()["rows"])
    assert ids(type="assault") == [("wire-002", "v1")]
    assert ids(quad=3) == [("wire-002", "v2"), ("wire-002", "v3")]
    assert ids(actor="diallo") == [("wire-001", "v1"), ("wire-001", "v2"), ("wire-002", "v2"), ("wire-002", "v3")]
    assert ids(country="MLI", sector="MIL") == [("wire-002", "v1")]
    assert ids(modality="future") == [("wire-001", "v3")]
    assert ids(since="2024-05-07", until="2024-05-08") == [("wire/xss #1", "v1")]
    assert ids(place="kidira") == [("wire-001", "v2"), ("wire-002", "v1")]
    assert ids(story="s1", q="shelled") == [("wire-002", "v1")]
    page = client.get("/api/events", params={"sort": "goldstein", "limit": 2, "offset": 1}).json()
    assert page["total"] == 7 and [e["goldstein"] for e in page["rows"]] == [-9.0, -2.0]
    row = client.get("/api/events", params={"type": "ASSAULT"}).json()["rows"][0]
    assert (row["actor_name"], row["actor_country"], row["recipient_name"], row["place_name"], row["lat"]) == \
        ("Malian troops", "MLI", "Senegal", "Kidira", 14.46)


def test_downloads_of_a_filtered_list(client):
    csv_text = client.get("/api/events", params={"quad": 1, "format": "csv"}).text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("article_id,") and len(lines) == 3
    response = client.get("/api/events", params={"country": "KEN", "format": "parquet"})
    assert response.status_code == 200
    table = pq.read_table(io.BytesIO(response.content))
    assert table.column("type").to_pylist() == ["PROTEST"]
    assert client.get("/api/actors", params={"format": "csv", "country": "SEN"}).text.splitlines()[1:] == \
        ["Amara Diallo,SEN,person,2", "Senegal,SEN,country,1"]


def test_actor_profile_roles_aliases_events_and_quotes(client):
    a = client.get("/api/actor", params={"name": "Amara Diallo", "country": "SEN"}).json()
    assert a["articles"] == 2 and (a["first_seen"], a["last_seen"]) == ("2024-05-06", "2024-05-09")
    assert [(r["role"], r["articles"]) for r in a["roles"]] == [("Foreign Minister", 2)]
    assert sorted((e["article_id"], e["type"]) for e in a["as_actor"]) == \
        [("wire-001", "AGREE"), ("wire-001", "CONSULT"), ("wire-002", "ACCUSE")]
    assert [(e["type"], e["actor_name"]) for e in a["as_recipient"]] == [("REJECT", "Ousmane Keita")]
    assert [q["content_text"] for q in a["quotes"]] == ["We will open the gate to traders next week,",
                                                       "This is not what was agreed,"]
    keita = client.get("/api/actor", params={"name": "Ousmane Keita", "country": "MLI"}).json()
    # "envoy" is in the text, so the store learned it; "Minister of Trade" is only coded on the actor.
    assert [(r["role"], r["first_seen"], r["source"]) for r in keita["roles"]] == \
        [("envoy", "2024-05-06", "kb"), ("Minister of Trade", "2024-05-09", "articles")]
    assert keita["kb_ids"] == ["learned:ousmane-keita"]
    assert client.get("/api/actor", params={"name": "Amara Diallo", "country": "MLI"}).status_code == 404


def test_actor_roles_from_the_kb_with_hand_given_dates_and_aliases(tmp_path):
    path = tmp_path / "kb.db"
    build_store(path)
    with Store(path) as store:
        kb.add(store.db, "Ousmane Keita", country="MLI", sector="GOV", title="Minister of Trade", since="2024-05-08",
               aliases=("O. Keita",))
    with TestClient(create_app(path)) as c:
        keita = c.get("/api/actor", params={"name": "Ousmane Keita", "country": "MLI"}).json()
        assert [(r["role"], r["since"], r["source"]) for r in keita["roles"]] == \
            [("envoy", None, "kb"), ("Minister of Trade", "2024-05-08", "kb")]
        assert keita["aliases"] == ["o. keita"]  # the KB's key: no article wrote it yet
        con = sqlite3.connect(path)
        with con:  # evidence as the store keeps it when an article writes the short form
            con.execute("INSERT INTO kb_evidence SELECT 'learned:ousmane-keita', hash, 0, 8, 'O. Keita',"
                        " 'Minister of Trade', '2024-05-10' FROM articles LIMIT 1")
        con.close()
        keita = c.get("/api/actor", params={"name": "Ousmane Keita", "country": "MLI"}).json()
        assert keita["aliases"] == ["O. Keita"]


def test_actor_roles_from_the_articles_in_a_store_without_kb_tables(tmp_path):
    path = tmp_path / "old.db"
    build_store(path)
    con = sqlite3.connect(path)
    with con:
        for table in ("kb_evidence", "kb_aliases", "kb_roles", "kb_actors"):
            con.execute(f"DROP TABLE {table}")
    con.close()
    with TestClient(create_app(path)) as c:
        keita = c.get("/api/actor", params={"name": "Ousmane Keita", "country": "MLI"}).json()
    assert [(r["role"], r["source"]) for r in keita["roles"]] == [("envoy", "articles"),
                                                                   ("Minister of Trade", "articles")]
    assert keita["kb_ids"] == []


def test_dyad_series_by_country_and_actor(client):
    body = client.get("/api/dyads/series", params={"a": "sen", "b": "MLI", "interval": "day"}).json()
    assert [(r["period"], r["quad1"], r["quad3"], r["quad4"]) for r in body["rows"]] == \
        [("2024-05-06", 2, 0, 0), ("2024-05-09", 0, 2, 1)]
    weekly = client.get("/api/dyads/series", params={"a": "SEN", "b": "MLI", "directed": "true"}).json()
    assert [(r["period"], r["total"]) for r in weekly["rows"]] == [("2024-05-06", 3)]
    actors = client.get("/api/dyads/series", params={"a": "Ousmane Keita", "b": "Amara Diallo", "by": "actor",
                                                     "directed": "true"}).json()
    assert [(r["period"], r["quad3"]) for r in actors["rows"]] == [("2024-05-06", 1)]


def test_network_map_quotes_stories_search_overview(client):
    net = client.get("/api/network").json()
    edge = next(e for e in net["edges"] if e["actor"] == "Amara Diallo" and e["recipient"] == "Ousmane Keita")
    assert edge["n"] == 2 and edge["quad"] == 1
    assert {n["name"] for n in net["nodes"]} >= {"Amara Diallo", "Ousmane Keita", "Malian troops", "Senegal"}
    places = {p["name"]: p for p in client.get("/api/places").json()["rows"]}
    assert places["Kidira"]["n"] == 2 and places["Dakar"]["lat"] == 14.69
    assert places["Mombasa"]["lat"] is not None  # a country-level place sits at its country's centre
    assert [q["speaker_name"] for q in client.get("/api/quotes", params={"article": "wire-002"}).json()["rows"]] == \
        ["Amara Diallo"]
    story = client.get("/api/stories/s1").json()
    assert [a["id"] for a in story["articles"]] == ["wire-001", "wire-002"] and len(story["events"]) == 6
    assert [s["id"] for s in client.get("/api/stories").json()["rows"]] == ["s1"]
    found = client.get("/api/search", params={"q": "keita"}).json()
    assert [a["name"] for a in found["actors"]] == ["Ousmane Keita"] and len(found["articles"]) == 2
    assert client.get("/api/search", params={"q": "agreed"}).json()["quotes"][0]["article_id"] == "wire-002"
    overview = client.get("/api/overview").json()
    assert overview["counts"]["events"] == 7 and overview["counts"]["stories"] == 1
    assert overview["dyads"][0]["n"] == 2
    assert client.get("/api/articles/wire-001").json()["story"] == "s1"


@pytest.mark.parametrize("url, needle", [
    ("/api/events?type=BOMB", "not a PLOVER event type"),
    ("/api/events?quad=7", "not a quad class"),
    ("/api/events?since=yesterday", "not a date"),
    ("/api/events?since=2024-05-09&until=2024-05-01", "after until"),
    ("/api/events?sort=rowid", "not one of"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?offset=99999999999999999999999", "offset"),
    ("/api/events?format=xlsx", "format"),
    ("/api/events?country=Mali", "alpha-3"),
    ("/api/dyads/series?a=SEN", "'b'"),
    ("/api/dyads/series?a=SEN&b=MLI&interval=month", "interval"),
    ("/api/search?q=a", "q"),
    ("/api/actor", "name"),
    ("/api/articles/nope", "no article"),
    ("/api/stories/nope", "no story"),
    ("/events?quad=x", "not a quad class"),
    ("/actor?name=Nobody", "no actor"),
])
def test_bad_parameters_get_a_4xx_with_a_clear_message(client, url, needle):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    detail = response.json()["detail"] if url.startswith("/api") else response.text
    assert needle in detail


ODD_VALUES = ["", "abc", "-1", "99999999999999999999", "2024-02-30", "\x00", "%_", "'; DROP TABLE events;--",
              "a" * 3000]
PARAMETERS = {
    "/api/events": ["actor", "country", "sector", "type", "quad", "modality", "since", "until", "place", "story", "q",
                    "sort", "limit", "offset", "format"],
    "/api/articles": ["story", "since", "q", "limit", "format"], "/api/actors": ["q", "country", "offset"],
    "/api/actor": ["name", "country", "limit"], "/api/quotes": ["speaker", "country", "article", "q", "format"],
    "/api/dyads/series": ["a", "b", "by", "interval", "directed", "since"], "/api/network": ["type", "limit"],
    "/api/places": ["country", "until"], "/api/search": ["q", "limit"], "/events": ["quad", "since", "sort"],
    "/actor": ["name", "country"], "/map": ["since", "place"], "/dyad": ["a", "b", "by"], "/search": ["q"],
}


def test_no_parameter_value_makes_a_server_error(client):
    for url, names in PARAMETERS.items():
        base = {"name": "Amara Diallo", "a": "SEN", "b": "MLI"}
        for name in names:
            for value in ODD_VALUES:
                response = client.get(url, params={**base, name: value})
                assert response.status_code < 500, (url, name, value, response.text[:200])
    assert client.get("/api/events", params={"actor": "'; DROP TABLE events;--"}).json()["total"] == 0
    assert client.get("/api/events").json()["total"] == 7


def test_pages_render_and_escape_article_text(client):
    for url in ["/", "/articles", "/articles/wire-001", "/events", "/actors", "/network", "/map", "/stories",
                "/stories/s1", "/search?q=Diallo", "/actor?name=Amara+Diallo&country=SEN", "/docs",
                "/dyad?a=SEN&b=MLI&by=country", "/events?modality=future&place=Dakar"]:
        assert client.get(url).status_code == 200, url
    html = client.get("/articles/wire/xss%20%231").text
    assert "<script>window" not in html and "<img src=x" not in html and "javascript:" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    article = client.get("/articles/wire-001").text
    assert 'class="hl event" data-kind="event"' in article and 'data-tip="AGREE · CAMEO 057 · quad 1' in article


def test_stories_made_by_the_pipeline_show_with_their_articles(tmp_path, pipeline):
    from test_stories import ARTICLES  # invented strike and mine-rescue reports

    from eventwire.schema import Article

    path = tmp_path / "stories.db"
    with Store(path) as store:
        store.add([pipeline(Article(**a)) for a in ARTICLES if a["id"] != "tech-1"])
    with TestClient(create_app(path)) as c:
        rows = c.get("/api/stories").json()["rows"]
        assert sorted(s["n_articles"] for s in rows) == [2, 3]
        members = {s["title"]: [a["id"] for a in c.get(f"/api/stories/{s['id']}").json()["articles"]] for s in rows}
        assert members == {"Durban dockworkers strike over pay, halting container traffic":
                           ["durban-1", "durban-2", "durban-3"],
                           "Landslide traps miners at Chilean copper mine": ["andes-1", "andes-2"]}
        listing = c.get("/stories").text
        assert all(title in listing for title in members)
        strike = next(s["id"] for s in rows if s["n_articles"] == 3)
        page = c.get(f"/stories/{strike}").text
        assert "Transnet and union agree pay deal" in page and "We will not go back until the offer is fair" in page


def test_ingest_is_off_without_a_token(client):
    response = client.post("/api/articles", json={"text": "Chile and Peru signed a trade deal on Monday."})
    assert response.status_code == 403 and "--token" in response.json()["detail"]


def test_ingest_with_a_token_analyses_and_stores(tmp_path, pipeline):
    path = tmp_path / "ingest.db"
    build_store(path)
    app = create_app(path, token="s3cret")
    app.state.pipeline = lambda: pipeline  # the session's pipeline instead of loading a second one
    record = {"id": "new-1", "title": "Trade deal", "published": "2024-03-06",
              "text": "Chile and Peru signed a trade deal in Lima on Monday, the two governments said."}
    with TestClient(app) as c:
        assert c.get("/api/overview").json()["counts"]["articles"] == 3
        assert c.post("/api/articles", json=record).status_code == 401
        assert c.post("/api/articles", json=record, headers={"Authorization": "Bearer wrong"}).status_code == 401
        response = c.post("/api/articles", json=[record, {"title": "no text"}],
                          headers={"Authorization": "Bearer s3cret"})
        assert response.status_code == 201
        body = response.json()
        assert body["stored"] == 1 and body["articles"][0]["id"] == "new-1"
        assert body["errors"] == [{"record": "record 2", "message": "record has no 'text' field"}]
        assert c.get("/api/overview").json()["counts"]["articles"] == 4  # the cached overview was renewed
        stored = c.get("/api/articles/new-1").json()
        assert {a["country"] for a in stored["actors"]} >= {"CHL", "PER"}


def test_the_app_refuses_a_file_that_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "missing.db")


def test_serve_command_runs_the_explorer_on_localhost(store_path, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    missing = subprocess.run([sys.executable, "-m", "eventwire", "serve", "--db", str(tmp_path / "none.db")],
                             capture_output=True, text=True, timeout=60, check=False)
    assert missing.returncode == 2 and "no such store" in missing.stderr
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(store_path), "--port",
                               str(port)], stderr=subprocess.PIPE, text=True)
    try:
        assert "http://127.0.0.1:" in server.stderr.readline()
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx2.get(f"http://127.0.0.1:{port}/api/overview", timeout=5)
                break
            except httpx2.TransportError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.1)
        assert response.json()["counts"]["articles"] == 3
    finally:
        server.terminate()
        server.wait(30)


def test_marks_nest_and_a_crossing_mark_is_split():
    from eventwire.web.highlight import highlighted

    record = {"text": "Rebels said <b>they</b> would talk.",
              "actors": [{"id": "a1", "name": "Rebels", "kind": "group", "country": None, "mentions": [[0, 6]]}],
              "quotes": [{"id": "q1", "kind": "indirect", "anonymous": True, "speaker": None, "cue": None,
                          "content": {"text": "they</b> would talk", "start": 15, "end": 34}}],
              "events": [{"id": "v1", "type": "CONSULT", "quad": 1, "cameo": "040", "actor": None,
                          "recipient": None, "trigger": {"text": "said <b>the", "start": 7, "end": 18},
                          "date": None, "modality": "future"}],
              "places": [], "times": [{"id": "t1", "text": "?", "start": None, "end": None, "value": None}]}
    html = str(highlighted(record))
    quote = 'class="hl quote" data-kind="quote" data-tip="quote (indirect) · speaker: unattributed"'
    assert html.startswith('<a class="hl actor"') and "<b>" not in html
    # The quote starts inside the event and ends after it: its first part is nested, the rest follows.
    assert f'said &lt;b&gt;<span {quote} title' in html
    assert html.endswith('data-ref="q1">y&lt;/b&gt; would talk</span>.')
    assert html.count("<span") == html.count("</span>") == 3  # the unresolvable time is left out


def test_weekly_charts_keep_the_weeks_without_events():
    from eventwire.web.pages import every_week

    def week(day, n):
        return {"period": day, "quad1": n, "quad2": 0, "quad3": 0, "quad4": 0, "total": n}

    weeks = every_week([week("2024-05-06", 1), week("2024-05-27", 2)])
    assert [(w["period"], w["total"]) for w in weeks] == \
        [("2024-05-06", 1), ("2024-05-13", 0), ("2024-05-20", 0), ("2024-05-27", 2)]
    assert [w["period"] for w in every_week([week("2020-01-06", 1), week("2024-05-27", 1)], most=2)] == \
        ["2024-05-20", "2024-05-27"]


def test_dashboard_chart_leaves_out_events_dated_years_before_the_articles(tmp_path):
    path = tmp_path / "old-dates.db"
    build_store(path)
    con = sqlite3.connect(path)
    with con:  # an event the text dates to years before (as "talks in 2014" would be)
        con.execute("UPDATE events SET first_day = '2014-06-30' WHERE rowid = (SELECT min(rowid) FROM events)")
    con.close()
    with TestClient(create_app(path)) as c:
        html = c.get("/").text
    assert "2024-05-06 … 2024-05-13; 1 event dated before the articles not drawn" in html
    assert "2014-06-30" not in html


def test_an_empty_list_page_has_no_range_to_show(client):
    html = client.get("/articles", params={"q": "no article says this"}).text
    assert "0–0" not in html and 'class="pager"' in html
    assert '<span class="muted">1–3</span>' in client.get("/articles").text
