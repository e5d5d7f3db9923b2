import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  ARTICLE_SORTS,
  CORPUS_LABELS,
  type ArticleFilter,
  type ArticleSummary,
  type Corpus,
  type EntityArticle,
  type EntityDetail,
  type QuoteRow,
  openCorpus,
  rebuildCorpus,
} from '@galley/corpus';
import { isArticleId } from '@galley/document';
import { DirectoryReader, articleFile } from '@galley/publish';
import { DEFAULT_QUEUE_NAME, DEFAULT_REDIS_URL, validateQueueName, validateRedisUrl } from '@galley/queue/settings';
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { html } from 'hono/html';
import { type Logger, destination, pino } from 'pino';
import { z } from 'zod';
import { mentionSentences } from './appearances.js';
import { type ExportColumn, type ExportFormat, exportStream, exportTypes } from './export.js';
import { addFeedRoutes } from './feeds-routes.js';
import { QueueReader, type QueueTarget, retryJob } from './queue-client.js';
import { downloadPolicy, isLoopback, loopbackOnly, securityHeaders } from './security.js';
import { MAX_PAGE_JSON_BYTES } from './bound.js';
import { articlePage, tooLargePage } from './views/article.js';
import { type EntitiesFilters, entitiesPage } from './views/entities.js';
import { type EntityAppearance, entityPage } from './views/entity.js';
import { layout } from './views/layout.js';
import { type ListContext, type ListFilters, listPage, listResults } from './views/list.js';
import { placesPage } from './views/places.js';
import { queuePage, queueResults } from './views/queue.js';
import { type SourcesFilters, sourcesPage } from './views/sources.js';

/** Options of {@link createApp} and `startViewer`. */
export interface ViewerOptions {
  /** Directory of published articles (`<dir>/<id>/article.json`). Required. */
  dataDir: string;
  /** The corpus index in PostgreSQL; default: the SQLite file `<dataDir>/corpus.sqlite`. */
  databaseUrl?: string;
  /** An open corpus to use instead (tests); the viewer does not close it. */
  corpus?: Corpus;
  /** Redis for the queue page. Default `redis://127.0.0.1:6379`. */
  redisUrl?: string;
  /** Queue the queue page shows. Default `galley-articles`. */
  queueName?: string;
  /**
   * Address the server listens on. Default `127.0.0.1`. On a loopback address the app also
   * refuses requests whose Host header is not a loopback name (DNS rebinding).
   */
  host?: string;
  /** Rows per list page. Default 50. */
  pageSize?: number;
  /** Articles listed on an entity page (newest first). Default 20. */
  entityArticles?: number;
  /** Of those, how many show the sentences that mention the entity (read from their files). Default 5. */
  entitySentences?: number;
  /** Places drawn on the map. Default 500. */
  mapPlaces?: number;
  /**
   * When the index is empty but the data folder has articles (published before the index
   * existed), index them in the background at start. Default true.
   */
  indexExisting?: boolean;
  /** Where logs go. Default: pino at `info` on standard error. */
  logger?: Logger;
}

/** A viewer app: the Hono app and the corpus behind it. */
export interface ViewerApp {
  app: Hono;
  /** Resolves with the corpus once it is open (rejects when it cannot be opened). */
  opened: Promise<Corpus>;
  /** Resolves once the corpus is open and any start-up indexing of existing articles is done. */
  ready: Promise<Corpus>;
  /** Close the queue page's Redis connection, and the corpus (unless it was given). */
  close(): Promise<void>;
}

const downloads = {
  'article.json': 'application/json; charset=utf-8',
  'article.md': 'text/markdown; charset=utf-8',
  // Published HTML is the article's own rendering: served as text so it can never run here.
  'article.html': 'text/plain; charset=utf-8',
} as const;
type DownloadName = keyof typeof downloads;

const assetUrl = (name: string) => new URL(`../../static/${name}`, import.meta.url);

// Query parameters, checked at the boundary: a bad value falls back to "no filter", never an error page.
const text = (max: number) => z.string().trim().max(max).catch('').default('');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .catch('')
  .default('');
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .catch('')
  .default('');
const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1);
const listQuery = z.object({
  q: text(500),
  entity: text(200),
  site: text(200),
  from: day,
  to: day,
  sort: z.enum(ARTICLE_SORTS).catch('newest').default('newest'),
  page: pageNumber,
});
const labelParam = z.enum(CORPUS_LABELS).or(z.literal('')).catch('').default('');
const entitiesQuery = z.object({ label: labelParam, month, page: pageNumber });
const sourcesQuery = z.object({ site: text(200), month, page: pageNumber });
const entityParams = z.object({ label: z.enum(CORPUS_LABELS), name: z.string().min(1).max(300) });
const exportFile = /^([a-z-]+)\.(csv|jsonl)$/;

/**
 * Build the viewer: server-rendered pages over the corpus index, testable with `app.request()`.
 * Nothing is read from disk but `<dataDir>/<id>/article.*` for well-formed ids.
 */
export function createApp(options: ViewerOptions): ViewerApp {
  if (!options?.dataDir) throw new TypeError('createApp: options.dataDir is required');
  const logger = options.logger ?? pino({ name: 'galley-viewer' }, destination(2));
  const pageSize = positive(options.pageSize, 50, 'pageSize');
  const entityArticles = positive(options.entityArticles, 20, 'entityArticles');
  const entitySentences = positive(options.entitySentences, 5, 'entitySentences');
  const mapPlaces = positive(options.mapPlaces, 500, 'mapPlaces');
  const target: QueueTarget = {
    redisUrl: validateRedisUrl(options.redisUrl ?? DEFAULT_REDIS_URL),
    queueName: validateQueueName(options.queueName ?? DEFAULT_QUEUE_NAME),
  };
  const queueReader = new QueueReader(target);
  const reader = new DirectoryReader(options.dataDir);
  const opened: Promise<Corpus> = options.corpus
    ? Promise.resolve(options.corpus)
    : openCorpus({ dataDir: reader.root, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  opened.catch(() => undefined);
  let indexing: { indexed: number } | undefined;
  const ready = opened.then(async (corpus) => {
    if (options.indexExisting === false || (await corpus.count()) > 0) return corpus;
    const first = await reader.ids()[Symbol.asyncIterator]().next();
    if (first.done) return corpus;
    indexing = { indexed: 0 };
    logger.info(
      { dataDir: reader.root, index: corpus.location.where },
      'indexing the articles already in the data folder',
    );
    try {
      const result = await rebuildCorpus(corpus, reader.articles(), {
        prune: false,
        onProgress: (p) => (indexing = { indexed: p.indexed }),
        onInvalid: (id, error) => logger.warn({ id, err: error.message }, 'skipping invalid article'),
      });
      logger.info({ indexed: result.indexed, invalid: result.invalid, ms: Math.round(result.elapsedMs) }, 'indexed');
    } finally {
      indexing = undefined;
    }
    return corpus;
  });
  ready.catch((error: unknown) => logger.error({ err: error }, 'the corpus index could not be opened or filled'));

  const css = readFileSync(assetUrl('viewer.css'), 'utf8');
  const script = readFileSync(assetUrl('viewer.js'), 'utf8');
  const icon = readFileSync(assetUrl('favicon.svg'), 'utf8');

  const app = new Hono();
  app.use('*', securityHeaders());
  if (isLoopback(options.host ?? '127.0.0.1')) app.use('*', loopbackOnly());
  app.use('*', csrf());

  app.get('/assets/viewer.css', (c) =>
    c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  app.get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301));
  app.get('/assets/favicon.svg', (c) =>
    c.body(icon, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' }),
  );
  app.get('/assets/viewer.js', (c) =>
    c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );

  const listState = async (c: Context) => {
    const corpus = await opened;
    const query = listQuery.parse(c.req.query());
    const filters: ListFilters = {
      q: query.q,
      entity: query.entity,
      site: query.site,
      from: query.from,
      to: query.to,
      sort: query.sort,
    };
    const [page, version, corpusSize, sites] = await Promise.all([
      corpus.articles(articleFilter(filters), { page: query.page, pageSize }),
      corpus.version(),
      corpus.count(),
      corpus.sites(),
    ]);
    const context: ListContext = { version, corpusSize, sites, ...(indexing ? { indexing } : {}) };
    return { filters, page, context };
  };
  app.get('/', async (c) => {
    const { filters, page, context } = await listState(c);
    return c.html(listPage(page, filters, context));
  });
  app.get('/partials/articles', async (c) => {
    const { filters, page, context } = await listState(c);
    return c.html(listResults(page, filters, context));
  });
  app.get('/api/version', async (c) => {
    const corpus = await opened;
    const [version, articles] = await Promise.all([corpus.version(), corpus.count()]);
    return c.json({ version, articles, ...(indexing ? { indexing: indexing.indexed } : {}) });
  });
  app.get('/api/articles', async (c) => {
    const { page } = await listState(c);
    return c.json(page);
  });

  app.get('/articles/:id', async (c) => {
    const id = c.req.param('id');
    // A document too large to parse for a page is offered as downloads only (see MAX_PAGE_JSON_BYTES).
    const bytes = isArticleId(id) ? await articleJsonSize(id) : undefined;
    if (bytes !== undefined && bytes > MAX_PAGE_JSON_BYTES) return c.html(tooLargePage(id, bytes));
    const article = await readArticle(id);
    if (!article) return c.html(notFoundPage('No article with this id.'), 404);
    return c.html(articlePage(article.id, article));
  });
  app.get('/articles/:id/:file', async (c) => {
    const id = c.req.param('id');
    const name = c.req.param('file');
    if (!Object.hasOwn(downloads, name)) return c.html(notFoundPage('No such file.'), 404);
    const content = isArticleId(id) ? await reader.file(id, name as DownloadName) : undefined;
    if (content === undefined) return c.html(notFoundPage('No article with this id.'), 404);
    const disposition = name === 'article.json' ? 'inline' : 'attachment';
    return c.body(content, 200, {
      'Content-Type': downloads[name as DownloadName],
      'Content-Disposition': `${disposition}; filename="${id}.${name.slice('article.'.length)}"`,
      'Content-Security-Policy': downloadPolicy,
    });
  });

  /** Bytes of an article's `article.json`, or undefined when it is not there. */
  async function articleJsonSize(id: string): Promise<number | undefined> {
    return stat(articleFile(reader.root, id, 'article.json')).then(
      (info) => info.size,
      () => undefined,
    );
  }

  /** A published article by id, or undefined (not an id, not there, or no longer valid: logged). */
  async function readArticle(id: string) {
    if (!isArticleId(id)) return undefined;
    return reader.read(id).catch((error: Error) => {
      logger.warn({ id, err: error.message }, 'article is not readable');
      return undefined;
    });
  }

  const months = async (corpus: Corpus) => (await corpus.sources({})).byMonth.map((m) => m.month).reverse();

  app.get('/entities', async (c) => {
    const corpus = await opened;
    const query = entitiesQuery.parse(c.req.query());
    const filters: EntitiesFilters = { label: query.label, month: query.month };
    const [page, known] = await Promise.all([
      corpus.entities(
        { ...(filters.label ? { label: filters.label } : {}), ...(filters.month ? { month: filters.month } : {}) },
        { page: query.page, pageSize },
      ),
      months(corpus),
    ]);
    return c.html(entitiesPage(page, filters, known));
  });

  const findEntity = async (corpus: Corpus, params: Record<string, string>): Promise<EntityDetail | undefined> => {
    const parsed = entityParams.safeParse(params);
    return parsed.success ? corpus.entity(parsed.data.label, parsed.data.name) : undefined;
  };

  app.get('/entities/:label/:name', async (c) => {
    const corpus = await opened;
    const entity = await findEntity(corpus, c.req.param());
    if (!entity) return c.html(notFoundPage('No article mentions this entity.'), 404);
    const sample = 1000;
    const [monthCounts, together, quotes, articles] = await Promise.all([
      corpus.entityMonths(entity),
      corpus.cooccurring(entity, { limit: 20, sample }),
      corpus.entityQuotes(entity, { pageSize: 20 }),
      corpus.entityArticles(entity, { pageSize: entityArticles }),
    ]);
    const appearances: EntityAppearance[] = await Promise.all(
      articles.items.map(async (article, i) => {
        const full = i < entitySentences ? await readArticle(article.id) : undefined;
        return { article, sentences: full ? mentionSentences(full, entity.label, entity.key) : [] };
      }),
    );
    return c.html(entityPage({ entity, months: monthCounts, together, sample, quotes, appearances, articles }));
  });

  app.get('/sources', async (c) => {
    const corpus = await opened;
    const query = sourcesQuery.parse(c.req.query());
    const filters: SourcesFilters = { site: query.site, month: query.month };
    const filter = {
      ...(filters.site ? { site: filters.site } : {}),
      ...(filters.month ? { month: filters.month } : {}),
    };
    const [report, speakers, sites, known] = await Promise.all([
      corpus.sources(filter),
      corpus.speakers(filter, { page: query.page, pageSize }),
      corpus.sites(),
      months(corpus),
    ]);
    return c.html(sourcesPage(report, speakers, filters, sites, known));
  });

  app.get('/places', async (c) => {
    const corpus = await opened;
    return c.html(placesPage(await corpus.places({ limit: mapPlaces }), mapPlaces));
  });

  app.get('/export/:file', async (c) => {
    const match = exportFile.exec(c.req.param('file'));
    const list = match ? exports[match[1]] : undefined;
    if (!match || !list) return c.html(notFoundPage('There is no such export.'), 404);
    const corpus = await opened;
    const rows = await list(corpus, c.req.query());
    if (!rows) return c.html(notFoundPage('No article mentions this entity.'), 404);
    const format = match[2] as ExportFormat;
    return new Response(
      exportStream(rows.rows as AsyncIterable<unknown>, rows.columns as ExportColumn<unknown>[], format),
      {
        headers: {
          'Content-Type': exportTypes[format],
          // The name comes from the fixed list of exports, never from the request.
          'Content-Disposition': `attachment; filename="galley-${match[1]}.${format}"`,
          'Content-Security-Policy': downloadPolicy,
          'Cache-Control': 'no-store',
        },
      },
    );
  });

  /** Each exportable list: its rows for the query, and its columns. */
  const exports: Record<
    string,
    (
      corpus: Corpus,
      query: Record<string, string>,
    ) => Promise<{ rows: AsyncIterable<unknown>; columns: ExportColumn<never>[] } | undefined>
  > = {
    articles: async (corpus, query) => {
      const q = listQuery.parse(query);
      return { rows: corpus.exportArticles(articleFilter(q)), columns: articleColumns };
    },
    entities: async (corpus, query) => {
      const q = entitiesQuery.parse(query);
      return {
        rows: corpus.exportEntities({ ...(q.label ? { label: q.label } : {}), ...(q.month ? { month: q.month } : {}) }),
        columns: entityColumns,
      };
    },
    'entity-articles': async (corpus, query) => {
      const entity = await findEntity(corpus, query);
      return entity && { rows: corpus.exportEntityArticles(entity), columns: entityArticleColumns };
    },
    'entity-quotes': async (corpus, query) => {
      const entity = await findEntity(corpus, query);
      return entity && { rows: corpus.exportEntityQuotes(entity), columns: quoteColumns };
    },
    'entity-months': async (corpus, query) => {
      const entity = await findEntity(corpus, query);
      return entity && { rows: iterate(await corpus.entityMonths(entity)), columns: monthColumns };
    },
    cooccurring: async (corpus, query) => {
      const entity = await findEntity(corpus, query);
      return (
        entity && { rows: iterate(await corpus.cooccurring(entity, { limit: 1000 })), columns: cooccurringColumns }
      );
    },
    speakers: async (corpus, query) => {
      const q = sourcesQuery.parse(query);
      return { rows: corpus.exportSpeakers(sourceFilter(q)), columns: speakerColumns };
    },
    'sources-sites': async (corpus, query) => ({
      rows: iterate((await corpus.sources(sourceFilter(sourcesQuery.parse(query)))).bySite),
      columns: siteColumns,
    }),
    'sources-months': async (corpus, query) => ({
      rows: iterate((await corpus.sources(sourceFilter(sourcesQuery.parse(query)))).byMonth),
      columns: sourceMonthColumns,
    }),
    places: async (corpus) => ({ rows: corpus.exportPlaces(), columns: placeColumns }),
  };

  app.get('/queue', async (c) => {
    const retried = c.req.query('retried');
    const flash = retried ? retryMessage(retried, c.req.query('outcome') ?? '') : '';
    return c.html(queuePage(target, await queueReader.read(), flash));
  });
  app.get('/partials/queue', async (c) => c.html(queueResults(await queueReader.read())));
  app.post('/queue/jobs/:id/retry', async (c) => {
    const id = c.req.param('id');
    const outcome = await retryJob(target, id);
    if (typeof outcome === 'object') logger.warn({ jobId: id, err: outcome.error }, 'retry failed');
    else logger.info({ jobId: id, outcome }, 'retry requested');
    const params = new URLSearchParams({
      retried: id.slice(0, 200),
      outcome: typeof outcome === 'object' ? 'error' : outcome,
    });
    return c.redirect(`/queue?${params}`, 303);
  });

  addFeedRoutes(app, target, logger);

  app.notFound((c) => c.html(notFoundPage('There is no page at this address.'), 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.html(
      layout(
        'Error',
        'none',
        html`<section class="notice error"><h1>Something went wrong</h1><p>The error was logged. <a href="/">Back to the articles</a>.</p></section>`,
      ),
      500,
    );
  });

  return {
    app,
    opened,
    ready,
    close: async () => {
      await queueReader.close();
      if (options.corpus) return;
      await ready.catch(() => undefined);
      await (await opened.catch(() => undefined))?.close();
    },
  };
}

function articleFilter(filters: Omit<ListFilters, 'page'>): ArticleFilter {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.site ? { site: filters.site } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    sort: filters.sort,
  };
}

function sourceFilter(query: { site: string; month: string }) {
  return { ...(query.site ? { site: query.site } : {}), ...(query.month ? { month: query.month } : {}) };
}

async function* iterate<T>(rows: T[]): AsyncIterable<T> {
  yield* rows;
}

const summaryColumns: ExportColumn<ArticleSummary>[] = [
  { name: 'id', value: (a) => a.id },
  { name: 'title', value: (a) => a.title },
  { name: 'site', value: (a) => a.site },
  { name: 'date', value: (a) => a.date },
  { name: 'published', value: (a) => a.published },
  { name: 'byline', value: (a) => a.byline },
  { name: 'url', value: (a) => a.url },
  { name: 'format', value: (a) => a.format },
  { name: 'sentences', value: (a) => a.sentences },
  { name: 'mentions', value: (a) => a.mentions },
  { name: 'quotes', value: (a) => a.quotes },
  { name: 'excerpt', value: (a) => a.excerpt },
];
const articleColumns: ExportColumn<ArticleSummary>[] = [
  ...summaryColumns.slice(0, 7),
  { name: 'processed', value: (a) => a.processed },
  ...summaryColumns.slice(7),
];
const entityArticleColumns: ExportColumn<EntityArticle>[] = [
  ...summaryColumns.slice(0, 4),
  { name: 'entity_mentions', value: (a) => a.entityMentions },
  ...summaryColumns.slice(4),
];
const entityColumns: ExportColumn<Awaited<ReturnType<Corpus['entities']>>['items'][number]>[] = [
  { name: 'label', value: (e) => e.label },
  { name: 'name', value: (e) => e.name },
  { name: 'key', value: (e) => e.key },
  { name: 'articles', value: (e) => e.articles },
  { name: 'mentions', value: (e) => e.mentions },
  { name: 'quotes', value: (e) => e.quotes },
  { name: 'geoname_id', value: (e) => e.geo?.geonameId },
  { name: 'country', value: (e) => e.geo?.country },
  { name: 'lat', value: (e) => e.geo?.lat },
  { name: 'lon', value: (e) => e.geo?.lon },
];
const quoteColumns: ExportColumn<QuoteRow>[] = [
  { name: 'speaker_label', value: (q) => q.speaker?.label },
  { name: 'speaker', value: (q) => q.speaker?.name },
  { name: 'quote', value: (q) => q.text },
  { name: 'article_id', value: (q) => q.article.id },
  { name: 'article_title', value: (q) => q.article.title },
  { name: 'site', value: (q) => q.article.site },
  { name: 'date', value: (q) => q.article.date },
];
const monthColumns: ExportColumn<{ month: string; articles: number; mentions: number }>[] = [
  { name: 'month', value: (m) => m.month },
  { name: 'articles', value: (m) => m.articles },
  { name: 'mentions', value: (m) => m.mentions },
];
const cooccurringColumns: ExportColumn<{ label: string; name: string; key: string; articles: number }>[] = [
  { name: 'label', value: (e) => e.label },
  { name: 'name', value: (e) => e.name },
  { name: 'key', value: (e) => e.key },
  { name: 'articles', value: (e) => e.articles },
];
const speakerColumns: ExportColumn<Awaited<ReturnType<Corpus['speakers']>>['items'][number]>[] = [
  { name: 'label', value: (s) => s.speaker.label },
  { name: 'speaker', value: (s) => s.speaker.name },
  { name: 'key', value: (s) => s.speaker.key },
  { name: 'quotes', value: (s) => s.quotes },
];
const totalsColumns: ExportColumn<{ articles: number; quotes: number; unknown: number }>[] = [
  { name: 'articles', value: (t) => t.articles },
  { name: 'quotes', value: (t) => t.quotes },
  { name: 'unknown_speaker', value: (t) => t.unknown },
  { name: 'unknown_share', value: (t) => (t.quotes ? +(t.unknown / t.quotes).toFixed(4) : undefined) },
];
const siteColumns: ExportColumn<{ site: string; articles: number; quotes: number; unknown: number }>[] = [
  { name: 'site', value: (s) => s.site },
  ...totalsColumns,
];
const sourceMonthColumns: ExportColumn<{ month: string; articles: number; quotes: number; unknown: number }>[] = [
  { name: 'month', value: (s) => s.month },
  ...totalsColumns,
];
const placeColumns: ExportColumn<Awaited<ReturnType<Corpus['places']>>[number]>[] = [
  { name: 'label', value: (p) => p.label },
  { name: 'name', value: (p) => p.name },
  { name: 'key', value: (p) => p.key },
  { name: 'geoname_id', value: (p) => p.geo.geonameId },
  { name: 'country', value: (p) => p.geo.country },
  { name: 'lat', value: (p) => p.geo.lat },
  { name: 'lon', value: (p) => p.geo.lon },
  { name: 'mentions', value: (p) => p.mentions },
  { name: 'articles', value: (p) => p.articles },
];

function notFoundPage(message: string) {
  return layout(
    'Not found',
    'none',
    html`<section class="notice"><h1>Not found</h1><p>${message} <a href="/">Back to the articles</a>.</p></section>`,
  );
}

function retryMessage(jobId: string, outcome: string): string {
  const messages: Record<string, string> = {
    retried: `Job ${jobId} is waiting to run again.`,
    'not-found': `Job ${jobId} no longer exists.`,
    'not-failed': `Job ${jobId} is not failed any more; nothing to retry.`,
    'invalid-id': 'That is not a job id.',
  };
  return messages[outcome] ?? `Could not retry job ${jobId}; see the viewer's log.`;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`createApp: ${name} must be a positive integer, got ${value}`);
  return value;
}
