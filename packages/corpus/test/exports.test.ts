import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/corpus')).sort()).toEqual([
    'ARTICLE_SORTS',
    'CORPUS_LABELS',
    'COUNT_LIMIT',
    'EXCERPT_LENGTH',
    'KEY_SLOTS',
    'MAX_SEARCH_TERMS',
    'PostgresCorpus',
    'SqliteCorpus',
    'articleDate',
    'articleRecord',
    'articleSite',
    'entityKey',
    'excerptOf',
    'foldText',
    'isCorpusLabel',
    'normaliseName',
    'openCorpus',
    'parseSearch',
    'rebuildCorpus',
    'snippet',
  ]);
});
