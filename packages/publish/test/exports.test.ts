import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/publish')).sort()).toEqual([
    'DirectoryReader',
    'DirectoryStore',
    'FOREIGN_TEMP_FILE_MS',
    'WRITER',
    'articleFile',
    'articleToMdast',
    'assembleArticle',
    'contract',
    'default',
    'defaultOptions',
    'markdownText',
    'publishedFiles',
    'removeTempFiles',
    'renderFiles',
    'renderHtml',
    'renderMarkdown',
    'writerGone',
  ]);
});
