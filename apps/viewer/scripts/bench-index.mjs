// How the viewer's index and pages scale with the number of articles.
//   npm run build -w @galley/document -w @galley/queue -w @galley/viewer
//   node apps/viewer/scripts/bench-index.mjs [articles=3000]
// Copies one hand-made fixture N times (distinct ids, titles and one distinct word each) into a
// temporary directory, then times the first scan, a scan with nothing changed, and requests.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { ArticleStore, createApp } from '@galley/viewer';

const count = Number(process.argv[2] ?? 3000);
const here = path.dirname(fileURLToPath(import.meta.url));
const source = JSON.parse(
  readFileSync(
    path.join(here, '../test/fixtures/articles/regulator-blocks-harbour-alliance-page-1a2b3c4d5e/article.json'),
    'utf8',
  ),
);
const dir = mkdtempSync(path.join(tmpdir(), 'galley-viewer-bench-'));
for (let i = 0; i < count; i++) {
  const id = `bench-article-${String(i).padStart(6, '0')}`;
  const article = {
    ...source,
    id,
    title: `${source.title} ${i}`,
    processedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  };
  mkdirSync(path.join(dir, id));
  writeFileSync(path.join(dir, id, 'article.json'), JSON.stringify(article));
}

const time = async (label, task, runs = 1) => {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await task();
  console.log(`${label.padEnd(34)} ${((performance.now() - start) / runs).toFixed(1)} ms`);
};
const { app, store } = createApp({ dataDir: dir, logger: pino({ level: 'silent' }), refreshMs: 60_000 });
console.log(`${count} articles`);
await time('first scan (parse every file)', () => store.refresh(true));
await time('full rescan, nothing changed', () => store.refresh(true), 5);
const quick = new ArticleStore(dir, { logger: pino({ level: 'silent' }), refreshMs: 0, fullScanMs: 60_000 });
await quick.refresh(true);
await time('quick check, nothing changed', () => quick.refresh(), 20);
await time('list() page 1, no filter', () => store.list({ pageSize: 50 }), 20);
await time('GET / (page 1)', () => app.request('/').then((r) => r.text()), 20);
await time('GET /?q=shameful+reality', () => app.request('/?q=shameful+reality').then((r) => r.text()), 20);
await time('GET /?entity=FMA', () => app.request('/?entity=FMA').then((r) => r.text()), 20);
await time('GET /articles/:id', () => app.request('/articles/bench-article-000042').then((r) => r.text()), 20);
await time(
  'GET /entities/PERSON/mira kovac',
  () => app.request('/entities/PERSON/mira%20kovac').then((r) => r.text()),
  5,
);
console.log(`heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);
rmSync(dir, { recursive: true, force: true });
