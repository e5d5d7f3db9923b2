import type { Article, EntityLabel } from '@galley/document';
import type { CorpusLabel, Geo } from './rows.js';
import type { SnippetPart } from './search.js';

/** How the article list is ordered. */
export const ARTICLE_SORTS = ['newest', 'oldest', 'processed'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

/** Filters of the article list and its export. Every field is optional; all given ones must hold. */
export interface ArticleFilter {
  /** Words and `"phrases"` that must all occur in the title or text. */
  q?: string;
  /** Exact site name (`''` is never a filter). */
  site?: string;
  /** First day (`YYYY-MM-DD`, UTC) of the article's date. */
  from?: string;
  /** Last day (`YYYY-MM-DD`, UTC), inclusive. */
  to?: string;
  /** A name or alias of a corpus entity (any label) the article must mention. */
  entity?: string;
  /** Default `newest` (by the article's date). */
  sort?: ArticleSort;
}

/** One page of a list. */
export interface PageQuery {
  /** 1-based. Default 1. */
  page?: number;
  pageSize: number;
}

/** What the list shows of an article: the index's columns, never the body. */
export interface ArticleSummary {
  id: string;
  title: string;
  url?: string;
  /** `''` when unknown. */
  site: string;
  byline?: string;
  published?: string;
  /** ISO 8601: the date the article is filed under (published, else processed). */
  date: string;
  processed?: string;
  format: string;
  excerpt: string;
  sentences: number;
  mentions: number;
  quotes: number;
  labels: Partial<Record<EntityLabel, number>>;
}

/** A list row of a search: the summary and where the words occur. */
export interface ArticleHit extends ArticleSummary {
  /** Present when the list was searched: text around the first match, matches marked. */
  snippet?: SnippetPart[];
}

/**
 * A page of results. `total` is exact unless `totalIsLowerBound` (counting stops at
 * {@link COUNT_LIMIT}, or {@link SEARCH_COUNT_LIMIT} for a search).
 */
export interface Page<T> {
  items: T[];
  total: number;
  totalIsLowerBound: boolean;
  page: number;
  pages: number;
  /** Whether a next page exists. */
  hasNext: boolean;
}

/** Counts past this many matches are not finished: the page says "more than". */
export const COUNT_LIMIT = 10_000;

/**
 * Counts of a search's matches stop here instead, as search engines say "more than": on
 * PostgreSQL each match of a phrase is confirmed by reading its row's word positions, so the
 * count's cost grows with this limit.
 */
export const SEARCH_COUNT_LIMIT = 1_000;

/** A corpus entity as lists show it. */
export interface EntityRef {
  label: CorpusLabel;
  /** Normalised name (with the label, the entity's identity and URL). */
  key: string;
  /** The spelling most articles use. */
  name: string;
}

/** A corpus entity with its totals. */
export interface EntitySummary extends EntityRef {
  articles: number;
  mentions: number;
  /** Quotes attributed to it. */
  quotes: number;
  geo?: Geo;
}

/** One corpus entity in full. */
export interface EntityDetail extends EntitySummary {
  /** Other spellings and aliases, most used first (at most 50). */
  aliases: string[];
}

/** Mentions of one entity in one month. */
export interface MonthCount {
  month: string;
  articles: number;
  mentions: number;
}

/** An entity that appears in the same articles as another. */
export interface CooccurringEntity extends EntityRef {
  /** Articles (among those sampled) that mention both. */
  articles: number;
}

/** One quotation with its article. */
export interface QuoteRow {
  text: string;
  speaker?: EntityRef;
  article: { id: string; title: string; site: string; date: string };
}

/** An article that mentions an entity, with how often. */
export interface EntityArticle extends ArticleSummary {
  entityMentions: number;
}

/** Filters of the entity list. */
export interface EntityFilter {
  label?: CorpusLabel;
  /** `YYYY-MM`: rank by mentions in that month. */
  month?: string;
}

/** Filters of the Sources page. */
export interface SourceFilter {
  site?: string;
  month?: string;
}

/** How often one named speaker is quoted (quotes of unknown speakers are counted in {@link QuoteTotals}). */
export interface SpeakerCount {
  speaker: EntityRef;
  quotes: number;
}

/** Quotes of one site or one month. */
export interface QuoteTotals {
  articles: number;
  quotes: number;
  /** Quotes whose speaker is unknown. */
  unknown: number;
}

/** The Sources page. */
export interface SourcesReport {
  totals: QuoteTotals;
  bySite: Array<QuoteTotals & { site: string }>;
  byMonth: Array<QuoteTotals & { month: string }>;
}

/** A place on the map. */
export interface Place extends EntityRef {
  mentions: number;
  articles: number;
  geo: Geo;
}

/** A site and how many articles it has. */
export interface SiteCount {
  site: string;
  articles: number;
}

/** Where the index is, for messages. */
export interface CorpusLocation {
  kind: 'sqlite' | 'postgres';
  /** File path, or the database URL without its password. */
  where: string;
}

/**
 * The corpus index. One interface over SQLite (`openCorpus({ file })`) and PostgreSQL
 * (`openCorpus({ databaseUrl })`); both pass the same tests. Writes are idempotent by article id:
 * indexing an article again replaces everything it contributed.
 */
export interface Corpus {
  readonly location: CorpusLocation;
  /** Add or replace articles (one transaction per call). */
  index(articles: Article | readonly Article[]): Promise<void>;
  /** Remove an article and what it contributed; returns whether it was there. */
  remove(id: string): Promise<boolean>;
  /**
   * Start a bulk rebuild (SQLite and PostgreSQL). Until {@link endBulk}, every write, from any
   * process, stores the articles' own rows only; the counters (and on SQLite the full-text index)
   * are derived from them once, at the end, which costs far less than keeping them exact at each
   * write, and a few secondary indexes are dropped, to be built once at the end. Meanwhile the
   * cross-article pages show what was there before (search too on SQLite; on PostgreSQL it finds
   * the new articles by scanning).
   */
  beginBulk?(): Promise<void>;
  /**
   * End a bulk rebuild: recompute every counter and the full-text index from the stored articles,
   * and build the dropped indexes, in one transaction. Does nothing when none is under way;
   * completes one that was interrupted.
   */
  endBulk?(): Promise<void>;
  /** Every indexed article id (for pruning after a rebuild). */
  ids(): AsyncIterable<string>;
  /** Grows with every change; the viewer polls it. */
  version(): Promise<number>;
  /** Number of indexed articles. */
  count(): Promise<number>;
  has(id: string): Promise<boolean>;
  summary(id: string): Promise<ArticleSummary | undefined>;

  articles(filter: ArticleFilter, page: PageQuery): Promise<Page<ArticleHit>>;
  exportArticles(filter: ArticleFilter): AsyncIterable<ArticleSummary>;
  sites(): Promise<SiteCount[]>;

  /** The entity with this label and name (any spelling that normalises to its key). */
  entity(label: string, name: string): Promise<EntityDetail | undefined>;
  entityMonths(entity: EntityRef): Promise<MonthCount[]>;
  /** Entities most often in the same articles, counted over its `sample` newest articles (default 1000). */
  cooccurring(entity: EntityRef, options?: { limit?: number; sample?: number }): Promise<CooccurringEntity[]>;
  entityQuotes(entity: EntityRef, page: PageQuery): Promise<Page<QuoteRow>>;
  exportEntityQuotes(entity: EntityRef): AsyncIterable<QuoteRow>;
  entityArticles(entity: EntityRef, page: PageQuery): Promise<Page<EntityArticle>>;
  exportEntityArticles(entity: EntityRef): AsyncIterable<EntityArticle>;

  entities(filter: EntityFilter, page: PageQuery): Promise<Page<EntitySummary>>;
  exportEntities(filter: EntityFilter): AsyncIterable<EntitySummary>;

  speakers(filter: SourceFilter, page: PageQuery): Promise<Page<SpeakerCount>>;
  exportSpeakers(filter: SourceFilter): AsyncIterable<SpeakerCount>;
  sources(filter: SourceFilter): Promise<SourcesReport>;

  places(options: { limit: number }): Promise<Place[]>;
  exportPlaces(): AsyncIterable<Place>;

  /** Everything the index holds, in a canonical order without internal ids (tests compare two corpora with it). */
  dump(): Promise<CorpusDump>;
  close(): Promise<void>;
}

/** A corpus as plain data, independent of insertion order and internal keys. */
export interface CorpusDump {
  articles: Array<Record<string, unknown>>;
  entities: Array<Record<string, unknown>>;
  names: Array<Record<string, unknown>>;
  geo: Array<Record<string, unknown>>;
  mentions: Array<Record<string, unknown>>;
  months: Array<Record<string, unknown>>;
  quotes: Array<Record<string, unknown>>;
  speakers: Array<Record<string, unknown>>;
  siteMonths: Array<Record<string, unknown>>;
  count: number;
}
