import { describe, expect, it } from 'vitest';
import { parseArticle } from '@galley/document';
import {
  InputError,
  decodeSource,
  detectFormat,
  parseFrontMatter,
  parseStages,
  processArticle,
  runPipeline,
} from '../src/index.js';

const story = `Harbour reopens after storm

The harbour at Kestrel Bay reopened on Monday after a week of repairs.

Officials said the north pier would take longer.`;

describe('processArticle', () => {
  it('runs all stages and returns a valid document', async () => {
    const article = await processArticle(story, { path: 'story.txt' });
    expect(parseArticle(article).schema).toBe('galley.article/1');
    expect(article.title).toBe('Harbour reopens after storm');
    expect(article.source).toMatchObject({ format: 'text', path: 'story.txt' });
    expect(article.blocks.map((b) => b.type)).toEqual(['title', 'paragraph', 'paragraph']);
    expect(Object.keys(article.stages)).toEqual(['clean', 'segment', 'entities', 'publish']);
    expect(article.id).toMatch(/^harbour-reopens-after-storm-[0-9a-f]{10}$/);
  });

  it('is deterministic for the same input apart from timings', async () => {
    const a = await processArticle(story);
    const b = await processArticle(Buffer.from(story));
    const strip = (x: typeof a) => ({ ...x, stages: {}, processedAt: '' });
    expect(strip(a)).toEqual(strip(b));
  });

  it("records the stages' messages on the file unless told not to", async () => {
    const withCredit = `${story}\n\n(Jo Reid/PA Wire via Getty Images)`;
    const { file } = await runPipeline(withCredit, { path: 'story.txt' });
    expect(file.messages.map((m) => m.ruleId)).toContain('credit-line');
    const quiet = await runPipeline(withCredit, { path: 'story.txt', messages: false });
    expect(quiet.file.messages).toEqual([]);
    expect({ ...quiet.article, processedAt: '', stages: {} }).toEqual({
      ...(await processArticle(withCredit, { path: 'story.txt' })),
      processedAt: '',
      stages: {},
    });
  });

  it('runs segmentation alone over the text as given', async () => {
    const article = await processArticle('One. Two.\n\nThree', { stages: ['segment'] });
    expect(article.title).toBe('');
    expect(article.text).toBe('One. Two.\n\nThree');
    expect(article.sentences.map((s) => article.text.slice(s.start, s.end))).toEqual(['One.', 'Two.', 'Three']);
    expect(Object.keys(article.stages)).toEqual(['segment', 'publish']);
  });

  it('reads Markdown front matter as metadata', async () => {
    const { article, file } = await runPipeline(
      '---\ntitle: From front matter\nauthor: Jo Ng\n---\n\n# Heading one\n\nBody text here.',
      { format: 'markdown' },
    );
    expect(file.data.source?.meta).toMatchObject({ title: 'From front matter', author: 'Jo Ng' });
    expect(article.text).toContain('Body text here.');
  });

  it('reads HTML', async () => {
    const article = await processArticle(
      '<!doctype html><html><body><article><h1>Bridge opens</h1><p>The new bridge opened today to traffic.</p></article></body></html>',
    );
    expect(article.source.format).toBe('html');
    expect(article.text).toContain('The new bridge opened today to traffic.');
  });

  it('reports progress per stage', async () => {
    const seen: string[] = [];
    await processArticle(story, { onStage: (stage) => seen.push(stage) });
    expect(seen).toEqual(['clean', 'segment', 'entities', 'publish']);
  });
});

describe('input errors', () => {
  it('refuses empty, binary and invalid UTF-8 input with a reason', async () => {
    await expect(processArticle('  \n ')).rejects.toThrow(InputError);
    await expect(processArticle(new Uint8Array([0, 1, 2, 3, 0]))).rejects.toThrow(/binary/);
    await expect(processArticle(new Uint8Array([0x61, 0xff, 0xfe, 0x62, 0x20]))).rejects.toThrow(/UTF-8/);
  });
  it('replaces lone surrogates and keeps pairs', () => {
    expect(decodeSource('a\ud800b\udc00c😀d\udc00\ud800e\ud83d')).toBe('a\ufffdb\ufffdc😀d\ufffd\ufffde\ufffd');
    expect(decodeSource('plain text')).toBe('plain text');
  });
  it('refuses text with more than 10% control characters in its opening, and accepts less', () => {
    const controls = (n: number) => `${'\u0001'.repeat(n)}${'x'.repeat(100 - n)}`;
    expect(() => decodeSource(controls(11))).toThrow(/binary/);
    expect(decodeSource(controls(10))).toBe(controls(10));
    expect(decodeSource(`${'x'.repeat(8192)}${'\u0002'.repeat(5000)}`)).toHaveLength(13192);
  });
  it('decodes UTF-16 with a byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title here\n\nBody text.', 'utf16le')]);
    expect((await processArticle(bytes)).title).toBe('Title here');
  });
  it('names unknown stages', () => {
    expect(() => parseStages('clean,tag')).toThrow(/unknown stage "tag"/);
    expect(parseStages('publish, segment')).toEqual(['segment', 'publish']);
  });
  it('caps YAML aliases and refuses non-mapping front matter', () => {
    expect(() => parseFrontMatter('- a\n- b')).toThrow(/mapping/);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(() => parseFrontMatter(bomb)).toThrow(InputError);
  });
});

describe('Markdown limits', () => {
  it('refuses deeply nested emphasis instead of hanging, and says what to do', async () => {
    const nested = `${'*a '.repeat(5000)}b${' c*'.repeat(5000)}`;
    await expect(processArticle(nested, { format: 'markdown' })).rejects.toThrow(/emphasis markers.*--format text/);
    const asText = await processArticle(nested, { format: 'text' });
    expect(asText.text.length).toBeGreaterThan(0);
  });

  it('refuses Markdown with more paragraphs than an article has, and says what to do', async () => {
    await expect(processArticle('A *b*.\n\n'.repeat(20_001), { format: 'markdown' })).rejects.toThrow(
      /over 20000 paragraphs.*--format text/,
    );
  });

  it('counts markers per paragraph, so many short emphasised paragraphs are fine', async () => {
    const article = await processArticle(`# Many\n\n${'A *b* and _c_.\n\n'.repeat(1500)}`, { format: 'markdown' });
    expect(article.blocks.length).toBeGreaterThan(1000);
  });
});

describe('detectFormat', () => {
  it('uses the extension first, then the content', () => {
    expect(detectFormat('x', 'a.HTML')).toBe('html');
    expect(detectFormat('x', 'a.md')).toBe('markdown');
    expect(detectFormat('<p>x</p>', 'a.txt')).toBe('text');
    expect(detectFormat('<!DOCTYPE html><p>x')).toBe('html');
    expect(detectFormat('# Title\n\ntext')).toBe('markdown');
    expect(detectFormat('Plain words.')).toBe('text');
  });
});
