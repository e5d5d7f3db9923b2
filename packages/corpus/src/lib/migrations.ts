/**
 * The index's schema, one migration per version, for each database. A migration is applied once,
 * in order, inside a transaction, and recorded in `corpus_migrations`; an index written by a newer
 * Galley (a version this code does not know) is refused rather than misread. Never edit a
 * migration that has shipped: add the next one.
 *
 * Both schemas hold the same tables. `articles.key` is the article's date in seconds times 4096
 * plus a slot (see `firstKey`), so one integer orders, pages and date-filters the list; the
 * `entity_*`, `speaker_stats` and `site_months` tables are counters kept exact by every write
 * (see `Delta`), so the cross-article pages read a few rows instead of scanning mentions.
 */

/** SQLite (better-sqlite3, FTS5). */
export const sqliteMigrations: readonly string[] = [
  `
CREATE TABLE corpus_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, articles INTEGER NOT NULL);
INSERT INTO corpus_state (id, version, articles) VALUES (1, 0, 0);
CREATE TABLE articles (
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  url TEXT,
  site TEXT NOT NULL,
  byline TEXT,
  published TEXT,
  date TEXT NOT NULL,
  month TEXT NOT NULL,
  processed TEXT,
  format TEXT NOT NULL,
  language TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  sentences INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  quotes INTEGER NOT NULL,
  labels TEXT NOT NULL
);
CREATE INDEX articles_site ON articles (site, key);
CREATE INDEX articles_processed ON articles (processed, key);
CREATE TABLE article_bodies (key INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE VIRTUAL TABLE article_search USING fts5 (text, site, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  articles INTEGER NOT NULL DEFAULT 0,
  mentions INTEGER NOT NULL DEFAULT 0,
  quotes INTEGER NOT NULL DEFAULT 0,
  geoname_id INTEGER,
  country TEXT,
  lat REAL,
  lon REAL,
  UNIQUE (label, key)
);
CREATE INDEX entities_top ON entities (articles DESC, id);
CREATE INDEX entities_top_label ON entities (label, articles DESC, id);
CREATE INDEX entities_quoted ON entities (quotes DESC, id) WHERE quotes > 0;
CREATE INDEX entities_places ON entities (mentions DESC, id) WHERE lat IS NOT NULL;
CREATE TABLE entity_names (
  entity_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  as_name INTEGER NOT NULL,
  as_alias INTEGER NOT NULL,
  PRIMARY KEY (entity_id, name)
) WITHOUT ROWID;
CREATE INDEX entity_names_key ON entity_names (name_key);
CREATE TABLE entity_geo (
  entity_id INTEGER NOT NULL,
  geoname_id INTEGER NOT NULL,
  country TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (entity_id, geoname_id)
) WITHOUT ROWID;
CREATE TABLE mentions (
  entity_id INTEGER NOT NULL,
  article_key INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  names TEXT NOT NULL,
  geo TEXT,
  PRIMARY KEY (entity_id, article_key)
) WITHOUT ROWID;
CREATE INDEX mentions_article ON mentions (article_key);
CREATE TABLE entity_months (
  entity_id INTEGER NOT NULL,
  month TEXT NOT NULL,
  label TEXT NOT NULL,
  articles INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (entity_id, month)
) WITHOUT ROWID;
CREATE INDEX entity_months_top ON entity_months (month, articles DESC, entity_id);
CREATE INDEX entity_months_top_label ON entity_months (month, label, articles DESC, entity_id);
CREATE TABLE quotes (
  article_key INTEGER NOT NULL,
  n INTEGER NOT NULL,
  speaker_id INTEGER,
  text TEXT NOT NULL,
  PRIMARY KEY (article_key, n)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes (speaker_id, article_key) WHERE speaker_id IS NOT NULL;
CREATE TABLE speaker_stats (
  site TEXT NOT NULL,
  month TEXT NOT NULL,
  speaker_id INTEGER NOT NULL,
  quotes INTEGER NOT NULL,
  PRIMARY KEY (site, month, speaker_id)
) WITHOUT ROWID;
CREATE INDEX speaker_stats_month ON speaker_stats (month, speaker_id);
CREATE TABLE site_months (
  site TEXT NOT NULL,
  month TEXT NOT NULL,
  articles INTEGER NOT NULL,
  quotes INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  PRIMARY KEY (site, month)
) WITHOUT ROWID;
`,
  // A bulk rebuild (see SqliteCorpus.beginBulk): while `bulk` is set, writers leave counters and
  // search to its end, and each article's mentions and quotes wait in `bulk_rows` (JSON arrays of
  // their rows) to be written in key order.
  `
ALTER TABLE corpus_state ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0;
CREATE TABLE bulk_rows (article_key INTEGER PRIMARY KEY, mentions TEXT NOT NULL, quotes TEXT NOT NULL);
`,
];

/** PostgreSQL (`pg`, `tsvector` with the `simple` configuration over pre-folded text). */
export const postgresMigrations: readonly string[] = [
  `
CREATE TABLE corpus_state (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL, articles bigint NOT NULL);
INSERT INTO corpus_state (id, version, articles) VALUES (1, 0, 0);
CREATE TABLE articles (
  key bigint PRIMARY KEY,
  id text NOT NULL UNIQUE,
  title text NOT NULL,
  url text,
  site text NOT NULL,
  byline text,
  published text,
  date text NOT NULL,
  month text NOT NULL,
  processed text,
  format text NOT NULL,
  language text NOT NULL,
  excerpt text NOT NULL,
  sentences integer NOT NULL,
  mentions integer NOT NULL,
  quotes integer NOT NULL,
  labels text NOT NULL,
  tsv tsvector NOT NULL
);
CREATE INDEX articles_site ON articles (site, key);
CREATE INDEX articles_processed ON articles (processed, key);
CREATE INDEX articles_tsv ON articles USING gin (tsv);
CREATE TABLE article_bodies (key bigint PRIMARY KEY, body text NOT NULL);
CREATE TABLE entities (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  label text NOT NULL,
  key text NOT NULL,
  name text NOT NULL,
  articles integer NOT NULL DEFAULT 0,
  mentions integer NOT NULL DEFAULT 0,
  quotes integer NOT NULL DEFAULT 0,
  geoname_id bigint,
  country text,
  lat double precision,
  lon double precision,
  UNIQUE (label, key)
);
CREATE INDEX entities_top ON entities (articles DESC, id);
CREATE INDEX entities_top_label ON entities (label, articles DESC, id);
CREATE INDEX entities_quoted ON entities (quotes DESC, id) WHERE quotes > 0;
CREATE INDEX entities_places ON entities (mentions DESC, id) WHERE lat IS NOT NULL;
CREATE TABLE entity_names (
  entity_id bigint NOT NULL,
  name text NOT NULL,
  name_key text NOT NULL,
  as_name integer NOT NULL,
  as_alias integer NOT NULL,
  PRIMARY KEY (entity_id, name)
);
CREATE INDEX entity_names_key ON entity_names (name_key);
CREATE TABLE entity_geo (
  entity_id bigint NOT NULL,
  geoname_id bigint NOT NULL,
  country text NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  articles integer NOT NULL,
  PRIMARY KEY (entity_id, geoname_id)
);
CREATE TABLE mentions (
  entity_id bigint NOT NULL,
  article_key bigint NOT NULL,
  mentions integer NOT NULL,
  names text NOT NULL,
  geo text,
  PRIMARY KEY (entity_id, article_key)
);
CREATE INDEX mentions_article ON mentions (article_key, entity_id);
CREATE TABLE entity_months (
  entity_id bigint NOT NULL,
  month text NOT NULL,
  label text NOT NULL,
  articles integer NOT NULL,
  mentions integer NOT NULL,
  PRIMARY KEY (entity_id, month)
);
CREATE INDEX entity_months_top ON entity_months (month, articles DESC, entity_id);
CREATE INDEX entity_months_top_label ON entity_months (month, label, articles DESC, entity_id);
CREATE TABLE quotes (
  article_key bigint NOT NULL,
  n integer NOT NULL,
  speaker_id bigint,
  text text NOT NULL,
  PRIMARY KEY (article_key, n)
);
CREATE INDEX quotes_speaker ON quotes (speaker_id, article_key) WHERE speaker_id IS NOT NULL;
CREATE TABLE speaker_stats (
  site text NOT NULL,
  month text NOT NULL,
  speaker_id bigint NOT NULL,
  quotes integer NOT NULL,
  PRIMARY KEY (site, month, speaker_id)
);
CREATE INDEX speaker_stats_month ON speaker_stats (month, speaker_id);
CREATE TABLE site_months (
  site text NOT NULL,
  month text NOT NULL,
  articles integer NOT NULL,
  quotes integer NOT NULL,
  unknown integer NOT NULL,
  PRIMARY KEY (site, month)
);
`,
  // A bulk rebuild (see PostgresCorpus.beginBulk): while \`bulk\` is set, writers leave counters to
  // its end, and the full-text index (articles_tsv) is dropped, to be built once at the end.
  `
ALTER TABLE corpus_state ADD COLUMN bulk integer NOT NULL DEFAULT 0;
`,
];
