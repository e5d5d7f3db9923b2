import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import galleySegment from '../src/index.js';

describe('galleySegment plugin', () => {
  it('segments the cleaned text within its blocks', async () => {
    const text = 'Title Here\n\nOne. Two.';
    const file = new VFile();
    file.data.clean = {
      title: 'Title Here',
      language: 'en',
      text,
      figures: [],
      removed: [],
      blocks: [
        { type: 'title', start: 0, end: 10 },
        { type: 'paragraph', start: 12, end: 21 },
      ],
    };
    await unified()
      .use(galleySegment)
      .run({ type: 'root', children: [] } as Root, file);
    expect(file.data.segment?.sentences).toEqual([
      { start: 0, end: 10 },
      { start: 12, end: 16 },
      { start: 17, end: 21 },
    ]);
  });

  it('falls back to the raw text split at blank lines, with or without options', async () => {
    for (const options of [undefined, {}]) {
      const file = new VFile({ value: 'First line\nstill first. Second.\n\nThird' });
      await unified()
        .use(galleySegment, options)
        .run({ type: 'root', children: [] } as Root, file);
      const sentences = file.data.segment!.sentences.map((s) => String(file.value).slice(s.start, s.end));
      expect(sentences).toEqual(['First line\nstill first.', 'Second.', 'Third']);
    }
  });
});
