import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { errorCode } from '@galley/document';
import {
  MAX_JOB_SOURCE_BYTES,
  articleJobData,
  articleJobId,
  articleJobOptions,
  formatFromContentType,
  type ArticleJobData,
  type JobOptionsOverrides,
} from '@galley/queue';
import { canonicalUrl } from './canonical-url.js';
import { HostLimiter } from './host-limiter.js';
import { httpGet, statusWords, userAgent, type HttpAnswer, type HttpGetOptions } from './http-get.js';
import { parseFeed, type FeedItem, type ParsedFeed } from './parse-feed.js';
import { RobotsCache } from './robots.js';
import { fingerprint } from './seen-set.js';
import { DEFAULT_SEEN_PER_FEED, type FeedConfig, type FeedState, type FeedStore } from './store.js';

/** Options for {@link FeedPoller}; every field has a default. */
export interface FeedPollerOptions extends JobOptionsOverrides {
  /** URL in the `User-Agent`, where site owners read about the crawler or write (default none). */
  contactUrl?: string;
  /** Requests at once per host (default 2). */
  perHost?: number;
  /** Least time between two requests to one host, ms (default 1000). */
  gapMs?: number;
  /** Time limit per request, ms (default 10000). */
  timeoutMs?: number;
  /** Largest feed or sitemap read, bytes (default 10 MB); larger ones are refused. */
  maxFeedBytes?: number;
  /** Items remembered per feed (default {@link DEFAULT_SEEN_PER_FEED}). */
  seenPerFeed?: number;
  /** New items taken per poll (default 100); the rest wait for the next poll. */
  maxNewPerPoll?: number;
  /** Child sitemaps read per poll of a sitemap index (default 20). */
  maxSitemaps?: number;
  /** Checks an article's bytes before it is queued, as `enqueueArticles`' `check`. */
  check?: (bytes: Uint8Array) => void;
  /** Logger for one line per poll (default: none). */
  logger?: Logger;
}

/** What one poll did, in numbers and in words. */
export interface PollReport {
  feed: string;
  /** `2 new items queued`, `not modified`, or what went wrong. */
  result: string;
  queued: number;
  skipped: number;
  failed: number;
  /** Set when the poll failed as a whole. */
  error?: string;
}

type ItemOutcome =
  | { kind: 'queued' | 'duplicate' | 'elsewhere' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string };

/** Statuses that ask a client to come back later (with `Retry-After` when the server knows when). */
const BUSY = new Set([429, 503]);
/** Statuses after which a story is gone or closed to us: skipped for good, not retried. */
const GONE = new Set([401, 403, 404, 410, 451]);
/** Longest wait after a busy answer or repeated failures. */
const MAX_BACKOFF_MS = 6 * 3_600_000;

/**
 * Polls feeds: a conditional GET of the feed, then for each item not seen before (by GUID or
 * canonical URL, in this feed or, by URL, in any other) a polite fetch of the story and an
 * article job with its URL and the feed's hints. Every request goes through one per-host limiter
 * and the robots.txt rules of the story's site. A failure is recorded in the feed's state in
 * words and never thrown; only Redis errors escape.
 */
export class FeedPoller {
  readonly #store: FeedStore;
  readonly #queue: Queue<ArticleJobData>;
  readonly #options: FeedPollerOptions;
  readonly #hosts: HostLimiter;
  readonly #userAgent: string;
  readonly #robots = new Map<boolean, RobotsCache>();

  constructor(store: FeedStore, articleQueue: Queue<ArticleJobData>, options: FeedPollerOptions = {}) {
    this.#store = store;
    this.#queue = articleQueue;
    this.#options = options;
    this.#hosts = new HostLimiter({
      ...(options.perHost !== undefined ? { perHost: options.perHost } : {}),
      ...(options.gapMs !== undefined ? { gapMs: options.gapMs } : {}),
    });
    this.#userAgent = userAgent(options.contactUrl);
  }

  /** Poll one feed now and record the outcome in its state. */
  async poll(config: FeedConfig): Promise<PollReport> {
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    const release = await this.#store.lock(config.id, Math.max(10 * timeoutMs, 120_000));
    if (!release) return report(config, 'skipped: a poll of this feed is already running');
    try {
      const outcome = await this.#pollLocked(config);
      this.#options.logger?.info({ feed: config.name, result: outcome.result }, 'feed polled');
      return outcome;
    } finally {
      await release();
    }
  }

  async #pollLocked(config: FeedConfig): Promise<PollReport> {
    const state = await this.#store.state(config.id);
    const now = Date.now();
    if (state.retryAfter && Date.parse(state.retryAfter) > now)
      return report(config, `waiting until ${state.retryAfter}, as the server asked`);
    const http = this.#http(config);
    let answer: HttpAnswer;
    try {
      answer = await this.#hosts.run(config.url, () =>
        httpGet(config.url, {
          ...http,
          maxBytes: this.#maxFeedBytes,
          headers: {
            accept:
              'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
            ...(state.etag ? { 'if-none-match': state.etag } : {}),
            ...(state.lastModified ? { 'if-modified-since': state.lastModified } : {}),
          },
        }),
      );
    } catch (error) {
      return this.#fail(config, state, reasonOf(error));
    }
    if (answer.status === 304) return this.#settle(config, state, 'not modified');
    if (BUSY.has(answer.status)) {
      const waitMs = retryAfterMs(answer.headers['retry-after'], now) ?? backoffMs(config, state.failures);
      const until = new Date(now + Math.min(waitMs, MAX_BACKOFF_MS)).toISOString();
      return this.#fail(
        config,
        { ...state, retryAfter: until },
        `${statusWords(answer.status)}; next try after ${until}`,
      );
    }
    if (answer.status !== 200) return this.#fail(config, state, statusWords(answer.status));
    const validators = {
      ...(typeof answer.headers.etag === 'string' ? { etag: answer.headers.etag } : {}),
      ...(answer.headers['last-modified'] ? { lastModified: answer.headers['last-modified'] } : {}),
    };
    const bodyHash = createHash('sha256').update(answer.body).digest('hex');
    const fresh: FeedState = { ...without(state, 'etag', 'lastModified', 'retryAfter'), ...validators, bodyHash };
    // A server without validators sends the same bytes again: nothing to parse.
    if (bodyHash === state.bodyHash) return this.#settle(config, fresh, 'unchanged');
    let feed: ParsedFeed;
    try {
      feed = parseFeed(decode(answer), answer.url);
      if (feed.format === 'sitemap-index') feed = await this.#readSitemaps(feed, http);
    } catch (error) {
      // Parse again next time: the bytes may be fine once the site is fixed or we are.
      return this.#fail(config, without(fresh, 'bodyHash'), reasonOf(error));
    }
    return this.#takeItems(
      config,
      { ...fresh, format: feed.format, ...(feed.title ? { title: feed.title } : {}) },
      feed,
    );
  }

  async #takeItems(config: FeedConfig, state: FeedState, feed: ParsedFeed): Promise<PollReport> {
    const seen = await this.#store.seen(config.id);
    const fresh: Array<{ item: FeedItem; keys: string[]; urlKey: string }> = [];
    for (const item of feed.items) {
      const urlKey = fingerprint('url', canonicalUrl(item.url) ?? item.url);
      const keys = item.guid ? [urlKey, fingerprint('guid', item.guid)] : [urlKey];
      if (seen.hasAny(keys)) seen.touch(keys);
      else if (!fresh.some((f) => f.urlKey === urlKey)) fresh.push({ item, keys, urlKey });
    }
    const taken = fresh.slice(0, this.#options.maxNewPerPoll ?? 100);
    const owned = await this.#store.claim(
      taken.map((f) => f.urlKey),
      config.id,
    );
    const outcomes = await Promise.all(
      taken.map(async (f, i): Promise<ItemOutcome> =>
        owned[i] ? this.#takeItem(config, f.item) : { kind: 'elsewhere' },
      ),
    );
    const count = { queued: 0, duplicate: 0, elsewhere: 0, skipped: 0, failed: 0 };
    let lastSkip: string | undefined;
    outcomes.forEach((outcome, i) => {
      count[outcome.kind]++;
      if (outcome.kind === 'failed' || outcome.kind === 'skipped') lastSkip = `${taken[i].item.url}: ${outcome.reason}`;
      // A failure that may pass (a 500, a timeout) leaves the item unseen, to be tried next poll.
      if (outcome.kind !== 'failed') seen.touch(taken[i].keys);
    });
    const words = [
      `${count.queued} new ${count.queued === 1 ? 'item' : 'items'} queued`,
      count.duplicate ? `${count.duplicate} already in the queue` : '',
      count.elsewhere ? `${count.elsewhere} already taken from another feed` : '',
      count.skipped ? `${count.skipped} skipped` : '',
      count.failed ? `${count.failed} failed (tried again next poll)` : '',
      fresh.length > taken.length ? `${fresh.length - taken.length} left for the next poll` : '',
      feed.damage ? `read despite ${feed.damage}` : '',
    ].filter(Boolean);
    const stored = seen.serialize(this.#options.seenPerFeed ?? DEFAULT_SEEN_PER_FEED);
    const next: FeedState = {
      ...without(state, 'error'),
      failures: 0,
      lastPollAt: new Date().toISOString(),
      lastResult: words.join(', '),
      itemsQueued: state.itemsQueued + count.queued,
      itemsSkipped: state.itemsSkipped + count.skipped,
      itemsSeen: state.itemsSeen + taken.length - count.failed,
      ...(count.queued ? { lastNewItemAt: new Date().toISOString() } : {}),
      ...(lastSkip ? { lastSkip } : {}),
    };
    const allFailed = taken.length > 0 && count.failed + count.skipped === taken.length;
    if (allFailed) {
      next.error = `every new item failed; the last: ${lastSkip}`;
      next.failures = state.failures + 1;
    }
    await this.#store.savePoll(config.id, next, stored);
    return {
      feed: config.name,
      result: next.lastResult ?? '',
      queued: count.queued,
      skipped: count.skipped,
      failed: count.failed,
      ...(next.error ? { error: next.error } : {}),
    };
  }

  async #takeItem(config: FeedConfig, item: FeedItem): Promise<ItemOutcome> {
    const http = this.#http(config);
    const verdict = await this.#robotsFor(config).check(item.url, (url, task) => this.#hosts.run(url, task));
    if (!verdict.allowed) return { kind: verdict.later ? 'failed' : 'skipped', reason: verdict.reason };
    let answer: HttpAnswer;
    try {
      answer = await this.#hosts.run(item.url, () =>
        httpGet(item.url, {
          ...http,
          maxBytes: MAX_JOB_SOURCE_BYTES,
          headers: { accept: 'text/html, text/markdown, text/plain;q=0.9, */*;q=0.1' },
        }),
      );
    } catch (error) {
      const code = errorCode(error);
      const permanent = code === 'GALLEY_INPUT_TOO_LARGE' || code === 'GALLEY_FETCH_REFUSED';
      return { kind: permanent ? 'skipped' : 'failed', reason: reasonOf(error) };
    }
    if (answer.status !== 200)
      return { kind: GONE.has(answer.status) ? 'skipped' : 'failed', reason: statusWords(answer.status) };
    const format = formatFromContentType(answer.headers['content-type']);
    let data: ArticleJobData;
    try {
      this.#options.check?.(answer.body);
      // Throws when the job would be over the queue's size cap, as `galley queue` refuses it.
      data = articleJobData(item.url, answer.body, {
        url: answer.url,
        ...(format ? { format } : {}),
        hints: {
          feed: config.name,
          ...(item.title ? { title: item.title.slice(0, 1000) } : {}),
          ...(item.published ? { published: item.published } : {}),
          ...(item.author ? { author: item.author.slice(0, 500) } : {}),
        },
      });
    } catch (error) {
      return { kind: 'skipped', reason: reasonOf(error) };
    }
    const jobId = articleJobId(answer.body, data);
    if (await this.#queue.getJob(jobId)) return { kind: 'duplicate' };
    // Named after the article, as `galley queue` names its jobs (the queue page reads the name).
    await this.#queue.add(data.name, data, { ...articleJobOptions(this.#options), jobId });
    return { kind: 'queued' };
  }

  /** A sitemap index's children, read one after another, as one list of items. */
  async #readSitemaps(index: ParsedFeed, http: Omit<HttpGetOptions, 'maxBytes'>): Promise<ParsedFeed> {
    const items: FeedItem[] = [];
    const problems: string[] = [];
    for (const url of index.sitemaps.slice(0, this.#options.maxSitemaps ?? 20)) {
      try {
        const answer = await this.#hosts.run(url, () => httpGet(url, { ...http, maxBytes: this.#maxFeedBytes }));
        if (answer.status !== 200) throw new Error(statusWords(answer.status));
        items.push(...parseFeed(decode(answer), answer.url).items);
      } catch (error) {
        problems.push(`${url}: ${reasonOf(error)}`);
      }
    }
    if (!items.length && problems.length) throw new Error(`no child sitemap could be read (${problems[0]})`);
    return { ...index, items, ...(problems.length ? { damage: `${problems.length} child sitemaps unreadable` } : {}) };
  }

  get #maxFeedBytes(): number {
    return this.#options.maxFeedBytes ?? 10 * 1024 * 1024;
  }

  #http(config: FeedConfig): Omit<HttpGetOptions, 'maxBytes'> {
    return {
      userAgent: this.#userAgent,
      allowPrivate: config.allowPrivate === true,
      timeoutMs: this.#options.timeoutMs ?? 10_000,
    };
  }

  /** One robots.txt cache per address policy, so an intranet feed's rules never serve a public one. */
  #robotsFor(config: FeedConfig): RobotsCache {
    const allowPrivate = config.allowPrivate === true;
    let cache = this.#robots.get(allowPrivate);
    if (!cache) {
      cache = new RobotsCache(this.#http(config));
      this.#robots.set(allowPrivate, cache);
    }
    return cache;
  }

  async #settle(config: FeedConfig, state: FeedState, result: string): Promise<PollReport> {
    const next: FeedState = {
      ...without(state, 'error', 'retryAfter'),
      failures: 0,
      lastPollAt: new Date().toISOString(),
      lastResult: result,
    };
    await this.#store.savePoll(config.id, next);
    return report(config, result);
  }

  async #fail(config: FeedConfig, state: FeedState, error: string): Promise<PollReport> {
    const next: FeedState = {
      ...state,
      failures: state.failures + 1,
      lastPollAt: new Date().toISOString(),
      lastResult: `failed: ${error}`,
      error,
    };
    await this.#store.savePoll(config.id, next);
    this.#options.logger?.warn({ feed: config.name, error }, 'feed poll failed');
    return { ...report(config, `failed: ${error}`), error };
  }
}

function report(config: FeedConfig, result: string): PollReport {
  return { feed: config.name, result, queued: 0, skipped: 0, failed: 0 };
}

function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/** An error's reason in words: a FetchError's reason without the URL, else the message. */
function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string') return error.reason;
  return error instanceof Error ? error.message : String(error);
}

/** `Retry-After` in ms from now: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Without `Retry-After`: the interval doubled per failure in a row. */
function backoffMs(config: FeedConfig, failures: number): number {
  return config.everyMs * 2 ** Math.min(failures, 10);
}

/** The body as text, in the charset its `Content-Type` names (UTF-8 by default). */
function decode(answer: HttpAnswer): string {
  const charset = /charset="?([\w-]+)/i.exec(answer.headers['content-type'] ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(answer.body);
  } catch {
    return new TextDecoder('utf-8').decode(answer.body);
  }
}
