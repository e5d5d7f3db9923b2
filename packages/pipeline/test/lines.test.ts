import { describe, expect, it } from 'vitest';
import { lineParagraphs } from '../src/lib/lines.js';
import { processArticle } from '../src/index.js';

const paragraphs = (text: string): string[] =>
  lineParagraphs(text, { start: 0, end: text.length }).map((s) => text.slice(s.start, s.end));

describe('plain text written one paragraph per line', () => {
  it('splits a headline line and paragraph lines with no blank lines between', () => {
    const text =
      'Ferry strike ends\nFerries to Holm Island resumed on Sunday.\n“We are glad,” said one passenger.\nThe union said talks would go on:\nno date was set.';
    expect(paragraphs(text)).toEqual([
      'Ferry strike ends',
      'Ferries to Holm Island resumed on Sunday.',
      '“We are glad,” said one passenger.',
      'The union said talks would go on:\nno date was set.',
    ]);
  });

  it('joins a line broken mid-sentence to the next', () => {
    expect(paragraphs('Ferries to Holm Island resumed\non Sunday after a week.\nThe union was pleased.')).toEqual([
      'Ferries to Holm Island resumed\non Sunday after a week.',
      'The union was pleased.',
    ]);
  });

  it('leaves hard-wrapped text (most lines end mid-sentence) as one paragraph', () => {
    const text = [
      'Ferries to Holm Island resumed on Sunday after a week-long strike by crews,',
      'who had asked for a new rota and better pay. The operator said timetables',
      'would return to normal by Wednesday. Passengers, many of them commuters',
      'from the mainland, said the week had been hard.',
    ].join('\n');
    expect(paragraphs(text)).toEqual([text]);
  });

  it('gives the pipeline a title and paragraphs', async () => {
    const article = await processArticle(
      'Ferry strike ends\nFerries to Holm Island resumed on Sunday. Crews went back to work.\nThe union was pleased.',
      { format: 'text', stages: ['clean', 'segment'] },
    );
    expect(article.title).toBe('Ferry strike ends');
    expect(article.blocks.map((b) => b.type)).toEqual(['title', 'paragraph', 'paragraph']);
    expect(article.sentences.map((s) => article.text.slice(s.start, s.end))).toEqual([
      'Ferry strike ends',
      'Ferries to Holm Island resumed on Sunday.',
      'Crews went back to work.',
      'The union was pleased.',
    ]);
  });
});
