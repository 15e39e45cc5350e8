-- eventwire SQLite store. Tables mirror the eventwire/1 output schema; nested spans are
-- flattened to <field>_text/_start/_end, and the actor a span links to is <field>_id.
-- first_day/last_day: the calendar days an ISO date value (a day, week, month or year) covers.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE IF NOT EXISTS articles (
  hash TEXT PRIMARY KEY,          -- sha256 of the text: re-ingesting the same text changes nothing
  id TEXT NOT NULL, title TEXT, url TEXT, source TEXT, author TEXT, published TEXT,
  text TEXT NOT NULL, story TEXT, warnings TEXT, brief TEXT,
  record TEXT NOT NULL,           -- the full eventwire/1 record as JSON
  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_id ON articles (id);

CREATE TABLE IF NOT EXISTS entities (
  article TEXT NOT NULL REFERENCES articles (hash), n INTEGER NOT NULL,
  text TEXT, label TEXT, "start" INTEGER, "end" INTEGER, actor TEXT,
  PRIMARY KEY (article, n)
);

CREATE TABLE IF NOT EXISTS actors (
  article TEXT NOT NULL REFERENCES articles (hash), id TEXT NOT NULL,
  name TEXT, kind TEXT, country TEXT, sector TEXT, role TEXT, mentions TEXT, kb_id TEXT,
  PRIMARY KEY (article, id)
);
CREATE INDEX IF NOT EXISTS actors_name ON actors (name);
CREATE INDEX IF NOT EXISTS actors_country ON actors (country);

CREATE TABLE IF NOT EXISTS quotes (
  article TEXT NOT NULL REFERENCES articles (hash), id TEXT NOT NULL,
  kind TEXT, anonymous INTEGER,
  speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER, speaker_id TEXT,
  cue_text TEXT, cue_start INTEGER, cue_end INTEGER,
  content_text TEXT, content_start INTEGER, content_end INTEGER,
  PRIMARY KEY (article, id)
);

CREATE TABLE IF NOT EXISTS places (
  article TEXT NOT NULL REFERENCES articles (hash), id TEXT NOT NULL,
  text TEXT, "start" INTEGER, "end" INTEGER, name TEXT, country TEXT,
  lat REAL, lon REAL, geonameid INTEGER, feature TEXT,
  PRIMARY KEY (article, id)
);

CREATE TABLE IF NOT EXISTS times (
  article TEXT NOT NULL REFERENCES articles (hash), id TEXT NOT NULL,
  text TEXT, "start" INTEGER, "end" INTEGER, value TEXT, first_day TEXT, last_day TEXT,
  PRIMARY KEY (article, id)
);

CREATE TABLE IF NOT EXISTS events (
  article TEXT NOT NULL REFERENCES articles (hash), id TEXT NOT NULL,
  type TEXT, mode TEXT, cameo TEXT, quad INTEGER, goldstein REAL,
  actor_text TEXT, actor_start INTEGER, actor_end INTEGER, actor_id TEXT,
  recipient_text TEXT, recipient_start INTEGER, recipient_end INTEGER, recipient_id TEXT,
  trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
  sentence_start INTEGER, sentence_end INTEGER,
  place TEXT, date TEXT, first_day TEXT, last_day TEXT, modality TEXT, confidence REAL,
  PRIMARY KEY (article, id)
);
CREATE INDEX IF NOT EXISTS events_type ON events (type);
CREATE INDEX IF NOT EXISTS events_date ON events (date);

CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT, n_articles INTEGER
);

-- The learned actor knowledge base (all its SQL is in store/kb.py): persons seen with a title or
-- an apposition in stored articles, and actors added by hand (`eventwire actors add|import|merge`).
-- Roles are kept per (country, sector, title) with the first and last publication date they were
-- seen on, so a changed role is a new dated row, never an overwrite. Empty strings stand for "none".
CREATE TABLE IF NOT EXISTS kb_actors (
  kb_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
  first_seen TEXT, last_seen TEXT,
  merged_into TEXT                -- set when merged into another actor, which now holds its names
);
CREATE TABLE IF NOT EXISTS kb_roles (
  kb_id TEXT NOT NULL REFERENCES kb_actors (kb_id),
  country TEXT NOT NULL DEFAULT '', sector TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
  first_seen TEXT, last_seen TEXT, since TEXT, until TEXT,  -- since/until: dates given by hand
  PRIMARY KEY (kb_id, country, sector, title)
);
CREATE TABLE IF NOT EXISTS kb_aliases (
  alias TEXT NOT NULL, kb_id TEXT NOT NULL REFERENCES kb_actors (kb_id), PRIMARY KEY (alias, kb_id)
);
CREATE TABLE IF NOT EXISTS kb_evidence (
  kb_id TEXT NOT NULL REFERENCES kb_actors (kb_id), article TEXT NOT NULL,  -- articles.hash
  "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, title TEXT, published TEXT,
  PRIMARY KEY (kb_id, article, "start")
);

-- Stories and deduplicated events (all their SQL is in stories.py). Each article joins the story
-- whose key-term signature it matches best among the stories active around its publication date.
-- story_keys: a story's signature, the weighted terms (words, entities, actors, places) of its
-- articles, kept to the strongest terms; term_df: in how many stored articles a term occurs.
CREATE TABLE IF NOT EXISTS story_keys (
  term TEXT NOT NULL, story TEXT NOT NULL REFERENCES stories (id), weight REAL NOT NULL,
  PRIMARY KEY (term, story)
);
CREATE INDEX IF NOT EXISTS story_keys_story ON story_keys (story);
CREATE INDEX IF NOT EXISTS stories_last_seen ON stories (last_seen);
CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
-- One row per real-world event; events.canonical links each mention (an event row of an article)
-- to it. key: type, modality, actor and recipient identities; mentions of one key on the same or an
-- adjacent day in the same place (place: geonameid or name; a mention without one fits any) are one event.
CREATE TABLE IF NOT EXISTS canonical_events (
  id TEXT PRIMARY KEY, key TEXT NOT NULL, type TEXT, cameo TEXT, quad INTEGER, goldstein REAL,
  actor TEXT, actor_name TEXT, actor_country TEXT, actor_sector TEXT,
  recipient TEXT, recipient_name TEXT, recipient_country TEXT, recipient_sector TEXT,
  place TEXT, place_name TEXT, place_country TEXT, lat REAL, lon REAL, modality TEXT,
  date TEXT, first_day TEXT, last_day TEXT,  -- the days its mentions give
  first_seen TEXT, story TEXT, n_mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS canonical_events_key ON canonical_events (key, last_day);
