import { describe, expect, it } from 'vitest';
import { MAX_TITLE_CHARS } from '@galley/document';
import { processArticle, read, readHtml, readMarkdown } from '../src/index.js';

const sentence = 'The council met on Tuesday evening to discuss the new budget for the harbour district. ';

describe('titles stay titles', () => {
  it('gives a text that opens straight into a long block no title, and keeps the block in the body', async () => {
    const text = sentence.repeat(40);
    const article = await processArticle(text, { format: 'text' });
    expect(article.title).toBe('');
    expect(article.text).toBe(text.trim());
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph']);
  });

  it('still takes a short first line as the title', async () => {
    const article = await processArticle(`Budget passes\n\n${sentence}`, { format: 'text' });
    expect(article.title).toBe('Budget passes');
  });

  it('cuts a title from page metadata to the limit, at a word', async () => {
    const long = 'Headline words '.repeat(100).trim();
    const html = `<html><head><title>${long}</title><meta property="og:title" content="${long}"></head><body><article><p>${sentence.repeat(3)}</p></article></body></html>`;
    const article = await processArticle(html, { format: 'html' });
    expect(article.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(article.title).toMatch(/^Headline words .*\w…$/);
    expect(article.text.startsWith(article.title)).toBe(true);
  });
});

const refusal = /--format text/;

describe('Markdown the parser would choke on is refused before it is parsed', () => {
  it('refuses block quotes nested beyond the limit, on one line or many', () => {
    expect(() => readMarkdown(`${'> '.repeat(100)}deep`)).toThrow(refusal);
    const lines = Array.from({ length: 100 }, (_, i) => `${'>'.repeat(i + 1)} line`).join('\n');
    expect(() => readMarkdown(lines)).toThrow(refusal);
    expect(readMarkdown('> quoted\n> > and a reply\n\nBody.').tree.children[0].type).toBe('blockquote');
  });

  it('refuses lists nested beyond the limit, and reads ordinary nesting', () => {
    const deep = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    expect(() => readMarkdown(deep)).toThrow(refusal);
    const ordinary = '- one\n  - two\n    - three\n      1. four';
    expect(readMarkdown(ordinary).tree.children[0].type).toBe('list');
  });

  it('refuses runs of unclosed links, with the error code of unreadable input', () => {
    expect(() => readMarkdown('[a]('.repeat(5000))).toThrow(expect.objectContaining({ code: 'GALLEY_INPUT_INVALID' }));
    expect(() => readMarkdown('[a]('.repeat(5000))).toThrow(refusal);
    const links = Array.from({ length: 50 }, (_, i) => `[link ${i}](https://example.org/${i})`).join(' ');
    expect(readMarkdown(links).tree.children).toHaveLength(1);
  });

  it('reads the same text as plain text', async () => {
    const article = await processArticle(`Title\n\n${'> '.repeat(100)}deep`, { format: 'text' });
    expect(article.text).toContain('> > >');
  });
});

describe('HTML with runaway unclosed elements is refused before it is parsed', () => {
  it('refuses unclosed formatting and container tags beyond the limit', () => {
    expect(() => readHtml(`<html><body>${'<b>'.repeat(5000)}x</body></html>`)).toThrow(refusal);
    expect(() => readHtml(`<html><body>${'<div><span><a>'.repeat(2000)}x</body></html>`)).toThrow(refusal);
  });

  it('reads sloppy but ordinary markup: end tags the parser infers, tags closed by an outer end tag', () => {
    const cells = '<tr><td><font>cell'.repeat(3000);
    const paragraphs = '<p><i>text'.repeat(3000);
    const scripts = `<script>${'<b>'.repeat(5000)}</script>`;
    for (const body of [`<table>${cells}</table>`, paragraphs, `${scripts}<p>after</p>`]) {
      expect(() => readHtml(`<html><body><article>${body}</article></body></html>`)).not.toThrow();
    }
  });
});

describe('block and inline counts are bounded', () => {
  it('refuses text of more tiny blocks than any article has, and reads a long article', async () => {
    await expect(processArticle('a\n\n'.repeat(50_001), { format: 'text' })).rejects.toThrow(
      expect.objectContaining({
        code: 'GALLEY_INPUT_INVALID',
        message: expect.stringMatching(/over 50000 paragraphs/),
      }),
    );
    expect(read('text', `Title\n\n${'A paragraph of the story.\n\n'.repeat(2000)}`).tree.children).toHaveLength(2001);
  });

  it('refuses a Markdown paragraph of runaway code spans or inline HTML', () => {
    expect(() => readMarkdown('`a'.repeat(3000))).toThrow(refusal);
    expect(() => readMarkdown('<a '.repeat(3000))).toThrow(refusal);
    expect(readMarkdown('Use `npm ci` and <kbd>Ctrl</kbd>.').tree.children).toHaveLength(1);
  });
});
