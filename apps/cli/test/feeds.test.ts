import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { FeedSchedule, FeedStore } from '@galley/feeds';
import { workerConnectionOptions } from '@galley/queue';
import { inspectQueue, randomQueueName, redisUrl, runGalley } from './queue-helpers.js';

let queueName: string;
let inspector: ReturnType<typeof inspectQueue>;
let server: http.Server;
let origin: string;
let folder: string;

beforeEach(async () => {
  queueName = randomQueueName();
  inspector = inspectQueue(queueName);
  folder = mkdtempSync(path.join(tmpdir(), 'galley-feeds-'));
  server = http.createServer((request, response) => {
    if (request.url === '/rss.xml')
      return void response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><item><title>Ferry</title><link>${origin}/ferry</link></item></channel></rss>`,
        );
    if (request.url === '/ferry')
      return void response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><title>Ferry fares rise</title><p>Ferry fares rise on Monday, the harbour office said.</p>',
        );
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`{galley}:feeds:${queueName}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  const schedule = new FeedSchedule(queueName, workerConnectionOptions(redisUrl));
  await schedule.queue.obliterate({ force: true });
  await schedule.close();
  await inspector.drop();
  rmSync(folder, { recursive: true, force: true });
});

describe('galley feeds', () => {
  it('adds a feed once (a second add changes the interval), polls it, lists it and removes it', async () => {
    const env = { GALLEY_QUEUE: queueName };
    const url = `${origin}/rss.xml`;
    const add = await runGalley(['feeds', 'add', url, '--name', 'gazette', '--allow-private-urls'], env);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stderr).toBe(`galley: following gazette (${url}), polled every 15m\n`);
    const again = await runGalley(['feeds', 'add', url, '--every', '5m'], env);
    expect(again.stderr).toBe(`galley: updated gazette (${url}), polled every 5m\n`);
    const schedule = new FeedSchedule(queueName, workerConnectionOptions(redisUrl));
    const schedulers = await schedule.queue.getJobSchedulers();
    await schedule.close();
    expect(schedulers.map((s) => s.every)).toEqual([300_000]);

    const poll = await runGalley(['feeds', 'poll', 'gazette'], env);
    expect(poll.code, poll.stderr).toBe(0);
    expect(poll.stderr).toBe('galley: gazette: 1 new item queued\n');
    expect(await inspector.queue.getJobCountByTypes('waiting')).toBe(1);

    const list = await runGalley(['feeds', 'list'], env);
    expect(list.stdout).toMatch(
      new RegExp(
        `^gazette  ${url.replace(/[.?]/g, '\\$&')}  every 5m\n    last poll \\d{4}-.*; last new item \\d{4}-.*; 1 items seen, 1 queued, 0 skipped\n    1 new item queued\n$`,
      ),
    );
    const remove = await runGalley(['feeds', 'remove', 'gazette'], env);
    expect(remove.stderr).toBe(`galley: no longer following gazette (${url})\n`);
    expect((await runGalley(['feeds', 'list'], env)).stdout).toBe(
      'no feeds yet: add one with "galley feeds add URL"\n',
    );
  }, 120_000);

  it('imports an OPML file and reports usage mistakes with exit 2', async () => {
    const env = { GALLEY_QUEUE: queueName };
    const opml = path.join(folder, 'subs.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><body><outline text="News"><outline text="A" xmlUrl="https://a.example/rss"/><outline text="B" xmlUrl="https://b.example/feed.json"/></outline></body></opml>`,
    );
    const imported = await runGalley(['feeds', 'import', opml, '--every', '1h'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(`galley: 2 feeds followed from ${opml}, 0 refused`);
    const redis = new Redis(redisUrl);
    const names = (await new FeedStore(redis, queueName).list()).map((f) => [f.config.name, f.config.everyMs]);
    redis.disconnect();
    expect(names).toEqual([
      ['a.example', 3_600_000],
      ['b.example', 3_600_000],
    ]);
    const typo = await runGalley(['feeds', 'lst'], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown action "lst" \(known: add, list, remove, poll, import\); did you mean list\?/);
    const often = await runGalley(['feeds', 'add', 'https://a.example/rss', '--every', '10s'], env);
    expect(often.code).toBe(2);
    expect(often.stderr).toContain('--every: "10s" is too often: poll at most once a minute');
  }, 120_000);
});
