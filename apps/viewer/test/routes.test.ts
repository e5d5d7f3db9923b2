import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Corpus, openCorpus } from '@galley/corpus';
import { SyntheticWorld, postgresUnavailable, temporaryDatabase } from '@galley/corpus/testing';
import type { Article } from '@galley/document';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ViewerApp, createApp, exportStream } from '../src/index.js';
import { copyFixtures, fixture, hostileId, mainId, memoryLogger, secondId } from './helpers.js';

const pgMissing = await postgresUnavailable();
if (pgMissing) console.warn(`viewer routes on PostgreSQL skipped: ${pgMissing}`);

/** The fixtures with places located and sites named, plus a few synthetic articles. */
function corpusArticles(): Article[] {
  const main = fixture(mainId);
  main.entityIndex = main.entityIndex.map((r) =>
    r.label === 'LOC' ? { ...r, geo: { geonameId: 2267057, country: 'PT', lat: 38.72, lon: -9.14 } } : r,
  );
  const second = { ...fixture(secondId), site: 'The Harbour Post' };
  const hostile = fixture(hostileId);
  hostile.entityIndex = hostile.entityIndex.map((r) => ({
    ...r,
    geo: { geonameId: 1, country: '"><script>', lat: 10, lon: 10 },
  }));
  const world = new SyntheticWorld({ people: 30, organisations: 10, places: 10, sites: 4, days: 90 });
  return [main, second, hostile, ...Array.from({ length: 30 }, (_, n) => world.article(n))];
}

const backends: Array<{
  name: string;
  missing?: string;
  open: () => Promise<{ corpus: Corpus; done: () => Promise<void> }>;
}> = [
  {
    name: 'sqlite',
    open: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'galley-routes-'));
      const corpus = await openCorpus({ dataDir: dir });
      return { corpus, done: async () => (await corpus.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  },
  {
    name: 'postgres',
    ...(pgMissing ? { missing: pgMissing } : {}),
    open: async () => {
      const db = await temporaryDatabase();
      const corpus = await openCorpus({ databaseUrl: db.url });
      return { corpus, done: async () => (await corpus.close(), await db.drop()) };
    },
  },
];

describe.each(backends)('viewer routes on $name', ({ missing, open }) => {
  let viewer: ViewerApp;
  let done: () => Promise<void>;
  let data: ReturnType<typeof copyFixtures>;
  const get = async (url: string) => {
    const res = await viewer.app.request(url);
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text: await res.text(),
      headers: res.headers,
    };
  };

  beforeAll(async () => {
    if (missing) return;
    data = copyFixtures();
    const opened = await open();
    done = opened.done;
    await opened.corpus.index(corpusArticles());
    viewer = createApp({
      dataDir: data.dir,
      corpus: opened.corpus,
      logger: memoryLogger().logger,
      redisUrl: 'redis://127.0.0.1:1',
    });
    await viewer.ready;
  }, 120_000);
  afterAll(async () => {
    await done?.();
    data?.cleanup();
  });

  it.skipIf(missing)('shows an entity with its chart, company, quotes and articles', async () => {
    const page = await get('/entities/PERSON/mira%20kovac');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Mira Kovac</h1>');
    expect(page.text).toContain('role="img" aria-labelledby="mentions-title mentions-desc"');
    expect(page.text).toContain('<title id="mentions-title">Mentions of Mira Kovac per month</title>');
    expect(page.text).toContain('<title>2026-03: 4 mentions</title>');
    expect(page.text).toMatch(
      /<a href="\/entities\/ORG\/federal%20media%20authority">.*Federal Media Authority<\/a> <span class="n">1 article<\/span>/,
    );
    expect(page.text).toContain('<span class="said">“We will not be silenced,”</span>');
    expect(page.text).toContain('<mark class="e" data-label="PERSON" data-entity="e3">Mira Kovac</mark>');
    for (const list of ['entity-months', 'cooccurring', 'entity-quotes', 'entity-articles'])
      expect(page.text).toContain(`href="/export/${list}.csv?label=PERSON&amp;name=mira+kovac"`);
  });

  it.skipIf(missing)('ranks entities by type and month', async () => {
    const people = await get('/entities?label=PERSON');
    expect(people.text).toContain('<a href="/entities/PERSON/mira%20kovac">Mira Kovac</a>');
    expect(people.text).not.toContain('data-label="ORG">Organisation</span></td>');
    const march = await get('/entities?month=2026-03');
    expect(march.text).toContain('Mira Kovac');
    expect(march.text).not.toContain('Northwind TV');
    expect(march.text).toContain('href="/export/entities.csv?month=2026-03"');
  });

  it.skipIf(missing)('reports sources: who is quoted, by site and month, and the unknown share', async () => {
    const page = await get('/sources');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-unknown-share>\d+\.\d%<\/strong>/);
    expect(page.text).toContain('aria-labelledby="quotes-title quotes-desc"');
    expect(page.text).toContain('>Quoted most</h2>');
    const site = await get('/sources?site=The+Harbour+Post');
    expect(site.text).toContain('0 quotes in 1 articles');
    expect(site.text).toContain('href="/export/speakers.csv?site=The+Harbour+Post"');
  });

  it.skipIf(missing)('draws the places on a world map, sized by mentions, with names escaped', async () => {
    const page = await get('/places');
    expect(page.text).toContain('<path class="land" d="M');
    expect(page.text).toContain('<title>Lisbon: 1 mention in 1 article</title>');
    expect(page.text).toContain('href="/entities/LOC/lisbon"');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;img src=x onerror=&quot;window.__pwned=8&quot;&gt;');
    expect(page.text).not.toMatch(/<script>(?!.*src=)/);
    expect(page.text).toContain('href="/export/places.csv"');
  });

  it.skipIf(missing)('exports every list as CSV and JSON Lines, matching the page', async () => {
    const csv = await get('/export/articles.csv');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="galley-articles.csv"');
    const lines = csv.text.trim().split('\r\n');
    // Response.text() drops the byte-order mark that tells spreadsheets the file is UTF-8; the bytes keep it.
    expect(lines[0]).toBe('id,title,site,date,published,byline,url,processed,format,sentences,mentions,quotes,excerpt');
    const bytes = new Uint8Array(await (await viewer.app.request('/export/places.csv')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines).toHaveLength(34);
    const jsonl = await get('/export/articles.jsonl?site=The+Harbour+Post');
    expect(jsonl.type).toBe('application/x-ndjson; charset=utf-8');
    const rows = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; site: string });
    expect(rows).toEqual([expect.objectContaining({ id: secondId, site: 'The Harbour Post' })]);
    const quotes = await get('/export/entity-quotes.jsonl?label=PERSON&name=Mira+Kovac');
    expect(
      quotes.text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { quote: string }).quote),
    ).toEqual(['“We will not be silenced,”', '“This is a shameful reality,”']);
    for (const list of [
      'entities',
      'speakers',
      'sources-sites',
      'sources-months',
      'places',
      'entity-months?label=PERSON&name=mira+kovac',
      'cooccurring?label=PERSON&name=mira+kovac',
      'entity-articles?label=ORG&name=federal+media+authority',
    ]) {
      const [name, query = ''] = list.split('?');
      const res = await get(`/export/${name}.csv${query ? `?${query}` : ''}`);
      expect(res.status, list).toBe(200);
      expect(res.text.split('\r\n').length, list).toBeGreaterThan(1);
    }
  });

  it.skipIf(missing)(
    'keeps hostile names out of spreadsheets and pages, and hostile parameters out of the file system',
    async () => {
      const people = await get('/export/entities.csv?label=PERSON');
      // The hostile fixture's person is named with markup; a name starting with = would be a formula.
      expect(people.text).toContain('"<img src=x onerror=""window.__pwned=8"">"');
      for (const url of [
        '/export/..%2f..%2fetc%2fpasswd.csv',
        '/export/articles.exe',
        '/export/nothing.csv',
        '/export/entity-quotes.csv?label=PERSON&name=nobody',
        '/export/entity-quotes.csv?label=NOPE&name=x',
        '/entities/PERSON/%3Cscript%3E',
      ])
        expect((await get(url)).status, url).toBe(404);
      const odd = await get('/export/articles.csv?site=%22%3E%3Cscript%3E&from=x&sort=DROP');
      expect(odd.status).toBe(200);
      const search = await get('/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&site=%22%3E%3Csvg%20onload%3Dalert(1)%3E');
      expect(search.text).not.toMatch(/<script>alert|<svg onload/);
      expect(search.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      const hostile = await get(`/entities/PERSON/${encodeURIComponent('<img src=x onerror="window.__pwned=8">')}`);
      expect(hostile.status).toBe(200);
      expect(hostile.text).not.toMatch(/<img|onerror="/);
    },
  );
});

describe('exportStream', () => {
  it('streams a 100,000-row export a chunk at a time, without reading ahead', async () => {
    let produced = 0;
    async function* rows() {
      for (let i = 0; i < 100_000; i++) {
        produced++;
        yield { n: i, name: i === 5 ? '=cmd|calc' : `row ${i}` };
      }
    }
    const stream = exportStream(
      rows(),
      [
        { name: 'n', value: (r: { n: number }) => r.n },
        { name: 'name', value: (r: { name: string }) => r.name },
      ],
      'csv',
    );
    const reader = stream.getReader();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const first = decoder.decode((await reader.read()).value);
    expect(first.startsWith('\ufeffn,name\r\n0,row 0\r\n')).toBe(true);
    expect(first).toContain("5,'=cmd|calc\r\n");
    expect(produced).toBeLessThanOrEqual(201);
    let total = first.split('\r\n').length - 2;
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      total += decoder.decode(chunk.value).split('\r\n').length - 1;
    }
    expect(total).toBe(100_000);
  });
});
