import { describe, expect, it } from 'vitest';
import { blockTexts, runFixture } from './helpers.js';

// One fixture per rule; each test checks the behaviour it is named after, then the whole output.
describe('clean fixtures', () => {
  it('text: a caption, a credit line and a caption with credit become figures with parsed credits', () => {
    const { actual, expected } = runFixture('text-figures');
    expect(actual.figures).toHaveLength(3);
    expect(actual.figures[1].credit).toEqual({
      raw: 'Marta Oyelaran/Coastline Pictures via Getty Images',
      people: ['Marta Oyelaran'],
      agencies: ['Coastline Pictures', 'Getty Images'],
    });
    expect(actual.figures[2].credit?.people).toEqual(['Peter Vance']);
    expect(actual.text).not.toMatch(/Getty|Kesgrave Quay on a foggy|Islanders gather/);
    expect(blockTexts(actual, 'paragraph')).toHaveLength(4);
    expect(actual).toEqual(expected);
  });

  it('text: short unpunctuated lines and short questions become subheadings', () => {
    const { actual, expected } = runFixture('text-subheading');
    expect(blockTexts(actual, 'heading')).toEqual(['What changes for readers?', 'New study rooms']);
    expect(actual).toEqual(expected);
  });

  it('text: share, follow, newsletter, related and advertisement lines are removed with their kind', () => {
    const { actual, expected } = runFixture('text-prompts');
    expect(actual.removed.map((r) => r.kind)).toEqual([
      'share',
      'share',
      'newsletter',
      'related',
      'related',
      'advertisement',
    ]);
    expect(blockTexts(actual, 'paragraph')).toHaveLength(3);
    expect(actual).toEqual(expected);
  });

  it('text: bylines and datelines become metadata, not body', () => {
    const { actual, expected } = runFixture('text-byline-dateline');
    expect(actual.byline).toBe('Hannah Okafor and Luis Pereira');
    expect(actual.published).toBe('2024-03-14T09:30:00.000Z');
    expect(actual.text).not.toMatch(/Hannah|Published/);
    expect(actual).toEqual(expected);
  });

  it('text: mojibake, no-break and zero-width spaces, soft hyphens, bidi and control characters are repaired', () => {
    const { actual, expected } = runFixture('text-repair');
    expect(actual.title).toBe('Café owners welcome the new market');
    expect(actual.text).toContain('“a good start” and that they’d be back.');
    expect(actual.text).toContain('the wellsigned entrance easily, others did not.');
    expect(actual.text).toContain('The market runs every week.');
    expect(actual.text).not.toMatch(/[\u00a0\u00ad\u200b\u202e\u0007]/);
    expect(actual).toEqual(expected);
  });

  it('text: "Photo:", "(AP Photo/…)", "Credit:" and "©" lines become credits', () => {
    const { actual, expected } = runFixture('text-credit-shapes');
    expect(actual.figures.map((f) => f.credit?.raw)).toEqual([
      'Photo: Daniel Ruiz/Reuters',
      'AP Photo/Jenna Walsh',
      'Credit: County Fire Service',
      '© Kira Molloy',
    ]);
    expect(actual.figures[0].credit).toMatchObject({ people: ['Daniel Ruiz'], agencies: ['Reuters'] });
    expect(actual.figures[1].credit).toMatchObject({ people: ['Jenna Walsh'], agencies: ['AP Photo'] });
    expect(actual.figures[3].credit).toMatchObject({ people: ['Kira Molloy'] });
    expect(blockTexts(actual, 'paragraph')).toHaveLength(5);
    expect(actual).toEqual(expected);
  });

  it('text: image alt-text lines are removed as alt text', () => {
    const { actual, expected } = runFixture('text-alt-text');
    expect(actual.removed.map((r) => [r.kind, r.rule])).toEqual([
      ['alt-text', 'alt-text-line'],
      ['alt-text', 'alt-text-line'],
    ]);
    expect(blockTexts(actual, 'paragraph')).toHaveLength(2);
    expect(actual).toEqual(expected);
  });

  it('markdown: front matter gives title, byline, date and language; the repeated H1 is not body', () => {
    const { actual, expected } = runFixture('md-front-matter');
    expect(actual).toMatchObject({
      title: 'City budget passes after long debate',
      byline: 'Priya Raman',
      published: '2024-05-02',
      language: 'en',
    });
    expect(blockTexts(actual, 'title')).toHaveLength(1);
    expect(actual).toEqual(expected);
  });

  it('markdown: images become figures and their alt text is never body text', () => {
    const { actual, expected } = runFixture('md-images');
    expect(actual.text).not.toMatch(/bronze heads on display|icon/);
    expect(actual.figures[0]).toMatchObject({
      src: 'https://example.org/bronzes.jpg',
      alt: 'Two bronze heads on display in a glass case',
    });
    expect(actual.figures[0].credit?.people).toEqual(['Ade Bello']);
    expect(actual.removed.filter((r) => r.kind === 'alt-text')).toHaveLength(2);
    expect(actual).toEqual(expected);
  });

  it('markdown: headings keep their depth, list items and quotes become paragraphs in order', () => {
    const { actual, expected } = runFixture('md-structure');
    expect(actual.blocks.filter((b) => b.type === 'heading').map((b) => b.depth)).toEqual([2, 2]);
    expect(blockTexts(actual, 'paragraph')).toHaveLength(6);
    expect(actual.removed.map((r) => r.kind)).toEqual(['share']);
    expect(actual).toEqual(expected);
  });
});
