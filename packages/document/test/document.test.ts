import { describe, expect, it } from 'vitest';
import {
  ARTICLE_SCHEMA,
  articleId,
  collapseSpaces,
  findSpanAt,
  isArticleId,
  paragraphBlocks,
  parseArticle,
  sha256,
  trimSpan,
} from '../src/index.js';

const text = 'A title\n\nFirst para. Second.\n\nThird para.';

function article(overrides: Record<string, unknown> = {}) {
  return {
    schema: ARTICLE_SCHEMA,
    id: 'a-title-0123456789',
    source: { format: 'text', sha256: sha256(text) },
    title: 'A title',
    language: 'en',
    text,
    blocks: [
      { type: 'title', start: 0, end: 7 },
      { type: 'paragraph', start: 9, end: 28 },
    ],
    sentences: [{ start: 9, end: 20 }],
    entities: [{ start: 9, end: 14, label: 'MISC', entity: 'misc-first' }],
    entityIndex: [{ id: 'misc-first', label: 'MISC', name: 'First', aliases: [], mentions: 1 }],
    quotes: [],
    figures: [{ caption: 'A photo', credit: { raw: 'Jane Doe/AP', people: ['Jane Doe'], agencies: ['AP'] } }],
    removed: [{ kind: 'credit', text: 'Jane Doe/AP' }],
    stages: { clean: { ms: 1 } },
    ...overrides,
  };
}

describe('parseArticle', () => {
  it('accepts a well-formed document', () => {
    expect(parseArticle(article()).title).toBe('A title');
  });
  it('rejects spans outside the text', () => {
    expect(() => parseArticle(article({ sentences: [{ start: 0, end: 999 }] }))).toThrow(
      /sentences\[0\].*outside text/,
    );
  });
  it('rejects mentions of entities missing from the index', () => {
    expect(() => parseArticle(article({ entityIndex: [] }))).toThrow(/unknown entity "misc-first"/);
  });
  it('rejects a speaker missing from the index', () => {
    expect(() => parseArticle(article({ quotes: [{ start: 0, end: 1, text: 'A', speaker: 'nobody' }] }))).toThrow(
      /speaker "nobody"/,
    );
  });
  it('rejects unknown labels and schema versions', () => {
    expect(() => parseArticle(article({ schema: 'galley.article/2' }))).toThrow();
    expect(() =>
      parseArticle(article({ entities: [{ start: 0, end: 1, label: 'ALIEN', entity: 'misc-first' }] })),
    ).toThrow();
  });
  it('rejects ids that are not path-safe', () => {
    expect(() => parseArticle(article({ id: '../etc/passwd' }))).toThrow(/slug/);
  });
});

describe('ids', () => {
  it('slugs the title and appends the hash', () => {
    expect(articleId('Défiant Russian “alliance” — vows!', 'abcdef0123456789')).toBe(
      'defiant-russian-alliance-vows-abcdef0123',
    );
  });
  it('falls back when the title has no letters', () => {
    expect(articleId('—', 'abcdef0123456789')).toBe('article-abcdef0123');
  });
  it('recognises only safe ids', () => {
    expect(isArticleId('ok-id-123')).toBe(true);
    for (const bad of ['', '..', '../x', 'a/b', 'A', 'a\u0000b', '/abs']) expect(isArticleId(bad)).toBe(false);
  });
});

describe('offset helpers', () => {
  it('splits paragraphs at blank lines, trimmed, offsets exact', () => {
    const blocks = paragraphBlocks('  one\ntwo \n\n \n three\n');
    expect(blocks.map((b) => '  one\ntwo \n\n \n three\n'.slice(b.start, b.end))).toEqual(['one\ntwo', 'three']);
  });
  it('trims no-break spaces too', () => {
    const s = '\u00a0 x \u00a0';
    const span = trimSpan(s, 0, s.length);
    expect(s.slice(span.start, span.end)).toBe('x');
  });
  it('finds the span holding an offset', () => {
    const spans = [
      { start: 0, end: 5 },
      { start: 7, end: 9 },
      { start: 9, end: 12 },
    ];
    expect([0, 4, 5, 7, 9, 11, 12].map((o) => findSpanAt(spans, o))).toEqual([0, 0, -1, 1, 2, 2, -1]);
  });
  it('collapses every run of white space to one space, as replacing /\\s+/g would', () => {
    expect(collapseSpaces(' a  b\tc\n\nd\u00a0e \u3000 f ')).toBe(' a b c d e f ');
    const pieces = [
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\u00a0',
      '\u2009',
      '\u3000',
      '\u2028',
      '\ufeff',
      '\u200b',
      'a',
      'bc',
      '.',
    ];
    for (let i = 0; i < 2000; i++) {
      let value = '';
      for (let j = (i * 7) % 13; j > 0; j--) value += pieces[(i * 31 + j * 17 + (i >> 3)) % pieces.length];
      expect(collapseSpaces(value), JSON.stringify(value)).toBe(value.replace(/\s+/g, ' '));
    }
  });
});
