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

const modifiedKeys = ['modified', 'dateModified', 'updated', 'updatedAt', 'updated_at', 'lastmod'] as const;

/** The authors one by one: an `authors` list the reader made, else the names under the author keys. */
export function metaAuthors(meta: Record<string, unknown>): string[] | undefined {
  const listed = lookup(meta, 'authors');
  if (Array.isArray(listed) && listed.every((n) => typeof n === 'string') && listed.length) return listed as string[];
  for (const key of authorKeys) {
    const names = namesOf(lookup(meta, key));
    if (names.length) return names;
  }
  return undefined;
}

/** The first `http(s)` URL among `keys`: a canonical link or an image, never a relative path. */
export function metaUrl(meta: Record<string, unknown>, keys: readonly string[]): string | undefined {
  const value = metaString(meta, keys);
  return value && /^https?:\/\/\S+$/i.test(value) ? value : undefined;
}

// Front matter keys, by the document field they fill (for provenance).
const fieldKeys: Record<string, readonly string[]> = {
  title: ['title', 'headline'],
  byline: authorKeys,
  published: dateKeys,
  modified: modifiedKeys,
  siteName: ['siteName', 'site', 'site_name', 'publisher'],
  description: ['description', 'summary', 'excerpt'],
  image: ['image', 'cover'],
  canonical: ['canonical', 'url', 'permalink'],
  language: ['language', 'lang', 'inLanguage'],
};

/**
 * Where each field came from: the reader's own record (`meta.provenance`, from the HTML reader),
 * else `label` for every field a metadata key fills (front matter).
 */
export function metaProvenance(meta: Record<string, unknown>, label: string): Record<string, string> {
  const given = meta.provenance;
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    return Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  const out: Record<string, string> = {};
  for (const [field, keys] of Object.entries(fieldKeys))
    if (keys.some((k) => lookup(meta, k) !== undefined)) out[field] = label;
  return out;
}

/** The publication date (or with `which` the modification date) as ISO 8601 when it parses, else as written. */
export function metaDate(
  meta: Record<string, unknown>,
  which: 'published' | 'modified' = 'published',
): string | undefined {
  for (const key of which === 'published' ? dateKeys : modifiedKeys) {
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
