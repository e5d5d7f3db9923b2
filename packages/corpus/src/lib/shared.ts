import type { Article } from '@galley/document';
import type { Contribution } from './delta.js';
import { type ArticleRecord, type CorpusLabel, type Geo, isCorpusLabel } from './rows.js';
import {
  type ArticleSummary,
  type EntityRef,
  type Place,
  type SpeakerCount,
  type EntityArticle,
  type EntitySummary,
  type Page,
  type PageQuery,
  type QuoteRow,
  COUNT_LIMIT,
} from './types.js';

/** Columns of `articles` that make an {@link ArticleSummary}, prefixed by table alias `a`. */
export const SUMMARY_COLUMNS =
  'a.key, a.id, a.title, a.url, a.site, a.byline, a.published, a.date, a.processed, a.format, a.excerpt, a.sentences, a.mentions, a.quotes, a.labels';

/** A row of {@link SUMMARY_COLUMNS} as either driver returns it. */
export interface SummaryRow {
  key: number;
  id: string;
  title: string;
  url: string | null;
  site: string;
  byline: string | null;
  published: string | null;
  date: string;
  processed: string | null;
  format: string;
  excerpt: string;
  sentences: number;
  mentions: number;
  quotes: number;
  labels: string;
}

export function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    ...(row.url !== null ? { url: row.url } : {}),
    site: row.site,
    ...(row.byline !== null ? { byline: row.byline } : {}),
    ...(row.published !== null ? { published: row.published } : {}),
    date: row.date,
    ...(row.processed !== null ? { processed: row.processed } : {}),
    format: row.format,
    excerpt: row.excerpt,
    sentences: Number(row.sentences),
    mentions: Number(row.mentions),
    quotes: Number(row.quotes),
    labels: JSON.parse(row.labels) as ArticleSummary['labels'],
  };
}

export function toEntityArticle(row: SummaryRow & { entity_mentions: number }): EntityArticle {
  return { ...toSummary(row), entityMentions: Number(row.entity_mentions) };
}

/** A row of an entity with its counts and place. */
export interface EntityRow {
  label: string;
  key: string;
  name: string;
  articles: number;
  mentions: number;
  quotes: number;
  geoname_id: number | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

/** Columns of `entities` for an {@link EntityRow}, table alias `e`. */
export const ENTITY_COLUMNS =
  'e.label, e.key, e.name, e.articles, e.mentions, e.quotes, e.geoname_id, e.country, e.lat, e.lon';

export function toEntitySummary(row: EntityRow): EntitySummary {
  return {
    label: row.label as CorpusLabel,
    key: row.key,
    name: row.name,
    articles: Number(row.articles),
    mentions: Number(row.mentions),
    quotes: Number(row.quotes),
    ...(row.lat !== null && row.lon !== null && row.geoname_id !== null
      ? { geo: { geonameId: Number(row.geoname_id), country: row.country ?? '', lat: row.lat, lon: row.lon } }
      : {}),
  };
}

/** A quote row joined with its article (and speaker, `s`). */
export interface QuoteJoinRow {
  text: string;
  id: string;
  title: string;
  site: string;
  date: string;
  speaker_label: string | null;
  speaker_key: string | null;
  speaker_name: string | null;
}

export function toQuote(row: QuoteJoinRow): QuoteRow {
  return {
    text: row.text,
    ...(row.speaker_label && row.speaker_key
      ? {
          speaker: {
            label: row.speaker_label as CorpusLabel,
            key: row.speaker_key,
            name: row.speaker_name ?? row.speaker_key,
          },
        }
      : {}),
    article: { id: row.id, title: row.title, site: row.site, date: row.date },
  };
}

/** Page number and offset for a query; `page` below 1 or not a whole number is page 1. */
export function pageOf(query: PageQuery): { page: number; offset: number; size: number } {
  const size = Math.max(1, Math.floor(query.pageSize));
  const page = Math.max(1, Math.floor(Number(query.page) || 1));
  return { page, offset: (page - 1) * size, size };
}

/**
 * A page from a count and the rows fetched with one row to spare (which says whether a next page
 * exists). When the page asked for lies past the end, `refetch` loads the last page instead.
 * A count above `countLimit` is shown as "more than `countLimit`".
 */
export async function makePage<T>(
  query: PageQuery,
  total: number,
  fetch: (offset: number, limit: number) => Promise<T[]>,
  countLimit = COUNT_LIMIT,
): Promise<Page<T>> {
  const { page: asked, size } = pageOf(query);
  const lowerBound = total > countLimit;
  const shown = lowerBound ? countLimit : total;
  const pages = Math.max(1, Math.ceil(shown / size));
  // Past the counted end only when the count is exact; past a lower bound, pages may still exist.
  const page = lowerBound ? asked : Math.min(asked, pages);
  const rows = await fetch((page - 1) * size, size + 1);
  const hasNext = rows.length > size;
  return {
    items: rows.slice(0, size),
    total: shown,
    totalIsLowerBound: lowerBound,
    page,
    pages: lowerBound ? Math.max(pages, page + (hasNext ? 1 : 0)) : pages,
    hasNext,
  };
}

/** What an article contributed to the counters, from its record (with the speakers resolved). */
export function contributionOf(record: ArticleRecord): Contribution {
  return { site: record.site, month: record.month, entities: record.entities, quotes: record.quoteList };
}

/** A mention row's stored spellings: the name first, then the aliases. */
export function storedNames(names: string): { name: string; aliases: string[] } {
  const [name = '', ...aliases] = JSON.parse(names) as string[];
  return { name, aliases };
}

/** A stored mention row of an article being replaced, as both databases read it back. */
export interface StoredMentionRow {
  article_key: number;
  label: string;
  key: string;
  mentions: number;
  names: string;
  geo: string | null;
}

/** A stored quote row of an article being replaced, with its speaker's label and key. */
export interface StoredQuoteRow {
  article_key: number;
  label: string | null;
  key: string | null;
}

/**
 * Rebuild stored articles' contributions from their rows (to subtract them when the articles are
 * replaced or removed); `mentions` and `quotes` are all the rows of those articles.
 */
export function storedContributions(
  articles: ReadonlyArray<{ key: number; site: string; month: string }>,
  mentions: readonly StoredMentionRow[],
  quotes: readonly StoredQuoteRow[],
): Contribution[] {
  const mentionsOf = groupByArticle(mentions);
  const quotesOf = groupByArticle(quotes);
  return articles.map((article) => ({
    site: article.site,
    month: article.month,
    entities: (mentionsOf.get(Number(article.key)) ?? [])
      .filter((m): m is typeof m & { label: CorpusLabel } => isCorpusLabel(m.label))
      .map((m) => ({
        label: m.label,
        key: m.key,
        ...storedNames(m.names),
        mentions: Number(m.mentions),
        ...(m.geo ? { geo: JSON.parse(m.geo) as Geo } : {}),
      })),
    quotes: (quotesOf.get(Number(article.key)) ?? []).map((q) =>
      q.label && q.key && isCorpusLabel(q.label) ? { speaker: { label: q.label, key: q.key } } : {},
    ),
  }));
}

function groupByArticle<T extends { article_key: number }>(rows: ReadonlyArray<T>): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const key = Number(row.article_key);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** An FTS5 token standing for one site, so a site filter narrows the full-text match itself. */
export function siteToken(site: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < site.length; i++) {
    hash ^= site.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `site${(hash >>> 0).toString(36)}`;
}

/** Month filters are `YYYY-MM`; anything else is ignored by the queries (the viewer checks first). */
export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Day filters are `YYYY-MM-DD`. */
export const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Articles as a list, whatever the caller gave. */
export function asList(articles: Article | readonly Article[]): readonly Article[] {
  return Array.isArray(articles) ? articles : [articles as Article];
}

/** Rows of a dump, sorted by their JSON form (a total, insertion-independent order). */
export function canonical(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return rows
    .map((row) => {
      const clean: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) clean[k] = typeof v === 'bigint' ? Number(v) : v;
      return clean;
    })
    .sort((a, b) => {
      const x = JSON.stringify(a);
      const y = JSON.stringify(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
}

/** A named speaker's row: the entity and its quote count. */
export interface SpeakerJoinRow {
  label: string;
  key: string;
  name: string;
  quotes: number;
}

export function toSpeaker(row: SpeakerJoinRow): SpeakerCount {
  return {
    speaker: { label: row.label as EntityRef['label'], key: row.key, name: row.name },
    quotes: Number(row.quotes),
  };
}

export function toPlace(row: EntityRow): Place {
  const { label, key, name, mentions, articles, geo } = toEntitySummary(row);
  return { label, key, name, mentions, articles, geo: geo! };
}

/**
 * The per-month counters of a bulk rebuild (entity_months, speaker_stats, site_months), derived in
 * SQL from the mentions, the quotes and `articles`, a table with each article's key, site and
 * month: the same statements on SQLite and PostgreSQL, so both rebuild what their writes' deltas
 * would leave.
 */
export function monthlyCounters(articles: 'articles' | 'bulk_articles'): string {
  return `INSERT INTO entity_months (entity_id, month, label, articles, mentions)
SELECT m.entity_id, a.month, e.label, count(*), sum(m.mentions)
FROM mentions m JOIN ${articles} a ON a.key = m.article_key JOIN entities e ON e.id = m.entity_id
GROUP BY m.entity_id, a.month, e.label;
INSERT INTO speaker_stats (site, month, speaker_id, quotes)
SELECT a.site, a.month, coalesce(q.speaker_id, 0), count(*) FROM quotes q JOIN ${articles} a ON a.key = q.article_key
GROUP BY a.site, a.month, coalesce(q.speaker_id, 0);
INSERT INTO site_months (site, month, articles, quotes, unknown)
SELECT a.site, a.month, a.articles, coalesce(s.quotes, 0), coalesce(s.unknown, 0)
FROM (SELECT site, month, count(*) AS articles FROM ${articles} GROUP BY site, month) a
LEFT JOIN (SELECT site, month, sum(quotes) AS quotes, sum(quotes) FILTER (WHERE speaker_id = 0) AS unknown
           FROM speaker_stats GROUP BY site, month) s ON s.site = a.site AND s.month = a.month;`;
}
