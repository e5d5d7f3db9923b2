import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PREFIX, connectProducer, enqueueArticles } from '@galley/queue';
import { createApp } from '../src/index.js';
import { copyFixtures, memoryLogger } from './helpers.js';

// A copy: the viewer writes its index (corpus.sqlite) into the data folder.
const data = copyFixtures();
afterAll(() => data.cleanup());

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis) console.warn('queue page tests skipped: redis-server is not installed');

describe('queue page without Redis', () => {
  it('says clearly that Redis is unreachable, and the rest still works', async () => {
    const { app, ready, close } = createApp({
      dataDir: data.dir,
      logger: memoryLogger().logger,
      redisUrl: 'redis://127.0.0.1:1',
    });
    await ready;
    const res = await app.request('/queue');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Redis is not reachable');
    expect(page).toContain('redis://127.0.0.1:1');
    expect((await app.request('/partials/queue')).status).toBe(200);
    expect((await app.request('/')).status).toBe(200);
    await close();
  });

  it('reports a failed retry without crashing', async () => {
    const { app } = createApp({ dataDir: data.dir, logger: memoryLogger().logger, redisUrl: 'redis://127.0.0.1:1' });
    const res = await app.request('/queue/jobs/1/retry', { method: 'POST', headers: { origin: 'http://localhost' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/queue?retried=1&outcome=error');
    const page = await (await app.request(res.headers.get('location') as string)).text();
    expect(page).toContain('Could not retry job 1');
  });
});

describe.skipIf(!hasRedis)('queue page with Redis', () => {
  let redis: ChildProcess;
  let redisUrl: string;
  let queueName: string;
  let queue: Queue;

  beforeAll(async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    redisUrl = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('redis-server did not start');
  });
  afterAll(() => {
    redis?.kill();
  });
  afterEach(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
  });

  let closeViewer: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await closeViewer?.();
    closeViewer = undefined;
  });

  /** The viewer on this test's queue, closed after the test (it keeps its Redis connection). */
  function viewer() {
    const created = createApp({ dataDir: data.dir, logger: memoryLogger().logger, redisUrl, queueName });
    closeViewer = created.close;
    return created;
  }

  async function failedJob(): Promise<string> {
    queueName = `viewer-test-${randomBytes(4).toString('hex')}`;
    const connection = { url: redisUrl };
    queue = new Queue(queueName, { connection, prefix: QUEUE_PREFIX });
    await queue.add('article', { name: 'story<script>.txt' });
    await queue.add('article', { name: 'other.txt' }, { delay: 60_000 });
    const worker = new Worker(
      queueName,
      async () => {
        throw new Error('clean stage failed: <b>no text</b>');
      },
      { connection, prefix: QUEUE_PREFIX, autorun: false },
    );
    const failed = new Promise<string>((resolve) => worker.on('failed', (job) => resolve(job?.id ?? '')));
    void worker.run();
    const id = await failed;
    await worker.close();
    return id;
  }

  it('shows counts per state and failed jobs with their reasons', async () => {
    const id = await failedJob();
    const { app } = viewer();
    const page = await (await app.request('/queue')).text();
    expect(page).toContain(`<code>${queueName}</code>`);
    expect(page).toContain('<li class="state" data-state="failed"><span class="n">1</span> failed</li>');
    expect(page).toContain('<li class="state" data-state="delayed"><span class="n">1</span> delayed</li>');
    // A zero is marked, so the stylesheet does not draw "0 failed"-style counts in the alarm colour.
    expect(page).toContain('<li class="state zero" data-state="active"><span class="n">0</span> active</li>');
    expect(page).toContain('clean stage failed: &lt;b&gt;no text&lt;/b&gt;');
    expect(page).toContain('story&lt;script&gt;.txt');
    expect(page).toContain(`action="/queue/jobs/${id}/retry"`);
  });

  it('lists failed jobs holding long articles by name without reading any article out of Redis', async () => {
    queueName = `viewer-test-${randomBytes(4).toString('hex')}`;
    queue = new Queue(queueName, { connection: { url: redisUrl }, prefix: QUEUE_PREFIX });
    // Random hex compresses to about half: each job holds some 200 KB of article.
    const inputs = ['first.txt', 'second.txt', 'third.txt'].map((name) => {
      const bytes = Buffer.from(`${name}\n\n${randomBytes(150_000).toString('hex')}`);
      return { name, read: async () => bytes };
    });
    await enqueueArticles(inputs, { redisUrl, queueName });
    const worker = new Worker(
      queueName,
      async () => {
        throw new Error('refused on purpose');
      },
      { connection: { url: redisUrl }, prefix: QUEUE_PREFIX },
    );
    for (let i = 0; i < 200 && (await queue.getFailedCount()) < 3; i++) await new Promise((r) => setTimeout(r, 25));
    await worker.close();
    const redis = await connectProducer(redisUrl);
    if (!('monitor' in redis)) throw new Error('this test watches a single Redis, not a Cluster');
    const monitor = await redis.monitor();
    const commands: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => commands.push(args));
    const { app } = viewer();
    const page = await (await app.request('/queue')).text();
    await new Promise((r) => setTimeout(r, 100));
    monitor.disconnect();
    redis.disconnect();
    for (const name of ['first.txt', 'second.txt', 'third.txt']) expect(page).toContain(name);
    // The script's own calls show in MONITOR too: none of them may fetch a job's data.
    expect(commands.some((args) => args[0].toLowerCase() === 'hmget')).toBe(true);
    const readsData = commands.filter(([command, , ...fields]) => {
      const name = command.toLowerCase();
      return name === 'hgetall' || ((name === 'hget' || name === 'hmget') && fields.includes('data'));
    });
    expect(readsData).toEqual([]);
  });

  it('keeps one connection for its reads, and opens a new one when Redis dropped it', async () => {
    await failedJob();
    const { app } = viewer();
    const clients = () =>
      spawnSync('redis-cli', ['-u', redisUrl, 'client', 'list'], { encoding: 'utf8' }).stdout.trim().split('\n').length;
    const idle = clients();
    expect(await (await app.request('/queue')).text()).toContain('story&lt;script&gt;.txt');
    expect(clients()).toBe(idle + 1);
    expect(await (await app.request('/partials/queue')).text()).toContain('<li class="state"');
    expect(clients()).toBe(idle + 1);
    spawnSync('redis-cli', ['-u', redisUrl, 'client', 'kill', 'type', 'normal']);
    // The read right after may fail with the dropped connection; the one after that reconnects.
    await app.request('/partials/queue');
    expect(await (await app.request('/queue')).text()).toContain(
      '<li class="state" data-state="failed"><span class="n">1</span> failed</li>',
    );
  });

  it('retries a failed job from its button', async () => {
    const id = await failedJob();
    const { app } = viewer();
    const res = await app.request(`/queue/jobs/${id}/retry`, {
      method: 'POST',
      headers: { origin: 'http://localhost' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/queue?retried=${id}&outcome=retried`);
    expect(await queue.getJobState(id)).toBe('waiting');
    const page = await (await app.request(res.headers.get('location') as string)).text();
    expect(page).toContain(`Job ${id} is waiting to run again.`);
    const again = await app.request(`/queue/jobs/${id}/retry`, {
      method: 'POST',
      headers: { origin: 'http://localhost' },
    });
    expect(again.headers.get('location')).toBe(`/queue?retried=${id}&outcome=not-failed`);
  });

  it('answers unknown and malformed job ids without touching other jobs', async () => {
    await failedJob();
    const { app } = viewer();
    const missing = await app.request('/queue/jobs/9999/retry', {
      method: 'POST',
      headers: { origin: 'http://localhost' },
    });
    expect(missing.headers.get('location')).toBe('/queue?retried=9999&outcome=not-found');
    const bad = await app.request('/queue/jobs/a%20b%2A/retry', {
      method: 'POST',
      headers: { origin: 'http://localhost' },
    });
    expect(bad.headers.get('location')).toBe('/queue?retried=a+b*&outcome=invalid-id');
  });
});
