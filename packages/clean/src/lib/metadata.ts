/** Reading title, byline and date out of reader metadata (front matter keys, HTML meta). */

/** The first non-empty string among `keys` (case-insensitive), or `undefined`. */
export function metaString(meta: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = lookup(meta, key);
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

const authorKeys = ['byline', 'author', 'authors', 'creator', 'by'] as const;
const dateKeys = ['published', 'date', 'datePublished', 'publishedAt', 'published_at', 'pubDate', 'created'] as const;

/** The byline: `author`/`authors` as a string, a list, or objects with a `name`. */
export function metaByline(meta: Record<string, unknown>): string | undefined {
  for (const key of authorKeys) {
    const names = namesOf(lookup(meta, key));
    if (names.length) return names.join(', ');
  }
  return undefined;
}

/** The publication date as ISO 8601 when it parses, else as written. */
export function metaDate(meta: Record<string, unknown>): string | undefined {
  for (const key of dateKeys) {
    const value = lookup(meta, key);
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (typeof value === 'string' && value.trim()) return normaliseDate(value.trim());
  }
  return undefined;
}

const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO dates are kept as written (their precision means something); other parsable dates become ISO. */
export function normaliseDate(value: string): string {
  if (isoDate.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function namesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(namesOf);
  if (value && typeof value === 'object' && 'name' in value) return namesOf((value as { name: unknown }).name);
  return [];
}

function lookup(meta: Record<string, unknown>, key: string): unknown {
  if (key in meta) return meta[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(meta)) if (k.toLowerCase() === lower) return meta[k];
  return undefined;
}
