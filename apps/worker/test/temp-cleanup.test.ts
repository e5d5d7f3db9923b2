import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryStore } from '@galley/publish';
import { removeTempFiles, withTempCleanup } from '@galley/worker';
import { tempDir } from './helpers.js';

let out: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  out = await tempDir();
});
afterEach(async () => {
  await out.remove();
});

describe('leftovers of a worker killed mid-write', () => {
  it('are removed when the article is published again, and nothing else is touched', async () => {
    const store = withTempCleanup(new DirectoryStore(out.dir));
    const dir = store.locate('pier-reopens-0123456789');
    await store.put('pier-reopens-0123456789', { 'article.json': '{}\n', 'article.md': '# A\n', 'article.html': '<h1>A</h1>\n' });
    await writeFile(path.join(dir, 'article.json.4242.deadbeef.tmp'), '{"half');
    await writeFile(path.join(dir, 'notes.tmp'), 'not ours');
    await store.put('pier-reopens-0123456789', { 'article.json': '{}\n', 'article.md': '# B\n', 'article.html': '<h1>B</h1>\n' });
    expect((await readdir(dir)).sort()).toEqual(['article.html', 'article.json', 'article.md', 'notes.tmp']);
    expect(await removeTempFiles(path.join(out.dir, 'missing'))).toEqual([]);
  });
});
