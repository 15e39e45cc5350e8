"""Stories and deduplicated events, built incrementally as articles enter the store.

A new article is turned into a weighted term vector: the words of its title and text (TF-IDF, the
document frequencies counted over the stored articles), its named entities, resolved actors and
places. It joins the story whose signature (the summed vectors of its articles, kept to the strongest
terms) it is most similar to (cosine) among the stories active within `WINDOW_DAYS` of its
publication date, or starts a new story. Candidate stories come from the `story_keys` index, so the
cost per article does not grow with the number of stories.

Each event mention of the article then joins the canonical event with the same type, modality,
actor and recipient identities and place on the same or an adjacent day (GDELT's Events/Mentions split);
a mention that names no place fits an event with one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import sqlite3
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from .nlp.dates import period
from .schema import ArticleResult, text_hash

WINDOW_DAYS = 90  # a story is a candidate while the article is within this many days of its span
THRESHOLD = 0.2  # least cosine similarity to join a story
TITLE_WEIGHT = 3.0  # a title word counts as this many occurrences
TEXT_CHARS = 3000  # words are counted in the title and this much of the start of the text
STORY_TERMS = 120  # terms kept in a story's signature
QUERY_TERMS = 30  # strongest article terms used to find candidate stories
CANDIDATES = 8  # candidate stories compared in full
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
CHUNK = 500  # SQL parameters per IN (...) list


@cache
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "say", "told", "year", "time", "new", "like", "people"}


def migrate(db: sqlite3.Connection) -> None:
    """Add what a store written before stories and canonical events existed lacks (the tables come
    from schema.sql): the events.canonical column."""
    if "canonical" not in {r[1] for r in db.execute('PRAGMA table_info("events")')}:
        db.execute("ALTER TABLE events ADD COLUMN canonical TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS events_canonical ON events (canonical)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_story ON articles (story)")


@lru_cache(maxsize=200_000)
def word(token: str) -> str:
    """A lower-case word with possessives and plural endings taken off ("missiles'" -> "missile")."""
    w = token.lower().replace("’", "'")
    w = w.removesuffix("'s").rstrip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def counts(result: ArticleResult) -> Counter:
    """Term counts of an article: words (title words weigh TITLE_WEIGHT), entities, actors, places."""
    stop = stop_words()
    terms: Counter = Counter()
    for text, weight in ((result.title or "", TITLE_WEIGHT), (result.text[:TEXT_CHARS], 1.0)):
        for m in WORD.finditer(text):
            w = word(m.group())
            if len(w) > 2 and w not in stop:
                terms[w] += weight
    for e in result.entities:
        if e.label in ENTITY_LABELS:
            terms["e:" + " ".join(word(t) for t in WORD.findall(e.text) if t.lower() not in stop)] += 1
    for a in result.actors:
        terms["a:" + (a.kb_id or a.name.lower())] += len(a.mentions) or 1
    for p in result.places:
        terms[f"p:{p.geonameid or p.name.lower()}"] += 1
    terms.pop("e:", None)
    return terms


def vector(db: sqlite3.Connection, terms: Counter) -> dict[str, float]:
    """Unit TF-IDF vector of the term counts, with the document frequencies stored so far."""
    row = db.execute("SELECT value FROM meta WHERE key = 'story_articles'").fetchone()
    n = int(row[0]) if row else 0
    df: dict[str, int] = {}
    names = list(terms)
    for i in range(0, len(names), CHUNK):
        part = names[i:i + CHUNK]
        df.update(db.execute(f"SELECT term, df FROM term_df WHERE term IN ({','.join('?' * len(part))})", part))
    v = {}
    for term, c in terms.items():
        idf = math.log((n + 1) / (df.get(term, 0) + 1)) + 1
        v[term] = (1 + math.log(c)) * idf
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def day_of(result: ArticleResult) -> str:
    """The article's publication day, or today when it has none."""
    days = period((result.published or "")[:10])
    return days[0] if days else dt.date.today().isoformat()


def shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def best_story(db: sqlite3.Connection, v: dict[str, float], day: str) -> tuple[str | None, float]:
    """The most similar story active around `day`, and its similarity."""
    top = sorted(v, key=v.get, reverse=True)[:QUERY_TERMS]
    if not top:
        return None, 0.0
    ids = [r[0] for r in db.execute(
        f"SELECT k.story FROM story_keys k JOIN stories s ON s.id = k.story WHERE k.term IN ({','.join('?' * len(top))})"
        " AND s.last_seen >= ? AND s.first_seen <= ? GROUP BY k.story ORDER BY sum(k.weight) DESC LIMIT ?",
        [*top, shift(day, -WINDOW_DAYS), shift(day, WINDOW_DAYS), CANDIDATES])]
    sigs: dict[str, dict[str, float]] = {story: {} for story in ids}
    for story, term, weight in db.execute(
            f"SELECT story, term, weight FROM story_keys WHERE story IN ({','.join('?' * len(ids))})", ids):
        sigs[story][term] = weight
    best, score = None, 0.0
    for story, sig in sigs.items():
        norm = math.sqrt(sum(x * x for x in sig.values())) or 1.0
        sim = sum(x * v.get(t, 0.0) for t, x in sig.items()) / norm
        if sim > score:
            best, score = story, sim
    return best, score


def add(db: sqlite3.Connection, result: ArticleResult, key: str | None = None) -> str:
    """Put a stored article (hash `key`) into a story and its event mentions into canonical events,
    inside the caller's transaction; returns the story id."""
    key = key or text_hash(result.text)
    terms = counts(result)
    v = vector(db, terms)
    day = day_of(result)
    story, score = best_story(db, v, day)
    if story is None or score < THRESHOLD:
        story = "s" + key[:11]
        title = result.title or " ".join(result.text.split()[:12])
        db.execute("INSERT INTO stories (id, title, first_seen, last_seen, n_articles) VALUES (?, ?, ?, ?, 0)",
                   (story, title, day, day))
    db.execute("UPDATE stories SET n_articles = n_articles + 1, first_seen = min(first_seen, ?),"
               " last_seen = max(last_seen, ?) WHERE id = ?", (day, day, story))
    db.execute("UPDATE articles SET story = ? WHERE hash = ?", (story, key))
    _update_signature(db, story, v)
    db.executemany("INSERT INTO term_df VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET df = df + 1",
                   [(t,) for t in terms])
    db.execute("INSERT INTO meta VALUES ('story_articles', '1') ON CONFLICT (key) DO UPDATE"
               " SET value = CAST(value AS INTEGER) + 1")
    _dedup_events(db, result, key, story, day)
    return story


def _update_signature(db: sqlite3.Connection, story: str, v: dict[str, float]) -> None:
    sig = Counter(dict(db.execute("SELECT term, weight FROM story_keys WHERE story = ?", (story,)).fetchall()))
    sig.update(v)
    db.execute("DELETE FROM story_keys WHERE story = ?", (story,))
    db.executemany("INSERT INTO story_keys VALUES (?, ?, ?)",
                   [(t, story, w) for t, w in sig.most_common(STORY_TERMS)])


def identity(result: ArticleResult, span: Any) -> tuple[str, Any]:
    """Who an event argument is, for deduplication: country/sector when the actor has a country
    (as GDELT's actor codes), else its name; with the actor record, if any."""
    if span is None:
        return "", None
    actor = next((a for a in result.actors if a.id == span.actor), None) if span.actor else None
    if actor is None:
        return "~" + " ".join(WORD.findall(span.text.lower())), None
    if actor.country:
        return f"{actor.country}/{actor.sector or ''}", actor
    return actor.kb_id or actor.name.lower(), actor


def _dedup_events(db: sqlite3.Connection, result: ArticleResult, key: str, story: str, day: str) -> None:
    seen = result.published or day
    for e in result.events:
        who, actor = identity(result, e.actor)
        whom, recipient = identity(result, e.recipient)
        place = next((p for p in result.places if p.id == e.place), None) if e.place else None
        where = str(place.geonameid or place.name.lower()) if place else ""
        scope = "" if (who or whom) else story  # an event without actors is only merged within its story
        claim = "asserted" if e.modality == "reported" else e.modality  # one event, whoever vouches for it
        ekey = f"{e.type}|{claim}|{who}|{whom}|{scope}"
        first, last = period(e.date) or (day, day)
        # The same event: same key, same or adjacent day, same place (a mention without one fits any).
        rows = db.execute("SELECT id, place FROM canonical_events WHERE key = ? AND last_day >= ? AND first_day <= ?"
                          " ORDER BY first_day", (ekey, shift(first, -1), shift(last, 1))).fetchall()
        canonical = next((c for c, at in rows if not where or not at or at == where), None)
        if canonical:
            db.execute("UPDATE canonical_events SET n_mentions = n_mentions + 1, first_day = min(first_day, ?),"
                       " last_day = max(last_day, ?), first_seen = min(first_seen, ?) WHERE id = ?",
                       (first, last, seen, canonical))
            if where:
                db.execute("UPDATE canonical_events SET place = ?, place_name = ?, place_country = ?, lat = ?, lon = ?"
                           " WHERE id = ? AND place IS NULL", (where, place.name, place.country, place.lat, place.lon,
                                                                canonical))
        else:
            canonical = "c" + hashlib.sha1(f"{key}:{e.id}".encode()).hexdigest()[:15]
            db.execute(
                "INSERT INTO canonical_events (id, key, type, cameo, quad, goldstein, actor, actor_name, actor_country,"
                " actor_sector, recipient, recipient_name, recipient_country, recipient_sector, place, place_name,"
                " place_country, lat, lon, modality, date, first_day, last_day, first_seen, story, n_mentions)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (canonical, ekey, e.type, e.cameo, e.quad, e.goldstein,
                 who, _name(actor, e.actor), actor and actor.country, actor and actor.sector,
                 whom, _name(recipient, e.recipient), recipient and recipient.country, recipient and recipient.sector,
                 where or None, place and place.name, place and place.country, place and place.lat, place and place.lon,
                 e.modality, e.date or day, first, last, seen, story))
        db.execute("UPDATE events SET canonical = ? WHERE article = ? AND id = ?", (canonical, key, e.id))


def _name(actor: Any, span: Any) -> str | None:
    return actor.name if actor else (span.text if span else None)


def update(db: sqlite3.Connection) -> int:
    """Put every stored article that has no story yet (a store written before stories existed) into
    stories, in publication order; returns how many."""
    rows = db.execute("SELECT hash, record FROM articles WHERE story IS NULL ORDER BY published, rowid").fetchall()
    for key, record in rows:
        add(db, ArticleResult.from_dict(json.loads(record)), key)
    return len(rows)


# Columns `canonical_select` adds to those of canonical_events.
EXPORT_COLUMNS = [("n_articles", "INTEGER"), ("articles", "TEXT"), ("sources", "TEXT")]


def canonical_select(f: Any) -> tuple[str, list]:
    """SQL and parameters of the canonical events matching the export filters `f`, with the ids of the
    articles that mention each one and their sources (JSON lists)."""
    where: list[str] = []
    params: list[Any] = []
    if f.actor:
        where.append("(c.actor_name LIKE ? ESCAPE '\\' OR c.recipient_name LIKE ? ESCAPE '\\')")
        like = "%" + f.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [like, like]
    if f.country:
        where.append("? IN (c.actor_country, c.recipient_country)")
        params.append(f.country.upper())
    if f.type:
        where.append("c.type = ?")
        params.append(f.type.upper())
    if f.since:
        where.append("c.last_day >= ?")
        params.append(f.since)
    if f.until:
        where.append("c.first_day <= ?")
        params.append(f.until)
    sql = ("SELECT c.*, (SELECT count(DISTINCT e.article) FROM events e WHERE e.canonical = c.id) AS n_articles,"
           " (SELECT json_group_array(id) FROM (SELECT DISTINCT a.id FROM events e JOIN articles a"
           "  ON a.hash = e.article WHERE e.canonical = c.id ORDER BY a.rowid)) AS articles,"
           " (SELECT json_group_array(source) FROM (SELECT DISTINCT a.source FROM events e JOIN articles a"
           "  ON a.hash = e.article WHERE e.canonical = c.id AND a.source IS NOT NULL)) AS sources"
           " FROM canonical_events c")
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY c.first_day, c.rowid", params


def listing(db: sqlite3.Connection, since: str | None, until: str | None, limit: int) -> list[dict]:
    """Stories overlapping [since, until], the most recent first."""
    sql = ("SELECT s.*, (SELECT count(*) FROM canonical_events c WHERE c.story = s.id) AS n_events"
           " FROM stories s WHERE (? IS NULL OR s.last_seen >= ?) AND (? IS NULL OR s.first_seen <= ?)"
           " ORDER BY s.last_seen DESC, s.n_articles DESC, s.id LIMIT ?")
    return _dicts(db.execute(sql, (since, since, until, until, limit)))


def timeline(db: sqlite3.Connection, story: str) -> dict | None:
    """A story with its articles, canonical events (with the mentions its articles make) and quotes."""
    head = _dicts(db.execute("SELECT * FROM stories WHERE id = ?", (story,)))
    if not head:
        return None
    articles = _dicts(db.execute("SELECT id, title, published, source FROM articles WHERE story = ?"
                                 " ORDER BY published, rowid", (story,)))
    events = _dicts(db.execute(
        "SELECT c.*, count(*) AS here, min(e.trigger_text) AS trigger FROM events e JOIN articles a"
        " ON a.hash = e.article JOIN canonical_events c ON c.id = e.canonical WHERE a.story = ?"
        " GROUP BY c.id ORDER BY c.first_day, c.rowid", (story,)))
    quotes = _dicts(db.execute(
        "SELECT substr(a.published, 1, 10) AS day, a.source, q.speaker_text, q.content_text, x.name AS speaker"
        " FROM quotes q JOIN articles a ON a.hash = q.article LEFT JOIN actors x ON x.article = q.article"
        " AND x.id = q.speaker_id WHERE a.story = ? ORDER BY a.published, a.rowid, q.rowid", (story,)))
    return {**head[0], "articles": articles, "events": events, "quotes": quotes}


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
