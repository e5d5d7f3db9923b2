import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '@galley/document';
import Database from 'better-sqlite3';
import { type Delta, addContribution, emptyDelta, entityId, pruneDelta, sortedRows } from './delta.js';
import { sqliteMigrations } from './migrations.js';
import { normaliseName } from './names.js';
import { type ArticleRecord, articleRecord, firstKey, isCorpusLabel, keyRange } from './rows.js';
import { ftsQuery, parseSearch, snippet } from './search.js';
import {
  ENTITY_COLUMNS,
  type EntityRow,
  type QuoteJoinRow,
  SUMMARY_COLUMNS,
  type SummaryRow,
  asList,
  canonical,
  contributionOf,
  dayPattern,
  makePage,
  monthPattern,
  siteToken,
  storedContributions,
  type StoredMentionRow,
  type StoredQuoteRow,
  toEntityArticle,
  toEntitySummary,
  toQuote,
  toSummary,
  toSpeaker,
  toPlace,
  type SpeakerJoinRow,
  monthlyCounters,
} from './shared.js';
import {
  type ArticleFilter,
  type ArticleHit,
  type ArticleSummary,
  type CooccurringEntity,
  type Corpus,
  type CorpusDump,
  type EntityArticle,
  type EntityDetail,
  type EntityFilter,
  type EntityRef,
  type EntitySummary,
  type MonthCount,
  type Page,
  type PageQuery,
  type Place,
  type QuoteRow,
  type SiteCount,
  type SourceFilter,
  type SourcesReport,
  type SpeakerCount,
  COUNT_LIMIT,
  SEARCH_COUNT_LIMIT,
} from './types.js';

/** Options of {@link SqliteCorpus}. */
export interface SqliteCorpusOptions {
  /** The database file; created (with its folder) when missing. */
  file: string;
  /** Page cache per connection, MB. Default 32. */
  cacheMb?: number;
  /** How long a write waits for another process's write to finish, ms. Default 15000. */
  busyTimeoutMs?: number;
}

type Params = Array<string | number | null>;
/** A row of `mentions`: entity id, article key, mentions, spellings (JSON), place (JSON). */
type MentionRow = [number, number, number, string, string | null];
/** A row of `quotes`: article key, position, speaker's entity id, text. */
type QuoteRowData = [number, number, number | null, string];
type Where = { clauses: string[]; params: Params };

/** An entity's most frequent place (inside an UPDATE of `entities`). */
const topPlace =
  'SELECT geoname_id, country, lat, lon FROM entity_geo WHERE entity_id = entities.id ORDER BY articles DESC, geoname_id LIMIT 1';

/** FTS5's default memory for terms not yet written out: a write's own commit flushes them sooner. */
const FTS_HASH_BYTES = 1024 * 1024;
/**
 * The same while a bulk rebuild fills the full-text index in one statement: fewer, larger segments
 * to write and merge (20,000 articles: 153 → 77 µs per article; 256 MB gave 72).
 */
const BULK_FTS_HASH_BYTES = 64 * 1024 * 1024;

/**
 * The end of a bulk rebuild: the waiting mentions and quotes written in key order, then every
 * counter and the full-text index derived from the articles' own rows. Gives what the writes' deltas give: an entity
 * exists while an article mentions it, and is named by the spelling most articles use.
 */
const derivedRows = `
-- Secondary indexes of the rows written here are built after them, in one sorted pass each,
-- instead of taking tens of millions of inserts at random places (the same definitions as
-- migration 1; inside this transaction, so an interrupted end leaves them as they were).
DROP INDEX IF EXISTS mentions_article;
DROP INDEX IF EXISTS quotes_speaker;
-- bulk_rows is read in key order, so the quotes come in their primary-key order already.
INSERT INTO mentions (entity_id, article_key, mentions, names, geo)
SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4
FROM bulk_rows b, json_each(b.mentions) j ORDER BY 1, 2;
INSERT INTO quotes (article_key, n, speaker_id, text)
SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM bulk_rows b, json_each(b.quotes) j;
DELETE FROM bulk_rows;
CREATE INDEX mentions_article ON mentions (article_key);
CREATE INDEX quotes_speaker ON quotes (speaker_id, article_key) WHERE speaker_id IS NOT NULL;
-- Dropped by beginBulk.
CREATE INDEX IF NOT EXISTS articles_site ON articles (site, key);
CREATE INDEX IF NOT EXISTS articles_processed ON articles (processed, key);
-- Each article's site and month, compact: the joins below look one up per mention and quote, and
-- in \`articles\` (a kilobyte a row) most lookups would miss the page cache.
DROP TABLE IF EXISTS temp.bulk_articles;
CREATE TEMP TABLE bulk_articles (key INTEGER PRIMARY KEY, site TEXT NOT NULL, month TEXT NOT NULL);
INSERT INTO bulk_articles SELECT key, site, month FROM articles ORDER BY key;
DELETE FROM entity_names;
DELETE FROM entity_geo;
DELETE FROM entity_months;
DELETE FROM speaker_stats;
DELETE FROM site_months;
DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions);
UPDATE entities SET articles = m.articles, mentions = m.mentions, quotes = coalesce(q.quotes, 0)
FROM (SELECT entity_id, count(*) AS articles, sum(mentions) AS mentions FROM mentions GROUP BY entity_id) m
LEFT JOIN (SELECT speaker_id, count(*) AS quotes FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id) q
  ON q.speaker_id = m.entity_id
WHERE entities.id = m.entity_id;
INSERT INTO entity_names (entity_id, name, name_key, as_name, as_alias)
SELECT m.entity_id, j.value, galley_normalise_name(j.value), sum(j.key = 0), sum(j.key > 0)
FROM mentions m, json_each(m.names) j GROUP BY m.entity_id, j.value;
UPDATE entities SET name = (SELECT name FROM entity_names WHERE entity_id = entities.id ORDER BY as_name DESC, name LIMIT 1);
INSERT INTO entity_geo (entity_id, geoname_id, country, lat, lon, articles)
SELECT entity_id, geo ->> 'geonameId', geo ->> 'country', geo ->> 'lat', geo ->> 'lon', count(*)
FROM mentions WHERE geo IS NOT NULL GROUP BY entity_id, geo ->> 'geonameId';
UPDATE entities SET (geoname_id, country, lat, lon) = (${topPlace}) WHERE (geoname_id, country, lat, lon) IS NOT (${topPlace});
${monthlyCounters('bulk_articles')}
DROP TABLE bulk_articles;
INSERT INTO article_search (article_search) VALUES ('delete-all');
INSERT INTO article_search (article_search, rank) VALUES ('hashsize', ${BULK_FTS_HASH_BYTES});
INSERT INTO article_search (rowid, text, site)
SELECT a.key, a.title || char(10) || b.body || char(10) || a.site, galley_site_token(a.site)
FROM articles a JOIN article_bodies b ON b.key = a.key ORDER BY a.key;
INSERT INTO article_search (article_search, rank) VALUES ('hashsize', ${FTS_HASH_BYTES});
UPDATE corpus_state SET bulk = 0, articles = (SELECT count(*) FROM articles), version = version + 1;
`;

/**
 * WAL pages a writer lets build up before it copies them into the database (SQLite's default is
 * 1,000, 4 MB). Each commit of a worker's small batches writes tens of pages, many of them the same
 * counter and full-text pages again; a checkpoint copies each page once however often the WAL holds
 * it, reading it back and flushing both files. Indexing 2,400 of the bench's articles in batches of
 * five: pwrite 198,600 → 182,200, pread 31,700 → 15,300, fsync 231 → 66, and 5–8% less CPU; the WAL
 * file grows to 16 MB instead of 4, and a checkpoint's pause is about four times as long.
 */
const WAL_AUTOCHECKPOINT_PAGES = 4000;

/**
 * The corpus in one SQLite file (WAL mode: the viewer reads while workers write; each write
 * waits up to `busyTimeoutMs` for another to finish). Statements are synchronous
 * (better-sqlite3) and short; the async methods only keep the interface shared with PostgreSQL.
 */
export class SqliteCorpus implements Corpus {
  readonly location;
  /** Page cache per connection, MB (see {@link SqliteCorpusOptions.cacheMb}). */
  readonly cacheMb: number;
  readonly #db: Database.Database;
  readonly #file: string;
  readonly #busyTimeoutMs: number;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(options: SqliteCorpusOptions) {
    this.#file = path.resolve(options.file);
    this.cacheMb = options.cacheMb ?? 32;
    if (!Number.isInteger(this.cacheMb) || this.cacheMb < 1)
      throw new RangeError(`cacheMb must be a whole number of MB ≥ 1 (got ${options.cacheMb})`);
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 15_000;
    this.location = { kind: 'sqlite' as const, where: this.#file };
    mkdirSync(path.dirname(this.#file), { recursive: true });
    this.#db = this.#connect();
    this.#migrate();
    // For the end of a bulk rebuild, which derives these in SQL as the writes do in JavaScript.
    this.#db.function('galley_normalise_name', { deterministic: true }, normaliseName);
    this.#db.function('galley_site_token', { deterministic: true }, siteToken);
  }

  #connect(readonly = false): Database.Database {
    const db = new Database(this.#file, { readonly, timeout: this.#busyTimeoutMs });
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    }
    // NORMAL in WAL mode: a power cut may lose the last commits but never corrupts the file, and
    // the index can always be rebuilt from the published files (`galley reindex`).
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${this.cacheMb * 1024}`);
    db.pragma('temp_store = MEMORY');
    return db;
  }

  #migrate(): void {
    const db = this.#db;
    db.exec('CREATE TABLE IF NOT EXISTS corpus_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)');
    db.transaction(() => {
      const current =
        (db.prepare('SELECT max(version) AS v FROM corpus_migrations').get() as { v: number | null }).v ?? 0;
      if (current > sqliteMigrations.length)
        throw new Error(
          `the corpus index ${this.#file} has schema version ${current}, newer than this Galley knows (${sqliteMigrations.length}); upgrade Galley or rebuild the index with galley reindex`,
        );
      for (let version = current + 1; version <= sqliteMigrations.length; version++) {
        db.exec(sqliteMigrations[version - 1]);
        db.prepare('INSERT INTO corpus_migrations (version, applied) VALUES (?, ?)').run(
          version,
          new Date().toISOString(),
        );
      }
    }).immediate();
  }

  #sql(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async index(articles: Article | readonly Article[]): Promise<void> {
    // The last version of an id in one batch wins, as it would written one after another.
    const byId = new Map<string, ArticleRecord>();
    for (const article of asList(articles)) byId.set(article.id, articleRecord(article));
    if (byId.size) this.#db.transaction(() => this.#write([...byId.keys()], [...byId.values()])).immediate();
  }

  async remove(id: string): Promise<boolean> {
    return this.#db.transaction(() => this.#write([id], [])).immediate();
  }

  async beginBulk(): Promise<void> {
    this.#db
      .transaction(() => {
        this.#sql('UPDATE corpus_state SET bulk = 1').run();
        // Articles arrive in file order, not key order: each would update these at a random page.
        // The end builds them again (the list's site filter and processed sort scan meanwhile).
        this.#db.exec('DROP INDEX IF EXISTS articles_site; DROP INDEX IF EXISTS articles_processed');
      })
      .immediate();
  }

  async endBulk(): Promise<void> {
    // The aggregates sort tens of millions of rows at a million articles: in temporary files, not in memory.
    this.#db.pragma('temp_store = FILE');
    try {
      this.#db
        .transaction(() => {
          if (this.#bulk()) this.#db.exec(derivedRows);
        })
        .immediate();
    } finally {
      this.#db.pragma('temp_store = MEMORY');
    }
  }

  /** The rows of a statement over a JSON array bound as its one parameter (read with `json_each`). */
  #each<R>(sql: string, rows: readonly unknown[]): R[] {
    return this.#sql(sql).all(JSON.stringify(rows)) as R[];
  }

  /** Run a statement over a JSON array bound as its one parameter, when there are rows. */
  #runEach(sql: string, rows: readonly unknown[]): void {
    if (rows.length) this.#sql(sql).run(JSON.stringify(rows));
  }

  /**
   * Replace the articles `ids` with `records` (ids without a record are removed), then apply the
   * batch's counter changes at once; returns whether any id was indexed before. Each step is one
   * statement over the whole batch (a JSON array read with `json_each`), rows in key order.
   */
  #write(ids: string[], records: ArticleRecord[]): boolean {
    const delta = emptyDelta();
    const bulk = this.#bulk();
    const old = this.#each<{ key: number; site: string; month: string }>(
      'SELECT key, site, month FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY key',
      ids,
    );
    if (old.length) {
      const keys = old.map((o) => o.key);
      if (!bulk) this.#subtract(delta, old, keys);
      for (const table of ['articles', 'article_bodies'])
        this.#runEach(`DELETE FROM ${table} WHERE key IN (SELECT value FROM json_each(?))`, keys);
      if (!bulk) for (const key of keys) this.#sql('DELETE FROM article_search WHERE rowid = ?').run(key);
      this.#runEach('DELETE FROM mentions WHERE article_key IN (SELECT value FROM json_each(?))', keys);
      this.#runEach('DELETE FROM quotes WHERE article_key IN (SELECT value FROM json_each(?))', keys);
      if (bulk) this.#runEach('DELETE FROM bulk_rows WHERE article_key IN (SELECT value FROM json_each(?))', keys);
    }
    if (bulk) {
      this.#insert(records, this.#entityIds(delta, records).ids, true);
      this.#sql('UPDATE corpus_state SET version = version + 1').run();
      return old.length > 0;
    }
    for (const record of records) addContribution(delta, contributionOf(record), 1);
    pruneDelta(delta);
    const { ids: entityIds, created } = this.#entityIds(delta, records);
    this.#insert(records, entityIds, false);
    this.#apply(delta, entityIds, created);
    return old.length > 0;
  }

  /** Whether a bulk rebuild is under way (read in the write's own transaction: another process may have begun it). */
  #bulk(): boolean {
    return (this.#sql('SELECT bulk FROM corpus_state').get() as { bulk: number }).bulk !== 0;
  }

  /** Subtract from `delta` what the stored articles `old` (whose keys are `keys`) contributed. */
  #subtract(delta: Delta, old: Array<{ key: number; site: string; month: string }>, keys: number[]): void {
    const mentions = this.#each<StoredMentionRow>(
      'SELECT m.article_key, e.label, e.key, m.mentions, m.names, m.geo FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_key IN (SELECT value FROM json_each(?))',
      keys,
    );
    const quotes = this.#each<StoredQuoteRow>(
      'SELECT q.article_key, e.label, e.key FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id WHERE q.article_key IN (SELECT value FROM json_each(?))',
      keys,
    );
    for (const stored of storedContributions(old, mentions, quotes)) addContribution(delta, stored, -1);
  }

  /**
   * The row ids of every entity the batch refers to. Entities not in the index yet are created
   * with their counters from `delta` already (returned in `created`), so they are written once.
   */
  #entityIds(delta: Delta, records: ArticleRecord[]): { ids: Map<string, number>; created: Set<string> } {
    const wanted = new Set<string>(delta.entities.keys());
    for (const r of records) {
      for (const e of r.entities) wanted.add(entityId(e.label, e.key));
      for (const q of r.quoteList) if (q.speaker) wanted.add(entityId(q.speaker.label, q.speaker.key));
    }
    for (const rows of [delta.names, delta.geo, delta.months]) for (const row of rows.values()) wanted.add(row.entity);
    for (const s of delta.speakers.values()) if (s.speaker) wanted.add(s.speaker);
    const sorted = [...wanted].sort();
    const ids = new Map<string, number>();
    const found = this.#each<{ id: number; label: string; key: string }>(
      'SELECT e.id, e.label, e.key FROM json_each(?) j CROSS JOIN entities e ON e.label = j.value ->> 0 AND e.key = j.value ->> 1',
      sorted.map((id) => id.split('\u0000')),
    );
    for (const row of found) ids.set(entityId(row.label, row.key), row.id);
    const created = new Set(sorted.filter((id) => !ids.has(id)));
    const rows = [...created].map((id) => {
      const [label, key] = id.split('\u0000');
      const e = delta.entities.get(id);
      return [label, key, e?.name ?? key, e?.articles ?? 0, e?.mentions ?? 0, e?.quotes ?? 0];
    });
    if (rows.length)
      for (const row of this.#each<{ id: number; label: string; key: string }>(
        `INSERT INTO entities (label, key, name, articles, mentions, quotes)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?) WHERE true
         RETURNING id, label, key`,
        rows,
      ))
        ids.set(entityId(row.label, row.key), row.id);
    return { ids, created };
  }

  /**
   * Store the records' own rows. In a bulk rebuild, each article's mentions and quotes wait in
   * `bulk_rows` (one row per article) and its full-text row is left out: its end writes them in
   * key order, where each batch would dirty a page of `mentions` per row (a million articles: 20
   * million rows, so every commit would rewrite most of the table).
   */
  #insert(records: ArticleRecord[], ids: Map<string, number>, bulk: boolean): void {
    const mentions: MentionRow[] = [];
    const quotes: QuoteRowData[] = [];
    const taken = new Set<number>();
    const placed = records.map((record) => {
      let key = firstKey(record.date, record.id);
      while (taken.has(key) || this.#sql('SELECT 1 FROM articles WHERE key = ?').get(key)) key++;
      taken.add(key);
      return { record, key };
    });
    // In key order: FTS5 writes out its pending terms whenever a rowid is lower than the last one,
    // so unordered inserts would make a segment per article (and merge them all again).
    placed.sort((a, b) => a.key - b.key);
    for (const { record, key } of placed) {
      this.#sql(
        `INSERT INTO articles (key, id, title, url, site, byline, published, date, month, processed, format, language, excerpt, sentences, mentions, quotes, labels)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        key,
        record.id,
        record.title,
        record.url ?? null,
        record.site,
        record.byline ?? null,
        record.published ?? null,
        record.date,
        record.month,
        record.processed ?? null,
        record.format,
        record.language,
        record.excerpt,
        record.sentences,
        record.mentions,
        record.quotes,
        JSON.stringify(record.labels),
      );
      this.#sql('INSERT INTO article_bodies (key, body) VALUES (?, ?)').run(key, record.body);
      // The raw text: FTS5's unicode61 tokeniser folds case and accents as searchableText does.
      if (!bulk)
        this.#sql('INSERT INTO article_search (rowid, text, site) VALUES (?, ?, ?)').run(
          key,
          `${record.title}\n${record.body}\n${record.site}`,
          siteToken(record.site),
        );
      const own = record.entities.map((e): MentionRow => [
        ids.get(entityId(e.label, e.key))!,
        key,
        e.mentions,
        JSON.stringify([e.name, ...e.aliases]),
        e.geo ? JSON.stringify(e.geo) : null,
      ]);
      const said = record.quoteList.map((q): QuoteRowData => [
        key,
        q.n,
        q.speaker ? (ids.get(entityId(q.speaker.label, q.speaker.key)) ?? null) : null,
        q.text,
      ]);
      if (bulk)
        this.#sql('INSERT INTO bulk_rows (article_key, mentions, quotes) VALUES (?, ?, ?)').run(
          key,
          JSON.stringify(own),
          JSON.stringify(said),
        );
      else {
        mentions.push(...own);
        quotes.push(...said);
      }
    }
    // In primary-key order: each B-tree page is visited once.
    mentions.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.#runEach(
      `INSERT INTO mentions (entity_id, article_key, mentions, names, geo)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`,
      mentions,
    );
    this.#runEach(
      `INSERT INTO quotes (article_key, n, speaker_id, text)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
      quotes,
    );
  }

  #apply(delta: Delta, ids: Map<string, number>, created: Set<string>): void {
    const idOf = (entity: string) => ids.get(entity)!;
    const entities = sortedRows(delta.entities);
    this.#runEach(
      `UPDATE entities SET articles = articles + d.value ->> 1, mentions = mentions + d.value ->> 2, quotes = quotes + d.value ->> 3
       FROM json_each(?) d WHERE entities.id = d.value ->> 0`,
      entities
        .filter((e) => !created.has(entityId(e.label, e.key)))
        .map((e) => [idOf(entityId(e.label, e.key)), e.articles, e.mentions, e.quotes]),
    );
    const names = sortedRows(delta.names).map(
      (n) => [idOf(n.entity), n.name, normaliseName(n.name), n.asName, n.asAlias] as const,
    );
    this.#runEach(
      `INSERT INTO entity_names (entity_id, name, name_key, as_name, as_alias)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?) WHERE true
       ON CONFLICT (entity_id, name) DO UPDATE SET as_name = as_name + excluded.as_name, as_alias = as_alias + excluded.as_alias`,
      names,
    );
    this.#runEach(
      `DELETE FROM entity_names WHERE (entity_id, name) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))
       AND as_name <= 0 AND as_alias <= 0`,
      names.filter((n) => n[3] < 0 || n[4] < 0),
    );
    // The name most articles use, ties to the first in code-point order: independent of write order.
    this.#runEach(
      `UPDATE entities SET name = top.name
       FROM (SELECT j.value AS id, (SELECT name FROM entity_names WHERE entity_id = j.value ORDER BY as_name DESC, name LIMIT 1) AS name
             FROM json_each(?) j) top
       WHERE entities.id = top.id AND top.name IS NOT NULL AND entities.name != top.name`,
      [...new Set(names.map((n) => n[0]))],
    );
    const geo = sortedRows(delta.geo).map(
      (g) => [idOf(g.entity), g.geo.geonameId, g.geo.country, g.geo.lat, g.geo.lon, g.articles] as const,
    );
    this.#runEach(
      `INSERT INTO entity_geo (entity_id, geoname_id, country, lat, lon, articles)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?) WHERE true
       ON CONFLICT (entity_id, geoname_id) DO UPDATE SET articles = articles + excluded.articles`,
      geo,
    );
    this.#runEach(
      `DELETE FROM entity_geo WHERE (entity_id, geoname_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))
       AND articles <= 0`,
      geo.filter((g) => g[5] < 0),
    );
    // Where most articles place it; rows already there are left alone.
    this.#runEach(
      `UPDATE entities SET (geoname_id, country, lat, lon) = (${topPlace})
       WHERE id IN (SELECT value FROM json_each(?)) AND (geoname_id, country, lat, lon) IS NOT (${topPlace})`,
      [...new Set(geo.map((g) => g[0]))],
    );
    const months = sortedRows(delta.months).map(
      (m) => [idOf(m.entity), m.month, m.label, m.articles, m.mentions] as const,
    );
    this.#runEach(
      `INSERT INTO entity_months (entity_id, month, label, articles, mentions)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?) WHERE true
       ON CONFLICT (entity_id, month) DO UPDATE SET articles = articles + excluded.articles, mentions = mentions + excluded.mentions`,
      months,
    );
    this.#runEach(
      `DELETE FROM entity_months WHERE (entity_id, month) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))
       AND articles <= 0`,
      months.filter((m) => m[3] < 0),
    );
    const speakers = sortedRows(delta.speakers).map(
      (s) => [s.site, s.month, s.speaker ? idOf(s.speaker) : 0, s.quotes] as const,
    );
    this.#runEach(
      `INSERT INTO speaker_stats (site, month, speaker_id, quotes)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?) WHERE true
       ON CONFLICT (site, month, speaker_id) DO UPDATE SET quotes = quotes + excluded.quotes`,
      speakers,
    );
    this.#runEach(
      `DELETE FROM speaker_stats WHERE (site, month, speaker_id) IN (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?))
       AND quotes <= 0`,
      speakers.filter((s) => s[3] < 0),
    );
    const siteMonths = sortedRows(delta.siteMonths).map(
      (s) => [s.site, s.month, s.articles, s.quotes, s.unknown] as const,
    );
    this.#runEach(
      `INSERT INTO site_months (site, month, articles, quotes, unknown)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?) WHERE true
       ON CONFLICT (site, month) DO UPDATE SET articles = articles + excluded.articles, quotes = quotes + excluded.quotes, unknown = unknown + excluded.unknown`,
      siteMonths,
    );
    this.#runEach(
      `DELETE FROM site_months WHERE (site, month) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?)) AND articles <= 0`,
      siteMonths.filter((s) => s[2] < 0),
    );
    const shrunk = entities.filter((e) => e.articles < 0 || e.quotes < 0).map((e) => idOf(entityId(e.label, e.key)));
    if (shrunk.length) {
      const gone = this.#each<{ id: number }>(
        'DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?)) AND articles <= 0 AND quotes <= 0 RETURNING id',
        shrunk,
      ).map((row) => row.id);
      for (const table of ['entity_names', 'entity_geo', 'entity_months'])
        this.#runEach(`DELETE FROM ${table} WHERE entity_id IN (SELECT value FROM json_each(?))`, gone);
    }
    this.#sql('UPDATE corpus_state SET version = version + 1, articles = articles + ?').run(delta.articles);
  }

  async *ids(): AsyncIterable<string> {
    // Collected first: the caller may remove articles while it walks them.
    const ids = this.#sql('SELECT id FROM articles').pluck().all() as string[];
    yield* ids;
  }

  async version(): Promise<number> {
    return (this.#sql('SELECT version FROM corpus_state').get() as { version: number }).version;
  }

  async count(): Promise<number> {
    return (this.#sql('SELECT articles FROM corpus_state').get() as { articles: number }).articles;
  }

  async has(id: string): Promise<boolean> {
    return Boolean(this.#sql('SELECT 1 FROM articles WHERE id = ?').get(id));
  }

  async summary(id: string): Promise<ArticleSummary | undefined> {
    const row = this.#sql(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = ?`).get(id) as SummaryRow | undefined;
    return row ? toSummary(row) : undefined;
  }

  /** The FROM and WHERE of an article filter, or undefined when it can match nothing. */
  #articleWhere(filter: ArticleFilter): { from: string; where: Where; searched: boolean; order: string } | undefined {
    const terms = parseSearch(filter.q);
    const where: Where = { clauses: [], params: [] };
    const searched = terms.length > 0;
    const keyColumn = searched ? 's.rowid' : 'a.key';
    if (searched) {
      where.clauses.push('article_search MATCH ?');
      where.params.push(ftsQuery(terms) + (filter.site ? ` AND site : ${siteToken(filter.site)}` : ''));
    }
    if (filter.site) {
      where.clauses.push('a.site = ?');
      where.params.push(filter.site);
    }
    const { low, high } = keyRange(
      filter.from && dayPattern.test(filter.from) ? filter.from : undefined,
      filter.to && dayPattern.test(filter.to) ? filter.to : undefined,
    );
    if (low !== undefined) {
      where.clauses.push(`${keyColumn} >= ?`);
      where.params.push(low);
    }
    if (high !== undefined) {
      where.clauses.push(`${keyColumn} <= ?`);
      where.params.push(high);
    }
    if (filter.entity) {
      const ids = this.#sql('SELECT DISTINCT entity_id FROM entity_names WHERE name_key = ?')
        .pluck()
        .all(normaliseName(filter.entity)) as number[];
      if (!ids.length) return undefined;
      where.clauses.push(
        `a.key IN (SELECT article_key FROM mentions WHERE entity_id IN (${ids.map(() => '?').join(', ')}))`,
      );
      where.params.push(...ids);
    }
    const order =
      filter.sort === 'oldest'
        ? `${keyColumn} ASC`
        : filter.sort === 'processed'
          ? 'a.processed DESC, a.key DESC'
          : `${keyColumn} DESC`;
    return {
      from: searched ? 'article_search s JOIN articles a ON a.key = s.rowid' : 'articles a',
      where,
      searched,
      order,
    };
  }

  async articles(filter: ArticleFilter, page: PageQuery): Promise<Page<ArticleHit>> {
    const query = this.#articleWhere(filter);
    if (!query) return makePage(page, 0, async () => []);
    const { from, where, order } = query;
    const whereSql = where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : '';
    const countLimit = query.searched ? SEARCH_COUNT_LIMIT : COUNT_LIMIT;
    let total: number;
    if (!where.clauses.length) total = await this.count();
    else if (where.clauses.length === 1 && filter.site && !query.searched)
      total = (
        this.#sql('SELECT coalesce(sum(articles), 0) AS n FROM site_months WHERE site = ?').get(filter.site) as {
          n: number;
        }
      ).n;
    else
      total = (
        this.#sql(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${whereSql} LIMIT ${countLimit + 1})`).get(
          ...where.params,
        ) as { n: number }
      ).n;
    const result = await makePage(
      page,
      total,
      async (offset, limit) =>
        (
          this.#sql(`SELECT ${SUMMARY_COLUMNS} FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
            ...where.params,
            limit,
            offset,
          ) as SummaryRow[]
        ).map((row) => ({ ...toSummary(row), key: row.key })),
      countLimit,
    );
    const terms = parseSearch(filter.q);
    const items = result.items as Array<ArticleHit & { key?: number }>;
    if (terms.length && items.length) {
      const bodies = new Map(
        (
          this.#sql(`SELECT key, body FROM article_bodies WHERE key IN (${items.map(() => '?').join(', ')})`).all(
            ...items.map((i) => i.key!),
          ) as Array<{ key: number; body: string }>
        ).map((b) => [b.key, b.body]),
      );
      for (const item of items) item.snippet = snippet(bodies.get(item.key!) ?? item.excerpt, terms);
    }
    for (const item of items) delete item.key;
    return result;
  }

  exportArticles(filter: ArticleFilter): AsyncIterable<ArticleSummary> {
    const query = this.#articleWhere(filter);
    if (!query) return (async function* () {})();
    const whereSql = query.where.clauses.length ? `WHERE ${query.where.clauses.join(' AND ')}` : '';
    return this.#stream(
      `SELECT ${SUMMARY_COLUMNS} FROM ${query.from} ${whereSql} ORDER BY ${query.order}`,
      query.where.params,
      (row: SummaryRow) => toSummary(row),
    );
  }

  /** Rows of a query from a connection of its own, one at a time: a large export never sits in memory. */
  async *#stream<R, T>(sql: string, params: Params, map: (row: R) => T): AsyncIterable<T> {
    const db = this.#connect(true);
    try {
      let n = 0;
      for (const row of db.prepare(sql).iterate(...params) as IterableIterator<R>) {
        yield map(row);
        // Let the event loop serve other requests during a long export.
        if (++n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      db.close();
    }
  }

  async sites(): Promise<SiteCount[]> {
    return this.#sql(
      "SELECT site, sum(articles) AS articles FROM site_months WHERE site != '' GROUP BY site ORDER BY articles DESC, site",
    ).all() as SiteCount[];
  }

  #entityRowId(entity: EntityRef): number | undefined {
    return (
      this.#sql('SELECT id FROM entities WHERE label = ? AND key = ?').get(entity.label, entity.key) as
        { id: number } | undefined
    )?.id;
  }

  async entity(label: string, name: string): Promise<EntityDetail | undefined> {
    if (!isCorpusLabel(label)) return undefined;
    const row = this.#sql(
      `SELECT e.id, ${ENTITY_COLUMNS} FROM entities e WHERE e.label = ? AND e.key = ? AND e.articles > 0`,
    ).get(label, normaliseName(name)) as (EntityRow & { id: number }) | undefined;
    if (!row) return undefined;
    const aliases = this.#sql(
      'SELECT name FROM entity_names WHERE entity_id = ? AND name != ? ORDER BY as_name + as_alias DESC, name LIMIT 50',
    )
      .pluck()
      .all(row.id, row.name) as string[];
    return { ...toEntitySummary(row), aliases };
  }

  async entityMonths(entity: EntityRef): Promise<MonthCount[]> {
    const id = this.#entityRowId(entity);
    if (id === undefined) return [];
    return this.#sql('SELECT month, articles, mentions FROM entity_months WHERE entity_id = ? ORDER BY month').all(
      id,
    ) as MonthCount[];
  }

  async cooccurring(
    entity: EntityRef,
    options: { limit?: number; sample?: number } = {},
  ): Promise<CooccurringEntity[]> {
    const id = this.#entityRowId(entity);
    if (id === undefined) return [];
    return this.#sql(
      `WITH recent AS (SELECT article_key FROM mentions WHERE entity_id = @id ORDER BY article_key DESC LIMIT @sample)
       SELECT e.label, e.key, e.name, count(*) AS articles
       FROM recent r JOIN mentions m ON m.article_key = r.article_key JOIN entities e ON e.id = m.entity_id
       WHERE m.entity_id != @id GROUP BY e.id ORDER BY articles DESC, e.key LIMIT @limit`,
    ).all({ id, sample: options.sample ?? 1000, limit: options.limit ?? 20 }) as CooccurringEntity[];
  }

  #quoteSql(where: string): string {
    return `SELECT q.text, a.id, a.title, a.site, a.date, s.label AS speaker_label, s.key AS speaker_key, s.name AS speaker_name
      FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN entities s ON s.id = q.speaker_id
      WHERE ${where} ORDER BY q.article_key DESC, q.n`;
  }

  async entityQuotes(entity: EntityRef, page: PageQuery): Promise<Page<QuoteRow>> {
    const id = this.#entityRowId(entity);
    if (id === undefined) return makePage(page, 0, async () => []);
    const total = (this.#sql('SELECT quotes FROM entities WHERE id = ?').get(id) as { quotes: number }).quotes;
    return makePage(page, total, async (offset, limit) =>
      (
        this.#sql(`${this.#quoteSql('q.speaker_id = ?')} LIMIT ? OFFSET ?`).all(id, limit, offset) as QuoteJoinRow[]
      ).map(toQuote),
    );
  }

  exportEntityQuotes(entity: EntityRef): AsyncIterable<QuoteRow> {
    const id = this.#entityRowId(entity) ?? -1;
    return this.#stream(this.#quoteSql('q.speaker_id = ?'), [id], toQuote);
  }

  #entityArticlesSql = `SELECT ${SUMMARY_COLUMNS}, m.mentions AS entity_mentions FROM mentions m JOIN articles a ON a.key = m.article_key
    WHERE m.entity_id = ? ORDER BY m.article_key DESC`;

  async entityArticles(entity: EntityRef, page: PageQuery): Promise<Page<EntityArticle>> {
    const id = this.#entityRowId(entity);
    if (id === undefined) return makePage(page, 0, async () => []);
    const total = (this.#sql('SELECT articles FROM entities WHERE id = ?').get(id) as { articles: number }).articles;
    return makePage(page, total, async (offset, limit) =>
      (
        this.#sql(`${this.#entityArticlesSql} LIMIT ? OFFSET ?`).all(id, limit, offset) as Array<
          SummaryRow & { entity_mentions: number }
        >
      ).map(toEntityArticle),
    );
  }

  exportEntityArticles(entity: EntityRef): AsyncIterable<EntityArticle> {
    return this.#stream(this.#entityArticlesSql, [this.#entityRowId(entity) ?? -1], toEntityArticle);
  }

  #entitiesQuery(filter: EntityFilter): { sql: string; params: Params; count: string } {
    const label = filter.label && isCorpusLabel(filter.label) ? filter.label : undefined;
    if (filter.month && monthPattern.test(filter.month)) {
      const where = `em.month = ?${label ? ' AND em.label = ?' : ''}`;
      const params: Params = label ? [filter.month, label] : [filter.month];
      return {
        sql: `SELECT e.label, e.key, e.name, em.articles, em.mentions, e.quotes, e.geoname_id, e.country, e.lat, e.lon
          FROM entity_months em JOIN entities e ON e.id = em.entity_id WHERE ${where} ORDER BY em.articles DESC, em.entity_id`,
        params,
        count: `SELECT count(*) AS n FROM (SELECT 1 FROM entity_months em WHERE ${where} LIMIT ${COUNT_LIMIT + 1})`,
      };
    }
    const where = label ? 'WHERE e.label = ?' : '';
    return {
      sql: `SELECT ${ENTITY_COLUMNS} FROM entities e ${where} ORDER BY e.articles DESC, e.id`,
      params: label ? [label] : [],
      count: `SELECT count(*) AS n FROM (SELECT 1 FROM entities e ${where} LIMIT ${COUNT_LIMIT + 1})`,
    };
  }

  async entities(filter: EntityFilter, page: PageQuery): Promise<Page<EntitySummary>> {
    const query = this.#entitiesQuery(filter);
    const total = (this.#sql(query.count).get(...query.params) as { n: number }).n;
    return makePage(page, total, async (offset, limit) =>
      (this.#sql(`${query.sql} LIMIT ? OFFSET ?`).all(...query.params, limit, offset) as EntityRow[]).map(
        toEntitySummary,
      ),
    );
  }

  exportEntities(filter: EntityFilter): AsyncIterable<EntitySummary> {
    const query = this.#entitiesQuery(filter);
    return this.#stream(query.sql, query.params, toEntitySummary);
  }

  #speakersQuery(filter: SourceFilter): { sql: string; params: Params; count: string } {
    const clauses: string[] = [];
    const params: Params = [];
    if (filter.site) {
      clauses.push('st.site = ?');
      params.push(filter.site);
    }
    if (filter.month && monthPattern.test(filter.month)) {
      clauses.push('st.month = ?');
      params.push(filter.month);
    }
    if (!clauses.length)
      return {
        sql: 'SELECT e.label, e.key, e.name, e.quotes FROM entities e WHERE e.quotes > 0 ORDER BY e.quotes DESC, e.id',
        params,
        count: `SELECT count(*) AS n FROM (SELECT 1 FROM entities e WHERE e.quotes > 0 LIMIT ${COUNT_LIMIT + 1})`,
      };
    const grouped = `SELECT st.speaker_id, sum(st.quotes) AS quotes FROM speaker_stats st
      WHERE ${clauses.join(' AND ')} AND st.speaker_id != 0 GROUP BY st.speaker_id`;
    return {
      sql: `SELECT e.label, e.key, e.name, g.quotes FROM (${grouped}) g JOIN entities e ON e.id = g.speaker_id ORDER BY g.quotes DESC, g.speaker_id`,
      params,
      count: `SELECT count(*) AS n FROM (${grouped} LIMIT ${COUNT_LIMIT + 1})`,
    };
  }

  async speakers(filter: SourceFilter, page: PageQuery): Promise<Page<SpeakerCount>> {
    const query = this.#speakersQuery(filter);
    const total = (this.#sql(query.count).get(...query.params) as { n: number }).n;
    return makePage(page, total, async (offset, limit) =>
      (this.#sql(`${query.sql} LIMIT ? OFFSET ?`).all(...query.params, limit, offset) as SpeakerJoinRow[]).map(
        toSpeaker,
      ),
    );
  }

  exportSpeakers(filter: SourceFilter): AsyncIterable<SpeakerCount> {
    const query = this.#speakersQuery(filter);
    return this.#stream(query.sql, query.params, toSpeaker);
  }

  async sources(filter: SourceFilter): Promise<SourcesReport> {
    const clauses: string[] = [];
    const params: Params = [];
    if (filter.site) {
      clauses.push('site = ?');
      params.push(filter.site);
    }
    if (filter.month && monthPattern.test(filter.month)) {
      clauses.push('month = ?');
      params.push(filter.month);
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const sums =
      'coalesce(sum(articles), 0) AS articles, coalesce(sum(quotes), 0) AS quotes, coalesce(sum(unknown), 0) AS unknown';
    return {
      totals: this.#sql(`SELECT ${sums} FROM site_months ${where}`).get(...params) as SourcesReport['totals'],
      bySite: this.#sql(`SELECT site, ${sums} FROM site_months ${where} GROUP BY site ORDER BY quotes DESC, site`).all(
        ...params,
      ) as SourcesReport['bySite'],
      byMonth: this.#sql(`SELECT month, ${sums} FROM site_months ${where} GROUP BY month ORDER BY month`).all(
        ...params,
      ) as SourcesReport['byMonth'],
    };
  }

  #placesSql = `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.lat IS NOT NULL ORDER BY e.mentions DESC, e.id`;

  async places(options: { limit: number }): Promise<Place[]> {
    return (this.#sql(`${this.#placesSql} LIMIT ?`).all(options.limit) as EntityRow[]).map(toPlace);
  }

  exportPlaces(): AsyncIterable<Place> {
    return this.#stream(this.#placesSql, [], toPlace);
  }

  async dump(): Promise<CorpusDump> {
    const all = (sql: string) => canonical(this.#db.prepare(sql).all() as Array<Record<string, unknown>>);
    return {
      articles: all(
        'SELECT a.id, a.title, a.url, a.site, a.byline, a.published, a.date, a.month, a.processed, a.format, a.language, a.excerpt, a.sentences, a.mentions, a.quotes, a.labels, b.body FROM articles a JOIN article_bodies b ON b.key = a.key',
      ),
      entities: all(`SELECT ${ENTITY_COLUMNS} FROM entities e`),
      names: all(
        'SELECT e.label, e.key, n.name, n.name_key, n.as_name, n.as_alias FROM entity_names n JOIN entities e ON e.id = n.entity_id',
      ),
      geo: all(
        'SELECT e.label, e.key, g.geoname_id, g.country, g.lat, g.lon, g.articles FROM entity_geo g JOIN entities e ON e.id = g.entity_id',
      ),
      mentions: all(
        'SELECT a.id, e.label, e.key, m.mentions, m.names, m.geo FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.key = m.article_key',
      ),
      months: all(
        'SELECT e.label, e.key, em.month, em.label AS month_label, em.articles, em.mentions FROM entity_months em JOIN entities e ON e.id = em.entity_id',
      ),
      quotes: all(
        'SELECT a.id, q.n, e.label, e.key, q.text FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN entities e ON e.id = q.speaker_id',
      ),
      speakers: all(
        'SELECT st.site, st.month, e.label, e.key, st.quotes FROM speaker_stats st LEFT JOIN entities e ON e.id = st.speaker_id',
      ),
      siteMonths: all('SELECT site, month, articles, quotes, unknown FROM site_months'),
      count: await this.count(),
    };
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
