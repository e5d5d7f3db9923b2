import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/index.js';

// Boilerplate learnt by kind from the development set's failures; every sample here is our own.
const prose = (n: number) =>
  `<p>Paragraph ${n} of the report runs long enough to be prose, with a comma, and it ends with a full stop.</p>`;
const bodyText = (html: string) =>
  extractArticle(`<!doctype html><html><body>${html}</body></html>`)
    .blocks.map((b) => b.text)
    .join('\n');

describe('boilerplate kinds in pages', () => {
  it('drops a heading over a removed link list, but keeps one over text', () => {
    const text = bodyText(
      `<article>${prose(1)}<h2>How the vote went</h2>${prose(2)}${prose(3)}<h2>Meistgelesene Artikel</h2><ul><li><a href="/a">One story headline here</a></li><li><a href="/b">Another story headline</a></li></ul></article>`,
    );
    expect(text).toContain('How the vote went');
    expect(text).not.toContain('Meistgelesene');
  });

  it.each([
    ['<article>', '</article>'],
    ['<div class="post-content">', '</div>'],
  ])('keeps prose in a second column of %s, but not the author bio or teasers beside it', (open, close) => {
    const column = (inner: string) => `<div class="col"><div class="text_column">${inner}</div></div>`;
    const text = bodyText(
      `${open}<div class="row">${column(prose(1) + prose(2) + prose(3))}${column(
        '<p>The second column goes on with the report, as page builders lay long articles out in boxes of their own.</p>',
      )}</div><section class="author-bio"><p>Our reporter has covered the harbour for twenty years and writes about ships, ports and trade.</p></section><ul><li><p>Another story from the archive, told at length with a sentence or two of its own here.</p></li></ul>${close}`,
    );
    expect(text).toContain('The second column goes on');
    expect(text).not.toMatch(/twenty years|from the archive/);
  });

  it('keeps an unlinked list beside the body in the article, but not a list of links', () => {
    const items = [
      '500 g flour, sifted twice before it is weighed',
      '250 ml warm milk, taken from the fridge an hour before',
      '2 eggs at room temperature, beaten lightly',
      '1 pinch of salt for the dough and one for the glaze',
    ];
    const text = bodyText(
      `<article><div class="row"><div class="col"><div class="text_column">${prose(1)}${prose(2)}${prose(3)}</div></div><div class="col"><ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul><ul><li><a href="/a">Our best bread recipes</a></li><li><a href="/b">Cakes for every season</a></li></ul></div></div></article>`,
    );
    expect(text).toContain('250 ml warm milk');
    expect(text).not.toContain('Cakes for every season');
  });

  it('reads the standfirst from an article header whose class names it a header', () => {
    const text = bodyText(
      `<article><header class="entry-header"><h1>Harbour reopens</h1><p class="entry-excerpt">The harbour reopened to ferries on Monday after a month of repairs to the pier and the locks.</p></header><div class="entry-content">${prose(1)}${prose(2)}${prose(3)}</div></article>`,
    );
    expect(text).toContain('The harbour reopened to ferries');
  });

  it('drops consent placeholders and recirculation boxes named as such inside the article', () => {
    const text = bodyText(
      `<article>${prose(1)}${prose(2)}<div class="cookie-consent"><p>Click the button below to load the content from the video platform, which sets cookies.</p></div><div class="recirculation-box"><p>More columns on our site about the harbour and the town, every week.</p></div><div class="similar-posts"><p>Latest reports from the region, picked for you by our editors.</p></div>${prose(3)}</article>`,
    );
    expect(text).toContain('Paragraph 3');
    expect(text).not.toMatch(/Click the button|More columns|Latest reports/);
  });

  it('reads no furniture into script hooks ("js-gallery") or Blogger\'s wrappers ("date-posts")', () => {
    const text = bodyText(
      `<div class="blog-posts"><div class="date-outer"><h2 class="date-header">Monday</h2><div class="date-posts"><div class="post hentry"><div class="post-body">${prose(1)}${prose(2)}<div class="media js-lightbox-gallery"><p>The gallery box holds a paragraph of the story too, with its own full stop.</p></div>${prose(3)}</div></div></div></div></div>`,
    );
    expect(text).toContain('The gallery box holds a paragraph');
    expect(text).toContain('Paragraph 3');
  });

  it('keeps a bare web or e-mail address written out as a paragraph, but not a link list', () => {
    const text = bodyText(
      `<article>${prose(1)}<p><a href="https://petition.example.org/harbour">https://petition.example.org/harbour</a></p><p><a href="mailto:desk@example.org">desk@example.org</a></p>${prose(2)}<p><a href="/a">Harbour news</a> <a href="/b">Town news</a></p>${prose(3)}</article>`,
    );
    expect(text).toContain('https://petition.example.org/harbour');
    expect(text).toContain('desk@example.org');
    expect(text).not.toContain('Town news');
  });

  it('reads an article that a page wraps in an <aside>', () => {
    const text = bodyText(
      `<nav><a href="/">Home</a></nav><aside class="layout"><article>${prose(1)}${prose(2)}${prose(3)}</article></aside><aside><p>Unrelated sidebar text that is not part of the article at all.</p></aside>`,
    );
    expect(text).toContain('Paragraph 1');
    expect(text).toContain('Paragraph 3');
    expect(text).not.toContain('sidebar');
  });

  it('keeps the standfirst in the article header', () => {
    const text = bodyText(
      `<article><header><h1>Harbour plan</h1><p>A long standfirst sentence that sums up the story for the reader, naming the council, the harbour, the ferry operators and the vote./p><p class="meta">3 Min Read</p></header>${prose(1)}${prose(2)}</article>`,
    );
    expect(text).toContain('A long standfirst');
    expect(text).not.toContain('Min Read');
  });

  it('falls back to the whole body when the chosen container holds only a line', () => {
    // No <p> anywhere: paragraphs are line breaks in one table cell, so nothing scores.
    const lines = Array.from(
      { length: 6 },
      (_, i) => `Line ${i} of the letter says something worth keeping about the plan.`,
    ).join('<br><br>');
    const text = bodyText(`<h1>Open letter</h1><table><tr><td><span>${lines}</span></td></tr></table>`);
    expect(text).toContain('Line 0 of the letter');
    expect(text).toContain('Line 5 of the letter');
  });

  it('does not keep an "Advertisement" slot as a figure', () => {
    const article = extractArticle(
      `<article>${prose(1)}<figure class="ad"><figcaption>Advertisement</figcaption></figure>${prose(2)}${prose(3)}</article>`,
    );
    expect(article.figures).toEqual([]);
  });

  it('reads a recipe from its JSON-LD when the markup holds none of it', () => {
    const recipe = {
      '@context': 'https://schema.org',
      '@type': 'Recipe',
      name: 'Plum cake',
      description:
        'A plain sheet cake that keeps for days in a tin, made with whatever plums the market has late in the summer.',
      recipeIngredient: ['500 g plums', '200 g flour', '100 g butter'],
      recipeInstructions: [
        {
          '@type': 'HowToStep',
          text: 'Rub the butter into the flour until it looks like fine crumbs, then press it into the tin.',
        },
        {
          '@type': 'HowToSection',
          name: 'Topping',
          itemListElement: [
            { '@type': 'HowToStep', text: 'Halve the plums and lay them on the base, cut side up, close together.' },
          ],
        },
        'Bake for forty minutes at 180 degrees &amp; leave it to cool in the tin before cutting it into squares for serving.',
      ],
    };
    const page = `<html><head><script type="application/ld+json">${JSON.stringify(recipe)}</script></head>
      <body><div id="app"><h1>Plum cake</h1><a href="/login">Log in</a></div></body></html>`;
    const text = extractArticle(page)
      .blocks.map((b) => b.text)
      .join('\n');
    expect(text).toContain('keeps for days');
    expect(text).toContain('200 g flour');
    expect(text).toContain('Topping');
    expect(text).toContain('close together');
    expect(text).toContain('180 degrees & leave');
  });

  it('keeps a body found in the markup over the JSON-LD articleBody', () => {
    const ld = { '@type': 'NewsArticle', headline: 'Report', articleBody: 'Script copy of the text. '.repeat(40) };
    const page = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
      <body><article>${prose(1)}${prose(2)}${prose(3)}</article></body></html>`;
    const text = extractArticle(page)
      .blocks.map((b) => b.text)
      .join('\n');
    expect(text).toContain('Paragraph 3 of the report');
    expect(text).not.toContain('Script copy');
  });

  it('keeps a standfirst that sits in the article header, outside the chosen body', () => {
    const page = `<html><body><div class="page"><div class="head"><h1>Report</h1>
      <div class="article-intro"><p>The standfirst tells the reader in one sentence what the report found and why it matters.</p></div>
      <p class="kicker">News</p></div>
      <div class="main"><div class="text">${prose(1)}${prose(2)}${prose(3)}</div></div></div></body></html>`;
    const text = extractArticle(page).blocks.map((b) => b.text);
    expect(text[0]).toContain('The standfirst tells the reader');
    expect(text.join('\n')).toContain('Paragraph 3 of the report');
    expect(text.join('\n')).not.toContain('News');
  });

  it('keeps a standfirst ahead of the body in the element that holds it, with no title before it', () => {
    const page = `<html><body><nav><a href="/">Home</a></nav><div class="story">
      <div class="top"><a href="/politics">Politics</a>
      <div class="summary"><p>The summary says in one sentence what happened, to whom, and what comes next.</p></div></div>
      <div class="body">${prose(1)}${prose(2)}${prose(3)}</div></div></body></html>`;
    const text = extractArticle(page).blocks.map((b) => b.text);
    expect(text[0]).toContain('The summary says');
  });
});
