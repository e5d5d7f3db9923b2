import { describe, expect, it } from 'vitest';
import { tagText } from '../src/lib/entities.js';
import { hasSeed, oracleNames, seedExpected, seedSentences, seedText } from './entities-helpers.js';

if (!hasSeed) console.warn('entities-seed: ../shared/fixtures/seed-article is absent; skipping');

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const inner = (s: string) =>
  norm(s)
    .replace(/^[“”"‘’']+|[“”"‘’']+$/g, '')
    .trim();

describe.skipIf(!hasSeed)('seed article with an oracle name tagger', () => {
  const text = hasSeed ? seedText() : '';
  const expected = hasSeed ? seedExpected() : undefined!;
  const result = hasSeed ? tagText(text, seedSentences(text, expected), { names: oracleNames(expected) }) : undefined!;
  const names = new Map(result?.entityIndex.map((e) => [e.id, e.name]));
  if (process.env.SHOW) {
    console.log(
      result.entityIndex
        .map((e) => `${e.id} ${e.label} "${e.name}" [${e.aliases.join('|')}] x${e.mentions}`)
        .join('\n'),
    );
    for (const q of result.quotes)
      console.log(
        q.scare ? 'SCARE' : '     ',
        (q.speaker ? names.get(q.speaker) : '-')!.padEnd(22),
        q.text.slice(0, 70),
      );
  }

  it('resolves every expected cluster to one entity', () => {
    for (const cluster of expected.clusters) {
      const ids = new Set(
        result.entities
          .filter((m) => m.label === cluster.label && cluster.mentions.includes(text.slice(m.start, m.end)))
          .map((m) => m.entity),
      );
      expect(ids.size, cluster.name).toBe(1);
    }
  });

  it('finds every required quotation with its speaker', () => {
    for (const q of expected.quotes.filter((x) => x.required)) {
      const got = result.quotes.find((x) => inner(x.text) === inner(q.text));
      expect(got, q.text).toBeDefined();
      expect(names.get(got!.speaker ?? ''), q.text).toBe(q.speaker);
    }
  });

  it('tags the expected dates', () => {
    const dates = result.entities.filter((m) => m.label === 'DATE').map((m) => text.slice(m.start, m.end));
    for (const e of expected.entities.required.filter((x) => x.label === 'DATE')) expect(dates).toContain(e.text);
  });
});
