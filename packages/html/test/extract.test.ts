import { describe, expect, it } from 'vitest';
import { extractArticle, parseHtml, stripSiteName } from '../src/index.js';

const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the story, long enough to count as prose, with a comma, and a full stop at its end.</p>`;
const page = (body: string, head = '') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('extractArticle', () => {
  it('keeps the article paragraphs in order and leaves scripts, styles and forms out', () => {
    const html = page(
      `<nav><a href="/">Home</a></nav><div class="content">${paragraph(1)}<script>var x = "Paragraph";</script>` +
        `<style>.a{}</style>${paragraph(2)}<form><p>Log in to comment on this story, it only takes a minute of your time.</p></form>${paragraph(3)}</div>`,
    );
    const text = extractArticle(html)
      .blocks.map((b) => b.text)
      .join('\n');
    expect(text).toMatch(/^Paragraph 1[^]*Paragraph 2[^]*Paragraph 3/);
    expect(text).not.toMatch(/var x|\.a\{|Home/);
  });

  it('accepts a hast tree as well as a string', () => {
    const html = page(`<article>${paragraph(1)}${paragraph(2)}</article>`);
    expect(extractArticle(parseHtml(html)).blocks).toEqual(extractArticle(html).blocks);
  });

  it('keeps headings, list items and block quotes with their shape', () => {
    const html = page(
      `<article>${paragraph(1)}<h2>Next steps</h2><ol><li>First, the council votes on the plan.</li></ol>` +
        `<blockquote><p>We are ready for this, and we have been for years.</p></blockquote>${paragraph(2)}</article>`,
    );
    expect(extractArticle(html).blocks.map((b) => [b.type, b.depth ?? b.ordered ?? null])).toEqual([
      ['paragraph', null],
      ['heading', 2],
      ['list-item', true],
      ['quote', null],
      ['paragraph', null],
    ]);
  });

  it('turns <figure> into a figure with a parsed credit and never into body text', () => {
    const html = page(
      `<article>${paragraph(1)}<figure><img src="a.jpg" alt="A lake"><figcaption>The lake at dawn. (Ola Berg/NTB via AP)</figcaption></figure>${paragraph(2)}</article>`,
    );
    const article = extractArticle(html);
    expect(article.figures).toEqual([
      {
        caption: 'The lake at dawn.',
        credit: { raw: 'Ola Berg/NTB via AP', people: ['Ola Berg'], agencies: ['NTB', 'AP'] },
        src: 'a.jpg',
        alt: 'A lake',
      },
    ]);
    expect(article.blocks.map((b) => b.text).join(' ')).not.toMatch(/lake/);
  });

  it('joins a credit line to the caption just above it', () => {
    const html = page(
      `<article>${paragraph(1)}<div class="image-caption">Ships in the harbour at dusk.</div><p>Lena Holm | Reuters</p>${paragraph(2)}</article>`,
    );
    expect(extractArticle(html).figures).toEqual([
      {
        caption: 'Ships in the harbour at dusk.',
        credit: { raw: 'Lena Holm | Reuters', people: ['Lena Holm'], agencies: ['Reuters'] },
      },
    ]);
  });

  it('reads title, byline and date from the page metadata', () => {
    const head =
      '<title>Ferry strike ends | Coast News</title><meta property="og:site_name" content="Coast News">' +
      '<meta name="author" content="Rui Costa"><meta property="article:published_time" content="2024-02-01T08:00:00Z">' +
      '<link rel="canonical" href="https://coast.example/ferry">';
    const article = extractArticle(page(`<article>${paragraph(1)}</article>`, head));
    expect(article).toMatchObject({
      title: 'Ferry strike ends',
      byline: 'Rui Costa',
      published: '2024-02-01T08:00:00Z',
      meta: { canonical: 'https://coast.example/ferry', siteName: 'Coast News' },
    });
  });

  it('strips the site name from a <title>', () => {
    expect(stripSiteName('Ferry strike ends after three days - Coast News', undefined, true)).toBe(
      'Ferry strike ends after three days',
    );
    expect(stripSiteName('Ferry strike ends | Coast News', 'Coast News', false)).toBe('Ferry strike ends');
  });

  it('survives 10,000 levels of nesting without exhausting the stack', () => {
    const depth = 10_000;
    const html = page(`${'<div>'.repeat(depth)}${paragraph(1)}${paragraph(2)}${'</div>'.repeat(depth)}`);
    expect(extractArticle(html).blocks).toHaveLength(2);
  });

  it('reads 100,000-character class names in linear time', () => {
    const names = ['x_related', 'related_', 'recirc-', 'js-'].map((part) => part.repeat(25_000));
    const html = page(names.map((name) => `<div class="${name}">${paragraph(1)}</div>`).join(''));
    expect(extractArticle(html).blocks.length).toBeLessThanOrEqual(4);
  });

  it('rejects input that is neither HTML nor hast', () => {
    expect(() => extractArticle(42 as unknown as string)).toThrow(/HTML string or a hast root/);
  });
});
