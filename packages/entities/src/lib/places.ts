import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EntityRecord, Geo } from '@galley/document';
import { gazetteerHash } from './tagger/features.js';
import { hashPhrase } from './tagger/hash.js';
import { IntMap } from './tagger/key-index.js';
import { normaliseToken } from './mentions.js';
import { tokenize } from './tokenize.js';

const MAGIC = 'GPLC1\n';

/** A place of the table with its key ({@link placeKey} of its name). */
export interface PlaceEntry {
  key: number;
  geo: Geo;
}

/**
 * Place names the knowledge ties to one place (GeoNames: id, country, coordinates, first-level
 * division), keyed by {@link placeKey}. Built by the trainer from GeoNames data shipped in npm
 * packages and stored next to the model (`model/places.bin.gz`).
 */
export class PlaceTable {
  private readonly rows: IntMap;

  constructor(
    keys: Int32Array,
    private readonly ids: Int32Array,
    private readonly coordinates: Float32Array,
    private readonly countries: Uint16Array,
    private readonly admin1: Uint16Array,
    private readonly admin1Codes: readonly string[],
  ) {
    this.rows = new IntMap(keys.length);
    for (let row = 0; row < keys.length; row++) this.rows.set(keys[row], row);
  }

  /** Number of place names. */
  get size(): number {
    return this.rows.size;
  }

  /** The place a name stands for, or undefined when the name is not listed or not unambiguous. */
  find(name: string): Geo | undefined {
    const row = this.rows.get(placeKey(name), -1);
    if (row < 0) return undefined;
    const country = this.countries[row];
    const admin1 = this.admin1Codes[this.admin1[row]];
    return {
      geonameId: this.ids[row],
      country: String.fromCharCode(country >> 8, country & 0xff),
      lat: round5(this.coordinates[2 * row]),
      lon: round5(this.coordinates[2 * row + 1]),
      ...(admin1 ? { admin1 } : {}),
    };
  }
}

/** Five decimals (about a metre): what GeoNames gives, without float32 noise. */
function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** Key of a place name as the gazetteer reads names: tokens lower-cased, "St." = "Saint". */
export function placeKey(name: string): number {
  return hashPhrase(tokenize(name).map((t) => gazetteerHash(normaliseToken(name.slice(t.start, t.end)))));
}

/** Serialise a place table (gzip). */
export function encodePlaces(places: readonly PlaceEntry[]): Buffer {
  const admin1Codes = [''];
  const admin1Index = new Map<string, number>([['', 0]]);
  for (const { geo } of places) {
    const code = geo.admin1 ?? '';
    if (!admin1Index.has(code)) {
      admin1Index.set(code, admin1Codes.length);
      admin1Codes.push(code);
    }
  }
  const header = Buffer.from(JSON.stringify({ count: places.length, admin1Codes }));
  const n = places.length;
  const keys = Int32Array.from(places, (p) => p.key);
  const ids = Int32Array.from(places, (p) => p.geo.geonameId);
  const coordinates = new Float32Array(2 * n);
  places.forEach((p, i) => coordinates.set([p.geo.lat, p.geo.lon], 2 * i));
  const countries = Uint16Array.from(places, (p) => (p.geo.country.charCodeAt(0) << 8) | p.geo.country.charCodeAt(1));
  const admin1 = Uint16Array.from(places, (p) => admin1Index.get(p.geo.admin1 ?? '')!);
  return gzipSync(
    Buffer.concat([
      Buffer.from(MAGIC),
      Buffer.from(Int32Array.from([header.length]).buffer),
      header,
      Buffer.from(keys.buffer),
      Buffer.from(ids.buffer),
      Buffer.from(coordinates.buffer),
      Buffer.from(countries.buffer),
      Buffer.from(admin1.buffer),
    ]),
    { level: 9 },
  );
}

/** Parse a place table written by {@link encodePlaces}. */
export function decodePlaces(file: Uint8Array): PlaceTable {
  const bytes = gunzipSync(file);
  if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('place table: not a Galley place file');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  let at = MAGIC.length;
  const headerLength = new DataView(buffer).getInt32(at, true);
  at += 4;
  const { count, admin1Codes } = JSON.parse(bytes.subarray(at, at + headerLength).toString()) as {
    count: number;
    admin1Codes: string[];
  };
  at += headerLength;
  const take = <T>(make: (b: ArrayBuffer) => T, width: number, length: number): T => {
    const view = make(buffer.slice(at, at + width * length));
    at += width * length;
    return view;
  };
  const keys = take((b) => new Int32Array(b), 4, count);
  const ids = take((b) => new Int32Array(b), 4, count);
  const coordinates = take((b) => new Float32Array(b), 4, 2 * count);
  const countries = take((b) => new Uint16Array(b), 2, count);
  const admin1 = take((b) => new Uint16Array(b), 2, count);
  return new PlaceTable(keys, ids, coordinates, countries, admin1, admin1Codes);
}

/** Location of the committed place table, next to the tagger model. */
export const DEFAULT_PLACES_URL = new URL('../../model/places.bin.gz', import.meta.url);

let shared: PlaceTable | undefined;

/** The committed place table, loaded once per process on first use. */
export function defaultPlaces(): PlaceTable {
  shared ??= decodePlaces(readFileSync(DEFAULT_PLACES_URL));
  return shared;
}

/**
 * Set `geo` on the LOC records whose name or aliases the table ties to one place; forms that
 * point to different places leave the record without one.
 */
export function addPlaces(entityIndex: EntityRecord[], places: PlaceTable = defaultPlaces()): void {
  for (const record of entityIndex) {
    if (record.label !== 'LOC') continue;
    let found: Geo | undefined;
    for (const form of [record.name, ...record.aliases]) {
      const geo = places.find(form);
      if (geo === undefined) continue;
      if (found !== undefined && found.geonameId !== geo.geonameId) {
        found = undefined;
        break;
      }
      found = geo;
    }
    if (found !== undefined) record.geo = found;
  }
}
