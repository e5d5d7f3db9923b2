#!/usr/bin/env node
// `npm run bench:queue-page`: the viewer's queue page over a queue of many large failed jobs
// (issue 23: summaries only, p95 ≤ 50 ms with 10,000 failed 1 MB jobs). A private redis-server
// (no persistence, in a temporary folder, on a free port) is filled with failed jobs whose data is
// what the producer stores for an incompressible article just under the job cap; the page is then
// requested in process (`app.request`), one at a time and in bursts, and its latency reported.
// See bench/README.md.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { QUEUE_PREFIX, articleJobData, connectProducer, queueStatus } from '@galley/queue';
import { createApp } from '@galley/viewer';
import { freePort } from '../tests/lib/harness.mjs';
import { quantile } from './lib/stats.mjs';

const usage = `usage: npm run bench:queue-page -- [options]

  --jobs N        failed jobs in the queue (default 10000; about 1 MB of Redis memory each)
  --requests N    timed page requests, one at a time (default 200)
  --burst N       requests at once in each burst round (default 10)
  -h, --help      this text`;

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '200' },
    burst: { type: 'string', default: '10' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}

/** Issue 23: the queue page's p95 with 10,000 failed 1 MB jobs. */
const TARGET_P95_MS = 50;
const jobs = positive('jobs', args.jobs);
const requests = positive('requests', args.requests);
const burst = positive('burst', args.burst);
/** Random bytes compress to nothing smaller: gzip and base64 take them to just under the 1 MiB job cap. */
const ARTICLE_BYTES = 780_000;
/** Jobs written per pipelined round trip while filling. */
const FILL_BATCH = 20;

function positive(name, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive whole number, not ${JSON.stringify(value)}\n\n${usage}`);
    process.exit(2);
  }
  return n;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'galley-queue-page-'));
const port = await freePort();
const redisUrl = `redis://127.0.0.1:${port}`;
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
  { stdio: 'ignore' },
);
const stopped = once(redis, 'exit');
let exitCode = 1;
try {
  exitCode = await run();
} finally {
  redis.kill('SIGTERM');
  await stopped;
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

async function run() {
  const connection = await connect();
  const queueName = 'bench-queue-page';
  const queue = new Queue(queueName, { connection, prefix: QUEUE_PREFIX });
  const dataBytes = await fill(connection, queue);
  const { app, ready, close } = createApp({
    dataDir: dir,
    redisUrl,
    queueName,
    logger: pino({ level: 'warn' }),
    indexExisting: false,
  });
  await ready;
  const page = await app.request('/queue');
  const html = await page.text();
  if (page.status !== 200 || !html.includes(`failed-${String(jobs).padStart(6, '0')}.txt`)) {
    console.error(`the queue page did not list the newest failed job (HTTP ${page.status})`);
    return 1;
  }
  const rssBefore = process.memoryUsage().rss;
  for (let i = 0; i < 10; i++) await (await app.request('/queue')).text();
  const sequential = [];
  for (let i = 0; i < requests; i++) sequential.push(await timed(() => app.request('/queue')));
  const partial = [];
  for (let i = 0; i < requests; i++) partial.push(await timed(() => app.request('/partials/queue')));
  const bursts = [];
  for (let round = 0; round < Math.max(1, Math.floor(requests / burst)); round++) {
    bursts.push(...(await Promise.all(Array.from({ length: burst }, () => timed(() => app.request('/queue'))))));
  }
  const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  await close();
  await queue.close();
  const usedMemory = Number(/used_memory:(\d+)/.exec(await connection.info('memory'))?.[1]);
  connection.disconnect();

  console.log(`queue page over ${jobs} failed jobs of ${(dataBytes / 2 ** 20).toFixed(2)} MB job data each`);
  console.log(
    `Redis used_memory ${(usedMemory / 2 ** 30).toFixed(2)} GiB; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('\n| requests | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|');
  const rows = [
    ['GET /queue, one at a time', sequential],
    ['GET /partials/queue, one at a time', partial],
    [`GET /queue, ${burst} at once`, bursts],
  ];
  for (const [label, ms] of rows) {
    const figures = [quantile(ms, 0.5), quantile(ms, 0.95), Math.max(...ms)].map((x) => x.toFixed(1));
    console.log(`| ${label} | ${ms.length} | ${figures.join(' | ')} |`);
  }
  console.log(`\nviewer RSS growth over the timed requests: ${rssGrowth.toFixed(0)} MB`);
  const p95 = quantile(sequential, 0.95);
  const met = p95 <= TARGET_P95_MS;
  console.log(`target: p95 of GET /queue ≤ ${TARGET_P95_MS} ms — ${met ? 'met' : 'MISSED'} (${p95.toFixed(1)} ms)`);
  return met ? 0 : 1;
}

/** The bench's Redis, once it answers. */
async function connect() {
  for (let attempt = 0; ; attempt++) {
    try {
      return await connectProducer(redisUrl);
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * `jobs` failed jobs laid out as BullMQ leaves a job that failed for good (its hash, named and
 * with the data as the producer writes it, and its id in the failed set), written in pipelined batches:
 * failing ten gigabytes of jobs through a worker would take longer than the measurement.
 * Returns the size of one job's stored data.
 */
async function fill(connection, queue) {
  const article = randomBytes(ARTICLE_BYTES);
  const stored = JSON.stringify(articleJobData('x', article));
  const rest = Buffer.from(stored.slice(stored.indexOf('"source"')));
  const started = Date.now();
  for (let from = 1; from <= jobs; from += FILL_BATCH) {
    const batch = connection.pipeline();
    for (let n = from; n < Math.min(from + FILL_BATCH, jobs + 1); n++) {
      const id = `bench-${n}`;
      const finishedOn = started + n;
      const name = `failed-${String(n).padStart(6, '0')}.txt`;
      const data = Buffer.concat([Buffer.from(`{"name":${JSON.stringify(name)},`), rest]);
      batch.hset(queue.toKey(id), {
        name,
        data,
        opts: '{"attempts":3,"backoff":{"type":"exponential","delay":1000}}',
        timestamp: String(finishedOn - 1000),
        processedOn: String(finishedOn - 500),
        finishedOn: String(finishedOn),
        failedReason: `entities stage failed: bench job ${n}`,
        stacktrace: '[]',
        atm: '3',
      });
      batch.zadd(queue.keys.failed, finishedOn, id);
    }
    await batch.exec();
  }
  // The layout is BullMQ's own: its state query and the status read agree.
  const newest = `bench-${jobs}`;
  const status = await queueStatus(redisUrl, queue.name, 1);
  if ((await queue.getJobState(newest)) !== 'failed' || status.failures[0]?.jobId !== newest) {
    throw new Error(`the filled jobs do not read back as failed (${newest}: ${await queue.getJobState(newest)})`);
  }
  console.log(`filled ${jobs} failed jobs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return Buffer.byteLength(stored);
}

/** Milliseconds until the response's body is read. */
async function timed(request) {
  const start = performance.now();
  await (await request()).text();
  return performance.now() - start;
}
