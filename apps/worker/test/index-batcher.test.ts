import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '@galley/document';
import { WRITER } from '@galley/publish';
import { IndexBatcher, PENDING_FOLDER, repairIndex } from '../src/lib/index-batcher.js';
import { tempDir } from './helpers.js';

/** The batcher reads nothing but the id; the index under test is a recorder. */
const article = (id: string) => ({ id }) as Article;

let out: Awaited<ReturnType<typeof tempDir>>;
let batches: string[][];
const record = async (articles: Article[]) => void batches.push(articles.map((a) => a.id));
const pendingFile = () => path.join(out.dir, PENDING_FOLDER, WRITER);

beforeEach(async () => {
  out = await tempDir();
  batches = [];
});
afterEach(() => out.remove());

/** A pid no process has: one that just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('IndexBatcher', () => {
  it('writes the articles of jobs that finish together in one batch, at most maxArticles at a time', async () => {
    const batcher = new IndexBatcher({ outDir: out.dir, index: record, maxArticles: 3, maxDelayMs: 60_000 });
    for (const id of ['a', 'b', 'c']) await batcher.add(article(id));
    await new Promise(setImmediate);
    expect(batches).toEqual([['a', 'b', 'c']]);
    // One more waits for others, or for the delay, or for close.
    await batcher.add(article('d'));
    await new Promise(setImmediate);
    expect(batcher.pending).toBe(1);
    await batcher.close();
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('writes a lone article once the delay is up', async () => {
    const batcher = new IndexBatcher({ outDir: out.dir, index: record, maxDelayMs: 20 });
    await batcher.add(article('a'));
    expect(batches).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(batches).toEqual([['a']]);
    await batcher.close();
  });

  it('notes each article before it is indexed, empties the note once it is, and removes it on close', async () => {
    const batcher = new IndexBatcher({ outDir: out.dir, index: record, maxDelayMs: 60_000 });
    await batcher.add(article('a'));
    await batcher.add(article('b'));
    await batcher.add(article('a'));
    expect(await readFile(pendingFile(), 'utf8')).toBe('a\nb\n');
    await batcher.flush();
    expect(await readFile(pendingFile(), 'utf8')).toBe('');
    await batcher.add(article('c'));
    expect(await readFile(pendingFile(), 'utf8')).toBe('c\n');
    await batcher.close();
    expect(batches).toEqual([['a', 'b', 'a'], ['c']]);
    expect(await readdir(path.join(out.dir, PENDING_FOLDER))).toEqual([]);
    await expect(batcher.add(article('d'))).rejects.toThrow(/closed/);
  });

  it('keeps articles the index refused, tries them again, and keeps them noted until they are in', async () => {
    let refuse = true;
    const errors: unknown[] = [];
    const batcher = new IndexBatcher({
      outDir: out.dir,
      index: async (articles) => {
        if (refuse) throw new Error('database down');
        await record(articles);
      },
      maxDelayMs: 60_000,
      log: { error: (entry: unknown) => void errors.push(entry), warn: () => undefined },
    });
    await batcher.add(article('a'));
    await batcher.flush();
    expect(errors).toHaveLength(1);
    expect(await readFile(pendingFile(), 'utf8')).toBe('a\n');
    refuse = false;
    await batcher.add(article('b'));
    await batcher.close();
    expect(batches).toEqual([['a', 'b']]);
    expect(await readdir(path.join(out.dir, PENDING_FOLDER))).toEqual([]);
  });
});

describe('repairIndex', () => {
  /** Publish `ids` as minimal article folders (repairIndex reads them back through the publish reader). */
  async function noted(writer: string, ids: string[]): Promise<void> {
    await mkdir(path.join(out.dir, PENDING_FOLDER), { recursive: true });
    await writeFile(path.join(out.dir, PENDING_FOLDER, writer), ids.map((id) => `${id}\n`).join(''));
  }

  it('leaves the notes of live processes alone and removes those of dead ones, whose articles are missing', async () => {
    const host = WRITER.split('-')[0]!;
    const dead = `${host}-${deadPid()}`;
    const live = `${host}-${process.ppid}`;
    await noted(dead, ['gone-article', '../escape']);
    await noted(live, ['other']);
    const warnings: unknown[] = [];
    // No article.json for either id: nothing to index, and the dead process's note is done with.
    expect(await repairIndex(out.dir, record, { warn: (entry: unknown) => void warnings.push(entry) })).toEqual([]);
    expect(batches).toEqual([]);
    expect(await readdir(path.join(out.dir, PENDING_FOLDER))).toEqual([live]);
  });

  it('takes its own pid in the folder for a predecessor’s (a container restarts as pid 1)', async () => {
    await noted(WRITER, ['x']);
    await repairIndex(out.dir, record);
    expect(await readdir(path.join(out.dir, PENDING_FOLDER))).toEqual([]);
  });

  it('is nothing to do without a pending folder', async () => {
    expect(await repairIndex(out.dir, record)).toEqual([]);
  });
});
