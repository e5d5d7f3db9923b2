import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_TITLE_CHARS } from '@galley/document';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/index.js';
import { boundArticle } from '../src/lib/bound.js';
import { copyFixtures, fixture, mainId, memoryLogger } from './helpers.js';

const data = copyFixtures();
afterAll(() => data.cleanup());

describe('article pages stay bounded', () => {
  it('cuts a long article at a block boundary, keeping only the spans inside', () => {
    const article = fixture(mainId);
    const limit = Math.floor(article.text.length / 2);
    const { article: shown, shown: chars, total } = boundArticle(article, limit);
    expect(total).toBe(article.text.length);
    expect(chars).toBeLessThanOrEqual(limit);
    expect(article.blocks.some((b) => b.end === chars)).toBe(true);
    expect(shown.text).toBe(article.text.slice(0, chars));
    for (const span of [...shown.blocks, ...shown.sentences, ...shown.entities, ...shown.quotes])
      expect(span.end).toBeLessThanOrEqual(chars);
    const ids = new Set(shown.entityIndex.map((r) => r.id));
    for (const mention of shown.entities) expect(ids.has(mention.entity)).toBe(true);
    expect(boundArticle(article).shown).toBe(article.text.length);
  });

  it('shows the start of an over-long article with a note pointing to the downloads', async () => {
    const article = fixture(mainId);
    const long = { ...article, id: 'long-article-0123456789', title: 'T'.repeat(5000) };
    // Repeat the text (spans of the first copy stay valid) past the page limit.
    const copies = Math.ceil(250_000 / (article.text.length + 2));
    long.text = Array.from({ length: copies }, () => article.text).join('\n\n');
    long.blocks = Array.from({ length: copies }, (_, n) =>
      article.blocks.map((b) => ({
        ...b,
        type: n && b.type === 'title' ? ('paragraph' as const) : b.type,
        start: b.start + n * (article.text.length + 2),
        end: b.end + n * (article.text.length + 2),
      })),
    ).flat();
    mkdirSync(path.join(data.dir, long.id));
    writeFileSync(path.join(data.dir, long.id, 'article.json'), JSON.stringify(long));
    const { app, ready, close } = createApp({ dataDir: data.dir, logger: memoryLogger().logger });
    await ready;
    try {
      const page = await (await app.request(`/articles/${long.id}`)).text();
      expect(page).toMatch(/the page shows its first [\d,]+ of [\d,]+ characters/);
      expect(page).toContain(`/articles/${long.id}/article.json`);
      expect(page.length).toBeLessThan(long.text.length);
      const head = page.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
      expect(head.length).toBeLessThan(MAX_TITLE_CHARS + 20);
    } finally {
      await close();
    }
  });

  it('offers a document too large to parse as downloads, without reading it', async () => {
    const id = 'huge-article-0123456789';
    mkdirSync(path.join(data.dir, id));
    // Not even JSON: the page must decide by the size alone.
    writeFileSync(path.join(data.dir, id, 'article.json'), Buffer.alloc(17 * 1024 * 1024, 0x20));
    const { app, ready, close } = createApp({ dataDir: data.dir, logger: memoryLogger().logger });
    await ready;
    try {
      const res = await app.request(`/articles/${id}`);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('Article too large to show');
      expect(page).toContain(`/articles/${id}/article.md`);
    } finally {
      await close();
    }
  });
});
