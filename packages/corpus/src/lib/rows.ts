import type { Article, EntityLabel } from '@galley/document';
import { clipTitle } from '@galley/document';
import { normaliseName } from './names.js';
import { searchableText } from './search.js';

/**
 * The labels the corpus keeps as entities across articles: names. Dates, times, amounts and
 * numbers are counted per article but not grouped across it ("Monday" in half the corpus is
 * not a subject anyone follows).
 */
export const CORPUS_LABELS = ['PERSON', 'ORG', 'LOC', 'MISC'] as const satisfies readonly EntityLabel[];

/** A label the corpus groups across articles. */
export type CorpusLabel = (typeof CORPUS_LABELS)[number];

/** Whether a label is one of {@link CORPUS_LABELS}. */
export function isCorpusLabel(label: string): label is CorpusLabel {
  return (CORPUS_LABELS as readonly string[]).includes(label);
}

/** Where a place is (from the entities stage's GeoNames lookup). */
export interface Geo {
  geonameId: number;
  country: string;
  lat: number;
  lon: number;
}

/** One corpus entity as one article names it. */
export interface ArticleEntity {
  label: CorpusLabel;
  /** Normalised name: with the label, the entity's identity across articles. */
  key: string;
  /** The article's canonical spelling. */
  name: string;
  /** Other spellings the article uses (the canonical spelling excluded). */
  aliases: string[];
  mentions: number;
  geo?: Geo;
}

/** One quotation (scare quotes excluded: they are not speech). */
export interface ArticleQuote {
  /** Position among the article's quotes, from 0. */
  n: number;
  /** The speaker as a corpus entity, when the quote is attributed to a name. */
  speaker?: { label: CorpusLabel; key: string };
  text: string;
}

/** Everything the index keeps of one article, derived from its published document alone. */
export interface ArticleRecord {
  id: string;
  title: string;
  url?: string;
  /** Site name; `''` when neither the document nor its URL says. */
  site: string;
  byline?: string;
  published?: string;
  /** The article's date (ISO 8601, UTC): `published` when it parses, else `processedAt`. */
  date: string;
  /** `YYYY-MM` of {@link date}. */
  month: string;
  processed?: string;
  format: string;
  language: string;
  /** The page's description, else the start of the first paragraph (never the whole body). */
  excerpt: string;
  sentences: number;
  /** Entity mentions of every label. */
  mentions: number;
  /** All quotes, scare quotes included (as the article page counts them). */
  quotes: number;
  /** Mentions per label. */
  labels: Partial<Record<EntityLabel, number>>;
  /** The body as published, for snippets and search. */
  body: string;
  entities: ArticleEntity[];
  quoteList: ArticleQuote[];
}

/** Characters of an excerpt. */
export const EXCERPT_LENGTH = 240;
const spaces = /\s+/g;
/** Dates outside these years are typos or placeholders, not publication dates. */
const earliest = Date.UTC(1800, 0, 1);
const latest = Date.UTC(2200, 0, 1);

/** The date an article is filed under: a plausible `published`, else `processedAt`, else `now`. */
export function articleDate(article: Pick<Article, 'published' | 'processedAt'>, now = Date.now()): number {
  for (const value of [article.published, article.processedAt]) {
    if (!value) continue;
    const time = Date.parse(value);
    if (time >= earliest && time < latest) return time;
  }
  return now;
}

/** The site an article came from: its `site`, else its URL's host name without `www.`. */
export function articleSite(article: Pick<Article, 'source'> & { site?: string | undefined }): string {
  const site = article.site?.replace(spaces, ' ').trim();
  if (site) return site.slice(0, 200);
  if (!article.source.url) return '';
  try {
    return new URL(article.source.url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Shorten text to about `length` characters at a word boundary. */
export function excerptOf(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(spaces, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.lastIndexOf(' ', length);
  return `${flat.slice(0, cut > length * 0.6 ? cut : length)}…`;
}

/** Derive the index's view of one published article. Pure: the same document gives the same record. */
export function articleRecord(article: Article, now = Date.now()): ArticleRecord {
  const time = articleDate(article, now);
  const date = new Date(time).toISOString();
  const labels: Partial<Record<EntityLabel, number>> = {};
  for (const mention of article.entities) labels[mention.label] = (labels[mention.label] ?? 0) + 1;
  const firstParagraph = article.blocks.find((b) => b.type === 'paragraph');
  const description = (article as { description?: string }).description;
  const excerpt = excerptOf(
    description?.trim()
      ? description
      : firstParagraph
        ? article.text.slice(firstParagraph.start, firstParagraph.end)
        : '',
  );

  // Records with one normalised name (two spellings of one entity) become one corpus entity.
  const byKey = new Map<string, ArticleEntity>();
  const keyOfRecord = new Map<string, { label: CorpusLabel; key: string }>();
  for (const record of article.entityIndex) {
    if (!isCorpusLabel(record.label)) continue;
    const key = normaliseName(record.name);
    if (!key) continue;
    const id = `${record.label}\u0000${key}`;
    keyOfRecord.set(record.id, { label: record.label, key });
    const known = byKey.get(id);
    if (known) {
      known.mentions += record.mentions;
      for (const alias of [record.name, ...record.aliases])
        if (alias !== known.name && !known.aliases.includes(alias)) known.aliases.push(alias);
      continue;
    }
    const entity: ArticleEntity = {
      label: record.label,
      key,
      name: record.name,
      aliases: [...new Set(record.aliases.filter((a) => a !== record.name))],
      mentions: record.mentions,
    };
    const geo = (record as { geo?: Geo }).geo;
    if (geo && Number.isFinite(geo.lat) && Number.isFinite(geo.lon))
      entity.geo = { geonameId: geo.geonameId, country: geo.country, lat: geo.lat, lon: geo.lon };
    byKey.set(id, entity);
  }
  const quoteList: ArticleQuote[] = [];
  for (const [n, quote] of article.quotes.entries()) {
    if (quote.scare) continue;
    const speaker = quote.speaker ? keyOfRecord.get(quote.speaker) : undefined;
    quoteList.push({ n, text: quote.text, ...(speaker ? { speaker } : {}) });
  }
  const site = articleSite(article);
  return {
    id: article.id,
    title: clipTitle(article.title),
    ...(article.source.url ? { url: article.source.url } : {}),
    site,
    ...(article.byline !== undefined ? { byline: article.byline } : {}),
    ...(article.published !== undefined ? { published: article.published } : {}),
    date,
    month: date.slice(0, 7),
    ...(article.processedAt !== undefined ? { processed: article.processedAt } : {}),
    format: article.source.format,
    language: article.language,
    excerpt,
    sentences: article.sentences.length,
    mentions: article.entities.length,
    quotes: article.quotes.length,
    labels,
    body: article.text,
    entities: [...byKey.values()],
    quoteList,
  };
}

/** 32-bit FNV-1a of a string, for spreading keys of articles filed in the same second. */
function fnv1a(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Article keys per second of date: keys are the date in seconds times this, plus a slot. */
export const KEY_SLOTS = 4096;

/**
 * The integer an article is stored under: its date in seconds, times {@link KEY_SLOTS}, plus a
 * slot from its id. Ordering by key is ordering by date, so both databases page, filter by date
 * and (in SQLite's FTS5, whose rowid it is) search newest-first on one integer index. Two
 * articles in one second and one slot take the next free key.
 */
export function firstKey(dateIso: string, id: string): number {
  return Math.floor(Date.parse(dateIso) / 1000) * KEY_SLOTS + (fnv1a(id) % KEY_SLOTS);
}

/** Key range `[low, high]` of the dates from the start of day `from` to the end of day `to` (`YYYY-MM-DD`). */
export function keyRange(from?: string, to?: string): { low?: number; high?: number } {
  const range: { low?: number; high?: number } = {};
  if (from) range.low = Math.floor(Date.parse(`${from}T00:00:00Z`) / 1000) * KEY_SLOTS;
  if (to) range.high = (Math.floor(Date.parse(`${to}T00:00:00Z`) / 1000) + 86_400) * KEY_SLOTS - 1;
  return range;
}

/**
 * The words a record is found by, folded and stripped of punctuation (see `searchableText`), for
 * PostgreSQL's `simple` parser; SQLite's FTS5 tokeniser folds the raw text the same way itself.
 */
export function searchTextOf(record: Pick<ArticleRecord, 'title' | 'body' | 'site'>): string {
  return `${searchableText(record.title)} ${searchableText(record.body)} ${searchableText(record.site)}`;
}
