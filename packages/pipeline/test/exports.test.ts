import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/pipeline')).sort()).toEqual([
    'DEFAULT_MEMORY_LIMIT_MB',
    'DEFAULT_TIME_LIMIT_MS',
    'FAULT_MODULE_ENV',
    'InputError',
    'MAX_ARTICLE_BYTES',
    'PipelineRunner',
    'StageError',
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

// The subpaths a program imports to run the stages in a thread without loading them itself.
it('exports the decoder and the runner alone under subpaths', async () => {
  expect(Object.keys(await import('@galley/pipeline/decode')).sort()).toEqual([
    'MAX_ARTICLE_BYTES',
    'checkArticleSize',
    'decodeSource',
  ]);
  expect(Object.keys(await import('@galley/pipeline/runner')).sort()).toEqual([
    'DEFAULT_MEMORY_LIMIT_MB',
    'DEFAULT_TIME_LIMIT_MS',
    'FAULT_MODULE_ENV',
    'PipelineRunner',
    'StageError',
    'sharedClock',
  ]);
});
