import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/index.js';

describe('captions and credits in HTML', () => {
  it('takes the credit out of an HTML figcaption ending "Photo: Name/Outlet"', () => {
    const article = extractArticle(
      `<article><p>The night market returned to the old town this weekend after a two-year pause, drawing thousands of visitors.</p><figure><img src="m.jpg"><figcaption>Lanterns over the old town. Photo: Kai Moreno/Valley Echo</figcaption></figure><p>Stallholders said the crowds were larger than before the pause, and several sold out of food before nine.</p><p>The council plans to hold the market monthly through the autumn if the weather allows it.</p></article>`,
    );
    expect(article.figures).toEqual([
      {
        caption: 'Lanterns over the old town.',
        credit: { raw: 'Photo: Kai Moreno/Valley Echo', people: ['Kai Moreno'], agencies: ['Valley Echo'] },
        src: 'm.jpg',
      },
    ]);
  });
});
