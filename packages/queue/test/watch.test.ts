import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import {
  type ArticleJobResult,
  DEFAULT_REDIS_URL,
  QUEUE_PREFIX,
  type EnqueueOutcome,
  type QueueWatcher,
  enqueueArticles,
  workerConnectionOptions,
  watchQueue,
} from '../src/index.js';
import { inspectQueue, randomQueueName } from '../src/testing.js';

const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;

/** A stand-in for the Galley worker: completes every job, except those whose text says "fail". */
function startFakeWorker(queueName: string): Worker {
  return new Worker(
    queueName,
    async (job) => {
      if (String(job.data.source).includes('fail')) throw new UnrecoverableError('asked to fail');
      const result: ArticleJobResult = {
        articleId: `a-${job.id}`,
        title: 'T',
        location: '/tmp',
        stages: {},
        totalMs: 1,
        sentences: 1,
        entities: 0,
        quotes: 0,
      };
      return result;
    },
    { connection: workerConnectionOptions(redisUrl), prefix: QUEUE_PREFIX },
  );
}

/** The job ids of queued articles (an article that was refused fails the test). */
function jobIds(outcomes: EnqueueOutcome[]): string[] {
  return outcomes.map((o) => {
    if (!('jobId' in o)) throw new Error(`not queued: ${JSON.stringify(o)}`);
    return o.jobId;
  });
}

const articles = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `a${i}.txt`,
    read: async () => Buffer.from(`Story ${i}\n\n${i % 5 === 0 ? 'fail' : 'ok'} ${i}`),
  }));

let queueName: string;
let inspector: ReturnType<typeof inspectQueue>;
let watcher: QueueWatcher | undefined;
let worker: Worker | undefined;

beforeEach(() => {
  queueName = randomQueueName();
  inspector = inspectQueue(queueName, redisUrl);
});

afterEach(async () => {
  await worker?.close();
  await watcher?.close();
  await inspector.drop();
  worker = watcher = undefined;
});

describe('watchQueue', () => {
  it('settles jobs that finished before it opened (no events to see) by polling in batches', async () => {
    const outcomes = await enqueueArticles(articles(40), { redisUrl, queueName, attempts: 1 });
    worker = startFakeWorker(queueName);
    await expect
      .poll(async () => await inspector.queue.getJobCounts('completed', 'failed'), { timeout: 20_000 })
      .toEqual({ completed: 32, failed: 8 });
    watcher = await watchQueue({ redisUrl, queueName, pollMs: 20, pollBatch: 7 });
    const ids = jobIds(outcomes);
    const finished = await watcher.waitFor(ids);
    expect(finished.map((f) => f.jobId)).toEqual(ids);
    expect(finished.filter((f) => !f.ok)).toHaveLength(8);
    expect(finished.find((f) => !f.ok)).toMatchObject({ reason: 'asked to fail' });
  }, 30_000);

  it('settles live jobs from events, without waiting for a poll', async () => {
    watcher = await watchQueue({ redisUrl, queueName, pollMs: 60_000, pollBatch: 1 });
    const outcomes = await enqueueArticles(articles(12), { redisUrl, queueName, attempts: 1 });
    const seen: string[] = [];
    const waiting = watcher.waitFor(jobIds(outcomes), { onFinish: (o) => seen.push(o.jobId) });
    worker = startFakeWorker(queueName);
    const started = Date.now();
    const finished = await waiting;
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(seen.sort()).toEqual(finished.map((f) => f.jobId).sort());
    expect(finished.filter((f) => f.ok)).toHaveLength(9);
  }, 30_000);
});
