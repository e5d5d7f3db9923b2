import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import galleyClean, { cleanTree } from '../src/index.js';
import { readSource } from './helpers.js';

const source =
  'Ferry returns to the island\n\nThe ferry is back after a month in dry dock, the operator said.\n\n(Jo Reid/PA Wire via Getty Images)\n\nFollow us on Facebook';

describe('galley-clean plugin', () => {
  it('stores file.data.clean and reports what it removed as messages', async () => {
    const { tree } = readSource(source, 'text');
    const file = new VFile({ value: source });
    file.data.source = { format: 'text', sha256: '0'.repeat(64), meta: {} };
    await unified().use(galleyClean).run(tree, file);
    expect(file.data.clean?.text).toBe(
      'Ferry returns to the island\n\nThe ferry is back after a month in dry dock, the operator said.',
    );
    expect(file.messages.map((m) => [m.ruleId, m.source])).toEqual([
      ['credit-line', 'galley-clean'],
      ['share-prompt', 'galley-clean'],
    ]);
  });

  it('reports no messages when told not to, and cleans the same', async () => {
    const { tree } = readSource(source, 'text');
    const file = new VFile({ value: source });
    file.data.source = { format: 'text', sha256: '0'.repeat(64), meta: {} };
    await unified().use(galleyClean, { messages: false }).run(tree, file);
    expect(file.data.clean?.text).toBe(
      'Ferry returns to the island\n\nThe ferry is back after a month in dry dock, the operator said.',
    );
    expect(file.messages).toEqual([]);
  });

  it('takes title and byline from the source metadata', async () => {
    const { tree } = readSource('The ferry is back after a month in dry dock.', 'markdown');
    const file = new VFile();
    file.data.source = {
      format: 'markdown',
      sha256: '0'.repeat(64),
      meta: { title: 'Ferry returns', author: ['Jo Reid', 'Sam Lee'] },
    };
    await unified().use(galleyClean).run(tree, file);
    expect(file.data.clean).toMatchObject({ title: 'Ferry returns', byline: 'Jo Reid, Sam Lee' });
    expect(file.data.clean?.blocks.map((b) => b.type)).toEqual(['title', 'paragraph']);
  });

  it('gives the same result through the plain function, and the same for {} and undefined options', async () => {
    const { tree } = readSource(source, 'text');
    expect(cleanTree(structuredClone(tree), {})).toEqual(cleanTree(structuredClone(tree)));
  });

  it('rejects a tree that is not an mdast root', async () => {
    expect(() => cleanTree({ type: 'paragraph' } as unknown as Root)).toThrow(/mdast root/);
  });

  it('keeps offsets exact: every block slices back to its text', async () => {
    const { tree } = readSource(source, 'text');
    const data = cleanTree(tree, {});
    for (const block of data.blocks)
      expect(data.text.slice(block.start, block.end).trim()).toBe(data.text.slice(block.start, block.end));
  });
});
