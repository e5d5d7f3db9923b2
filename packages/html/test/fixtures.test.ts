import { describe, expect, it } from 'vitest';
import { blockTexts, runFixture } from './helpers.js';

// Pages read by this package and cleaned by @galley/clean; each test checks the behaviour it is
// named after, then the whole output.
describe('html fixtures', () => {
  it('html: only the article body; nav, scripts, styles, forms, share tools and asides never reach it', () => {
    const { actual, expected } = runFixture('html-article');
    expect(actual.title).toBe('Bridge reopens after repairs');
    expect(actual.byline).toBe('Tom Achebe');
    expect(blockTexts(actual, 'heading')).toEqual(['Traffic returns']);
    expect(blockTexts(actual, 'paragraph')).toHaveLength(7);
    expect(actual.text).not.toMatch(
      /Home|tracking|font-family|Share on|newsletter|Most read|All rights reserved|first morning/,
    );
    expect(actual.figures).toEqual([
      {
        caption: 'The bridge on its first morning back in use.',
        credit: { raw: 'Photo: Sara Lind/Riverside Gazette', people: ['Sara Lind'], agencies: ['Riverside Gazette'] },
        src: '/img/bridge.jpg',
        alt: 'The bridge seen from the river',
      },
    ]);
    expect(actual).toEqual(expected);
  });

  it('html: title, byline, date and language come from og:, JSON-LD and <html lang>', () => {
    const { actual, expected } = runFixture('html-metadata');
    expect(actual).toMatchObject({
      title: 'Heatwave warning issued for the weekend',
      byline: 'Ines Varga',
      published: '2024-07-18T06:00:00Z',
      language: 'en-gb',
    });
    expect(blockTexts(actual, 'paragraph')).toHaveLength(3);
    expect(actual).toEqual(expected);
  });

  it('html: a block of links inside the article is navigation, not body', () => {
    const { actual, expected } = runFixture('html-link-density');
    expect(actual.text).not.toMatch(/robot|150th|teacher of the year/);
    expect(actual.removed).toContainEqual(expect.objectContaining({ kind: 'navigation', rule: 'link-density' }));
    expect(blockTexts(actual, 'paragraph')).toHaveLength(4);
    expect(actual).toEqual(expected);
  });
});
