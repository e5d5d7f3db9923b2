import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Corpus, openCorpus, rebuildCorpus } from '@galley/corpus';
import { DirectoryReader } from '@galley/publish';
import { SyntheticWorld } from '@galley/corpus/testing';
import { type Article, parseArticle } from '@galley/document';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningViewer, startViewer } from '../src/index.js';
import { copyFixtures, fixture, hostileId, mainId, memoryLogger, repoRoot, secondId, sharedDir } from './helpers.js';

const chromiumPath = '/usr/bin/chromium';
const galleyBin = path.join(repoRoot, 'apps/cli/dist/bin/galley.js');
const seedFile = path.join(sharedDir, 'fixtures/seed-article/article.txt');
const outputDir = path.join(repoRoot, 'apps/viewer/test-output');

if (!existsSync(chromiumPath))
  console.warn(`end-to-end tests skipped: ${chromiumPath} is missing (apt-get install -y chromium)`);
if (!existsSync(seedFile)) console.warn(`seed article steps skipped: ${seedFile} is missing`);
if (!existsSync(galleyBin)) console.warn(`pipeline steps skipped: ${galleyBin} is missing (build @galley/cli)`);

/** An HTML page that tries every way to run script; the pipeline and the viewer must defuse all. */
const hostileHtml = `<!doctype html><html><head><title>Attack page</title></head><body><article>
<h1>Attack <script>window.__pwned = 20</script>headline about Paris</h1>
<p>Click <a href="javascript:window.__pwned=21">here</a> <img src=x onerror="window.__pwned=22"> and read on. Officials in Paris said “this is fine,” according to John Smith.</p>
<figure><img src="x" onerror="window.__pwned=23"><figcaption>A caption <script>window.__pwned=24</script> Photograph: Jane Doe/AP</figcaption></figure>
<p>Second paragraph showing &lt;script&gt;window.__pwned=25&lt;/script&gt; as text and <b onclick="window.__pwned=26">bold</b>.</p>
</article></body></html>`;

/**
 * Publish one file with the real CLI. The stages are other packages, rebuilt while this suite may
 * run; a failure there skips the steps that need the article (with the reason) instead of
 * failing the viewer's tests.
 */
function processInto(file: string, out: string): Article | undefined {
  const run = spawnSync(process.execPath, [galleyBin, 'process', file, '--out', out], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const id = run.status === 0 ? run.stderr.match(/→ .*[/\\]([a-z0-9-]+) \(/)?.[1] : undefined;
  if (!id) {
    console.warn(
      `steps that need ${path.basename(file)} skipped: galley process failed (${run.status}): ${run.stderr || run.error}`,
    );
    return undefined;
  }
  return parseArticle(JSON.parse(readFileSync(path.join(out, id, 'article.json'), 'utf8')));
}

describe.skipIf(!existsSync(chromiumPath))('viewer in a browser', { timeout: 60_000 }, () => {
  let data: ReturnType<typeof copyFixtures>;
  let viewer: RunningViewer;
  let browser: Browser;
  let page: Page;
  let seed: Article | undefined;
  let hostile: Article | undefined;
  let corpus: Corpus;
  const problems: string[] = [];

  beforeAll(async () => {
    data = copyFixtures();
    if (existsSync(galleyBin)) {
      if (existsSync(seedFile)) seed = processInto(seedFile, data.dir);
      const attack = path.join(data.dir, '..', `${path.basename(data.dir)}-attack.html`);
      writeFileSync(attack, hostileHtml);
      hostile = processInto(attack, data.dir);
    }
    viewer = await startViewer({
      dataDir: data.dir,
      port: 0,
      logger: memoryLogger().logger,
      redisUrl: 'redis://127.0.0.1:1',
    });
    // A second connection to the viewer's index, as a worker's would be: what it writes, the viewer shows.
    corpus = await openCorpus({ dataDir: data.dir });
    // `galley process` indexed what it published; the hand-made fixtures were copied in, as `galley reindex` would find them.
    await rebuildCorpus(corpus, new DirectoryReader(data.dir).articles(), { prune: false });
    const main = fixture(mainId);
    main.entityIndex = main.entityIndex.map((r) =>
      r.label === 'LOC' ? { ...r, geo: { geonameId: 2267057, country: 'PT', lat: 38.72, lon: -9.14 } } : r,
    );
    const world = new SyntheticWorld({ people: 30, organisations: 10, places: 40, sites: 4, days: 400 });
    await corpus.index([main, ...Array.from({ length: 60 }, (_, n) => world.article(n))]);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  }, 180_000);

  afterAll(async () => {
    await corpus?.close();
    await browser?.close();
    await viewer?.close();
    data?.cleanup();
  });

  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

  it('lists the articles and opens one from the list', async () => {
    await page.goto(`${viewer.url}?sort=processed`);
    await expect(page.locator('.article-row').count()).resolves.toBe(50);
    await page.goto(`${viewer.url}?q=Kovac`);
    expect(await page.locator('.article-row .site').first().innerText()).toBe('Unknown site');
    expect(await page.locator('.article-row mark.hit').first().innerText()).toBe('Kovac');
    await page.screenshot({ path: path.join(outputDir, 'search.png') });
    await page.getByRole('link', { name: fixture(mainId).title }).click();
    await page.waitForURL(`**/articles/${mainId}`);
    expect(await page.locator('h1.title-block').innerText()).toBe(fixture(mainId).title);
  });

  it('opens the processed seed article', async (context) => {
    if (!seed) context.skip();
    const article = seed as Article;
    await page.goto(`${viewer.url}articles/${article.id}`);
    expect(await page.locator('.body p').count()).toBe(article.blocks.filter((b) => b.type === 'paragraph').length);
    expect(await page.locator('mark.e').count()).toBe(article.entities.length);
    if (!article.entities.length)
      console.warn('the seed article has no entities yet; legend counts are checked on the hand-made fixture');
    await page.screenshot({ path: path.join(outputDir, 'seed-article.png'), fullPage: false });
  });

  it('highlights entities with a legend that counts and toggles each type', async () => {
    const article = fixture(mainId);
    await page.goto(`${viewer.url}articles/${mainId}`);
    expect(await page.locator('.reading mark.e').count()).toBe(article.entities.length);
    expect(await page.locator('[data-count="PERSON"]').innerText()).toBe('4');
    expect(await page.locator('[data-count="ORG"]').innerText()).toBe('5');
    const person = page.locator('.reading mark.e[data-label="PERSON"]').first();
    const shown = await person.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(shown).not.toBe('rgba(0, 0, 0, 0)');
    const toggle = page.locator('[data-toggle-label="PERSON"]');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    const background = () => person.evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(background).toBe('rgba(0, 0, 0, 0)');
    const org = page.locator('.reading mark.e[data-label="ORG"]').first();
    expect(await org.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(background).toBe(shown);
  });

  it('highlights every mention of an entity, aliases included, and shows a hover card', async () => {
    await page.goto(`${viewer.url}articles/${mainId}`);
    const alias = page.locator('.reading mark.e[data-entity="e3"]', { hasText: /^Kovac$/ }).first();
    await alias.hover();
    const card = page.locator('#hovercard');
    await expect(card.isVisible()).resolves.toBe(true);
    expect(await card.innerText()).toContain('Mira Kovac');
    expect(await card.innerText()).toContain('Person');
    expect(await card.innerText()).toContain('Also: Kovac');
    await alias.click();
    expect(await page.locator('.reading mark.e.active').count()).toBe(4);
    expect(await page.locator('.reading mark.e.active[data-entity="e3"]').count()).toBe(4);
    const panel = page.locator('#selection');
    expect(await panel.innerText()).toContain('4 mentions in this article');
    const other = page.locator('.reading mark.e[data-entity="e1"]').first();
    expect(Number(await other.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(1);
    await page.keyboard.press('Escape');
    expect(await page.locator('.reading mark.e.active').count()).toBe(0);
    await page.locator('[data-select-entity="e2"]').click();
    expect(await page.locator('.reading mark.e.active').count()).toBe(3);
  });

  it('follows a quote from the list to its place in the text', async () => {
    await page.goto(`${viewer.url}articles/${mainId}`);
    await page.locator('[data-goto-quote="1"]').click();
    expect(new URL(page.url()).hash).toBe('#q-1');
    const quote = page.locator('#q-1');
    expect(await quote.innerText()).toBe('“This is a shameful reality,”');
    expect(await quote.evaluate((el) => el.classList.contains('flash'))).toBe(true);
    const box = await quote.boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
  });

  it('shows sentence boundaries on demand', async () => {
    await page.goto(`${viewer.url}articles/${mainId}`);
    await page.locator('#toggle-sentences').check();
    expect(await page.locator('[data-article-body]').evaluate((el) => el.classList.contains('show-sentences'))).toBe(
      true,
    );
    await page.screenshot({ path: path.join(outputDir, 'article-sentences.png') });
    await page.locator('#toggle-sentences').uncheck();
    await page.locator('.reading mark.e[data-entity="e3"]').nth(1).click();
    await page.screenshot({ path: path.join(outputDir, 'article.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(outputDir, 'article-mobile.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('searches and filters by entity from the list page', async () => {
    await page.goto(viewer.url);
    await page.getByRole('searchbox').fill('northwind');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/?q=northwind**');
    expect(await page.locator('.article-row').count()).toBe(1);
    expect(await page.locator('.article-row').getAttribute('data-id')).toBe(secondId);
    await page.goto(`${viewer.url}entities/ORG/federal%20media%20authority`);
    await page.getByRole('link', { name: 'list the articles' }).click();
    expect(await page.locator('.article-row').count()).toBe(2);
  });

  it('shows new articles on the list without a reload', async () => {
    await page.goto(viewer.url);
    const before = await page.locator('.article-row').count();
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    const id = 'late-arrival-abcdef0123';
    const article = {
      ...fixture(secondId),
      id,
      title: 'A late arrival',
      published: '2030-01-01',
      processedAt: '2030-01-01T00:00:00.000Z',
    };
    mkdirSync(path.join(data.dir, id));
    writeFileSync(path.join(data.dir, id, 'article.json'), JSON.stringify(article));
    await corpus.index(article);
    await page.locator(`.article-row[data-id="${id}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator('.article-row').count()).toBe(before);
    expect(await page.locator('.article-row').first().getAttribute('data-id')).toBe(id);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.screenshot({ path: path.join(outputDir, 'list.png') });
  });

  it('shows an entity: mentions over time as a chart, company, quotes and export links', async () => {
    const top = (await corpus.entities({ label: 'PERSON' }, { pageSize: 1 })).items[0];
    await page.goto(`${viewer.url}entities/PERSON/${encodeURIComponent(top.key)}`);
    const chart = page.locator('svg[data-chart="mentions"]');
    expect(await chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box && box.width > 300 && box.height > 60).toBe(true);
    const months = await corpus.entityMonths(top);
    expect(await chart.locator('rect.bar').count()).toBe(months.filter((m) => m.mentions > 0).length);
    expect(await chart.getAttribute('aria-labelledby')).toBe('mentions-title mentions-desc');
    expect(await page.locator('.ranked li').count()).toBeGreaterThan(0);
    expect(await page.locator('ol.quotes li').count()).toBe(Math.min(20, top.quotes));
    const link = page.locator('a[data-export="entity-quotes.csv"]');
    expect(await link.isVisible()).toBe(true);
    const csv = await page.request.get(new URL((await link.getAttribute('href'))!, viewer.url).toString());
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(top.quotes + 1);
    await page.screenshot({ path: path.join(outputDir, 'entity.png') });
  });

  it('ranks entities and reports sources with the unknown-speaker share', async () => {
    await page.goto(`${viewer.url}entities?label=PERSON`);
    const people = await corpus.entities({ label: 'PERSON' }, { pageSize: 50 });
    expect(await page.locator('table.ranking tbody tr').count()).toBe(people.items.length);
    expect(await page.locator('table.ranking tbody tr td a').first().innerText()).toBe(people.items[0].name);
    await page.screenshot({ path: path.join(outputDir, 'entities.png') });
    await page.goto(`${viewer.url}sources`);
    const { totals } = await corpus.sources({});
    expect(await page.locator('[data-unknown-share]').innerText()).toBe(
      `${((100 * totals.unknown) / totals.quotes).toFixed(1)}%`,
    );
    expect(await page.locator('svg[data-chart="quotes"]').isVisible()).toBe(true);
    expect(await page.locator('svg[data-chart="quotes"] rect.extra').count()).toBeGreaterThan(0);
    const link = page.locator('a[data-export="speakers.jsonl"]');
    const jsonl = await page.request.get(new URL((await link.getAttribute('href'))!, viewer.url).toString());
    const first = JSON.parse((await jsonl.text()).split('\n')[0]) as { speaker: string; quotes: number };
    expect(first.speaker).toBe(await page.locator('table.ranking tbody tr td a').first().innerText());
    await page.screenshot({ path: path.join(outputDir, 'sources.png') });
  });

  it('draws the places on a world map with a point per place', async () => {
    await page.goto(`${viewer.url}places`);
    const map = page.locator('svg[data-map]');
    expect(await map.isVisible()).toBe(true);
    const places = await corpus.places({ limit: 500 });
    expect(await map.locator('circle').count()).toBe(places.length);
    const lisbon = map.locator('a[href="/entities/LOC/lisbon"] circle');
    expect(await lisbon.locator('title').textContent()).toBe('Lisbon: 1 mention in 1 article');
    const landBox = await map.locator('path.land').boundingBox();
    expect(landBox && landBox.width > 500).toBe(true);
    expect(await page.locator('a[data-export="places.csv"]').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(outputDir, 'places.png'), fullPage: true });
  });

  it('never runs script from hostile articles', async () => {
    if (!hostile)
      console.warn('the hostile HTML page could not be processed; only the hand-made hostile article is checked');
    for (const id of [hostileId, ...(hostile ? [hostile.id] : [])]) {
      await page.goto(`${viewer.url}articles/${id}`);
      const marks = page.locator('.reading mark.e');
      for (let i = 0; i < (await marks.count()); i++) {
        await marks.nth(i).hover();
        await marks.nth(i).click();
      }
      for (const link of await page.locator('.figures a, .quotes a').all())
        expect(await link.getAttribute('href')).not.toMatch(/^javascript:/i);
      expect(await pwned(), id).toBeUndefined();
    }
    for (const url of [
      '',
      'entities',
      'sources',
      'places',
      `entities/PERSON/${encodeURIComponent('<img src=x onerror="window.__pwned=8">')}`,
    ]) {
      await page.goto(`${viewer.url}${url}`);
      expect(await pwned(), url).toBeUndefined();
      expect(await page.locator('img').count(), url).toBe(0);
    }
    expect(problems).toEqual([]);
  });

  it('shows the empty state in a fresh data directory', async () => {
    const empty = await startViewer({
      dataDir: path.join(data.dir, 'no-articles-here'),
      port: 0,
      logger: memoryLogger().logger,
    });
    try {
      await page.goto(empty.url);
      expect(await page.locator('.empty h2').innerText()).toBe('No articles yet');
      await page.screenshot({ path: path.join(outputDir, 'empty.png') });
    } finally {
      await empty.close();
    }
  });

  it('says clearly on the queue page when Redis is unreachable', async () => {
    await page.goto(`${viewer.url}queue`);
    expect(await page.getByRole('alert').innerText()).toContain('Redis is not reachable');
    await page.screenshot({ path: path.join(outputDir, 'queue-unreachable.png') });
  });
});
