import { describe, expect, it } from 'vitest';
import type { EntitiesData } from '@galley/document';
import { tagText } from '../src/lib/entities.js';
import { type FixtureExpected, fixtures, naiveSentences } from './entities-helpers.js';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const inner = (s: string) =>
  norm(s)
    .replace(/^[“”"‘’']+|[“”"‘’']+$/g, '')
    .trim();
const depossess = (s: string) => norm(s).replace(/[’']s?$/u, '');

/** Clusters resolved and required quotations attributed, scored as the shared score-article tool does. */
function score(text: string, result: EntitiesData, expected: FixtureExpected) {
  const names = new Map(result.entityIndex.map((e) => [e.id, e.name]));
  const clusters = expected.clusters.map((c) => {
    const ids = new Set(
      result.entities
        .filter((m) => m.label === c.label && c.mentions.map(depossess).includes(depossess(text.slice(m.start, m.end))))
        .map((m) => m.entity),
    );
    return { name: c.name, ok: ids.size === 1 };
  });
  const quotes = expected.quotes
    .filter((q) => q.required)
    .map((q) => {
      const got = result.quotes.find((x) => inner(x.text) === inner(q.text));
      return {
        text: q.text.slice(0, 40),
        found: !!got,
        speaker: got?.speaker && names.get(got.speaker),
        ok: !!got && names.get(got.speaker ?? '')?.toLowerCase() === q.speaker.toLowerCase(),
      };
    });
  return { clusters, quotes };
}

const cases = fixtures();

describe('own fixtures with the built-in tagger', () => {
  const results = cases.map((c) => ({
    ...c,
    score: score(c.text, tagText(c.text, naiveSentences(c.text)), c.expected),
  }));

  it.each(results.map((r) => [r.name, r] as const))('%s: finds every required quotation', (_name, r) => {
    expect(r.score.quotes.filter((q) => !q.found)).toEqual([]);
  });

  it('resolves at least 80% of clusters and attributes at least 80% of quotations overall', () => {
    const clusters = results.flatMap((r) => r.score.clusters);
    const quotes = results.flatMap((r) => r.score.quotes);
    const report = results.map((r) => ({
      name: r.name,
      clusters: r.score.clusters.filter((c) => !c.ok).map((c) => c.name),
      quotes: r.score.quotes.filter((q) => !q.ok).map((q) => `${q.text} → ${q.speaker ?? '-'}`),
    }));
    if (process.env.SHOW) console.log(JSON.stringify(report, null, 1));
    expect(clusters.filter((c) => c.ok).length / clusters.length, JSON.stringify(report)).toBeGreaterThanOrEqual(0.8);
    expect(quotes.filter((q) => q.ok).length / quotes.length, JSON.stringify(report)).toBeGreaterThanOrEqual(0.8);
  });
});
