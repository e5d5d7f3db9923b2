import { readFileSync } from 'node:fs';
import { entityLabels } from '@galley/document';
import { DEFAULT_QUEUE_NAME, DEFAULT_REDIS_URL, validateQueueName, validateRedisUrl } from '@galley/queue';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { html } from 'hono/html';
import { type Logger, destination, pino } from 'pino';
import { findAppearance } from './appearances.js';
import { ArticleStore, type ArticleSummary } from './article-store.js';
import { type QueueTarget, readQueue, retryJob } from './queue-client.js';
import { downloadPolicy, isLoopback, loopbackOnly, securityHeaders } from './security.js';
import { articlePage } from './views/article.js';
import { type EntityAppearance, entityPage } from './views/entity.js';
import { layout } from './views/layout.js';
import { type ListFilters, listPage, listResults } from './views/list.js';
import { queuePage, queueResults } from './views/queue.js';

/** Options of {@link createApp} and `startViewer`. */
export interface ViewerOptions {
  /** Directory of published articles (`<dir>/<id>/article.json`). Required. */
  dataDir: string;
  /** Redis for the queue page. Default `redis://127.0.0.1:6379`. */
  redisUrl?: string;
  /** Queue the queue page shows. Default `galley-articles`. */
  queueName?: string;
  /**
   * Address the server listens on. Default `127.0.0.1`. On a loopback address the app also
   * refuses requests whose Host header is not a loopback name (DNS rebinding).
   */
  host?: string;
  /** Articles per list page. Default 50. */
  pageSize?: number;
  /** Minimum milliseconds between two quick checks of the data directory for new articles. Default 1000. */
  refreshMs?: number;
  /** Minimum milliseconds between two full scans (articles re-published in place). Default 15000. */
  fullScanMs?: number;
  /** Articles shown on an entity page (newest first). Default 50. */
  entityArticles?: number;
  /** Where logs go. Default: pino at `info` on standard error. */
  logger?: Logger;
}

/** A viewer app: the Hono app plus the index behind it. */
export interface ViewerApp {
  app: Hono;
  store: ArticleStore;
}

const downloads = {
  'article.json': 'application/json; charset=utf-8',
  'article.md': 'text/markdown; charset=utf-8',
  // Published HTML is the article's own rendering: served as text so it can never run here.
  'article.html': 'text/plain; charset=utf-8',
} as const;
type DownloadName = keyof typeof downloads;

const assetUrl = (name: string) => new URL(`../../static/${name}`, import.meta.url);

/**
 * Build the viewer: server-rendered pages over an in-memory index of `dataDir`, testable with
 * `app.request()`. Nothing is read from disk but `<dataDir>/<id>/article.*` for ids the index
 * found by listing the directory.
 */
export function createApp(options: ViewerOptions): ViewerApp {
  if (!options?.dataDir) throw new TypeError('createApp: options.dataDir is required');
  const logger = options.logger ?? pino({ name: 'galley-viewer' }, destination(2));
  const pageSize = positive(options.pageSize, 50, 'pageSize');
  const entityArticles = positive(options.entityArticles, 50, 'entityArticles');
  const target: QueueTarget = {
    redisUrl: validateRedisUrl(options.redisUrl ?? DEFAULT_REDIS_URL),
    queueName: validateQueueName(options.queueName ?? DEFAULT_QUEUE_NAME),
  };
  const store = new ArticleStore(options.dataDir, {
    logger,
    ...(options.refreshMs !== undefined ? { refreshMs: options.refreshMs } : {}),
    ...(options.fullScanMs !== undefined ? { fullScanMs: options.fullScanMs } : {}),
  });
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

  const listState = async (query: Record<string, string>) => {
    await store.refresh();
    const filters: ListFilters = {
      q: (query.q ?? '').trim().slice(0, 500),
      entity: (query.entity ?? '').trim().slice(0, 200),
    };
    const page = store.list({ q: filters.q, entity: filters.entity, page: Number(query.page) || 1, pageSize });
    return { filters, page };
  };
  app.get('/', async (c) => {
    const { filters, page } = await listState(c.req.query());
    return c.html(listPage(page, filters, store.version, store.size));
  });
  app.get('/partials/articles', async (c) => {
    const { filters, page } = await listState(c.req.query());
    return c.html(listResults(page, filters, store.version, store.size));
  });
  app.get('/api/version', async (c) => {
    await store.refresh();
    return c.json({ version: store.version, articles: store.size });
  });
  app.get('/api/articles', async (c) => {
    const { page } = await listState(c.req.query());
    return c.json({ ...page, items: page.items.map(publicSummary) });
  });

  app.get('/articles/:id', async (c) => {
    await store.refresh();
    const id = c.req.param('id');
    const article = await store.article(id);
    if (!article) return c.html(notFoundPage('No article with this id.'), 404);
    return c.html(articlePage(id, article));
  });
  app.get('/articles/:id/:file', async (c) => {
    await store.refresh();
    const id = c.req.param('id');
    const name = c.req.param('file');
    if (!Object.hasOwn(downloads, name)) return c.html(notFoundPage('No such file.'), 404);
    const content = await store.file(id, name as DownloadName);
    if (content === undefined) return c.html(notFoundPage('No article with this id.'), 404);
    const disposition = name === 'article.json' ? 'inline' : 'attachment';
    return c.body(content, 200, {
      'Content-Type': downloads[name as DownloadName],
      'Content-Disposition': `${disposition}; filename="${id}.${name.slice('article.'.length)}"`,
      'Content-Security-Policy': downloadPolicy,
    });
  });

  app.get('/entities/:label/:name', async (c) => {
    await store.refresh();
    const label = c.req.param('label');
    const name = c.req.param('name');
    const group = (entityLabels as readonly string[]).includes(label) ? store.entity(label, name) : undefined;
    if (!group) return c.html(notFoundPage('No article mentions this entity.'), 404);
    const appearances: EntityAppearance[] = [];
    for (const id of group.articleIds.slice(0, entityArticles)) {
      const summary = store.summary(id);
      const article = await store.article(id);
      if (summary && article) appearances.push(findAppearance(summary, article, group.key));
    }
    return c.html(entityPage(group, appearances, Math.max(0, group.articleIds.length - entityArticles)));
  });

  app.get('/queue', async (c) => {
    const retried = c.req.query('retried');
    const flash = retried ? retryMessage(retried, c.req.query('outcome') ?? '') : '';
    return c.html(queuePage(target, await readQueue(target), flash));
  });
  app.get('/partials/queue', async (c) => c.html(queueResults(await readQueue(target))));
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

  // Index at once, so the first page is fast and bad files are logged at start.
  store.refresh(true).catch((error: unknown) => logger.error({ err: error }, 'initial scan failed'));
  return { app, store };
}

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

function publicSummary(s: ArticleSummary) {
  return {
    id: s.id,
    title: s.title,
    format: s.format,
    byline: s.byline,
    published: s.published,
    processedAt: s.processedAt,
    sentences: s.sentences,
    quotes: s.quotes,
    mentions: s.mentions,
    mentionsByLabel: s.mentionsByLabel,
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`createApp: ${name} must be a positive integer, got ${value}`);
  return value;
}
