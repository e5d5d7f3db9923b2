import { describe, expect, it } from 'vitest';
import { parseCredit, splitCaptionCredit } from '../src/index.js';
import { cleanSource } from './helpers.js';

describe('captions and credits in every format', () => {
  it('splits a labelled credit off the end of a caption', () => {
    expect(splitCaptionCredit('Ferry passengers queue at the pier on Monday. Photograph: Dana Ilves/PA')).toEqual({
      caption: 'Ferry passengers queue at the pier on Monday.',
      credit: 'Photograph: Dana Ilves/PA',
    });
    expect(splitCaptionCredit('Lanterns over the old town Photo: Kai Moreno/Valley Echo')).toEqual({
      caption: 'Lanterns over the old town',
      credit: 'Photo: Kai Moreno/Valley Echo',
    });
    // Prose that only mentions a photo keeps its words.
    expect(splitCaptionCredit('She posted a photo: the queue had reached the station by noon.')).toBeUndefined();
  });

  it('reads a company in brackets as an organisation, not a photographer', () => {
    expect(parseCredit('(Harbour Lights Co.)')).toMatchObject({ people: [], agencies: ['Harbour Lights Co.'] });
    expect(parseCredit('Courtesy of Northwind Entertainment')).toMatchObject({ people: [] });
  });

  it('takes a Markdown italic caption line under a heading out of the body, credit split', () => {
    const cleaned = cleanSource(
      '# Ferry strike ends\n\n*Passengers queue at the pier on Monday. Photograph: Dana Ilves/PA*\n\nThe strike ended after three days of talks, the union said.\n',
      'markdown',
    );
    expect(cleaned.text).not.toContain('Dana Ilves');
    expect(cleaned.text).not.toContain('Photograph');
    expect(cleaned.figures).toEqual([
      {
        caption: 'Passengers queue at the pier on Monday.',
        credit: { raw: 'Photograph: Dana Ilves/PA', people: ['Dana Ilves'], agencies: ['PA'] },
      },
    ]);
  });

  it('reads an italic line under a Markdown image, and an image title, as captions', () => {
    const cleaned = cleanSource(
      '# Market night\n\n![Lanterns](lanterns.jpg)\n\n*Lanterns over the old town*\n\n![Stalls](stalls.jpg "Stalls at dusk. Photo: Kai Moreno/Valley Echo")\n\nThe market returned this weekend after a pause.\n',
      'markdown',
    );
    expect(cleaned.text).not.toContain('Lanterns over');
    expect(cleaned.figures[0]).toMatchObject({ src: 'lanterns.jpg', caption: 'Lanterns over the old town' });
    expect(cleaned.figures[1]).toMatchObject({
      src: 'stalls.jpg',
      caption: 'Stalls at dusk.',
      credit: { people: ['Kai Moreno'], agencies: ['Valley Echo'] },
    });
  });

  it('splits the credit from a plain-text caption line', () => {
    const cleaned = cleanSource(
      'Ferry strike ends\n\nPassengers queue at the pier on Monday. Photograph: Dana Ilves/PA\n\nThe strike ended after three days of talks, the union said on Tuesday evening.\n',
      'text',
    );
    expect(cleaned.text).not.toContain('Dana Ilves');
    expect(cleaned.figures[0]).toMatchObject({
      caption: 'Passengers queue at the pier on Monday.',
      credit: { people: ['Dana Ilves'] },
    });
  });
});
