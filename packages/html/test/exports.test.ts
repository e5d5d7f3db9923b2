import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/html')).sort()).toEqual([
    'dateInText',
    'dateInUrl',
    'default',
    'extractArticle',
    'htmlToMdast',
    'parseHtml',
    'readPageMeta',
    'stripSiteName',
    'textOf',
  ]);
});
