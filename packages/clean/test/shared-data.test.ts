import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanSource } from './helpers.js';

// Shared data lives next to the repository (../shared from the repo root) and is never copied in.
const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const seedDir = path.join(shared, 'fixtures/seed-article');
if (!existsSync(seedDir)) console.warn(`skipping seed-article tests: ${seedDir} is absent`);

interface Expected {
  title: string;
  headings: string[];
  paragraphs: number;
  figures: Array<{ caption: string | null; credit: string | null }>;
  credits: Array<{ people: string[]; agencies: string[] }>;
}
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.skipIf(!existsSync(seedDir))('seed article', () => {
  const expected = JSON.parse(readFileSync(path.join(seedDir, 'expected.json'), 'utf8')) as Expected;
  const data = cleanSource(readFileSync(path.join(seedDir, 'article.txt'), 'utf8'), 'text');
  const texts = (type: string) =>
    data.blocks.filter((b) => b.type === type).map((b) => data.text.slice(b.start, b.end));

  it('has the title, the subheading and the paragraph count', () => {
    expect(norm(data.title)).toBe(norm(expected.title));
    expect(texts('heading')).toEqual(expected.headings);
    expect(texts('paragraph')).toHaveLength(expected.paragraphs);
  });

  it('takes every caption and credit out of the body, credits parsed', () => {
    expect(data.figures.map((f) => [f.caption ?? null, f.credit?.raw ?? null])).toEqual(
      expected.figures.map((f) => [f.caption, f.credit]),
    );
    expect(
      data.figures.filter((f) => f.credit).map((f) => ({ people: f.credit!.people, agencies: f.credit!.agencies })),
    ).toEqual(expected.credits);
    for (const figure of expected.figures)
      for (const part of [figure.caption, figure.credit]) if (part) expect(norm(data.text)).not.toContain(norm(part));
  });

  it('leaves no no-break space in the text', () => {
    expect(data.text).not.toMatch(/\u00a0/);
  });
});
