import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Article } from '@galley/document';
import { parseArticle } from '@galley/document';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ArticleFilter,
  type Corpus,
  type SqliteCorpus,
  SEARCH_COUNT_LIMIT,
  articleRecord,
  normaliseName,
  openCorpus,
  rebuildCorpus,
} from '../src/index.js';
import { SyntheticWorld } from '../src/testing.js';
import { type Backend, postgresBackend, postgresUnavailable, sqliteBackend, temporaryDatabase } from './databases.js';

const pgMissing = await postgresUnavailable();
if (pgMissing) console.warn(`PostgreSQL corpus tests skipped: ${pgMissing}`);

/** A small world, so names, sites and months repeat across a few dozen articles. */
const world = new SyntheticWorld({ people: 40, organisations: 15, places: 12, sites: 5, days: 120 });
const articles = Array.from({ length: 60 }, (_, n) => world.article(n));

/** Collect an async iterable. */
async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Entity totals computed from the articles themselves: what the counters must say. */
function expectedEntities(list: Article[]) {
  const totals = new Map<string, { articles: number; mentions: number; quotes: number }>();
  for (const article of list) {
    const record = articleRecord(article);
    for (const e of record.entities) {
      const t = totals.get(`${e.label}:${e.key}`) ?? { articles: 0, mentions: 0, quotes: 0 };
      t.articles++;
      t.mentions += e.mentions;
      totals.set(`${e.label}:${e.key}`, t);
    }
    for (const q of record.quoteList) if (q.speaker) totals.get(`${q.speaker.label}:${q.speaker.key}`)!.quotes++;
  }
  return totals;
}

const backends: Array<[Backend, string | undefined]> = [
  [sqliteBackend, undefined],
  [postgresBackend, pgMissing],
];

describe.each(backends)('$name corpus', (backend, missing) => {
  let corpus: Corpus;
  let cleanup: () => Promise<void>;

  beforeEach(async (context) => {
    if (missing) context.skip();
    ({ corpus, cleanup } = await backend.fresh());
  });
  afterEach(async () => {
    await cleanup?.();
  });

  it('lists articles newest first, with site and date filters, sorts and exact totals', async () => {
    await corpus.index(articles);
    expect(await corpus.count()).toBe(60);
    const byDate = [...articles].sort((a, b) => (articleRecord(b).date < articleRecord(a).date ? -1 : 1));
    const page = await corpus.articles({}, { pageSize: 10 });
    expect(page.total).toBe(60);
    expect(page.pages).toBe(6);
    expect(page.items.map((i) => i.id)).toEqual(byDate.slice(0, 10).map((a) => a.id));
    const second = await corpus.articles({}, { pageSize: 10, page: 2 });
    expect(second.items[0].id).toBe(byDate[10].id);
    const oldest = await corpus.articles({ sort: 'oldest' }, { pageSize: 3 });
    expect(oldest.items.map((i) => i.id)).toEqual(
      byDate
        .slice(-3)
        .reverse()
        .map((a) => a.id),
    );
    const processed = await corpus.articles({ sort: 'processed' }, { pageSize: 60 });
    const processedOrder = [...articles].sort((a, b) => (b.processedAt! < a.processedAt! ? -1 : 1));
    expect(processed.items.map((i) => i.id)).toEqual(processedOrder.map((a) => a.id));

    const site = articles[0].site!;
    const ofSite = articles.filter((a) => a.site === site);
    const bySite = await corpus.articles({ site }, { pageSize: 100 });
    expect(bySite.total).toBe(ofSite.length);
    expect(new Set(bySite.items.map((i) => i.site))).toEqual(new Set([site]));
    expect(bySite.items[0]).toMatchObject({ site, title: expect.any(String), excerpt: expect.any(String) });
    expect(bySite.items[0].excerpt.length).toBeLessThanOrEqual(241);

    const day = articleRecord(byDate[20]).date.slice(0, 10);
    const sameDayOrLater = articles.filter((a) => articleRecord(a).date.slice(0, 10) >= day);
    expect((await corpus.articles({ from: day }, { pageSize: 100 })).total).toBe(sameDayOrLater.length);
    const onDay = articles.filter((a) => articleRecord(a).date.slice(0, 10) === day);
    expect((await corpus.articles({ from: day, to: day }, { pageSize: 100 })).items.map((i) => i.id).sort()).toEqual(
      onDay.map((a) => a.id).sort(),
    );
    // A page past the end is the last page.
    expect((await corpus.articles({}, { pageSize: 10, page: 99 })).page).toBe(6);
  });

  it('searches all words and phrases, folds case and accents, and marks the words in a snippet', async () => {
    await corpus.index(articles);
    const title = articles[3].title.split(' ');
    const words = [title[0], title[1].toUpperCase()];
    const expected = articles.filter((a) => {
      const text = `${a.title} ${a.text}`.toLowerCase();
      return words.every((w) => new RegExp(`\\b${w.toLowerCase()}\\b`).test(text));
    });
    const found = await corpus.articles({ q: words.join(' ') }, { pageSize: 100 });
    expect(found.items.map((i) => i.id).sort()).toEqual(expected.map((a) => a.id).sort());
    const hit = found.items.find((i) => i.id === articles[3].id)!;
    expect(hit.snippet!.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toContain(words[0].toLowerCase());
    const phrase = await corpus.articles({ q: `"${title[0]} ${title[1]}"` }, { pageSize: 100 });
    expect(phrase.items.map((i) => i.id)).toContain(articles[3].id);
    const accented = articles[3].title.split(' ')[0].replace(/a/, 'á').replace(/e/, 'é');
    expect((await corpus.articles({ q: accented }, { pageSize: 100 })).items.map((i) => i.id)).toContain(
      articles[3].id,
    );
    expect((await corpus.articles({ q: 'zzqxnotaword' }, { pageSize: 10 })).total).toBe(0);
    const withSite = await corpus.articles({ q: title[0], site: articles[3].site }, { pageSize: 100 });
    expect(withSite.items.every((i) => i.site === articles[3].site)).toBe(true);
    expect(withSite.items.map((i) => i.id)).toContain(articles[3].id);
  });

  it(`counts a search up to ${SEARCH_COUNT_LIMIT} matches, says "more than" past that, and pages on`, async () => {
    const many = Array.from({ length: 1500 }, (_, n) => world.article(n));
    await corpus.index(many);
    const newestFirst = (list: Article[]) =>
      [...list].sort((a, b) => (articleRecord(b).date < articleRecord(a).date ? -1 : 1)).map((a) => a.id);
    // Punctuation between two words does not part them, as in the indexes.
    const containing = (phrase: string) =>
      many.filter((a) =>
        ` ${a.title} ${a.text} `
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .includes(` ${phrase} `),
      );
    const frequent = containing('statement said');
    expect(frequent.length).toBeGreaterThan(SEARCH_COUNT_LIMIT + 40);
    for (const q of ['over', '"statement said"']) {
      expect(await corpus.articles({ q }, { pageSize: 40 })).toMatchObject({
        total: SEARCH_COUNT_LIMIT,
        totalIsLowerBound: true,
        hasNext: true,
      });
    }
    // Past the counted matches, the pages go on while rows do, in order.
    const past = await corpus.articles({ q: '"statement said"' }, { pageSize: 40, page: 26 });
    expect(past).toMatchObject({ page: 26, totalIsLowerBound: true });
    expect(past.items.map((i) => i.id)).toEqual(newestFirst(frequent).slice(1000, 1040));
    // Fewer matches are counted exactly, and lists other than searches count on to COUNT_LIMIT.
    const name = many[7].title.split(' ').slice(0, 2).join(' ').toLowerCase();
    const named = containing(name);
    expect(named.length).toBeLessThan(SEARCH_COUNT_LIMIT);
    expect(await corpus.articles({ q: `"${name}"` }, { pageSize: 40 })).toMatchObject({
      total: named.length,
      totalIsLowerBound: false,
    });
    expect(await corpus.articles({ from: '2000-01-01' }, { pageSize: 40 })).toMatchObject({
      total: 1500,
      totalIsLowerBound: false,
    });
  });

  it('treats hostile search input as words, never as query syntax', async () => {
    await corpus.index(articles.slice(0, 5));
    for (const q of [
      '"',
      '"""',
      'NEAR(a b)',
      'title:x',
      '* OR *',
      "'; DROP TABLE articles; --",
      '<script>alert(1)</script>',
      'a & b | !c <-> d',
      '\u0000',
      '()',
      '^x',
      'x'.repeat(5000),
    ]) {
      const page = await corpus.articles({ q }, { pageSize: 5 });
      expect(page.items.length, q).toBeLessThanOrEqual(5);
    }
    expect(await corpus.count()).toBe(5);
  });

  it('filters by an entity name or alias', async () => {
    await corpus.index(articles);
    const person = articleRecord(articles[0]).entities.find((e) => e.label === 'PERSON' && e.aliases.length)!;
    const mentioning = articles.filter((a) =>
      articleRecord(a).entities.some((e) => e.key === person.key && e.label === 'PERSON'),
    );
    for (const name of [person.name, person.name.toUpperCase(), `the ${person.name}`]) {
      const page = await corpus.articles({ entity: name }, { pageSize: 100 });
      expect(page.items.map((i) => i.id).sort(), name).toEqual(mentioning.map((a) => a.id).sort());
    }
    const byAlias = await corpus.articles({ entity: person.aliases[0] }, { pageSize: 100 });
    expect(byAlias.items.map((i) => i.id)).toContain(articles[0].id);
    expect((await corpus.articles({ entity: 'Nobody Atall' }, { pageSize: 10 })).total).toBe(0);
  });

  it('keeps entity counters exact through re-indexing, replacing and removing', async () => {
    await corpus.index(articles.slice(0, 40));
    await corpus.index(articles.slice(0, 40)); // twice: nothing may double
    const changed = {
      ...articles[5],
      title: 'A different headline',
      site: 'Another Site',
      entityIndex: [],
      entities: [],
      quotes: [],
    };
    await corpus.index(parseArticle(changed));
    expect(await corpus.remove(articles[7].id)).toBe(true);
    expect(await corpus.remove(articles[7].id)).toBe(false);
    await corpus.index(articles.slice(40));
    const final = [...articles.slice(0, 5), parseArticle(changed), ...articles.slice(6, 7), ...articles.slice(8)];

    const fresh = await backend.fresh();
    try {
      await fresh.corpus.index(final);
      expect(await corpus.dump()).toEqual(await fresh.corpus.dump());
    } finally {
      await fresh.cleanup();
    }
    const expected = expectedEntities(final);
    const listed = await all(corpus.exportEntities({}));
    expect(listed.length).toBe(expected.size);
    for (const e of listed) expect(e, e.key).toMatchObject(expected.get(`${e.label}:${e.key}`)!);
    expect(await corpus.count()).toBe(59);
  });

  it('describes one entity: aliases, mentions by month, co-occurring entities, quotes and articles', async () => {
    await corpus.index(articles);
    const top = (await corpus.entities({ label: 'PERSON' }, { pageSize: 1 })).items[0];
    const detail = (await corpus.entity('PERSON', top.name.toLowerCase()))!;
    expect(detail).toMatchObject({ label: 'PERSON', key: normaliseName(top.name), name: top.name });
    const mentioning = articles.filter((a) =>
      articleRecord(a).entities.some((e) => e.label === 'PERSON' && e.key === detail.key),
    );
    expect(detail.articles).toBe(mentioning.length);
    expect(detail.aliases).toContain(top.name.split(' ')[1]);

    const months = await corpus.entityMonths(detail);
    expect(months.reduce((s, m) => s + m.articles, 0)).toBe(detail.articles);
    expect(months.reduce((s, m) => s + m.mentions, 0)).toBe(detail.mentions);
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());

    const together = await corpus.cooccurring(detail, { limit: 5 });
    const counts = new Map<string, number>();
    for (const a of mentioning)
      for (const e of articleRecord(a).entities)
        if (e.key !== detail.key || e.label !== 'PERSON')
          counts.set(`${e.label}:${e.key}`, (counts.get(`${e.label}:${e.key}`) ?? 0) + 1);
    expect(together.length).toBeGreaterThan(0);
    for (const t of together) expect(t.articles, t.key).toBe(counts.get(`${t.label}:${t.key}`));
    expect(together[0].articles).toBe(Math.max(...counts.values()));

    const quotes = await corpus.entityQuotes(detail, { pageSize: 1000 });
    expect(quotes.total).toBe(detail.quotes);
    expect(quotes.items.every((q) => q.speaker?.key === detail.key)).toBe(true);
    expect((await all(corpus.exportEntityQuotes(detail))).length).toBe(detail.quotes);

    const inArticles = await corpus.entityArticles(detail, { pageSize: 5 });
    expect(inArticles.total).toBe(detail.articles);
    expect(inArticles.items[0].entityMentions).toBeGreaterThan(0);
    expect((await all(corpus.exportEntityArticles(detail))).map((a) => a.id).sort()).toEqual(
      mentioning.map((a) => a.id).sort(),
    );
    expect(await corpus.entity('PERSON', 'nobody at all')).toBeUndefined();
    expect(await corpus.entity('DATE', top.name)).toBeUndefined();
  });

  it('ranks entities overall and within a month', async () => {
    await corpus.index(articles);
    const people = await corpus.entities({ label: 'PERSON' }, { pageSize: 100 });
    expect(people.items.every((e) => e.label === 'PERSON')).toBe(true);
    expect(people.items.map((e) => e.articles)).toEqual([...people.items.map((e) => e.articles)].sort((a, b) => b - a));
    const month = articleRecord(articles[0]).month;
    const inMonth = await corpus.entities({ month }, { pageSize: 1000 });
    const expected = expectedEntities(articles.filter((a) => articleRecord(a).month === month));
    expect(inMonth.total).toBe(expected.size);
    for (const e of inMonth.items) expect(e.articles).toBe(expected.get(`${e.label}:${e.key}`)!.articles);
  });

  it('reports who is quoted, by site and month, with the share of unknown speakers', async () => {
    await corpus.index(articles);
    const records = articles.map((a) => articleRecord(a));
    const quotes = records.flatMap((r) => r.quoteList.map((q) => ({ ...q, site: r.site, month: r.month })));
    const report = await corpus.sources({});
    expect(report.totals).toEqual({
      articles: 60,
      quotes: quotes.length,
      unknown: quotes.filter((q) => !q.speaker).length,
    });
    expect(report.bySite.reduce((s, x) => s + x.quotes, 0)).toBe(quotes.length);
    expect(report.byMonth.map((m) => m.month)).toEqual([...new Set(records.map((r) => r.month))].sort());

    const site = records[0].site;
    const month = records[0].month;
    const narrow = await corpus.sources({ site, month });
    const inNarrow = quotes.filter((q) => q.site === site && q.month === month);
    expect(narrow.totals.quotes).toBe(inNarrow.length);
    expect(narrow.totals.unknown).toBe(inNarrow.filter((q) => !q.speaker).length);

    const speakers = await corpus.speakers({ site }, { pageSize: 1000 });
    const bySpeaker = new Map<string, number>();
    for (const q of quotes)
      if (q.site === site && q.speaker) bySpeaker.set(q.speaker.key, (bySpeaker.get(q.speaker.key) ?? 0) + 1);
    expect(speakers.total).toBe(bySpeaker.size);
    for (const s of speakers.items) expect(s.quotes).toBe(bySpeaker.get(s.speaker.key));
    const everyone = await corpus.speakers({}, { pageSize: 3 });
    expect(everyone.items[0].quotes).toBeGreaterThanOrEqual(everyone.items[1].quotes);
    expect((await all(corpus.exportSpeakers({}))).length).toBe(everyone.total);
  });

  it('places entities with coordinates, sized by mentions', async () => {
    await corpus.index(articles);
    const places = await corpus.places({ limit: 5 });
    expect(places.length).toBe(5);
    expect(places[0].geo).toMatchObject({
      geonameId: expect.any(Number),
      lat: expect.any(Number),
      lon: expect.any(Number),
    });
    expect(places[0].mentions).toBeGreaterThanOrEqual(places[4].mentions);
    const everywhere = await all(corpus.exportPlaces());
    expect(everywhere.length).toBe(
      new Set(
        articles.flatMap((a) =>
          articleRecord(a)
            .entities.filter((e) => e.geo)
            .map((e) => e.key),
        ),
      ).size,
    );
  });

  it('streams exports in the list order', async () => {
    await corpus.index(articles);
    const site = articles[0].site!;
    const exported = await all(corpus.exportArticles({ site }));
    const listed = await corpus.articles({ site }, { pageSize: 100 });
    expect(exported.map((a) => a.id)).toEqual(listed.items.map((a) => a.id));
    expect(exported[0]).not.toHaveProperty('snippet');
    expect((await all(corpus.exportArticles({}))).length).toBe(60);
    expect(await all(corpus.ids())).toHaveLength(60);
  });

  it('lists sites with their article counts and grows its version with every write', async () => {
    const before = await corpus.version();
    await corpus.index(articles.slice(0, 10));
    const after = await corpus.version();
    expect(after).toBeGreaterThan(before);
    const sites = await corpus.sites();
    expect(sites.reduce((s, x) => s + x.articles, 0)).toBe(10);
    expect(await corpus.has(articles[0].id)).toBe(true);
    expect((await corpus.summary(articles[0].id))?.title).toBe(articles[0].title);
    expect(await corpus.summary('no-such-article')).toBeUndefined();
  });
});

describe.skipIf(pgMissing)('SQLite and PostgreSQL', () => {
  it('hold the same corpus for the same articles', async () => {
    const one = await sqliteBackend.fresh();
    const two = await postgresBackend.fresh();
    try {
      await one.corpus.index(articles);
      for (const article of articles) await two.corpus.index(article);
      const [a, b] = [await one.corpus.dump(), await two.corpus.dump()];
      expect(a).toEqual(b);
      const pageA = await one.corpus.articles({ q: articles[2].title.split(' ')[0] }, { pageSize: 20 });
      const pageB = await two.corpus.articles({ q: articles[2].title.split(' ')[0] }, { pageSize: 20 });
      expect(pageA).toEqual(pageB);
    } finally {
      await one.cleanup();
      await two.cleanup();
    }
  });
});

describe.skipIf(pgMissing)('PostgreSQL search plans', () => {
  // PostgreSQL reads a search's rows through the GIN bitmap and a sort when few match, and by
  // walking the order's index when many do; both, and SQLite, give the same pages and exports.
  it('give the pages and exports SQLite gives, in every order, for frequent, rare and combined terms', async () => {
    const lite = await sqliteBackend.fresh();
    const db = await temporaryDatabase();
    const { PostgresCorpus } = await import('../src/lib/postgres.js');
    const bitmap = new PostgresCorpus({ databaseUrl: db.url });
    const walk = new PostgresCorpus({ databaseUrl: db.url, walkAbove: 0 });
    try {
      await lite.corpus.index(articles);
      await bitmap.index(articles);
      const words = articles[5].text.split(/\W+/).filter((w) => w.length > 3);
      const counts = await Promise.all(
        words.map(async (w) => (await lite.corpus.articles({ q: w }, { pageSize: 1 })).total),
      );
      const frequent = words[counts.indexOf(Math.max(...counts))];
      const rare = words[counts.indexOf(Math.min(...counts))];
      expect(Math.max(...counts)).toBeGreaterThan(20);
      const filters: ArticleFilter[] = [
        { q: frequent },
        { q: rare },
        { q: `${frequent} ${rare}` },
        { q: frequent, site: articles[5].site },
        { q: frequent, sort: 'oldest' },
        { q: frequent, sort: 'processed' },
        { q: `"${articles[5].title.split(' ').slice(0, 2).join(' ')}"` },
      ];
      for (const filter of filters) {
        const expected = [
          await lite.corpus.articles(filter, { pageSize: 7 }),
          await lite.corpus.articles(filter, { pageSize: 7, page: 2 }),
          await all(lite.corpus.exportArticles(filter)),
        ];
        for (const corpus of [bitmap, walk]) {
          expect([
            await corpus.articles(filter, { pageSize: 7 }),
            await corpus.articles(filter, { pageSize: 7, page: 2 }),
            await all(corpus.exportArticles(filter)),
          ]).toEqual(expected);
        }
      }
      // Speakers by site or month: the page is cut before the names are joined, same rows.
      const month = (await lite.corpus.sources({})).byMonth[0].month;
      for (const filter of [{ site: articles[5].site }, { month }])
        for (const page of [1, 2])
          expect(await bitmap.speakers(filter, { pageSize: 3, page })).toEqual(
            await lite.corpus.speakers(filter, { pageSize: 3, page }),
          );
    } finally {
      await lite.cleanup();
      await bitmap.close();
      await walk.close();
      await db.drop();
    }
  });
});

describe.skipIf(pgMissing)('PostgreSQL search plans past the shown count', () => {
  // Past SEARCH_COUNT_LIMIT matches, the planner's estimate (with statistics) may send a search
  // straight to the walk; whichever way, the pages are SQLite's.
  it('give the pages SQLite gives, walked on an estimate, counted on, or sorted', async () => {
    const many = Array.from({ length: 1500 }, (_, n) => world.article(n));
    const lite = await sqliteBackend.fresh();
    const db = await temporaryDatabase();
    const { PostgresCorpus } = await import('../src/lib/postgres.js');
    const corpora = [0, 100, 2000, undefined].map(
      (walkAbove) => new PostgresCorpus({ databaseUrl: db.url, walkAbove }),
    );
    try {
      await lite.corpus.index(many);
      await corpora[0].index(many);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query('ANALYZE articles');
      await client.end();
      const name = many[7].title.split(' ').slice(0, 2).join(' ');
      for (const filter of [{ q: 'over' }, { q: '"statement said"', sort: 'oldest' as const }, { q: `"${name}"` }]) {
        const expected = [
          await lite.corpus.articles(filter, { pageSize: 30 }),
          await lite.corpus.articles(filter, { pageSize: 30, page: 40 }),
        ];
        for (const corpus of corpora)
          expect([
            await corpus.articles(filter, { pageSize: 30 }),
            await corpus.articles(filter, { pageSize: 30, page: 40 }),
          ]).toEqual(expected);
      }
    } finally {
      await lite.cleanup();
      for (const corpus of corpora) await corpus.close();
      await db.drop();
    }
  });
});

describe.each(backends)('$name bulk rebuild', (backend, missing) => {
  /** Articles as a rebuild's source reads them. */
  async function* source(list: Article[]) {
    for (const article of list) yield { id: article.id, article };
  }
  /** What search finds for a few words of each kind (titles, names, sites), newest first. */
  async function searches(corpus: Corpus) {
    const queries = [articles[2].title.split(' ')[0], articles[9].title, world.article(3).site!, 'said'];
    return Promise.all(queries.map(async (q) => (await corpus.articles({ q }, { pageSize: 100 })).items));
  }

  it.skipIf(Boolean(missing))(
    'equals incremental indexing, counters and search included, with another writer during it',
    async () => {
      const bulk = await backend.fresh();
      const incremental = await backend.fresh();
      try {
        // An index to rebuild: a stale version of one article and one whose file is gone.
        const stale = parseArticle({
          ...articles[5],
          title: 'An older headline',
          entityIndex: [],
          entities: [],
          quotes: [],
        });
        await bulk.corpus.index([...articles.slice(0, 10), stale, world.article(500)]);
        const other = await bulk.open();
        let batches = 0;
        let publishing: Promise<void> | undefined;
        await rebuildCorpus(bulk.corpus, source(articles), {
          bulk: true,
          batchSize: 7,
          onProgress: () => {
            // A worker publishing meanwhile (articles the rebuild then reaches too): counted once, at the end.
            if (++batches === 3) publishing = other.index(articles.slice(40));
          },
        });
        await publishing;
        await other.close();
        await incremental.corpus.index(articles);
        expect(await bulk.corpus.dump()).toEqual(await incremental.corpus.dump());
        expect(await searches(bulk.corpus)).toEqual(await searches(incremental.corpus));
        expect(await bulk.corpus.sources({})).toEqual(await incremental.corpus.sources({}));
        // Back to incremental writes afterwards.
        await bulk.corpus.remove(articles[1].id);
        await incremental.corpus.remove(articles[1].id);
        expect(await bulk.corpus.dump()).toEqual(await incremental.corpus.dump());
      } finally {
        await bulk.cleanup();
        await incremental.cleanup();
      }
    },
  );

  it.skipIf(Boolean(missing))(
    'leaves counters as they were until it ends, and an interrupted one is repaired by endBulk',
    async () => {
      const bulk = await backend.fresh();
      const incremental = await backend.fresh();
      try {
        await bulk.corpus.index(articles.slice(0, 20));
        await incremental.corpus.index(articles);
        const before = await bulk.corpus.sources({});
        const indexes = await bulk.indexes();
        await bulk.corpus.beginBulk!();
        expect((await bulk.indexes()).length).toBeLessThan(indexes.length);
        await bulk.corpus.index(articles.slice(20));
        expect(await bulk.corpus.sources({})).toEqual(before);
        // Without the indexes it dropped, the lists that used them scan: slower, the same rows
        // (SQLite's entity pages show the index as it was: mentions and quotes wait in bulk_rows).
        const topPerson = (await incremental.corpus.entities({ label: 'PERSON' }, { pageSize: 1 })).items[0];
        const lists = (corpus: Corpus) =>
          Promise.all([
            corpus.articles({ site: articles[4].site!, sort: 'processed' }, { pageSize: 100 }),
            ...(backend.name === 'postgres'
              ? [corpus.entityArticles(topPerson, { pageSize: 100 }), corpus.entityQuotes(topPerson, { pageSize: 100 })]
              : []),
          ]).then((pages) => pages.map((page) => page.items));
        expect(await lists(bulk.corpus)).toEqual(await lists(incremental.corpus));
        // The process dies here; the next one (galley reindex) ends what is left.
        await bulk.corpus.close();
        const reopened = await bulk.open();
        await reopened.endBulk!();
        // The indexes a bulk rebuild drops are all back, as the migrations define them.
        expect(await bulk.indexes()).toEqual(await incremental.indexes());
        expect(await reopened.dump()).toEqual(await incremental.corpus.dump());
        expect(await searches(reopened)).toEqual(await searches(incremental.corpus));
        await reopened.close();
      } finally {
        await bulk.cleanup();
        await incremental.cleanup();
      }
    },
  );
});

describe.skipIf(pgMissing)('PostgreSQL bulk rebuild and a write across its end', () => {
  it('a write that saw the rebuild under way but ends after it is done again, exactly', async () => {
    const db = await temporaryDatabase();
    const corpus = await openCorpus({ databaseUrl: db.url });
    const incremental = await postgresBackend.fresh();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await corpus.index(articles.slice(0, 10));
      await corpus.beginBulk!();
      // Hold the article's advisory lock, so its write reads the flag (bulk) and then waits.
      await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [articles[10].id]);
      const writing = corpus.index(articles[10]);
      const waiting = async () =>
        Number(
          (await holder.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0]
            .n,
        );
      while ((await waiting()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await corpus.endBulk!();
      await holder.query('SELECT pg_advisory_unlock_all()');
      await writing;
      await incremental.corpus.index(articles.slice(0, 11));
      expect(await corpus.dump()).toEqual(await incremental.corpus.dump());
    } finally {
      await holder.end();
      await corpus.close();
      await db.drop();
      await incremental.cleanup();
    }
  });
});

describe('postgres corpus written by two writers at once', () => {
  it.skipIf(Boolean(pgMissing))(
    'equals the corpus one writer builds (entities created by either, counted once)',
    async () => {
      const db = await temporaryDatabase();
      const reference = await sqliteBackend.fresh();
      const writers: Corpus[] = [];
      try {
        writers.push(await openCorpus({ databaseUrl: db.url }), await openCorpus({ databaseUrl: db.url }));
        // Overlapping batches: both writers meet the same new entities and the same article ids.
        const batches = [articles.slice(0, 25), articles.slice(15, 40), articles.slice(30, 60), articles.slice(0, 10)];
        await Promise.all(
          writers.map(async (writer, w) => {
            for (const [b, batch] of batches.entries()) if (b % 2 === w || b === 3) await writer.index(batch);
          }),
        );
        await reference.corpus.index(articles);
        expect(await writers[0].dump()).toEqual(await reference.corpus.dump());
      } finally {
        for (const writer of writers) await writer.close();
        await reference.cleanup();
        await db.drop();
      }
    },
  );
});

describe('openCorpus on SQLite', () => {
  it('sets the page cache a caller asks for and rejects one that is not a whole number of MB', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-corpus-cache-'));
    try {
      const writer = await openCorpus({ dataDir: dir, cacheMb: 8 });
      const reader = await openCorpus({ dataDir: dir });
      expect([(writer as SqliteCorpus).cacheMb, (reader as SqliteCorpus).cacheMb]).toEqual([8, 32]);
      await Promise.all([writer.close(), reader.close()]);
      await expect(openCorpus({ dataDir: dir, cacheMb: 0 })).rejects.toThrow(/cacheMb must be a whole number/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the WAL grow past the default 1,000 pages before a checkpoint copies it into the database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-corpus-wal-'));
    try {
      const corpus = await openCorpus({ dataDir: dir });
      const big = new SyntheticWorld({ days: 400 });
      // Small batches, as a worker writes them: each commit adds tens of pages to the WAL.
      for (let n = 0; n < 400; n += 5) await corpus.index(Array.from({ length: 5 }, (_, i) => big.article(n + i)));
      // Checkpointed at 1,000 pages, the WAL would start again from its top and stay near 4 MB.
      const walPages = statSync(path.join(dir, 'corpus.sqlite-wal')).size / 4096;
      await corpus.close();
      expect(walPages).toBeGreaterThan(1500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
