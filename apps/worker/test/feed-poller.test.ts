import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { parseArticle } from '@galley/document';
import { FeedSchedule, FeedStore, type FeedConfig } from '@galley/feeds';
import { parseJobData, parseJobResult, workerConnectionOptions } from '@galley/queue';
import { type FeedPollerHandle, type WorkerHandle, startFeedPoller, startWorker } from '@galley/worker';
import { inspectQueue, quietLogger, randomQueueName, redisUrl, tempDir, waitForJobs } from './helpers.js';

/** A site on a loopback address: routes by path, a count of requests per path. */
class Site {
  readonly routes = new Map<string, (response: http.ServerResponse, request: http.IncomingMessage) => void>();
  readonly hits = new Map<string, number>();
  readonly #server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    this.hits.set(url, (this.hits.get(url) ?? 0) + 1);
    const route = this.routes.get(url);
    if (route) route(response, request);
    else response.writeHead(404).end();
  });
  origin = '';

  async start(host: string): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, host, resolve));
    this.origin = `http://${host}:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  page(path: string, body: string, type = 'text/html', headers: Record<string, string> = {}): void {
    this.routes.set(path, (response) => response.writeHead(200, { 'content-type': type, ...headers }).end(body));
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

const story = (title: string, place: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>The council in ${place} said on Monday that ${title.toLowerCase()} after a vote of its members.</p><p>The change takes effect next month, officials said.</p></article></body></html>`;

const rss = (items: ReadonlyArray<{ link: string; title: string; guid?: string; author?: string; date?: string }>) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Test</title>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}${
          i.author ? `<dc:creator>${i.author}</dc:creator>` : ''
        }${i.date ? `<pubDate>${i.date}</pubDate>` : ''}</item>`,
    )
    .join('')}</channel></rss>`;

let queueName: string;
let out: Awaited<ReturnType<typeof tempDir>>;
let inspector: ReturnType<typeof inspectQueue>;
let redis: Redis;
let store: FeedStore;
let schedule: FeedSchedule;
let site: Site;
let poller: FeedPollerHandle | undefined;
let worker: WorkerHandle | undefined;

beforeEach(async () => {
  queueName = randomQueueName();
  out = await tempDir();
  inspector = inspectQueue(queueName);
  redis = new Redis(redisUrl);
  store = new FeedStore(redis, queueName);
  schedule = new FeedSchedule(queueName, workerConnectionOptions(redisUrl));
  site = await new Site().start('127.0.0.1');
});

afterEach(async () => {
  await poller?.close();
  await worker?.close();
  poller = worker = undefined;
  await site.stop();
  await schedule.queue.obliterate({ force: true });
  await schedule.close();
  const keys = await redis.keys(`${store.prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await inspector.drop();
  await out.remove();
});

/** Follow a feed as `galley feeds add --allow-private-urls` does. */
async function follow(url: string, name: string): Promise<FeedConfig> {
  const { config } = await store.add(url, { name, everyMs: 60_000, allowPrivate: true });
  await schedule.upsert(config);
  return config;
}

/** Wait until a feed's state says it was polled `times` times in all (its scheduler runs at once). */
async function polled(config: FeedConfig, since = ''): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const state = await store.state(config.id);
    if (state.lastPollAt && state.lastPollAt > since) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${config.name} was not polled`);
}

describe('following feeds through the worker', () => {
  it('processes each story once: two feeds carrying one story, robots.txt, a second poll and a 304', async () => {
    site.page('/robots.txt', 'User-agent: *\nDisallow: /members/\n', 'text/plain');
    site.page('/news/ferry', story('Ferry fares will rise', 'Kirkwall'));
    site.page('/news/library', story('Library hours will grow', 'Stromness'));
    site.page('/members/secret', story('Members only', 'Nowhere'));
    const one = rss([
      {
        link: `${site.origin}/news/ferry`,
        title: 'Ferry fares',
        guid: 'f1',
        author: 'Ada Moreno',
        date: 'Mon, 07 Dec 2026 08:30:00 GMT',
      },
      { link: `${site.origin}/members/secret`, title: 'Secret', guid: 's1' },
    ]);
    site.page('/one.xml', one, 'application/rss+xml', { etag: '"one-v1"' });
    site.routes.set('/one.xml', (response, request) => {
      if (request.headers['if-none-match'] === '"one-v1"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"one-v1"' }).end(one);
    });
    site.page(
      '/two.json',
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Two',
        items: [
          { id: 'x1', url: `${site.origin}/news/ferry/?utm_source=json`, title: 'Ferry fares (again)' },
          { id: 'x2', url: `${site.origin}/news/library`, title: 'Library' },
        ],
      }),
      'application/feed+json',
    );
    const feedOne = await follow(`${site.origin}/one.xml`, 'one');
    poller = await startFeedPoller({ redisUrl, queueName, gapMs: 0, logger: quietLogger });
    await polled(feedOne);
    // The second feed is added only once the first was read, so which feed takes the shared story is known.
    const feedTwo = await follow(`${site.origin}/two.json`, 'two');
    await polled(feedTwo);
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger, index: false });

    const jobs = await inspector.queue.getJobs(['waiting', 'active', 'completed', 'failed']);
    const urls = jobs.map((job) => parseJobData(job.data).url).sort();
    expect(urls).toEqual([`${site.origin}/news/ferry`, `${site.origin}/news/library`]);
    expect([site.hits.get('/news/ferry'), site.hits.get('/news/library'), site.hits.get('/members/secret')]).toEqual([
      1,
      1,
      undefined,
    ]);
    expect((await store.state(feedOne.id)).lastSkip).toBe(
      `${site.origin}/members/secret: ${site.origin}/robots.txt disallows it`,
    );
    expect((await store.state(feedTwo.id)).lastResult).toBe('1 new item queued, 1 already taken from another feed');

    const done = await waitForJobs(
      inspector.queue,
      jobs.map((job) => job.id as string),
      120_000,
    );
    expect(done.map((job) => job.failedReason)).toEqual([undefined, undefined]);
    const ferryJob = done.find((job) => parseJobData(job.data).url === `${site.origin}/news/ferry`);
    const result = parseJobResult(ferryJob?.returnvalue);
    const article = parseArticle(JSON.parse(await readFile(path.join(result.location, 'article.json'), 'utf8')));
    expect(article.source).toMatchObject({ url: `${site.origin}/news/ferry`, feed: 'one' });
    expect(article).toMatchObject({
      title: 'Ferry fares will rise',
      byline: 'Ada Moreno',
      published: '2026-12-07T08:30:00.000Z',
    });

    // Polled again: the feed answers 304 and no story is fetched; the JSON feed is unchanged.
    const before = new Date().toISOString();
    await poller.worker.pause();
    await schedule.upsert({ ...feedOne, everyMs: 61_000 });
    await schedule.upsert({ ...feedTwo, everyMs: 61_000 });
    poller.worker.resume();
    await polled(feedOne, before);
    await polled(feedTwo, before);
    expect((await store.state(feedOne.id)).lastResult).toBe('not modified');
    expect((await store.state(feedTwo.id)).lastResult).toBe('unchanged');
    expect(site.hits.get('/news/ferry')).toBe(1);
    expect(await inspector.queue.getJobCounts('waiting', 'completed')).toMatchObject({ waiting: 0, completed: 2 });
  }, 180_000);

  it('does not let a slow host hold up the others', async () => {
    const slow = await new Site().start('127.0.0.2');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The slow host answers only when the test lets it: no timing involved.
    slow.routes.set('/feed.xml', (response) => void held.then(() => response.writeHead(200).end(rss([]))));
    site.page('/news/ferry', story('Ferry fares will rise', 'Kirkwall'));
    site.page('/fast.xml', rss([{ link: `${site.origin}/news/ferry`, title: 'Ferry' }]), 'application/rss+xml');
    try {
      const slowFeed = await follow(`${slow.origin}/feed.xml`, 'slow');
      poller = await startFeedPoller({ redisUrl, queueName, gapMs: 0, logger: quietLogger });
      for (let i = 0; i < 200 && !slow.hits.get('/feed.xml'); i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(slow.hits.get('/feed.xml')).toBe(1);
      const fastFeed = await follow(`${site.origin}/fast.xml`, 'fast');
      await polled(fastFeed);
      expect((await store.state(fastFeed.id)).lastResult).toBe('1 new item queued');
      expect((await store.state(slowFeed.id)).lastPollAt).toBeUndefined();
      release();
      await polled(slowFeed);
    } finally {
      release();
      await poller?.close();
      poller = undefined;
      await slow.stop();
    }
  }, 60_000);
});
