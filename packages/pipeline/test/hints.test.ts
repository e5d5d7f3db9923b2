import { describe, expect, it } from 'vitest';
import { processArticle } from '../src/index.js';

describe('feed hints', () => {
  const page = `<!doctype html><html><head><title>Harbour fees rise</title></head><body><article><h1>Harbour fees rise</h1><p>The harbour office in Kirkwall said on Monday that mooring fees will rise next month.</p></article></body></html>`;

  it('records the feed and fills only what the article left empty', async () => {
    const article = await processArticle(page, {
      format: 'html',
      stages: ['clean'],
      hints: {
        feed: 'orkney-news',
        title: 'A feed headline',
        published: '2026-12-07T08:30:00.000Z',
        author: 'Ada Moreno',
      },
    });
    expect(article.source.feed).toBe('orkney-news');
    expect(article.title).toBe('Harbour fees rise');
    expect(article.published).toBe('2026-12-07T08:30:00.000Z');
    expect(article.byline).toBe('Ada Moreno');
  });

  it('leaves the document as it was without hints', async () => {
    const article = await processArticle(page, { format: 'html', stages: ['clean'] });
    expect(article.source).not.toHaveProperty('feed');
    expect(article).not.toHaveProperty('byline');
  });
});
