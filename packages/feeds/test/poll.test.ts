import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  DEFAULT_REDIS_URL,
  QUEUE_PREFIX,
  parseJobData,
  workerConnectionOptions,
  type ArticleJobData,
} from '@galley/queue';
import { randomQueueName } from '@galley/queue/testing';
import { FeedPoller, FeedStore, type FeedConfig, type FeedPollerOptions } from '../src/index.js';
import { TestSite, article, rss } from './helpers/site.js';

const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
let redis: Redis;
let queueName: string;
let queue: Queue<ArticleJobData>;
let store: FeedStore;
let site: TestSite;

beforeEach(async () => {
  queueName = randomQueueName();
  redis = new Redis(redisUrl);
  queue = new Queue<ArticleJobData>(queueName, { connection: workerConnectionOptions(redisUrl), prefix: QUEUE_PREFIX });
  store = new FeedStore(redis, queueName);
  site = await new TestSite().start();
});

afterEach(async () => {
  await site.stop();
  await queue.obliterate({ force: true });
  await queue.close();
  const keys = await redis.keys(`${store.prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const poller = (options: FeedPollerOptions = {}) => new FeedPoller(store, queue, { gapMs: 0, ...options });
const follow = async (path: string, name = 'test'): Promise<FeedConfig> =>
  (await store.add(site.url(path), { name, everyMs: 60_000, allowPrivate: true })).config;
const jobs = async () => (await queue.getJobs(['waiting'])).map((job) => parseJobData(job.data));

describe('FeedPoller', () => {
  it('queues each new item once, with the feed hints, and nothing on the next poll', async () => {
    site.routes.set('/rss', {
      body: rss(site, [
        ['/a', 'Ferry fares'],
        ['/b', 'Library hours'],
      ]),
      type: 'application/rss+xml',
    });
    site.routes.set('/a', { body: article('Ferry fares') });
    site.routes.set('/b', { body: article('Library hours') });
    const feed = await follow('/rss', 'gazette');
    const first = await poller().poll(feed);
    expect(first).toMatchObject({ feed: 'gazette', queued: 2, result: '2 new items queued' });
    const data = await jobs();
    expect(data.map((d) => d.url).sort()).toEqual([site.url('/a'), site.url('/b')]);
    expect(data.find((d) => d.url === site.url('/a'))?.hints).toEqual({ feed: 'gazette', title: 'Ferry fares' });
    // The feed gained an item and re-ordered (a changed body): only the new one is fetched.
    site.routes.set('/rss', {
      body: rss(site, [
        ['/c', 'New story'],
        ['/b', 'Library hours'],
        ['/a', 'Ferry fares'],
      ]),
    });
    site.routes.set('/c', { body: article('New story') });
    const second = await poller().poll(feed);
    expect(second).toMatchObject({ queued: 1 });
    expect([site.hits.get('/a'), site.hits.get('/b'), site.hits.get('/c')]).toEqual([1, 1, 1]);
    const state = await store.state(feed.id);
    expect(state).toMatchObject({ itemsQueued: 3, itemsSeen: 3, format: 'rss', title: 'Test feed', failures: 0 });
    expect(state.lastNewItemAt).toBeDefined();
  });

  it('recognises an item by its canonical URL even with a new GUID and tracking parameters', async () => {
    site.routes.set('/a', { body: article('Ferry fares') });
    site.routes.set('/rss', { body: rss(site, [['/a', 'Ferry fares']]) });
    const feed = await follow('/rss');
    await poller().poll(feed);
    site.routes.set('/rss', {
      body: rss(site, [['/a', 'Ferry fares']])
        .replace('<guid>/a</guid>', '<guid>other-id</guid>')
        .replace(site.url('/a'), `${site.url('/a/')}?utm_source=x`),
    });
    expect(await poller().poll(feed)).toMatchObject({ queued: 0, result: '0 new items queued' });
    expect(site.hits.get('/a')).toBe(1);
  });

  it('sends the validators back and fetches nothing after a 304', async () => {
    site.routes.set('/a', { body: article('Ferry fares') });
    const body = rss(site, [['/a', 'Ferry fares']]);
    site.routes.set('/rss', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end(body);
    });
    const feed = await follow('/rss');
    await poller().poll(feed);
    const hitsBefore = site.requests.length;
    expect(await poller().poll(feed)).toMatchObject({ result: 'not modified', queued: 0 });
    expect(site.requests.length).toBe(hitsBefore + 1);
    expect((await store.state(feed.id)).lastResult).toBe('not modified');
  });

  it('skips an item robots.txt disallows, with the reason, and names Galley in the User-Agent', async () => {
    site.routes.set('/robots.txt', { body: 'User-agent: Galley\nDisallow: /private/\n', type: 'text/plain' });
    site.routes.set('/rss', {
      body: rss(site, [
        ['/private/x', 'Hidden'],
        ['/public', 'Open'],
      ]),
    });
    site.routes.set('/public', { body: article('Open') });
    site.routes.set('/private/x', { body: article('Hidden') });
    const feed = await follow('/rss');
    const outcome = await poller({ contactUrl: 'https://galley.test/about' }).poll(feed);
    expect(outcome).toMatchObject({ queued: 1, skipped: 1 });
    expect(site.hits.get('/private/x')).toBeUndefined();
    expect((await store.state(feed.id)).lastSkip).toBe(
      `${site.url('/private/x')}: ${site.url('/robots.txt')} disallows it`,
    );
    expect(site.requests[0].headers['user-agent']).toBe(
      'Galley/0.1 (news article processing; +https://galley.test/about)',
    );
    // robots.txt is read once per site.
    expect(site.hits.get('/robots.txt')).toBe(1);
  });

  it('backs off after a 429 for as long as Retry-After says', async () => {
    site.routes.set('/rss', { body: 'slow down', status: 429, headers: { 'retry-after': '120' } });
    const feed = await follow('/rss');
    const outcome = await poller().poll(feed);
    expect(outcome.error).toMatch(/^the server answered HTTP 429 Too Many Requests; next try after /);
    const state = await store.state(feed.id);
    expect(Date.parse(state.retryAfter ?? '') - Date.now()).toBeGreaterThan(100_000);
    expect((await poller().poll(feed)).result).toMatch(/^waiting until .*, as the server asked$/);
    expect(site.hits.get('/rss')).toBe(1);
  });

  it('records every kind of bad feed as a state in words', async () => {
    const cases: Array<[string, Parameters<TestSite['routes']['set']>[1], RegExp]> = [
      ['/missing', { body: 'gone', status: 404 }, /^the server answered HTTP 404 Not Found$/],
      ['/html', { body: '<!DOCTYPE html><html><body>hi</body></html>' }, /^not a feed or sitemap: /],
      [
        '/bomb',
        { body: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><rss>&b;</rss>` },
        /declares XML entities/,
      ],
      [
        '/huge',
        (_request, response) => {
          // 50 MB announced and streamed: the cap stops it before it is all read.
          response.writeHead(200, { 'content-type': 'application/rss+xml' });
          const chunk = Buffer.alloc(1 << 20, 'a');
          let sent = 0;
          const send = (): void => {
            while (sent < 50 && response.write(chunk)) sent++;
            if (sent < 50) response.once('drain', send);
            else response.end();
          };
          send();
        },
        /^larger than the 10 MB limit$/,
      ],
    ];
    for (const [path, route, expected] of cases) {
      site.routes.set(path, route);
      const feed = await follow(path, path.slice(1));
      expect((await poller().poll(feed)).error, path).toMatch(expected);
      expect((await store.state(feed.id)).error, path).toMatch(expected);
    }
    const unreachable = (
      await store.add('http://127.0.0.1:1/rss', { name: 'down', everyMs: 60_000, allowPrivate: true })
    ).config;
    expect((await poller().poll(unreachable)).error).toMatch(/refused|connect/i);
  });

  it('refuses private addresses unless the feed allows them', async () => {
    site.routes.set('/rss', { body: rss(site, []) });
    const feed = (await store.add(site.url('/rss'), { name: 'intranet', everyMs: 60_000 })).config;
    expect((await poller().poll(feed)).error).toBe(
      '127.0.0.1 is not a public address (--allow-private-urls allows it)',
    );
  });

  it('says when every new item failed', async () => {
    site.routes.set('/rss', {
      body: rss(site, [
        ['/a', 'A'],
        ['/b', 'B'],
      ]),
    });
    site.routes.set('/a', { body: 'down', status: 500 });
    site.routes.set('/b', { body: 'down', status: 500 });
    const feed = await follow('/rss');
    const outcome = await poller().poll(feed);
    expect(outcome).toMatchObject({ queued: 0, failed: 2 });
    expect(outcome.error).toMatch(/^every new item failed; the last: .*HTTP 500/);
    // Failed items stay unseen, so the next poll tries them again.
    site.routes.set('/a', { body: article('A') });
    site.routes.set('/rss', {
      body:
        rss(site, [
          ['/a', 'A'],
          ['/b', 'B'],
        ]) + ' ',
    });
    expect(await poller().poll(feed)).toMatchObject({ queued: 1, failed: 1 });
  });

  it('fetches a story once when two feeds carry it', async () => {
    site.routes.set('/shared', { body: article('Shared story') });
    site.routes.set('/one', { body: rss(site, [['/shared', 'Shared story']]) });
    site.routes.set('/two', { body: rss(site, [['/shared?utm_medium=social', 'Shared story']]) });
    const one = await follow('/one', 'one');
    const two = await follow('/two', 'two');
    expect((await poller().poll(one)).queued).toBe(1);
    expect((await poller().poll(two)).result).toBe('0 new items queued, 1 already taken from another feed');
    expect(site.hits.get('/shared')).toBe(1);
  });
});

describe('FeedStore', () => {
  it('updates a feed added twice instead of adding a second one, and refuses a taken name', async () => {
    const first = await store.add('https://news.test/rss.xml', { everyMs: 900_000 });
    expect(first).toMatchObject({ created: true, config: { name: 'news.test', everyMs: 900_000 } });
    const again = await store.add('HTTP://news.test/rss.xml?utm_source=x', { everyMs: 300_000 });
    expect(again).toMatchObject({ created: false, config: { id: first.config.id, everyMs: 300_000 } });
    expect(await store.list()).toHaveLength(1);
    await expect(store.add('https://other.test/feed', { name: 'news.test', everyMs: 60_000 })).rejects.toThrow(
      'the name "news.test" is already used by another feed (choose one with --name)',
    );
    expect((await store.find('news.test'))?.id).toBe(first.config.id);
    expect((await store.find('https://news.test/rss.xml/'))?.id).toBe(first.config.id);
    await store.remove(first.config);
    expect(await store.list()).toEqual([]);
  });
});
