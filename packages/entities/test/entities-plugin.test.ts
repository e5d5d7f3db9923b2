import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import galleyEntities, { tagText } from '../src/index.js';

const names = (text: string) => {
  const at = text.indexOf('Maria Ivanova');
  return at < 0 ? [] : [{ start: at, end: at + 13, label: 'PERSON' as const }];
};

describe('the entities plugin', () => {
  it('stores entities, index and quotes in file.data, using the clean stage’s date and blocks', async () => {
    const text = 'Title\n\nMaria Ivanova said on 19 March: “We will appeal.”';
    const file = new VFile({ value: text });
    file.data.clean = {
      title: 'Title',
      language: 'en',
      text,
      figures: [],
      removed: [],
      published: '2024-05-01',
      blocks: [
        { type: 'title', start: 0, end: 5 },
        { type: 'paragraph', start: 7, end: text.length },
      ],
    };
    file.data.segment = {
      sentences: [
        { start: 0, end: 5 },
        { start: 7, end: text.length },
      ],
    };
    await unified()
      .use(galleyEntities, { names })
      .run({ type: 'root', children: [] } as Root, file);
    const data = file.data.entities!;
    expect(data.entities.map((m) => [text.slice(m.start, m.end), m.label, m.value])).toEqual([
      ['Maria Ivanova', 'PERSON', undefined],
      ['19 March', 'DATE', '2024-03-19'],
    ]);
    expect(data.quotes).toEqual([
      {
        start: text.indexOf('“'),
        end: text.length,
        text: '“We will appeal.”',
        speaker: 'person-maria-ivanova',
        confidence: 0.95,
        cue: 'named in the sentence',
      },
    ]);
  });

  it('rejects sentences outside the text or out of order with a clear error', () => {
    expect(() => tagText('short', [{ start: 0, end: 50 }], { names })).toThrow(
      /sentences\[0\] is not a span inside the text/,
    );
    expect(() =>
      tagText(
        'short text',
        [
          { start: 5, end: 10 },
          { start: 0, end: 4 },
        ],
        { names },
      ),
    ).toThrow(/starts before/);
    expect(() => tagText(42 as unknown as string, [])).toThrow(/text must be a string/);
  });

  it('gives an empty result for an empty text', () => {
    expect(tagText('', [], { names })).toEqual({ entities: [], entityIndex: [], quotes: [] });
  });
});
