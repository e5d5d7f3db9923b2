import type { ArticleEntity, CorpusLabel, Geo } from './rows.js';

/**
 * What one article adds to the corpus-wide counters, as differences. Indexing an article adds its
 * contribution; replacing it adds the new one and subtracts the old one (read back from the
 * index), so counters stay exact whatever the order of writes, and an unchanged article changes
 * nothing. Both databases apply the same delta.
 */
export interface Delta {
  /** Per entity (`label \0 key`): articles, mentions, attributed quotes. */
  entities: Map<
    string,
    { label: CorpusLabel; key: string; name: string; articles: number; mentions: number; quotes: number }
  >;
  /** Per entity and spelling: how many articles use it as their name, and as an alias. */
  names: Map<string, { entity: string; name: string; asName: number; asAlias: number }>;
  /** Per entity and GeoNames id: articles that place it there. */
  geo: Map<string, { entity: string; geo: Geo; articles: number }>;
  /** Per entity and month. */
  months: Map<string, { entity: string; label: CorpusLabel; month: string; articles: number; mentions: number }>;
  /** Per site, month and speaker (`''` for unknown speakers): quotes. */
  speakers: Map<string, { site: string; month: string; speaker: string; quotes: number }>;
  /** Per site and month. */
  siteMonths: Map<string, { site: string; month: string; articles: number; quotes: number; unknown: number }>;
  /** Change in the number of articles. */
  articles: number;
}

/** What an article contributed, as the delta computation needs it (new or read back from the index). */
export interface Contribution {
  site: string;
  month: string;
  entities: ArticleEntity[];
  quotes: Array<{ speaker?: { label: CorpusLabel; key: string } }>;
}

/** The identity of a corpus entity inside a delta. */
export function entityId(label: string, key: string): string {
  return `${label}\u0000${key}`;
}

export function emptyDelta(): Delta {
  return {
    entities: new Map(),
    names: new Map(),
    geo: new Map(),
    months: new Map(),
    speakers: new Map(),
    siteMonths: new Map(),
    articles: 0,
  };
}

function bump<T extends object>(map: Map<string, T>, id: string, make: () => T, add: (row: T) => void): void {
  let row = map.get(id);
  if (!row) {
    row = make();
    map.set(id, row);
  }
  add(row);
}

/** Add `sign` (+1 or −1) times one article's contribution to `delta`. */
export function addContribution(delta: Delta, c: Contribution, sign: 1 | -1): Delta {
  delta.articles += sign;
  const attributed = new Map<string, number>();
  let unknown = 0;
  for (const quote of c.quotes) {
    const speaker = quote.speaker ? entityId(quote.speaker.label, quote.speaker.key) : '';
    if (speaker) attributed.set(speaker, (attributed.get(speaker) ?? 0) + 1);
    else unknown++;
    bump(
      delta.speakers,
      `${c.site}\u0000${c.month}\u0000${speaker}`,
      () => ({ site: c.site, month: c.month, speaker, quotes: 0 }),
      (row) => (row.quotes += sign),
    );
  }
  bump(
    delta.siteMonths,
    `${c.site}\u0000${c.month}`,
    () => ({ site: c.site, month: c.month, articles: 0, quotes: 0, unknown: 0 }),
    (row) => {
      row.articles += sign;
      row.quotes += sign * c.quotes.length;
      row.unknown += sign * unknown;
    },
  );
  for (const e of c.entities) {
    const id = entityId(e.label, e.key);
    bump(
      delta.entities,
      id,
      () => ({ label: e.label, key: e.key, name: e.name, articles: 0, mentions: 0, quotes: 0 }),
      (row) => {
        row.articles += sign;
        row.mentions += sign * e.mentions;
        row.quotes += sign * (attributed.get(id) ?? 0);
      },
    );
    bump(
      delta.names,
      `${id}\u0000${e.name}`,
      () => ({ entity: id, name: e.name, asName: 0, asAlias: 0 }),
      (row) => (row.asName += sign),
    );
    for (const alias of e.aliases)
      bump(
        delta.names,
        `${id}\u0000${alias}`,
        () => ({ entity: id, name: alias, asName: 0, asAlias: 0 }),
        (row) => (row.asAlias += sign),
      );
    const geo = e.geo;
    if (geo)
      bump(
        delta.geo,
        `${id}\u0000${geo.geonameId}`,
        () => ({ entity: id, geo, articles: 0 }),
        (row) => (row.articles += sign),
      );
    bump(
      delta.months,
      `${id}\u0000${c.month}`,
      () => ({ entity: id, label: e.label, month: c.month, articles: 0, mentions: 0 }),
      (row) => {
        row.articles += sign;
        row.mentions += sign * e.mentions;
      },
    );
  }
  return delta;
}

/** Drop the rows whose every count cancelled out (an article re-indexed unchanged leaves nothing). */
export function pruneDelta(delta: Delta): Delta {
  const keep = <T extends object>(map: Map<string, T>, zero: (row: T) => boolean) => {
    for (const [id, row] of map) if (zero(row)) map.delete(id);
  };
  keep(delta.entities, (r) => !r.articles && !r.mentions && !r.quotes);
  keep(delta.names, (r) => !r.asName && !r.asAlias);
  keep(delta.geo, (r) => !r.articles);
  keep(delta.months, (r) => !r.articles && !r.mentions);
  keep(delta.speakers, (r) => !r.quotes);
  keep(delta.siteMonths, (r) => !r.articles && !r.quotes && !r.unknown);
  return delta;
}

/**
 * Rows of a delta map sorted by id: every writer takes row locks in this one order, so two
 * PostgreSQL writers updating the same entities cannot deadlock.
 */
export function sortedRows<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
}
