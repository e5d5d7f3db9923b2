import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed as parseAnyFeed, type AtomFeed, type JsonFeed, type RdfFeed, type RssFeed } from 'feedsmith';
import { GalleyError } from '@galley/document';
import { absoluteUrl } from './canonical-url.js';
import { refuseEntityDeclarations } from './xml-guard.js';

/** The kinds of source {@link parseFeed} reads. */
export const feedFormats = ['rss', 'rdf', 'atom', 'json', 'sitemap', 'sitemap-index', 'news-sitemap'] as const;

/** A kind of source: RSS 2.0, RSS 1.0 (RDF), Atom, JSON Feed, a sitemap, a sitemap index or a Google News sitemap. */
export type FeedFormat = (typeof feedFormats)[number];

/** One entry of a feed or sitemap: the story's link and what the source says about it. */
export interface FeedItem {
  /** Absolute http(s) link to the story, as the source gave it. */
  url: string;
  /** The source's own id for the item (RSS `guid`, Atom `id`, JSON Feed `id`), when it has one. */
  guid?: string;
  /** Headline, when given. */
  title?: string;
  /** Publication date as ISO 8601, when given and readable. */
  published?: string;
  /** Author's name, when given. */
  author?: string;
}

/** What a feed or sitemap says. */
export interface ParsedFeed {
  format: FeedFormat;
  /** The source's own title (feeds, Google News publication names), when given. */
  title?: string;
  /** Stories, in the source's order; items without a usable link are left out. */
  items: FeedItem[];
  /** A sitemap index's child sitemaps (absolute URLs); empty for every other format. */
  sitemaps: string[];
  /** Set when the document was damaged and only part of it could be read: what was wrong. */
  damage?: string;
}

/**
 * Read a feed or sitemap: RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed through feedsmith, sitemaps
 * (plain, index, Google News) through fast-xml-parser, the XML parser feedsmith itself uses.
 * Relative links resolve against `baseUrl`. Throws a `GalleyError` (`GALLEY_INPUT_INVALID`) whose
 * message says in words why the text is not a feed; XML that declares entities is refused
 * before any parsing. Malformed XML is read as far as the parser can and marked with `damage`.
 */
export function parseFeed(text: string, baseUrl?: string): ParsedFeed {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{')) return parseJson(body, baseUrl);
  if (!body.startsWith('<')) throw notAFeed('it is neither XML nor JSON');
  refuseEntityDeclarations(body);
  const validation = XMLValidator.validate(body);
  const damage = validation === true ? undefined : `malformed XML (line ${validation.err.line}: ${validation.err.msg})`;
  const root = rootElement(body);
  let parsed: ParsedFeed;
  if (root === 'urlset' || root === 'sitemapindex') parsed = parseSitemap(body, root, baseUrl);
  else parsed = parseXmlFeed(body, baseUrl, damage);
  if (!damage) return parsed;
  if (!parsed.items.length && !parsed.sitemaps.length) throw notAFeed(`${damage}, and no item could be read`);
  return { ...parsed, damage };
}

function notAFeed(why: string): GalleyError {
  return new GalleyError('GALLEY_INPUT_INVALID', `not a feed or sitemap: ${why}`);
}

const sitemapParser = new XMLParser({
  removeNSPrefix: false,
  ignoreAttributes: true,
  parseTagValue: false,
  // The five XML entities and numeric references only: entity declarations were refused above.
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

/** The root element's local name, lower case (`rss`, `feed`, `rdf`, `urlset`…). */
function rootElement(xml: string): string | undefined {
  const tree = sitemapParser.parse(xml) as Record<string, unknown>;
  const name = Object.keys(tree).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  return name?.replace(/^.*:/, '').toLowerCase();
}

function parseXmlFeed(xml: string, baseUrl: string | undefined, damage: string | undefined): ParsedFeed {
  let result: ReturnType<typeof parseAnyFeed<string>>;
  try {
    result = parseAnyFeed<string>(xml);
  } catch (error) {
    throw notAFeed(
      damage
        ? `${damage}, and no item could be read`
        : `${(error as Error).message.toLowerCase()} (expected RSS, RDF, Atom, JSON Feed or a sitemap)`,
    );
  }
  switch (result.format) {
    case 'rss':
      return fromRss(result.feed, baseUrl);
    case 'atom':
      return fromAtom(result.feed, baseUrl);
    case 'rdf':
      return fromRdf(result.feed, baseUrl);
    case 'json':
      return fromJson(result.feed, baseUrl);
  }
}

function parseJson(text: string, baseUrl?: string): ParsedFeed {
  let result: ReturnType<typeof parseAnyFeed<string>>;
  try {
    result = parseAnyFeed<string>(text);
  } catch (error) {
    throw notAFeed(`JSON that is not a JSON Feed (${(error as Error).message.toLowerCase()})`);
  }
  if (result.format !== 'json') throw notAFeed('JSON that is not a JSON Feed');
  return fromJson(result.feed, baseUrl);
}

type Rss = RssFeed.Feed<string>;
type Atom = AtomFeed.Feed<string>;
type Rdf = RdfFeed.Feed<string>;
type Json = JsonFeed.Feed<string>;

function fromRss(feed: Rss, baseUrl?: string): ParsedFeed {
  const items = (feed.items ?? []).flatMap((item) => {
    const guid = item.guid?.value?.trim();
    // A permalink guid is the story's address when the item has no <link>.
    const link = item.link ?? (item.guid?.isPermaLink !== false ? guid : undefined);
    return feedItem(link, baseUrl, {
      guid,
      title: item.title,
      published: item.pubDate ?? item.dc?.dates?.[0],
      author: item.authors?.[0]?.name ?? item.dc?.creators?.[0],
    });
  });
  return { format: 'rss', ...text('title', feed.title), items, sitemaps: [] };
}

function fromAtom(feed: Atom, baseUrl?: string): ParsedFeed {
  const items = (feed.entries ?? []).flatMap((entry) => {
    const links = entry.links ?? [];
    const link = (links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0])?.href;
    return feedItem(link, baseUrl, {
      guid: entry.id,
      title: entry.title?.value,
      published: entry.published ?? entry.updated,
      author: entry.authors?.[0]?.name ?? entry.dc?.creators?.[0],
    });
  });
  return { format: 'atom', ...text('title', feed.title?.value), items, sitemaps: [] };
}

function fromRdf(feed: Rdf, baseUrl?: string): ParsedFeed {
  const items = (feed.items ?? []).flatMap((item) =>
    feedItem(item.link, baseUrl, {
      guid: item.rdf?.about,
      title: item.title,
      published: item.dc?.dates?.[0],
      author: item.dc?.creators?.[0],
    }),
  );
  return { format: 'rdf', ...text('title', feed.title), items, sitemaps: [] };
}

function fromJson(feed: Json, baseUrl?: string): ParsedFeed {
  const items = (feed.items ?? []).flatMap((item) =>
    feedItem(item.url ?? item.external_url, baseUrl, {
      guid: item.id,
      title: item.title,
      published: item.date_published,
      author: item.authors?.[0]?.name,
    }),
  );
  return { format: 'json', ...text('title', feed.title), items, sitemaps: [] };
}

interface SitemapEntry {
  loc?: unknown;
  lastmod?: unknown;
  'news:news'?: {
    'news:title'?: unknown;
    'news:publication_date'?: unknown;
    'news:publication'?: { 'news:name'?: unknown };
  };
}

function parseSitemap(xml: string, root: 'urlset' | 'sitemapindex', baseUrl?: string): ParsedFeed {
  const tree = sitemapParser.parse(xml) as Record<string, Record<string, SitemapEntry[] | undefined> | undefined>;
  const rootKey = Object.keys(tree).find((key) => key.replace(/^.*:/, '').toLowerCase() === root) ?? root;
  const top = tree[rootKey] ?? {};
  if (root === 'sitemapindex') {
    const sitemaps = (top.sitemap ?? []).flatMap((entry) => {
      const url = typeof entry.loc === 'string' ? absoluteUrl(entry.loc, baseUrl) : undefined;
      return url ? [url] : [];
    });
    return { format: 'sitemap-index', items: [], sitemaps };
  }
  let news = false;
  let title: string | undefined;
  const items = (top.url ?? []).flatMap((entry) => {
    const article = entry['news:news'];
    if (article) news = true;
    title ??= str(article?.['news:publication']?.['news:name']);
    return feedItem(str(entry.loc), baseUrl, {
      title: str(article?.['news:title']),
      published: str(article?.['news:publication_date']) ?? str(entry.lastmod),
    });
  });
  return { format: news ? 'news-sitemap' : 'sitemap', ...text('title', title), items, sitemaps: [] };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** `{ [key]: value }` trimmed, or nothing when the value is empty: optional fields stay absent. */
function text<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return (trimmed ? { [key]: trimmed } : {}) as { [P in K]?: string };
}

function feedItem(
  link: string | undefined,
  baseUrl: string | undefined,
  fields: {
    guid?: string | undefined;
    title?: string | undefined;
    published?: string | undefined;
    author?: string | undefined;
  },
): FeedItem[] {
  const url = link ? absoluteUrl(link, baseUrl) : undefined;
  if (!url) return [];
  const time = fields.published ? Date.parse(fields.published.trim()) : NaN;
  return [
    {
      url,
      ...text('guid', fields.guid),
      ...text('title', fields.title),
      ...(Number.isNaN(time) ? {} : { published: new Date(time).toISOString() }),
      ...text('author', fields.author),
    },
  ];
}
