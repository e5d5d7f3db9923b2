import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandGlob, isGlob, matchWildcard } from '../src/lib/glob.js';
import { tempDir } from './queue-helpers.js';

let work: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  work = await tempDir();
});
afterEach(async () => {
  await work.remove();
});

describe('globs for galley queue', () => {
  it('matches * and ? within a name', () => {
    expect(matchWildcard('*.html', 'story.html')).toBe(true);
    expect(matchWildcard('*.html', 'story.htm')).toBe(false);
    expect(matchWildcard('s?ory-*-*.txt', 'story-1-2.txt')).toBe(true);
    expect(isGlob('feeds/*.txt')).toBe(true);
    expect(isGlob('feeds/a.txt')).toBe(false);
  });

  it('stays fast on a hostile pattern', () => {
    const start = performance.now();
    expect(matchWildcard(`${'*a'.repeat(50)}b`, 'a'.repeat(100_000))).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('expands ** across folders, sorted', async () => {
    await mkdir(path.join(work.dir, 'feeds/2026/11'), { recursive: true });
    for (const file of ['feeds/a.html', 'feeds/2026/b.html', 'feeds/2026/11/c.html', 'feeds/2026/11/d.txt']) {
      await writeFile(path.join(work.dir, file), 'x');
    }
    const rel = (files: string[]) => files.map((f) => path.relative(work.dir, f));
    expect(rel(await expandGlob(path.join(work.dir, 'feeds/**/*.html')))).toEqual([
      'feeds/2026/11/c.html',
      'feeds/2026/b.html',
      'feeds/a.html',
    ]);
    expect(rel(await expandGlob(path.join(work.dir, 'feeds/*.html')))).toEqual(['feeds/a.html']);
    expect(await expandGlob(path.join(work.dir, 'missing/*.html'))).toEqual([]);
  });
});
