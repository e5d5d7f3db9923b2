import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/pipeline')).sort()).toEqual([
    'InputError',
    'MAX_ARTICLE_BYTES',
    'checkArticleSize',
    'decodeSource',
    'detectFormat',
    'parseFrontMatter',
    'parseStages',
    'processArticle',
    'read',
    'readHtml',
    'readMarkdown',
    'readText',
    'runPipeline',
    'stageNames',
  ]);
  // Importing the package loads the tagger's model: seconds on a busy machine.
}, 30_000);
