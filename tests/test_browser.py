"""The explorer in headless Chromium against a real server and store: every page loads, the article
marks carry their coding, article → actor → story links work, the map and network draw, and hostile
article text stays text. Screenshots of each page go to tests/screenshots/."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from test_web_api import build_store

from eventwire.schema import Article
from eventwire.store.database import Store
from eventwire.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

STORY = ("WINDHOEK, March 3 (Meridian Wire) - Namibian Foreign Minister Selma Nangolo met Angolan officials in"
         " Windhoek on Tuesday to discuss water sharing on the Kunene river. \"We will not let the river divide two"
         " neighbours,\" Nangolo told reporters after the talks. Police arrested twelve protesters outside the"
         " ministry on Monday.")

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (Debian packages chromium and chromium-driver)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")


@contextlib.contextmanager
def serve(path: Path):
    """The explorer on `path` in a thread; yields its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "explorer.db"
    build_store(path)
    with serve(path) as url:
        yield url


@pytest.fixture(scope="module")
def pipeline_server(tmp_path_factory, pipeline):
    """A store filled by the real pipeline from one invented wire story."""
    path = tmp_path_factory.mktemp("browser") / "pipeline.db"
    result = pipeline(Article(text=STORY, id="nam-001", title="Namibia and Angola talk about the Kunene",
                              published="2025-03-05", source="Meridian Wire"))
    with Store(path) as store:
        assert store.add([result]) == 1
    with serve(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _page(browser, server):
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    pg = context.new_page()
    pg.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert all(url.startswith(server) for url in requests), "a page fetched something from elsewhere"
    assert errors == [], errors


@pytest.fixture
def page(browser, server):
    yield from _page(browser, server)


@pytest.fixture
def pipeline_page(browser, pipeline_server):
    yield from _page(browser, pipeline_server)


def shot(pg, name: str) -> None:
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_every_page_loads(page):
    for url, name, heading in [("/", "dashboard", "Dashboard"), ("/articles", "articles", "Articles"),
                               ("/events", "events", "Events"), ("/actors", "actors", "Actors"),
                               ("/stories", "stories", "Stories"), ("/search?q=kidira", "search", "Search")]:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").inner_text().startswith(heading)
        shot(page, name)
    page.goto("/")
    assert page.locator("#weeks rect").count() > 0  # the conflict/cooperation chart has bars
    page.locator("#dyads a", has_text="2 events").click()  # Diallo → Keita: the pair, both ways, over time
    page.wait_for_url("**/dyad?a=Amara+Diallo&b=Ousmane+Keita")
    assert page.locator("table.events tbody tr").count() == 3
    assert page.locator("#dyad-weeks rect.q1").get_attribute("height") != "0.0"
    shot(page, "dyad")
    page.goto("/docs")  # Swagger UI, with its scripts from this server (the fixture checks every request)
    page.locator(".opblock-summary-path", has_text="/api/events").first.wait_for()
    assert page.locator(".opblock").count() >= 14
    shot(page, "api-docs")
    page.goto("/events?type=QUARREL")
    assert "not a PLOVER event type" in page.locator(".error").inner_text()


def test_article_marks_then_actor_then_story(page):
    page.goto("/articles")
    page.get_by_role("link", name="Senegal and Mali agree to reopen the Kidira crossing").click()
    text = page.locator("#text")
    counts = {kind: text.locator(f".hl.{kind}").count() for kind in ("actor", "quote", "event", "place", "time")}
    assert counts == {"actor": 5, "quote": 1, "event": 3, "place": 2, "time": 2}
    agree = text.locator('.hl.event[data-ref="v2"]')
    assert agree.inner_text() == "agreed"
    agree.hover()
    tip = agree.evaluate("el => getComputedStyle(el, '::after').content")
    assert "AGREE" in tip and "Amara Diallo → Ousmane Keita" in tip and "Kidira" in tip
    assert text.locator(".hl.quote .hl.time").inner_text() == "next week"  # marks nest inside the quote
    shot(page, "article")
    text.locator(".hl.actor", has_text="Amara Diallo").first.click()
    page.wait_for_url("**/actor?name=Amara+Diallo&country=SEN")
    assert page.locator("h1").inner_text() == "Amara Diallo SEN"
    assert "Foreign Minister" in page.locator(".identity").inner_text()
    shot(page, "actor")
    page.locator("a.story-link").first.click()
    page.wait_for_url("**/stories/s1")
    items = page.locator("#timeline li")
    assert items.count() == 8  # six events and two quotes
    assert "CONSULT" in items.first.inner_text() and "AGREE" in items.nth(1).inner_text()
    shot(page, "story")


def test_map_draws_countries_and_event_places(page):
    page.goto("/map")
    assert page.locator("#map path").count() > 150
    assert page.locator("#map circle").count() == 3  # Dakar, Kidira, and Kenya's centre for Mombasa
    box = page.locator("#map").bounding_box()
    assert box["width"] > 800 and box["height"] > 300
    assert page.locator('#map path[data-iso3="SEN"]').get_attribute("class") == "has-events"
    shot(page, "map")


def test_network_draws_and_filters(page):
    page.goto("/network")
    page.wait_for_function("document.getElementById('network-status').textContent.includes('actors')")
    names = page.locator("#network g.node").evaluate_all("els => els.map(e => e.dataset.name)")
    assert sorted(names) == ["Amara Diallo", "Mali", "Malian troops", "Ousmane Keita", "Senegal"]
    assert page.locator("#network line.q1").count() >= 1 and page.locator("#network line.q4").count() >= 1
    shot(page, "network")
    page.goto("/network?type=ASSAULT")
    page.wait_for_function("document.getElementById('network-status').textContent.includes('actors')")
    names = sorted(page.locator("#network g.node").evaluate_all("els => els.map(e => e.dataset.name)"))
    assert names == ["Malian troops", "Senegal"]
    page.locator('#network g.node[data-name="Senegal"] circle').click()
    page.wait_for_url("**/actor?name=Senegal&country=SEN")


def test_hostile_article_text_shows_as_text(page):
    page.goto("/articles")
    page.get_by_role("link", name="Dockworkers strike in Mombasa").click()  # its id has '/', ' ' and '#'
    page.wait_for_url("**/articles/wire/xss%20%231")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("h1").inner_text().startswith('<script>window.__pwned = 1</script><img src=x onerror=')
    assert '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">' in \
        page.locator("#text").inner_text()
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    shot(page, "hostile")
    page.locator(".hl.actor", has_text="Wanjiru Otieno").click()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("h1").inner_text().startswith("Wanjiru Otieno <script>")
    page.goto("/search?q=pwned")
    assert page.evaluate("window.__pwned") is None and page.locator("main img").count() == 0


def test_pipeline_output_marks_and_learned_role(pipeline_page):
    page = pipeline_page
    page.goto("/articles/nam-001")
    text = page.locator("#text")
    for kind, words in [("actor", "Selma Nangolo"), ("quote", "We will not let the river divide two neighbours"),
                        ("event", "met"), ("event", "arrested"), ("place", "Windhoek"), ("time", "Monday")]:
        assert text.locator(f".hl.{kind}", has_text=words).count() >= 1, (kind, words)
    met = text.locator(".hl.event", has_text="met").first
    assert "CONSULT" in met.get_attribute("data-tip") and "Selma Nangolo" in met.get_attribute("data-tip")
    assert "— Selma Nangolo" in page.locator("ul.quotes").inner_text()  # the quote's speaker, resolved
    shot(page, "pipeline-article")
    text.locator(".hl.actor", has_text="Selma Nangolo").first.click()
    page.wait_for_url("**/actor?name=Selma+Nangolo&country=NAM")
    role = page.locator(".identity tr.role").first.inner_text()
    assert "Foreign Minister" in role and "2025-03-05" in role and "kb" in role  # learned when the story was stored
    assert "learned:selma-nangolo" in page.locator(".identity").inner_text()
    shot(page, "pipeline-actor")
    page.locator("a.story-link").first.click()  # the story the store made for the article
    page.wait_for_url("**/stories/s*")
    assert page.locator("h1").inner_text() == "Namibia and Angola talk about the Kunene"
    timeline = page.locator("#timeline").inner_text()
    assert "CONSULT" in timeline and "We will not let the river divide two neighbours" in timeline
    shot(page, "pipeline-story")
