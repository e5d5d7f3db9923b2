import { describe, expect, it } from 'vitest';
import { cleanTree } from '@galley/clean';
import { dateInText, extractArticle, htmlToMdast, readPageMeta } from '../src/index.js';

const body = (inner: string) =>
  `<main><h1>Harbour bridge reopens after repairs</h1>${inner}<p>The bridge was closed for six weeks while engineers replaced worn bearings and resurfaced the deck, the council said on Monday.</p><p>Traffic returned to normal within an hour of the reopening, with buses resuming their usual routes across the river by the afternoon.</p></main>`;

describe('readPageMeta', () => {
  it('reads every field from JSON-LD and meta tags, each with its source', () => {
    const meta = readPageMeta(`<!doctype html><html lang="en-GB"><head>
      <title>Harbour bridge reopens - Coast Courier</title>
      <link rel="canonical" href="https://news.example.org/2024/05/02/bridge">
      <meta property="og:site_name" content="Coast Courier">
      <meta property="og:image" content="https://news.example.org/bridge.jpg">
      <meta name="description" content="The bridge is open again.">
      <meta property="article:modified_time" content="2024-05-03T08:00:00Z">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour bridge reopens","datePublished":"2024-05-02T09:30:00+01:00","author":[{"@type":"Person","name":"Ines Varga"},{"@type":"Person","name":"Tom Reid"}]}</script>
      </head><body>${body('')}</body></html>`);
    expect(meta).toMatchObject({
      canonical: 'https://news.example.org/2024/05/02/bridge',
      siteName: 'Coast Courier',
      title: 'Harbour bridge reopens',
      byline: 'Ines Varga, Tom Reid',
      authors: ['Ines Varga', 'Tom Reid'],
      published: '2024-05-02T09:30:00+01:00',
      modified: '2024-05-03T08:00:00Z',
      language: 'en-gb',
      description: 'The bridge is open again.',
      image: 'https://news.example.org/bridge.jpg',
    });
    expect(meta.provenance).toMatchObject({
      canonical: 'link[rel=canonical]',
      siteName: 'meta[property=og:site_name]',
      byline: 'json-ld NewsArticle author',
      published: 'json-ld NewsArticle',
      language: 'html[lang]',
    });
  });

  it('finds a byline in class="author" and a date in a dated element when the head says nothing', () => {
    const meta = readPageMeta(
      `<html><head><title>Bridge</title></head><body><div class="post-meta"><span class="date">Posted 2 May 2024</span> <span class="author">By Ines Varga</span></div>${body('')}</body></html>`,
    );
    expect(meta.byline).toBe('Ines Varga');
    expect(meta.provenance.byline).toBe('[class=author]');
    expect(meta.published).toBe('2024-05-02');
    expect(meta.provenance.published).toMatch(/^\[class=(?:date|post-meta)\] text$/);
  });

  it('reads rel=author links, <time datetime>, German month names and dates in the URL', () => {
    const linked = readPageMeta(
      `<body><a rel="author" href="/u/1">Jana Berg</a><time datetime="2023-03-09T10:00:00+01:00">9. März 2023</time>${body('')}</body>`,
    );
    expect(linked.byline).toBe('Jana Berg');
    expect(linked.provenance.byline).toBe('a[rel=author]');
    expect(linked.published).toBe('2023-03-09T10:00:00+01:00');
    expect(linked.provenance.published).toBe('<time datetime>');
    const german = readPageMeta(`<body><p class="datum">Veröffentlicht am 9. März 2023</p>${body('')}</body>`);
    expect(german.published).toBe('2023-03-09');
    const dated = readPageMeta(`<body>${body('')}</body>`, 'https://blog.example.net/2021/07/14/summer-notes/');
    expect(dated.published).toBe('2021-07-14');
    expect(dated.provenance.published).toBe('url path');
    expect(dated.siteName).toBe('blog.example.net');
    expect(dated.provenance.siteName).toBe('url host');
  });

  it('never takes the site name for a byline', () => {
    const meta = readPageMeta(
      `<html><head><meta property="og:site_name" content="RT"><meta name="author" content="RT"></head><body><span class="byline">RT</span><a rel="author" href="/a">Olga Petrova</a>${body('')}</body></html>`,
    );
    expect(meta.byline).toBe('Olga Petrova');
    const organisation = readPageMeta(
      `<html><head><title>Story - Metro Wire</title><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Metro Wire"}}</script></head><body>${body('')}</body></html>`,
    );
    expect(organisation.siteName).toBe('Metro Wire');
    expect(organisation.provenance.siteName).toBe('<title> suffix');
    expect(organisation.byline).toBeUndefined();
  });

  it('drops labels, roles, outlets and e-mail addresses from bylines, and takes no handles', () => {
    const meta = (author: string) =>
      readPageMeta(`<html><head><meta name="author" content="${author}"></head><body>${body('')}</body></html>`);
    expect(meta('By TOM KRISHER, AP Auto Writer').byline).toBe('Tom Krisher');
    expect(meta('Victor Tangermann, Futurism').byline).toBe('Victor Tangermann');
    expect(meta('Finian Cunningham. Sputnik International').byline).toBe('Finian Cunningham');
    expect(meta('Troy Smith | tsmith@example.com').byline).toBe('Troy Smith');
    expect(meta('Sarah E. Needleman').byline).toBe('Sarah E. Needleman');
    expect(meta('Text: Ana Lima und Jonas Weber').authors).toEqual(['Ana Lima', 'Jonas Weber']);
    expect(meta('admin').byline).toBeUndefined();
    expect(meta('https://www.facebook.com/someone').byline).toBeUndefined();
  });

  it('reads dates from text in linear time on adversarial input', () => {
    for (const long of ['March 1 '.repeat(12_000), '7. '.repeat(30_000) + 'Oktober 2020', '1'.repeat(100_000)])
      dateInText(long);
  });

  it('ignores authors and dates in comment sections and survives malformed JSON-LD', () => {
    const meta = readPageMeta(
      `<body><script type="application/ld+json">{"@type": "NewsArticle",</script>${body('')}<section class="comments"><span class="comment-author">Kim</span><span class="author">Kim Lee</span><time datetime="2025-01-01">1 Jan</time></section></body>`,
    );
    expect(meta.byline).toBeUndefined();
    expect(meta.published).toBeUndefined();
  });
});

describe('metadata from the article text', () => {
  it('reads the date line between the headline and the body when the markup has none', () => {
    const article = extractArticle(
      `<html><body><h1>Harbour bridge reopens</h1><p class="x1">1. Februar 2022 , Jana Berg</p><div class="x2">${body('')}</div></body></html>`,
    );
    expect(article.published).toBe('2022-02-01');
    expect(article.meta.provenance.published).toBe('date in the text above the article');
  });

  it('takes no byline from a line that names the publisher ("Site, City, Country")', () => {
    const meta = readPageMeta(
      `<html><head><title>Story - Harbour Post</title><meta name="author" content="HARBOUR POST, Hamburg, Germany"></head><body>${body('')}</body></html>`,
    );
    expect(meta.byline).toBeUndefined();
  });

  it('drops a second <html>/<body> pasted into a post, so its text stays in the article', () => {
    const article = extractArticle(
      `<html><body><article><p>The first paragraph of the post sits where it should, with a comma, and a full stop.</p><html><body><p>The pasted paragraph belongs to the same post, with a comma too, and ends here.</p></body></html><p>The last paragraph closes the post, with a comma, as posts do, and it ends.</p></article></body></html>`,
    );
    expect(article.blocks.map((b) => b.text.split(' ')[1])).toEqual(['first', 'pasted', 'last']);
  });
});

describe('metadata through the reader and the clean stage', () => {
  it('gives the canonical URL, site, authors and provenance to the cleaned document', () => {
    const html = `<html><head><link rel="canonical" href="https://news.example.org/bridge"><meta property="og:site_name" content="Coast Courier"><meta name="author" content="Ines Varga"></head><body>${body('')}</body></html>`;
    const { tree, meta } = htmlToMdast(html);
    const cleaned = cleanTree(tree, { format: 'html', meta });
    expect(cleaned.canonical).toBe('https://news.example.org/bridge');
    expect(cleaned.site).toBe('Coast Courier');
    expect(cleaned.authors).toEqual(['Ines Varga']);
    expect(cleaned.provenance).toMatchObject({
      canonical: 'link[rel=canonical]',
      siteName: 'meta[property=og:site_name]',
      byline: 'meta[name=author]',
      title: '<h1>',
    });
  });

  it('falls back to og:url for the canonical URL', () => {
    expect(
      extractArticle(
        `<html><head><meta property="og:url" content="https://x.example/a"></head><body>${body('')}</body></html>`,
      ).meta.canonical,
    ).toBe('https://x.example/a');
  });
});
