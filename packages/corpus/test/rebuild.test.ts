import type { Article } from '@galley/document';
import { describe, expect, it } from 'vitest';
import { type Corpus, rebuildCorpus } from '../src/index.js';

/** A corpus that only records what a rebuild asks of it (rebuildCorpus uses index, ids and remove). */
function recordingCorpus(indexed: string[]) {
  const batches: number[] = [];
  const removed: string[] = [];
  const corpus = {
    async index(articles: Article | readonly Article[]) {
      batches.push((articles as readonly Article[]).length);
    },
    async *ids() {
      yield* indexed;
    },
    async remove(id: string) {
      removed.push(id);
      return true;
    },
  } as unknown as Corpus;
  return { corpus, batches, removed };
}

async function* items(count: number): AsyncIterable<{ id: string; article: Article } | { id: string; error: Error }> {
  for (let n = 0; n < count; n++) yield { id: `a${n}`, article: { id: `a${n}` } as Article };
  yield { id: 'broken', error: new Error('not an article') };
}

describe('rebuildCorpus', () => {
  it('indexes in transactions of 2000 articles unless told otherwise, reporting each, and prunes the rest', async () => {
    const { corpus, batches, removed } = recordingCorpus(['a1', 'gone']);
    const progress: number[] = [];
    const result = await rebuildCorpus(corpus, items(4500), { onProgress: (p) => progress.push(p.indexed) });
    expect(batches).toEqual([2000, 2000, 500]);
    expect(progress).toEqual([2000, 4000, 4500]);
    expect(result).toMatchObject({ indexed: 4500, invalid: 1, removed: 1 });
    expect(removed).toEqual(['gone']);

    const small = recordingCorpus([]);
    await rebuildCorpus(small.corpus, items(250), { batchSize: 100 });
    expect(small.batches).toEqual([100, 100, 50]);
  });

  it('begins a bulk rebuild only when asked, and always ends one, also when the source fails', async () => {
    const calls: string[] = [];
    const { corpus } = recordingCorpus([]);
    Object.assign(corpus, {
      beginBulk: async () => void calls.push('begin'),
      endBulk: async () => void calls.push('end'),
    });
    await rebuildCorpus(corpus, items(10), { bulk: true });
    await rebuildCorpus(corpus, items(10));
    expect(calls).toEqual(['begin', 'end', 'end']);
    async function* failing() {
      yield* items(3);
      throw new Error('disk gone');
    }
    await expect(rebuildCorpus(corpus, failing(), { bulk: true })).rejects.toThrow('disk gone');
    expect(calls.slice(3)).toEqual(['begin', 'end']);
  });
});
