import { describe, expect, it } from 'vitest';
import { cleanTree } from '../src/index.js';

describe('metadata from the reader', () => {
  it('records front matter as the source of authors, canonical URL and site name', () => {
    const cleaned = cleanTree(
      {
        type: 'root',
        children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Body text of the post.' }] }],
      },
      {
        format: 'markdown',
        meta: {
          title: 'Notes',
          author: ['Ana Lima', 'Jonas Weber'],
          url: 'https://blog.example/notes',
          site: 'Field Notes',
        },
      },
    );
    expect(cleaned.authors).toEqual(['Ana Lima', 'Jonas Weber']);
    expect(cleaned.canonical).toBe('https://blog.example/notes');
    expect(cleaned.provenance).toMatchObject({
      byline: 'front matter',
      canonical: 'front matter',
      siteName: 'front matter',
    });
  });
});
