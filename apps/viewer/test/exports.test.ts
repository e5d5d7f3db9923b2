import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/viewer')).sort()).toEqual([
    'createApp',
    'csvCell',
    'downloadPolicy',
    'entityHref',
    'entityKey',
    'escapeHtml',
    'exportStream',
    'hasEntityPage',
    'jsonForScript',
    'monthChart',
    'monthRange',
    'normaliseName',
    'pagePolicy',
    'placesMap',
    'renderArticle',
    'renderExcerpt',
    'startViewer',
  ]);
});
