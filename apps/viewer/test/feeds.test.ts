import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { FeedStore } from '@galley/feeds';
import { DEFAULT_REDIS_URL, MAX_JOB_SOURCE_BYTES, parseJobData } from '@galley/queue';
import { inspectQueue, randomQueueName } from '@galley/queue/testing';
import { createApp } from '../src/index.js';
import { copyFixtures, memoryLogger } from './helpers.js';

const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
const data = copyFixtures();
afterAll(() => data.cleanup());

let queueName: string;
let redis: Redis;
let store: FeedStore;
let inspector: ReturnType<typeof inspectQueue>;

beforeEach(() => {
  queueName = randomQueueName();
  redis = new Redis(redisUrl);
  store = new FeedStore(redis, queueName);
  inspector = inspectQueue(queueName, redisUrl);
});

afterEach(async () => {
  const keys = await redis.keys(`${store.prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await inspector.drop();
});

const viewer = () =>
  createApp({ dataDir: data.dir, logger: memoryLogger().logger, redisUrl, queueName, indexExisting: false });

function upload(files: Array<[string, string | Uint8Array<ArrayBuffer>]>, origin = 'http://localhost'): RequestInit {
  const form = new FormData();
  for (const [name, content] of files) form.append('files', new Blob([content]), name);
  return { method: 'POST', body: form, headers: { origin } };
}

describe('feeds page', () => {
  it('shows each feed with its last poll, last new item, items seen and errors in words, escaped', async () => {
    const { config } = await store.add('https://news.test/rss.xml', { name: 'gazette', everyMs: 900_000 });
    await store.savePoll(config.id, {
      failures: 2,
      itemsQueued: 7,
      itemsSkipped: 1,
      itemsSeen: 8,
      lastPollAt: '2026-12-07T10:00:00.000Z',
      lastNewItemAt: '2026-12-06T09:00:00.000Z',
      error: 'not a feed or sitemap: <script>alert(1)</script>',
      lastSkip: 'https://news.test/x: https://news.test/robots.txt disallows it',
    });
    const { app, close } = viewer();
    const res = await app.request('/feeds');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<strong>gazette</strong>');
    expect(page).toContain('15m');
    expect(page).toContain('2026-12-07 10:00 UTC');
    expect(page).toContain('2026-12-06 09:00 UTC');
    expect(page).toContain('Failing (2 in a row): not a feed or sitemap: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('robots.txt disallows it');
    expect(page).not.toContain('<script>alert(1)');
    await close();
  });

  it('says when Redis is unreachable', async () => {
    const { app, close } = createApp({
      dataDir: data.dir,
      logger: memoryLogger().logger,
      redisUrl: 'redis://127.0.0.1:1',
    });
    expect(await (await app.request('/feeds')).text()).toContain('Redis is not reachable');
    await close();
  });
});

describe('upload form', () => {
  it('queues uploaded articles with the checks of galley queue', async () => {
    const { app, close } = viewer();
    expect(await (await app.request('/upload')).text()).toContain('enctype="multipart/form-data"');
    const text = 'Ferry strike ends\n\nFerries to Holm Island resumed on Sunday.';
    const res = await app.request(
      '/upload',
      upload([
        ['ferry.txt', text],
        ['empty.txt', ''],
        ['../../etc/x.md', text],
      ]),
    );
    const page = await res.text();
    expect(res.status).toBe(422);
    expect(page).toMatch(/<strong>ferry.txt<\/strong>: queued as article-[0-9a-f]{64}/);
    expect(page).toMatch(/<strong>empty.txt<\/strong>: not queued: /);
    expect(page).toMatch(/<strong>x.md<\/strong>: already queued with the same content/);
    const jobs = await inspector.queue.getJobs(['waiting']);
    expect(jobs.map((job) => parseJobData(job.data).name)).toEqual(['ferry.txt']);
    await close();
  });

  it('refuses a post from another origin (CSRF) and a body over the cap', async () => {
    const { app, close } = viewer();
    const forged = await app.request('/upload', upload([['a.txt', 'Some story\n\nText.']], 'https://evil.test'));
    expect(forged.status).toBe(403);
    const big = new Uint8Array(21 * MAX_JOB_SOURCE_BYTES).fill(97);
    const tooLarge = await app.request('/upload', upload([['big.txt', big]]));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain('The upload is over');
    expect(await inspector.queue.count()).toBe(0);
    await close();
  });
});
