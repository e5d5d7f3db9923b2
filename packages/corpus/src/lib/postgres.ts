import type { Article } from '@galley/document';
import pg from 'pg';
import { type Delta, addContribution, emptyDelta, entityId, pruneDelta, sortedRows } from './delta.js';
import { postgresMigrations } from './migrations.js';
import { normaliseName } from './names.js';
import { type ArticleRecord, articleRecord, firstKey, isCorpusLabel, keyRange, searchTextOf } from './rows.js';
import { type SearchTerms, parseSearch, snippet, tsQuery, wordsQuery } from './search.js';
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
  storedContributions,
  type StoredMentionRow,
  type StoredQuoteRow,
  toEntityArticle,
  toEntitySummary,
  toQuote,
  toSummary,
  toSpeaker,
  toPlace,
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

/** Options of {@link PostgresCorpus}. */
export interface PostgresCorpusOptions {
  /** `postgres://user:password@host:port/database`. */
  databaseUrl: string;
  /** Connections kept open. Default 4. */
  poolSize?: number;
  /**
   * A search whose words (all of them, phrases aside) are in more articles than this reads its page
   * by walking the order's index; in this many or fewer, through the search index's bitmap and a
   * sort. Default {@link COUNT_LIMIT} (counts stop there); tests lower it to check that both ways
   * give the same rows.
   */
  walkAbove?: number;
}

type Params = unknown[];
type Client = pg.PoolClient;

/** Integers come back as numbers: every count and key here fits in 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * Planner settings for one read (SET LOCAL, inside its transaction). A search's rows come either
 * through the GIN index's bitmap (no full scan, no index walk: every match fetched by its bitmap and
 * sorted, no \`tsv\` read since simple terms need no recheck) or by walking an index in the page's
 * order and testing each row (no sort, no bitmap). See PostgresCorpus.#searchPlan.
 */
type SearchPlan = string;
const BITMAP_PLAN: SearchPlan = 'SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off';
const WALK_PLAN: SearchPlan = 'SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off';

/**
 * A search's parameters (\`$1\` is its tsquery, see PostgresCorpus.#articleWhere) with its words
 * only, phrases aside: the articles that may match.
 */
function withWords(terms: SearchTerms, params: Params): Params {
  return [wordsQuery(terms), ...params.slice(1)];
}

/**
 * How far above \`walkAbove\` the planner's estimate of a search's matches must be for it to walk
 * without counting on (see PostgresCorpus.#searchPlan): its guesses err by a few times.
 */
const ESTIMATE_MARGIN = 3;

/** Errors a write retries: a deadlock or serialisation failure between two workers, or a race on a new key. */
const RETRY_CODES = new Set(['40P01', '40001', '23505']);
const MIGRATION_LOCK = 0x6761_6c6c; // "gall"

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable DATABASE_URL';
  }
}

/**
 * The end of a bulk rebuild, first part: every counter derived from the articles' own rows, as the
 * writes' deltas would leave them (an entity exists while an article mentions it). The names and
 * the entities' top name follow (see PostgresCorpus.#bulkNames and {@link bulkFinish}).
 */
const bulkDerivedRows = `
TRUNCATE entity_names, entity_geo, entity_months, speaker_stats, site_months;
DELETE FROM entities e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id);
INSERT INTO entity_geo (entity_id, geoname_id, country, lat, lon, articles)
SELECT entity_id, (geo::json ->> 'geonameId')::bigint, min(geo::json ->> 'country'), min((geo::json ->> 'lat')::float8),
       min((geo::json ->> 'lon')::float8), count(*)
FROM mentions WHERE geo IS NOT NULL GROUP BY entity_id, (geo::json ->> 'geonameId')::bigint;
UPDATE entities e SET articles = m.articles, mentions = m.mentions, quotes = coalesce(q.quotes, 0),
  geoname_id = g.geoname_id, country = g.country, lat = g.lat, lon = g.lon
FROM (SELECT entity_id, count(*)::int AS articles, sum(mentions)::int AS mentions FROM mentions GROUP BY entity_id) m
LEFT JOIN (SELECT speaker_id, count(*)::int AS quotes FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id) q
  ON q.speaker_id = m.entity_id
LEFT JOIN (SELECT DISTINCT ON (entity_id) entity_id, geoname_id, country, lat, lon FROM entity_geo
           ORDER BY entity_id, articles DESC, geoname_id) g ON g.entity_id = m.entity_id
WHERE e.id = m.entity_id;
-- Each article's site and month, read three times below: from a narrow table, not the articles'.
CREATE TEMP TABLE bulk_articles ON COMMIT DROP AS SELECT key, site, month FROM articles;
ANALYZE bulk_articles;
${monthlyCounters('bulk_articles')}
`;

/**
 * Indexes a bulk rebuild drops (beginBulk) and builds once, from the finished table, at its end
 * (endBulk), as the migrations define them. Kept by each write, the inverted index costs more than
 * every other row of an article, and the others take one insert per row at a random place (at a
 * million articles, mostly in pages no longer in shared buffers). The ones writes need stay:
 * the keys and ids that find an article's rows to replace them.
 */
const bulkIndexes = [
  'articles_tsv ON articles USING gin (tsv)',
  'articles_site ON articles (site, key)',
  'articles_processed ON articles (processed, key)',
  'quotes_speaker ON quotes (speaker_id, article_key) WHERE speaker_id IS NOT NULL',
];
const indexName = (definition: string) => definition.slice(0, definition.indexOf(' '));
/** mentions_pkey, the one constraint dropped: (entity_id, article_key), an entity's articles newest first. */
const mentionsKey = `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'mentions'::regclass AND conname = 'mentions_pkey') THEN
    ALTER TABLE mentions ADD CONSTRAINT mentions_pkey PRIMARY KEY (entity_id, article_key);
  END IF;
END $$`;

/** The end of a bulk rebuild, last part: each entity's top name, the dropped indexes, the flag. */
const bulkFinish = `
UPDATE entities e SET name = w.name FROM (
  SELECT DISTINCT ON (entity_id) entity_id, name FROM entity_names ORDER BY entity_id, as_name DESC, name COLLATE "C") w
WHERE e.id = w.entity_id AND e.name IS DISTINCT FROM w.name;
${bulkIndexes.map((definition) => `CREATE INDEX IF NOT EXISTS ${definition};`).join('\n')}
${mentionsKey};
UPDATE corpus_state SET bulk = 0, articles = (SELECT count(*) FROM articles), version = version + 1;
ANALYZE;
`;

/**
 * The corpus in PostgreSQL, for several machines sharing one corpus. Writes of a batch take an
 * advisory lock per article id (two workers re-indexing one article do not interleave) and row
 * locks on counters in one sorted order; a deadlock or key race retries the batch. Commits are
 * asynchronous (`synchronous_commit = off`): a database crash may lose the last moments of
 * indexing, never consistency, and `galley reindex` rebuilds from the published files.
 */
export class PostgresCorpus implements Corpus {
  readonly location;
  readonly #pool: pg.Pool;
  readonly #walkAbove: number;
  #ready: Promise<void>;

  constructor(options: PostgresCorpusOptions) {
    this.location = { kind: 'postgres' as const, where: redactDatabaseUrl(options.databaseUrl) };
    this.#pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 4, types });
    this.#walkAbove = Math.min(options.walkAbove ?? COUNT_LIMIT, COUNT_LIMIT);
    // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
    this.#pool.on('error', () => undefined);
    this.#ready = this.#migrate();
    this.#ready.catch(() => undefined);
  }

  /** Resolves once the schema is up to date; rejects with a message naming the database. */
  ready(): Promise<void> {
    return this.#ready;
  }

  async #migrate(): Promise<void> {
    const client = await this.#pool.connect().catch((error: Error) => {
      throw new Error(`cannot connect to the corpus database ${this.location.where}: ${error.message}`);
    });
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS corpus_migrations (version integer PRIMARY KEY, applied text NOT NULL)',
      );
      const current = Number((await client.query('SELECT max(version) AS v FROM corpus_migrations')).rows[0].v ?? 0);
      if (current > postgresMigrations.length)
        throw new Error(
          `the corpus database ${this.location.where} has schema version ${current}, newer than this Galley knows (${postgresMigrations.length}); upgrade Galley or rebuild the index with galley reindex`,
        );
      for (let version = current + 1; version <= postgresMigrations.length; version++) {
        await client.query('BEGIN');
        await client.query(postgresMigrations[version - 1]);
        await client.query('INSERT INTO corpus_migrations (version, applied) VALUES ($1, $2)', [
          version,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  /** One query; with \`plan\`, in a read-only transaction under those planner settings. */
  async #query<R>(sql: string, params: Params = [], plan?: SearchPlan): Promise<R[]> {
    await this.#ready;
    if (!plan) return (await this.#pool.query(sql, params)).rows as R[];
    const client = await this.#pool.connect();
    try {
      await client.query(`BEGIN READ ONLY; ${plan}`);
      return (await client.query(sql, params)).rows as R[];
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  async #one<R>(sql: string, params: Params = [], plan?: SearchPlan): Promise<R | undefined> {
    return (await this.#query<R>(sql, params, plan))[0];
  }

  async index(articles: Article | readonly Article[]): Promise<void> {
    // The last version of an id in one batch wins, as it would written one after another.
    const byId = new Map<string, ArticleRecord>();
    for (const article of asList(articles)) byId.set(article.id, articleRecord(article));
    if (byId.size) await this.#transaction((client) => this.#write(client, [...byId.keys()], [...byId.values()]));
  }

  async remove(id: string): Promise<boolean> {
    return this.#transaction((client) => this.#write(client, [id], []));
  }

  async beginBulk(): Promise<void> {
    await this.#transaction(async (client) => {
      // Waits for the writes under way (see #write); later ones wait for this transaction.
      await client.query('LOCK TABLE articles IN SHARE MODE');
      await client.query('UPDATE corpus_state SET bulk = 1');
      // endBulk builds them in one pass each. Meanwhile search, the site filter, the processed
      // sort and an entity's articles scan (slower, still right).
      await client.query(
        `DROP INDEX IF EXISTS ${bulkIndexes.map(indexName).join(', ')}; ALTER TABLE mentions DROP CONSTRAINT IF EXISTS mentions_pkey`,
      );
    });
  }

  async endBulk(): Promise<void> {
    await this.#ready;
    const client = await this.#pool.connect();
    try {
      // Nothing to do (every rebuild calls this): no lock taken.
      if ((await client.query<{ bulk: number }>('SELECT bulk FROM corpus_state')).rows[0].bulk === 0) return;
      await client.query('BEGIN');
      // Waits for the writes under way (see #write); later ones wait for this transaction.
      await client.query('LOCK TABLE articles IN SHARE MODE');
      const state = await client.query<{ bulk: number }>('SELECT bulk FROM corpus_state FOR UPDATE');
      if (state.rows[0].bulk !== 0) {
        // No parallel workers: the rebuild is measured (and meant to run) on one core, and a
        // worker's CPU would be hard to attribute (bench/corpus.mjs counts this backend's).
        await client.query(
          `SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL work_mem = '64MB';
           SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL max_parallel_maintenance_workers = 0`,
        );
        await client.query(bulkDerivedRows);
        await this.#bulkNames(client);
        await client.query(bulkFinish);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * \`entity_names\` from the spellings of every mention: counted in SQL, each distinct spelling's
   * \`name_key\` from {@link normaliseName} here (the same function the writes use).
   */
  async #bulkNames(client: Client): Promise<void> {
    await client.query(
      `CREATE TEMP TABLE galley_bulk_names ON COMMIT DROP AS
       SELECT m.entity_id, j.name, sum((j.n = 1)::int)::int AS as_name, sum((j.n > 1)::int)::int AS as_alias
       FROM mentions m, json_array_elements_text(m.names::json) WITH ORDINALITY AS j(name, n) GROUP BY m.entity_id, j.name`,
    );
    const names = (await client.query<{ name: string }>('SELECT DISTINCT name FROM galley_bulk_names')).rows.map(
      (r) => r.name,
    );
    await client.query(
      'CREATE TEMP TABLE galley_bulk_keys (name text PRIMARY KEY, name_key text NOT NULL) ON COMMIT DROP',
    );
    for (let first = 0; first < names.length; first += 50_000) {
      const chunk = names.slice(first, first + 50_000);
      await client.query('INSERT INTO galley_bulk_keys SELECT * FROM unnest($1::text[], $2::text[])', [
        chunk,
        chunk.map(normaliseName),
      ]);
    }
    await client.query(
      `INSERT INTO entity_names (entity_id, name, name_key, as_name, as_alias)
       SELECT n.entity_id, n.name, k.name_key, n.as_name, n.as_alias FROM galley_bulk_names n JOIN galley_bulk_keys k ON k.name = n.name
       ORDER BY n.entity_id, n.name`,
    );
  }

  async #transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    await this.#ready;
    for (let attempt = 1; ; attempt++) {
      const client = await this.#pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL synchronous_commit = off');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (attempt < 5 && code && RETRY_CODES.has(code)) {
          await new Promise((resolve) => setTimeout(resolve, attempt * 20 * Math.random()));
          continue;
        }
        throw error;
      } finally {
        client.release();
      }
    }
  }

  /** Replace the articles `ids` with `records` (fewer records than ids: the rest are removed). */
  async #write(client: Client, ids: string[], records: ArticleRecord[]): Promise<boolean> {
    // The bulk flag is read without a lock (no statement more for the worker's writes): a write
    // that saw no bulk rebuild keeps the counters exact, which is right either way; one that saw a
    // rebuild checks at its end that it is still under way (else it starts again). beginBulk and
    // endBulk lock `articles` in SHARE mode first, so they wait for the writes that have written
    // to it and the writes wait for them.
    const bulk =
      (
        await client.query<{ bulk: number }>(
          `SELECT pg_advisory_xact_lock(h), (SELECT bulk FROM corpus_state) AS bulk
           FROM (SELECT DISTINCT hashtextextended(id, 0) AS h FROM unnest($1::text[]) AS id) l ORDER BY h`,
          [ids],
        )
      ).rows[0].bulk !== 0;
    const delta = emptyDelta();
    const old = (
      await client.query<{ key: number; id: string; site: string; month: string }>(
        'SELECT key, id, site, month FROM articles WHERE id = ANY($1) ORDER BY key',
        [ids],
      )
    ).rows;
    if (old.length) {
      const keys = old.map((o) => o.key);
      if (!bulk) await this.#subtract(client, old, keys, delta);
      await client.query(
        `WITH a AS (DELETE FROM articles WHERE key = ANY($1)), b AS (DELETE FROM article_bodies WHERE key = ANY($1)),
         m AS (DELETE FROM mentions WHERE article_key = ANY($1)) DELETE FROM quotes WHERE article_key = ANY($1)`,
        [keys],
      );
    }
    if (bulk) {
      // The articles' own rows only; endBulk derives every counter from them.
      const { ids: entityIds } = await this.#entityIds(
        client,
        records.flatMap((r) => [
          ...r.entities.map((e) => ({ label: e.label, key: e.key, name: e.name })),
          ...r.quoteList.flatMap((q) => (q.speaker ? [{ ...q.speaker, name: q.speaker.key }] : [])),
        ]),
        delta,
      );
      if (records.length) await this.#insert(client, records, entityIds);
      const state = await client.query<{ bulk: number }>(
        'UPDATE corpus_state SET version = version + 1 RETURNING bulk',
      );
      // endBulk ran meanwhile: these rows would miss its counters. Again, as an exact write.
      if (state.rows[0].bulk === 0)
        throw Object.assign(new Error('a bulk rebuild ended during this write'), { code: '40001' });
      return old.length > 0;
    }
    for (const record of records) addContribution(delta, contributionOf(record), 1);
    pruneDelta(delta);
    const { ids: entityIds, created } = await this.#entityIds(
      client,
      [
        ...records.flatMap((r) => r.entities.map((e) => ({ label: e.label, key: e.key, name: e.name }))),
        ...delta.entities.values(),
      ],
      delta,
    );
    if (records.length) await this.#insert(client, records, entityIds);
    await this.#apply(client, delta, entityIds, created);
    return old.length > 0;
  }

  /** Subtract from `delta` what the stored articles `old` (whose keys are `keys`) contributed. */
  async #subtract(
    client: Client,
    old: Array<{ key: number; site: string; month: string }>,
    keys: number[],
    delta: Delta,
  ): Promise<void> {
    const mentions = (
      await client.query<StoredMentionRow>(
        'SELECT m.article_key, e.label, e.key, m.mentions, m.names, m.geo FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_key = ANY($1)',
        [keys],
      )
    ).rows;
    const quotes = (
      await client.query<StoredQuoteRow>(
        'SELECT q.article_key, e.label, e.key FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id WHERE q.article_key = ANY($1)',
        [keys],
      )
    ).rows;
    for (const stored of storedContributions(old, mentions, quotes)) addContribution(delta, stored, -1);
  }

  /**
   * Ids of entity rows, created where missing (inserted in sorted order) with their counters from
   * `delta` already, so a new entity is written once; those this write created are in `created`.
   */
  async #entityIds(
    client: Client,
    entities: Array<{ label: string; key: string; name: string }>,
    delta: Delta,
  ): Promise<{ ids: Map<string, number>; created: Set<string> }> {
    const unique = new Map<string, { label: string; key: string; name: string }>();
    for (const e of entities) if (!unique.has(entityId(e.label, e.key))) unique.set(entityId(e.label, e.key), e);
    const rows = sortedRows(unique);
    const ids = new Map<string, number>();
    const created = new Set<string>();
    if (!rows.length) return { ids, created };
    const labels = rows.map((r) => r.label);
    const keys = rows.map((r) => r.key);
    const counts = rows.map((r) => delta.entities.get(entityId(r.label, r.key)));
    const inserted = await client.query<{ label: string; key: string }>(
      `INSERT INTO entities (label, key, name, articles, mentions, quotes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[])
       ON CONFLICT (label, key) DO NOTHING RETURNING label, key`,
      [
        labels,
        keys,
        rows.map((r) => r.name),
        counts.map((c) => c?.articles ?? 0),
        counts.map((c) => c?.mentions ?? 0),
        counts.map((c) => c?.quotes ?? 0),
      ],
    );
    for (const row of inserted.rows) created.add(entityId(row.label, row.key));
    const found = await client.query<{ id: number; label: string; key: string }>(
      'SELECT e.id, e.label, e.key FROM entities e JOIN unnest($1::text[], $2::text[]) AS w(label, key) ON e.label = w.label AND e.key = w.key',
      [labels, keys],
    );
    for (const row of found.rows) ids.set(entityId(row.label, row.key), row.id);
    return { ids, created };
  }

  async #insert(client: Client, records: ArticleRecord[], entityIds: Map<string, number>): Promise<void> {
    let pending = records.map((record) => ({ record, key: firstKey(record.date, record.id) }));
    const placed: Array<{ record: ArticleRecord; key: number }> = [];
    while (pending.length) {
      const column = <T>(pick: (r: ArticleRecord) => T) => pending.map((p) => pick(p.record));
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO articles (key, id, title, url, site, byline, published, date, month, processed, format, language, excerpt, sentences, mentions, quotes, labels, tsv)
         SELECT k, i, t, u, s, b, p, d, mo, pr, f, l, x, se, me, qu, la, to_tsvector('simple', st)
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::text[], $14::int[], $15::int[], $16::int[], $17::text[], $18::text[])
           AS v(k, i, t, u, s, b, p, d, mo, pr, f, l, x, se, me, qu, la, st)
         ON CONFLICT (key) DO NOTHING RETURNING id`,
        [
          pending.map((p) => p.key),
          column((r) => r.id),
          column((r) => r.title),
          column((r) => r.url ?? null),
          column((r) => r.site),
          column((r) => r.byline ?? null),
          column((r) => r.published ?? null),
          column((r) => r.date),
          column((r) => r.month),
          column((r) => r.processed ?? null),
          column((r) => r.format),
          column((r) => r.language),
          column((r) => r.excerpt),
          column((r) => r.sentences),
          column((r) => r.mentions),
          column((r) => r.quotes),
          column((r) => JSON.stringify(r.labels)),
          column((r) => searchTextOf(r)),
        ],
      );
      const done = new Set(inserted.rows.map((r) => r.id));
      placed.push(...pending.filter((p) => done.has(p.record.id)));
      // Another article holds this key (same second, same slot): take the next one.
      pending = pending.filter((p) => !done.has(p.record.id)).map((p) => ({ ...p, key: p.key + 1 }));
    }
    const mentions = placed.flatMap(({ record, key }) =>
      record.entities.map((e) => [
        entityIds.get(entityId(e.label, e.key)),
        key,
        e.mentions,
        JSON.stringify([e.name, ...e.aliases]),
        e.geo ? JSON.stringify(e.geo) : null,
      ]),
    );
    const quotes = placed.flatMap(({ record, key }) =>
      record.quoteList.map((q) => [
        key,
        q.n,
        q.speaker ? (entityIds.get(entityId(q.speaker.label, q.speaker.key)) ?? null) : null,
        q.text,
      ]),
    );
    const col = (rows: unknown[][], i: number) => rows.map((r) => r[i]);
    await client.query(
      `WITH b AS (INSERT INTO article_bodies (key, body) SELECT * FROM unnest($1::bigint[], $2::text[])),
       m AS (INSERT INTO mentions (entity_id, article_key, mentions, names, geo) SELECT * FROM unnest($3::bigint[], $4::bigint[], $5::int[], $6::text[], $7::text[]))
       INSERT INTO quotes (article_key, n, speaker_id, text) SELECT * FROM unnest($8::bigint[], $9::int[], $10::bigint[], $11::text[])`,
      [
        placed.map((p) => p.key),
        placed.map((p) => p.record.body),
        col(mentions, 0),
        col(mentions, 1),
        col(mentions, 2),
        col(mentions, 3),
        col(mentions, 4),
        col(quotes, 0),
        col(quotes, 1),
        col(quotes, 2),
        col(quotes, 3),
      ],
    );
  }

  async #apply(client: Client, delta: Delta, ids: Map<string, number>, created: Set<string>): Promise<void> {
    const idOf = (entity: string) => ids.get(entity)!;
    const entities = sortedRows(delta.entities);
    if (entities.length) {
      const entityRowIds = entities.map((e) => idOf(entityId(e.label, e.key)));
      // Lock the counters in id order first: two writers then never wait on each other in a cycle.
      const locked = await client.query('SELECT id FROM entities WHERE id = ANY($1) ORDER BY id FOR UPDATE', [
        entityRowIds,
      ]);
      // Another writer removed an entity this batch refers to (its last article went) after we
      // looked it up: start the batch again, which creates it anew.
      if (locked.rowCount !== entityRowIds.length)
        throw Object.assign(new Error('an entity was removed by a concurrent write'), { code: '40001' });
      const counted = entities.filter((e) => !created.has(entityId(e.label, e.key)));
      if (counted.length)
        await client.query(
          `UPDATE entities e SET articles = e.articles + d.a, mentions = e.mentions + d.m, quotes = e.quotes + d.q
           FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[]) AS d(id, a, m, q) WHERE e.id = d.id`,
          [
            counted.map((e) => idOf(entityId(e.label, e.key))),
            counted.map((e) => e.articles),
            counted.map((e) => e.mentions),
            counted.map((e) => e.quotes),
          ],
        );
    }
    const names = sortedRows(delta.names);
    if (names.length) {
      const nameIds = names.map((n) => idOf(n.entity));
      const params = [
        nameIds,
        names.map((n) => n.name),
        names.map((n) => normaliseName(n.name)),
        names.map((n) => n.asName),
        names.map((n) => n.asAlias),
      ];
      await client.query(
        `INSERT INTO entity_names (entity_id, name, name_key, as_name, as_alias) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[])
         ON CONFLICT (entity_id, name) DO UPDATE SET as_name = entity_names.as_name + excluded.as_name, as_alias = entity_names.as_alias + excluded.as_alias`,
        params,
      );
      if (names.some((n) => n.asName < 0 || n.asAlias < 0))
        await client.query(
          'DELETE FROM entity_names n USING unnest($1::bigint[], $2::text[]) AS d(id, name) WHERE n.entity_id = d.id AND n.name = d.name AND n.as_name <= 0 AND n.as_alias <= 0',
          [params[0], params[1]],
        );
      await client.query(
        `UPDATE entities e SET name = w.name FROM (
           SELECT DISTINCT ON (entity_id) entity_id, name FROM entity_names WHERE entity_id = ANY($1)
           ORDER BY entity_id, as_name DESC, name COLLATE "C") w
         WHERE e.id = w.entity_id AND e.name IS DISTINCT FROM w.name`,
        [[...new Set(nameIds)]],
      );
    }
    const geo = sortedRows(delta.geo);
    if (geo.length) {
      const entityRowIds = geo.map((g) => idOf(g.entity));
      await client.query(
        `INSERT INTO entity_geo (entity_id, geoname_id, country, lat, lon, articles)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::float8[], $5::float8[], $6::int[])
         ON CONFLICT (entity_id, geoname_id) DO UPDATE SET articles = entity_geo.articles + excluded.articles`,
        [
          entityRowIds,
          geo.map((g) => g.geo.geonameId),
          geo.map((g) => g.geo.country),
          geo.map((g) => g.geo.lat),
          geo.map((g) => g.geo.lon),
          geo.map((g) => g.articles),
        ],
      );
      await client.query('DELETE FROM entity_geo WHERE entity_id = ANY($1) AND articles <= 0', [entityRowIds]);
      await client.query(
        `UPDATE entities e SET geoname_id = w.geoname_id, country = w.country, lat = w.lat, lon = w.lon
         FROM (SELECT x.id, g.geoname_id, g.country, g.lat, g.lon FROM unnest($1::bigint[]) AS x(id)
               LEFT JOIN LATERAL (SELECT * FROM entity_geo WHERE entity_id = x.id ORDER BY articles DESC, geoname_id LIMIT 1) g ON true) w
         WHERE e.id = w.id`,
        [[...new Set(entityRowIds)]],
      );
    }
    const months = sortedRows(delta.months);
    if (months.length) {
      await client.query(
        `INSERT INTO entity_months (entity_id, month, label, articles, mentions) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[])
         ON CONFLICT (entity_id, month) DO UPDATE SET articles = entity_months.articles + excluded.articles, mentions = entity_months.mentions + excluded.mentions`,
        [
          months.map((m) => idOf(m.entity)),
          months.map((m) => m.month),
          months.map((m) => m.label),
          months.map((m) => m.articles),
          months.map((m) => m.mentions),
        ],
      );
      const gone = months.filter((m) => m.articles < 0);
      if (gone.length)
        await client.query(
          'DELETE FROM entity_months em USING unnest($1::bigint[], $2::text[]) AS d(id, month) WHERE em.entity_id = d.id AND em.month = d.month AND em.articles <= 0',
          [gone.map((m) => idOf(m.entity)), gone.map((m) => m.month)],
        );
    }
    const speakers = sortedRows(delta.speakers);
    if (speakers.length) {
      const params = [
        speakers.map((s) => s.site),
        speakers.map((s) => s.month),
        speakers.map((s) => (s.speaker ? idOf(s.speaker) : 0)),
        speakers.map((s) => s.quotes),
      ];
      await client.query(
        `INSERT INTO speaker_stats (site, month, speaker_id, quotes) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[])
         ON CONFLICT (site, month, speaker_id) DO UPDATE SET quotes = speaker_stats.quotes + excluded.quotes`,
        params,
      );
      if (speakers.some((s) => s.quotes < 0))
        await client.query(
          'DELETE FROM speaker_stats st USING unnest($1::text[], $2::text[], $3::bigint[]) AS d(site, month, id) WHERE st.site = d.site AND st.month = d.month AND st.speaker_id = d.id AND st.quotes <= 0',
          params.slice(0, 3),
        );
    }
    const siteMonths = sortedRows(delta.siteMonths);
    if (siteMonths.length) {
      await client.query(
        `INSERT INTO site_months (site, month, articles, quotes, unknown) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[])
         ON CONFLICT (site, month) DO UPDATE SET articles = site_months.articles + excluded.articles,
           quotes = site_months.quotes + excluded.quotes, unknown = site_months.unknown + excluded.unknown`,
        [
          siteMonths.map((s) => s.site),
          siteMonths.map((s) => s.month),
          siteMonths.map((s) => s.articles),
          siteMonths.map((s) => s.quotes),
          siteMonths.map((s) => s.unknown),
        ],
      );
      await client.query(
        'DELETE FROM site_months WHERE articles <= 0 AND (site, month) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        [siteMonths.map((s) => s.site), siteMonths.map((s) => s.month)],
      );
    }
    const shrunk = entities.filter((e) => e.articles < 0 || e.quotes < 0).map((e) => idOf(entityId(e.label, e.key)));
    if (shrunk.length)
      await client.query(
        `WITH gone AS (DELETE FROM entities WHERE id = ANY($1) AND articles <= 0 AND quotes <= 0 RETURNING id),
         n AS (DELETE FROM entity_names WHERE entity_id IN (SELECT id FROM gone)),
         g AS (DELETE FROM entity_geo WHERE entity_id IN (SELECT id FROM gone))
         DELETE FROM entity_months WHERE entity_id IN (SELECT id FROM gone)`,
        [shrunk],
      );
    await client.query('UPDATE corpus_state SET version = version + 1, articles = articles + $1', [delta.articles]);
  }

  async *ids(): AsyncIterable<string> {
    const rows = await this.#query<{ id: string }>('SELECT id FROM articles');
    for (const row of rows) yield row.id;
  }

  async version(): Promise<number> {
    return (await this.#one<{ version: number }>('SELECT version FROM corpus_state'))!.version;
  }

  async count(): Promise<number> {
    return (await this.#one<{ articles: number }>('SELECT articles FROM corpus_state'))!.articles;
  }

  async has(id: string): Promise<boolean> {
    return Boolean(await this.#one('SELECT 1 FROM articles WHERE id = $1', [id]));
  }

  async summary(id: string): Promise<ArticleSummary | undefined> {
    const row = await this.#one<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = $1`, [id]);
    return row ? toSummary(row) : undefined;
  }

  async #articleWhere(filter: ArticleFilter): Promise<{ where: string; params: Params; order: string } | undefined> {
    const terms = parseSearch(filter.q);
    const clauses: string[] = [];
    const params: Params = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    // First, so that it is $1 (see withWords).
    if (terms.length) clauses.push(`a.tsv @@ to_tsquery('simple', ${add(tsQuery(terms))})`);
    if (filter.site) clauses.push(`a.site = ${add(filter.site)}`);
    const { low, high } = keyRange(
      filter.from && dayPattern.test(filter.from) ? filter.from : undefined,
      filter.to && dayPattern.test(filter.to) ? filter.to : undefined,
    );
    if (low !== undefined) clauses.push(`a.key >= ${add(low)}`);
    if (high !== undefined) clauses.push(`a.key <= ${add(high)}`);
    if (filter.entity) {
      const ids = (
        await this.#query<{ entity_id: number }>('SELECT DISTINCT entity_id FROM entity_names WHERE name_key = $1', [
          normaliseName(filter.entity),
        ])
      ).map((r) => r.entity_id);
      if (!ids.length) return undefined;
      clauses.push(`a.key IN (SELECT article_key FROM mentions WHERE entity_id = ANY(${add(ids)}))`);
    }
    const order =
      filter.sort === 'oldest'
        ? 'a.key ASC'
        : filter.sort === 'processed'
          ? 'a.processed DESC, a.key DESC'
          : 'a.key DESC';
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, order };
  }

  async articles(filter: ArticleFilter, page: PageQuery): Promise<Page<ArticleHit>> {
    const query = await this.#articleWhere(filter);
    if (!query) return makePage(page, 0, async () => []);
    const { where, params, order } = query;
    const terms = parseSearch(filter.q);
    const n = params.length;
    let result: Page<ArticleHit & { key: number }>;
    if (terms.length) result = await this.#searchPage(terms, query, page);
    else {
      const total = !where
        ? await this.count()
        : params.length === 1 && filter.site
          ? (await this.#one<{ n: number }>('SELECT coalesce(sum(articles), 0) AS n FROM site_months WHERE site = $1', [
              filter.site,
            ]))!.n
          : await this.#countUpTo(COUNT_LIMIT, where, params);
      result = await makePage(page, total, async (offset, limit) =>
        (
          await this.#query<SummaryRow>(
            `SELECT ${SUMMARY_COLUMNS} FROM articles a ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
            [...params, limit, offset],
          )
        ).map((row) => ({ ...toSummary(row), key: row.key })),
      );
    }
    const items = result.items as Array<ArticleHit & { key?: number }>;
    if (terms.length && items.length) {
      // Snippets for the rows shown only.
      const bodies = new Map(
        (
          await this.#query<{ key: number; body: string }>('SELECT key, body FROM article_bodies WHERE key = ANY($1)', [
            items.map((i) => i.key),
          ])
        ).map((b) => [b.key, b.body]),
      );
      for (const item of items) item.snippet = snippet(bodies.get(item.key!) ?? item.excerpt, terms);
    }
    for (const item of items) delete item.key;
    return result;
  }

  /**
   * A page of a search. Its words (phrases aside: {@link wordsQuery}) are answered by the GIN index
   * alone, without reading a row's \`tsv\`; a phrase is confirmed on each row's word positions (its
   * \`tsv\`, out of line: several page reads per row). So the articles with all the words are
   * counted first (up to {@link COUNT_LIMIT}, from the index's bitmap), and that count picks the
   * page's plan (see {@link PostgresCorpus.#searchPlan}). A phrase's own count stops at
   * {@link SEARCH_COUNT_LIMIT} confirmed rows, and with few candidates, they are sorted first and
   * confirmed in order until the page is full, not all of them.
   */
  async #searchPage(
    terms: SearchTerms,
    { where, params, order }: { where: string; params: Params; order: string },
    page: PageQuery,
  ): Promise<Page<ArticleHit & { key: number }>> {
    const n = params.length;
    const candidates = withWords(terms, params);
    const { total: withAll, plan } = await this.#searchPlan(where, candidates);
    const phrase = terms.some((words) => words.length > 1);
    const total = phrase ? await this.#countUpTo(SEARCH_COUNT_LIMIT, where, params, BITMAP_PLAN) : withAll;
    // The candidates' keys and \`tsv\` pointers (the sort carries them unread), sorted, then each
    // confirmed until the page is full; the page's rows are read last, by key.
    const confirmed = `SELECT ${SUMMARY_COLUMNS} FROM articles a JOIN (
      SELECT a.key FROM (SELECT a.key, a.processed, a.tsv FROM articles a ${where} ORDER BY ${order} OFFSET 0) a
      WHERE a.tsv @@ to_tsquery('simple', $${n + 3}) ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}) p ON p.key = a.key
      ORDER BY ${order}`;
    // Also when the words are frequent but the phrase is not (common words seldom side by side):
    // walking would test nearly every row to fill the page.
    const sorted = phrase && (plan === BITMAP_PLAN || total <= SEARCH_COUNT_LIMIT);
    return makePage(
      page,
      total,
      async (offset, limit) =>
        (
          await this.#query<SummaryRow>(
            sorted
              ? confirmed
              : `SELECT ${SUMMARY_COLUMNS} FROM articles a ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
            sorted ? [...candidates, limit, offset, params[0]] : [...params, limit, offset],
            sorted ? BITMAP_PLAN : plan,
          )
        ).map((row) => ({ ...toSummary(row), key: row.key })),
      SEARCH_COUNT_LIMIT,
    );
  }

  /** How many rows match, up to \`limit\` + 1 (the page then says "more than \`limit\`"). */
  async #countUpTo(limit: number, where: string, params: Params, plan?: SearchPlan): Promise<number> {
    return (await this.#one<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM articles a ${where} LIMIT ${limit + 1}) c`,
      params,
      plan,
    ))!.n;
  }

  /**
   * How many articles have a search's words (\`params\` from {@link withWords}), and so how to read
   * them in order. The count reads the search index's bitmap and never the rows' \`tsv\` (a recheck
   * would detoast every matching row's vector: 200 ms for a word in a quarter of 200,000 articles).
   * Then few matches (≤ \`walkAbove\`) are read through the same bitmap and sorted (cost bounded by
   * that many rows, no vector read but a phrase's), and many are read by walking the order's index,
   * testing each row until the page is full (few rows tested, since many rows match). The planner
   * guesses the share of matches from statistics that miss rare words and clustered dates (it
   * walked 15,000 rows to find 20 of 222), so the count decides; but when the planner's guess is
   * far above \`walkAbove\` (a frequent word, which its statistics see well), the count stops at
   * {@link SEARCH_COUNT_LIMIT} (what the page shows) and the page walks unless that few match:
   * counting on would cost 10,000 heap rows.
   */
  async #searchPlan(where: string, params: Params): Promise<{ total: number; plan: SearchPlan }> {
    const dense = (await this.#estimate(where, params)) > ESTIMATE_MARGIN * this.#walkAbove;
    const total = await this.#countUpTo(dense ? SEARCH_COUNT_LIMIT : COUNT_LIMIT, where, params, BITMAP_PLAN);
    const walkAbove = dense ? Math.min(SEARCH_COUNT_LIMIT, this.#walkAbove) : this.#walkAbove;
    return { total, plan: total > walkAbove ? WALK_PLAN : BITMAP_PLAN };
  }

  /** The planner's estimate of how many articles match \`where\`. */
  async #estimate(where: string, params: Params): Promise<number> {
    const row = await this.#one<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM articles a ${where}`,
      params,
    );
    return row!['QUERY PLAN'][0].Plan['Plan Rows'];
  }

  exportArticles(filter: ArticleFilter): AsyncIterable<ArticleSummary> {
    return this.#streamLazy(async () => {
      const query = await this.#articleWhere(filter);
      if (!query) return undefined;
      const terms = parseSearch(filter.q);
      const plan = terms.length
        ? (await this.#searchPlan(query.where, withWords(terms, query.params))).plan
        : WALK_PLAN;
      return {
        sql: `SELECT ${SUMMARY_COLUMNS} FROM articles a ${query.where} ORDER BY ${query.order}`,
        params: query.params,
        plan,
      };
    }, toSummary);
  }

  /**
   * Rows of a query through a cursor on a connection of its own, 500 at a time. A declared cursor,
   * not a protocol portal: PostgreSQL plans a portal for all its rows (for an export of every
   * article, a sort of the whole table before the first row) and a cursor for its first rows;
   * \`plan\` (default {@link WALK_PLAN}: the order's index, no sort) settles it.
   */
  async *#stream<R, T>(
    sql: string,
    params: Params,
    map: (row: R) => T,
    plan: SearchPlan = WALK_PLAN,
  ): AsyncIterable<T> {
    await this.#ready;
    const client = await this.#pool.connect();
    let open = false;
    try {
      await client.query('BEGIN READ ONLY');
      open = true;
      await client.query(plan);
      await client.query(`DECLARE galley_stream NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows = (await client.query({ text: 'FETCH 500 FROM galley_stream', types })).rows as R[];
        if (!rows.length) break;
        for (const row of rows) yield map(row);
      }
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  async *#streamLazy<R, T>(
    build: () => Promise<{ sql: string; params: Params; plan?: SearchPlan } | undefined>,
    map: (row: R) => T,
  ): AsyncIterable<T> {
    const query = await build();
    if (query) yield* this.#stream(query.sql, query.params, map, query.plan);
  }

  async sites(): Promise<SiteCount[]> {
    return this.#query<SiteCount>(
      `SELECT site, sum(articles) AS articles FROM site_months WHERE site != '' GROUP BY site ORDER BY articles DESC, site COLLATE "C"`,
    );
  }

  async #entityRowId(entity: EntityRef): Promise<number | undefined> {
    return (
      await this.#one<{ id: number }>('SELECT id FROM entities WHERE label = $1 AND key = $2', [
        entity.label,
        entity.key,
      ])
    )?.id;
  }

  async entity(label: string, name: string): Promise<EntityDetail | undefined> {
    if (!isCorpusLabel(label)) return undefined;
    const row = await this.#one<EntityRow & { id: number }>(
      `SELECT e.id, ${ENTITY_COLUMNS} FROM entities e WHERE e.label = $1 AND e.key = $2 AND e.articles > 0`,
      [label, normaliseName(name)],
    );
    if (!row) return undefined;
    const aliases = await this.#query<{ name: string }>(
      'SELECT name FROM entity_names WHERE entity_id = $1 AND name != $2 ORDER BY as_name + as_alias DESC, name COLLATE "C" LIMIT 50',
      [row.id, row.name],
    );
    return { ...toEntitySummary(row), aliases: aliases.map((a) => a.name) };
  }

  async entityMonths(entity: EntityRef): Promise<MonthCount[]> {
    const id = await this.#entityRowId(entity);
    if (id === undefined) return [];
    return this.#query<MonthCount>(
      'SELECT month, articles, mentions FROM entity_months WHERE entity_id = $1 ORDER BY month',
      [id],
    );
  }

  async cooccurring(
    entity: EntityRef,
    options: { limit?: number; sample?: number } = {},
  ): Promise<CooccurringEntity[]> {
    const id = await this.#entityRowId(entity);
    if (id === undefined) return [];
    return this.#query<CooccurringEntity>(
      `WITH recent AS (SELECT article_key FROM mentions WHERE entity_id = $1 ORDER BY article_key DESC LIMIT $2)
       SELECT e.label, e.key, e.name, count(*) AS articles
       FROM recent r JOIN mentions m ON m.article_key = r.article_key JOIN entities e ON e.id = m.entity_id
       WHERE m.entity_id != $1 GROUP BY e.id ORDER BY articles DESC, e.key COLLATE "C" LIMIT $3`,
      [id, options.sample ?? 1000, options.limit ?? 20],
    );
  }

  #quoteSql(where: string): string {
    return `SELECT q.text, a.id, a.title, a.site, a.date, s.label AS speaker_label, s.key AS speaker_key, s.name AS speaker_name
      FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN entities s ON s.id = q.speaker_id
      WHERE ${where} ORDER BY q.article_key DESC, q.n`;
  }

  async entityQuotes(entity: EntityRef, page: PageQuery): Promise<Page<QuoteRow>> {
    const id = await this.#entityRowId(entity);
    if (id === undefined) return makePage(page, 0, async () => []);
    const total = (await this.#one<{ quotes: number }>('SELECT quotes FROM entities WHERE id = $1', [id]))!.quotes;
    return makePage(page, total, async (offset, limit) =>
      (
        await this.#query<QuoteJoinRow>(`${this.#quoteSql('q.speaker_id = $1')} LIMIT $2 OFFSET $3`, [
          id,
          limit,
          offset,
        ])
      ).map(toQuote),
    );
  }

  exportEntityQuotes(entity: EntityRef): AsyncIterable<QuoteRow> {
    return this.#streamLazy(
      async () => ({ sql: this.#quoteSql('q.speaker_id = $1'), params: [(await this.#entityRowId(entity)) ?? -1] }),
      toQuote,
    );
  }

  #entityArticlesSql = `SELECT ${SUMMARY_COLUMNS}, m.mentions AS entity_mentions FROM mentions m JOIN articles a ON a.key = m.article_key
    WHERE m.entity_id = $1 ORDER BY m.article_key DESC`;

  async entityArticles(entity: EntityRef, page: PageQuery): Promise<Page<EntityArticle>> {
    const id = await this.#entityRowId(entity);
    if (id === undefined) return makePage(page, 0, async () => []);
    const total = (await this.#one<{ articles: number }>('SELECT articles FROM entities WHERE id = $1', [id]))!
      .articles;
    return makePage(page, total, async (offset, limit) =>
      (
        await this.#query<SummaryRow & { entity_mentions: number }>(`${this.#entityArticlesSql} LIMIT $2 OFFSET $3`, [
          id,
          limit,
          offset,
        ])
      ).map(toEntityArticle),
    );
  }

  exportEntityArticles(entity: EntityRef): AsyncIterable<EntityArticle> {
    return this.#streamLazy(
      async () => ({ sql: this.#entityArticlesSql, params: [(await this.#entityRowId(entity)) ?? -1] }),
      toEntityArticle,
    );
  }

  #entitiesQuery(filter: EntityFilter): { sql: string; params: Params; count: string } {
    const label = filter.label && isCorpusLabel(filter.label) ? filter.label : undefined;
    if (filter.month && monthPattern.test(filter.month)) {
      const where = `em.month = $1${label ? ' AND em.label = $2' : ''}`;
      return {
        sql: `SELECT e.label, e.key, e.name, em.articles, em.mentions, e.quotes, e.geoname_id, e.country, e.lat, e.lon
          FROM entity_months em JOIN entities e ON e.id = em.entity_id WHERE ${where} ORDER BY em.articles DESC, em.entity_id`,
        params: label ? [filter.month, label] : [filter.month],
        count: `SELECT count(*) AS n FROM (SELECT 1 FROM entity_months em WHERE ${where} LIMIT ${COUNT_LIMIT + 1}) c`,
      };
    }
    const where = label ? 'WHERE e.label = $1' : '';
    return {
      sql: `SELECT ${ENTITY_COLUMNS} FROM entities e ${where} ORDER BY e.articles DESC, e.id`,
      params: label ? [label] : [],
      count: `SELECT count(*) AS n FROM (SELECT 1 FROM entities e ${where} LIMIT ${COUNT_LIMIT + 1}) c`,
    };
  }

  async #paged<R, T>(
    query: { sql: string; params: Params; count: string; page?: (limit: string, offset: string) => string },
    page: PageQuery,
    map: (row: R) => T,
  ): Promise<Page<T>> {
    const total = (await this.#one<{ n: number }>(query.count, query.params))!.n;
    const n = query.params.length;
    const [limit, offset] = [`$${n + 1}`, `$${n + 2}`];
    const sql = query.page ? query.page(limit, offset) : `${query.sql} LIMIT ${limit} OFFSET ${offset}`;
    return makePage(page, total, async (from, size) =>
      (await this.#query<R>(sql, [...query.params, size, from])).map(map),
    );
  }

  async entities(filter: EntityFilter, page: PageQuery): Promise<Page<EntitySummary>> {
    return this.#paged(this.#entitiesQuery(filter), page, toEntitySummary);
  }

  exportEntities(filter: EntityFilter): AsyncIterable<EntitySummary> {
    const query = this.#entitiesQuery(filter);
    return this.#stream(query.sql, query.params, toEntitySummary);
  }

  #speakersQuery(filter: SourceFilter): {
    sql: string;
    params: Params;
    count: string;
    page?: (limit: string, offset: string) => string;
  } {
    const clauses: string[] = [];
    const params: Params = [];
    if (filter.site) clauses.push(`st.site = $${params.push(filter.site)}`);
    if (filter.month && monthPattern.test(filter.month)) clauses.push(`st.month = $${params.push(filter.month)}`);
    if (!clauses.length)
      return {
        sql: 'SELECT e.label, e.key, e.name, e.quotes FROM entities e WHERE e.quotes > 0 ORDER BY e.quotes DESC, e.id',
        params,
        count: `SELECT count(*) AS n FROM (SELECT 1 FROM entities e WHERE e.quotes > 0 LIMIT ${COUNT_LIMIT + 1}) c`,
      };
    const grouped = `SELECT st.speaker_id, sum(st.quotes) AS quotes FROM speaker_stats st
      WHERE ${clauses.join(' AND ')} AND st.speaker_id != 0 GROUP BY st.speaker_id`;
    const named = (g: string) =>
      `SELECT e.label, e.key, e.name, g.quotes FROM (${g}) g JOIN entities e ON e.id = g.speaker_id ORDER BY g.quotes DESC, g.speaker_id`;
    return {
      sql: named(grouped),
      // A page: the top speakers first, then their names (joining every speaker to entities before
      // the top-N sort cost 65 of 97 ms for the largest site at 200,000 articles).
      page: (limit, offset) => named(`${grouped} ORDER BY quotes DESC, speaker_id LIMIT ${limit} OFFSET ${offset}`),
      params,
      count: `SELECT count(*) AS n FROM (${grouped} LIMIT ${COUNT_LIMIT + 1}) c`,
    };
  }

  async speakers(filter: SourceFilter, page: PageQuery): Promise<Page<SpeakerCount>> {
    return this.#paged(this.#speakersQuery(filter), page, toSpeaker);
  }

  exportSpeakers(filter: SourceFilter): AsyncIterable<SpeakerCount> {
    const query = this.#speakersQuery(filter);
    return this.#stream(query.sql, query.params, toSpeaker);
  }

  async sources(filter: SourceFilter): Promise<SourcesReport> {
    const clauses: string[] = [];
    const params: Params = [];
    if (filter.site) clauses.push(`site = $${params.push(filter.site)}`);
    if (filter.month && monthPattern.test(filter.month)) clauses.push(`month = $${params.push(filter.month)}`);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const sums =
      'coalesce(sum(articles), 0) AS articles, coalesce(sum(quotes), 0) AS quotes, coalesce(sum(unknown), 0) AS unknown';
    const [totals, bySite, byMonth] = await Promise.all([
      this.#query<SourcesReport['totals']>(`SELECT ${sums} FROM site_months ${where}`, params),
      this.#query<SourcesReport['bySite'][number]>(
        `SELECT site, ${sums} FROM site_months ${where} GROUP BY site ORDER BY quotes DESC, site COLLATE "C"`,
        params,
      ),
      this.#query<SourcesReport['byMonth'][number]>(
        `SELECT month, ${sums} FROM site_months ${where} GROUP BY month ORDER BY month`,
        params,
      ),
    ]);
    return { totals: totals[0], bySite, byMonth };
  }

  #placesSql = `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.lat IS NOT NULL ORDER BY e.mentions DESC, e.id`;

  async places(options: { limit: number }): Promise<Place[]> {
    return (await this.#query<EntityRow>(`${this.#placesSql} LIMIT $1`, [options.limit])).map(toPlace);
  }

  exportPlaces(): AsyncIterable<Place> {
    return this.#stream(this.#placesSql, [], toPlace);
  }

  async dump(): Promise<CorpusDump> {
    const all = async (sql: string) => canonical(await this.#query<Record<string, unknown>>(sql));
    return {
      articles: await all(
        'SELECT a.id, a.title, a.url, a.site, a.byline, a.published, a.date, a.month, a.processed, a.format, a.language, a.excerpt, a.sentences, a.mentions, a.quotes, a.labels, b.body FROM articles a JOIN article_bodies b ON b.key = a.key',
      ),
      entities: await all(`SELECT ${ENTITY_COLUMNS} FROM entities e`),
      names: await all(
        'SELECT e.label, e.key, n.name, n.name_key, n.as_name, n.as_alias FROM entity_names n JOIN entities e ON e.id = n.entity_id',
      ),
      geo: await all(
        'SELECT e.label, e.key, g.geoname_id, g.country, g.lat, g.lon, g.articles FROM entity_geo g JOIN entities e ON e.id = g.entity_id',
      ),
      mentions: await all(
        'SELECT a.id, e.label, e.key, m.mentions, m.names, m.geo FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.key = m.article_key',
      ),
      months: await all(
        'SELECT e.label, e.key, em.month, em.label AS month_label, em.articles, em.mentions FROM entity_months em JOIN entities e ON e.id = em.entity_id',
      ),
      quotes: await all(
        'SELECT a.id, q.n, e.label, e.key, q.text FROM quotes q JOIN articles a ON a.key = q.article_key LEFT JOIN entities e ON e.id = q.speaker_id',
      ),
      speakers: await all(
        'SELECT st.site, st.month, e.label, e.key, st.quotes FROM speaker_stats st LEFT JOIN entities e ON e.id = st.speaker_id',
      ),
      siteMonths: await all('SELECT site, month, articles, quotes, unknown FROM site_months'),
      count: await this.count(),
    };
  }

  async close(): Promise<void> {
    await this.#ready.catch(() => undefined);
    if (!this.#pool.ended) await this.#pool.end();
  }
}
