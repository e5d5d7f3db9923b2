import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
    'SEARCH_COUNT_LIMIT',
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

// pg is CommonJS: once loaded, it sits in require's cache.
it('loads the PostgreSQL driver only when a PostgreSQL corpus is opened', () => {
  const script = `import { createRequire } from 'node:module';
    await import('@galley/corpus');
    const cached = Object.keys(createRequire(import.meta.url).cache);
    process.stdout.write(String(cached.some((file) => /[\\\\/]node_modules[\\\\/]pg[\\\\/]/.test(file))));`;
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' })).toBe(
    'false',
  );
});
