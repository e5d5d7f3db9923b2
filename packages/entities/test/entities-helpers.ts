import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Span, paragraphBlocks } from '@galley/document';
import type { NameMention } from '../src/lib/mentions.js';
import { tagText } from '../src/lib/entities.js';

/** The shared seed article (outside the repo), or undefined when ../shared is absent. */
export const seedDir = fileURLToPath(new URL('../../../../shared/fixtures/seed-article/', import.meta.url));
export const hasSeed = existsSync(`${seedDir}expected.json`);

export interface Expected {
  title: string;
  headings: string[];
  sentences: string[];
  entities: { required: Array<{ text: string; label: string }>; optional: Array<{ text: string; labels: string[] }> };
  clusters: Array<{ name: string; label: string; mentions: string[] }>;
  quotes: Array<{ text: string; speaker: string; required: boolean }>;
}

/** Paragraph-separated text of the seed article, as the clean stage would give it. */
export function seedText(): string {
  return readFileSync(`${seedDir}article.txt`, 'utf8').replace(/\r\n/g, '\n').trim();
}

export function seedExpected(): Expected {
  return JSON.parse(readFileSync(`${seedDir}expected.json`, 'utf8')) as Expected;
}

/** Sentences: the expected ones located in order, plus every other paragraph as one sentence. */
export function seedSentences(text: string, expected: Expected): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (const s of expected.sentences) {
    // Expected text reads every run of white space (no-break spaces included) as one space.
    const pattern = new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'), 'g');
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) continue;
    spans.push({ start: match.index, end: match.index + match[0].length });
    from = match.index + match[0].length;
  }
  return spans;
}

const nameLabels = new Set(['PERSON', 'ORG', 'LOC', 'MISC']);

/** An oracle tagger: every occurrence of the expected names (longest first), as the perfect tagger would. */
export function oracleNames(expected: Expected): (text: string) => NameMention[] {
  const forms = [
    ...expected.entities.required.filter((e) => nameLabels.has(e.label)).map((e) => ({ text: e.text, label: e.label })),
    ...expected.entities.optional
      .filter((e) => nameLabels.has(e.labels[0]) && !/[’']s$/.test(e.text))
      .map((e) => ({ text: e.text, label: e.labels[0] })),
  ].sort((a, b) => b.text.length - a.text.length);
  return (text) => {
    const taken = new Uint8Array(text.length);
    const found: NameMention[] = [];
    for (const f of forms) {
      for (let at = text.indexOf(f.text); at >= 0; at = text.indexOf(f.text, at + 1)) {
        const end = at + f.text.length;
        if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
        if (taken.subarray(at, end).some((x) => x)) continue;
        taken.fill(1, at, end);
        found.push({ start: at, end, label: f.label as NameMention['label'] });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  };
}

/**
 * Sentences by a naive rule, for tests that must not depend on the segment stage: a break after
 * . ! ? (and a closing quotation mark) followed by a space, within each paragraph.
 */
export function naiveSentences(text: string): Span[] {
  const spans: Span[] = [];
  for (const p of paragraphBlocks(text)) {
    let start = p.start;
    for (let i = p.start; i < p.end; i++) {
      const c = text[i];
      if (c !== '.' && c !== '!' && c !== '?') continue;
      const closer = text[i + 1] === '”' || text[i + 1] === '"';
      const end = closer ? i + 2 : i + 1;
      if (end < p.end && text[end] !== ' ') continue;
      spans.push({ start, end });
      start = end + 1;
      i = end;
    }
    if (start < p.end) spans.push({ start, end: p.end });
  }
  return spans;
}

export interface FixtureExpected {
  clusters: Array<{ name: string; label: string; mentions: string[] }>;
  quotes: Array<{ text: string; speaker: string; required: boolean }>;
}

/** The own fixtures under test/fixtures: name, input text and expectations. */
export function fixtures(): Array<{ name: string; text: string; expected: FixtureExpected }> {
  const root = fileURLToPath(new URL('./fixtures/', import.meta.url));
  return readdirSync(root)
    .sort()
    .map((name) => ({
      name,
      text: readFileSync(`${root}${name}/input.txt`, 'utf8').trim(),
      expected: JSON.parse(readFileSync(`${root}${name}/expected.json`, 'utf8')) as FixtureExpected,
    }));
}

/** An oracle tagger: every whole-word occurrence of the given names (longer ones win where they overlap). */
export function namesFrom(list: Array<[string, NameMention['label']]>) {
  return (text: string): NameMention[] => {
    const found: NameMention[] = [];
    for (const [name, label] of list) {
      const re = new RegExp(`(?<![\\p{L}])${name.replace(/[.]/g, '\\.')}(?![\\p{L}])`, 'gu');
      for (const m of text.matchAll(re)) found.push({ start: m.index, end: m.index + name.length, label });
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    return found.filter((m, i) => i === 0 || m.start >= found[i - 1].end);
  };
}

/** Each quotation's inner text with its speaker's name (or "scare"/"-"), names from an oracle tagger. */
export function attribute(text: string, names: Array<[string, NameMention['label']]>): string[] {
  const r = tagText(text, naiveSentences(text), { names: namesFrom(names) });
  const byId = new Map(r.entityIndex.map((e) => [e.id, e.name]));
  return r.quotes.map((q) => `${q.text.slice(1, -1)} | ${q.scare ? 'scare' : q.speaker ? byId.get(q.speaker) : '-'}`);
}
