import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { type Article, parseArticle } from '@galley/document';
import { processArticle } from '@galley/pipeline';
import { openCorpus } from '@galley/corpus';
import { WRITER } from '@galley/publish';
import { Redis } from 'ioredis';
import { enqueueArticles, parseJobResult, queueStatus } from '@galley/queue';
import { QUEUE_PREFIX } from '@galley/queue';
import { type WorkerHandle, resolveConcurrency, startWorker } from '@galley/worker';
import { inspectQueue, quietLogger, randomQueueName, redisUrl, tempDir, textInput, waitForJobs } from './helpers.js';

/** The article folders in an output folder (the corpus index, corpus.sqlite, and corpus.pending/ sit beside them). */
async function articleFolders(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('corpus.'));
}

const samples = path.resolve(import.meta.dirname, '../../../samples');
const seed = path.resolve(import.meta.dirname, '../../../../shared/fixtures/seed-article/article.txt');

let queueName: string;
let out: Awaited<ReturnType<typeof tempDir>>;
let inspector: ReturnType<typeof inspectQueue>;
let worker: WorkerHandle | undefined;

beforeEach(async () => {
  queueName = randomQueueName();
  out = await tempDir();
  inspector = inspectQueue(queueName);
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await inspector.drop();
  await out.remove();
});

function fileInput(file: string) {
  return { name: file, read: () => readFile(file) };
}

/** The document without what legitimately differs between two runs. */
function comparable(article: Article): Omit<Article, 'processedAt' | 'stages'> {
  const { processedAt: _p, stages: _s, ...rest } = article;
  return rest;
}

describe('worker', () => {
  it('publishes text, Markdown and HTML articles with per-stage timings in the result', async () => {
    // Progress after every stage from the start (by default only jobs over a second report it).
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger, progressAfterMs: 0 });
    const files = ['harbour-bridge-reopens.txt', 'library-late-fees.md', 'river-cleanup-volunteers.html'].map((f) =>
      path.join(samples, f),
    );
    const outcomes = await enqueueArticles(files.map(fileInput), { redisUrl, queueName });
    expect(outcomes.map((o) => o.status)).toEqual(['queued', 'queued', 'queued']);
    const jobs = await waitForJobs(
      inspector.queue,
      outcomes.map((o) => ('jobId' in o ? o.jobId : '')),
    );
    for (const [i, job] of jobs.entries()) {
      expect(await job.getState(), job.failedReason).toBe('completed');
      const result = parseJobResult(job.returnvalue);
      expect(Object.keys(result.stages)).toEqual(['clean', 'segment', 'entities', 'publish']);
      expect(job.progress).toMatchObject({ stage: 'publish', done: 4, total: 4 });
      const article = parseArticle(JSON.parse(await readFile(path.join(result.location, 'article.json'), 'utf8')));
      expect(article.source.format).toBe(['text', 'markdown', 'html'][i]);
      expect(article.source.path).toBe(files[i]);
      expect((await readFile(path.join(result.location, 'article.md'), 'utf8')).length).toBeGreaterThan(100);
      expect(await readFile(path.join(result.location, 'article.html'), 'utf8')).toContain('<');
    }
  }, 30_000);

  it('processes the same article queued twice only once', async () => {
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger });
    const input = fileInput(path.join(samples, 'school-meals-pilot.txt'));
    const [first] = await enqueueArticles([input, input], { redisUrl, queueName });
    const again = await enqueueArticles([input], { redisUrl, queueName });
    expect(again[0]).toMatchObject({ status: 'duplicate', jobId: 'jobId' in first ? first.jobId : '' });
    await waitForJobs(inspector.queue, ['jobId' in first ? first.jobId : '']);
    const counts = await inspector.queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
    expect(counts).toMatchObject({ completed: 1, failed: 0, waiting: 0, active: 0, delayed: 0 });
    expect(await articleFolders(out.dir)).toHaveLength(1);
  }, 30_000);

  it('fails bad input at once with its reason and keeps processing', async () => {
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger });
    const outcomes = await enqueueArticles(
      [
        textInput('binary.txt', new Uint8Array([0, 1, 2, 3, 0, 5])),
        textInput('good.txt', 'Storm closes pier\n\nThe pier at Ash Cove closed on Friday.'),
      ],
      { redisUrl, queueName },
    );
    const [bad, good] = await waitForJobs(
      inspector.queue,
      outcomes.map((o) => ('jobId' in o ? o.jobId : '')),
    );
    expect(await bad.getState()).toBe('failed');
    expect(bad.failedReason).toMatch(/binary/);
    expect(bad.attemptsMade).toBe(1);
    expect(await good.getState()).toBe('completed');
  }, 30_000);

  it('fails a job over the time limit at once, with the limit in the reason', async () => {
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger, timeLimitMs: 1 });
    const [outcome] = await enqueueArticles([fileInput(path.join(samples, 'library-late-fees.md'))], {
      redisUrl,
      queueName,
    });
    const [job] = await waitForJobs(inspector.queue, ['jobId' in outcome ? outcome.jobId : '']);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toMatch(/took longer than the 1 ms limit per article; stopped/);
    expect(job.attemptsMade).toBe(1);
    expect(existsSync(out.dir) ? await articleFolders(out.dir) : []).toEqual([]);
  }, 30_000);

  it('writes no progress for a job faster than the progress threshold: fewer Redis round trips', async () => {
    // A threshold no job here reaches, however loaded the machine (the default is 1 s).
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger, progressAfterMs: 60_000 });
    const progress: unknown[] = [];
    worker.worker.on('progress', (_job, p) => progress.push(p));
    const [outcome] = await enqueueArticles([fileInput(path.join(samples, 'harbour-bridge-reopens.txt'))], {
      redisUrl,
      queueName,
    });
    const [job] = await waitForJobs(inspector.queue, ['jobId' in outcome ? outcome.jobId : '']);
    expect(await job.getState(), job.failedReason).toBe('completed');
    expect(job.progress).toBe(0);
    expect(progress).toEqual([]);
  }, 30_000);

  it('runs one job per core with concurrency auto', async () => {
    expect(resolveConcurrency('auto')).toBe(os.availableParallelism());
    expect(() => resolveConcurrency(0)).toThrow(/concurrency/);
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger, concurrency: 'auto' });
    expect(worker.concurrency).toBe(os.availableParallelism());
    // Two jobs per thread: one publishing while the next runs its stages.
    expect(worker.worker.opts.concurrency).toBe(2 * os.availableParallelism());
  });

  it('logs where each job spent its time, queued to acknowledged', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger });
    const [outcome] = await enqueueArticles([fileInput(path.join(samples, 'school-meals-pilot.txt'))], {
      redisUrl,
      queueName,
    });
    await waitForJobs(inspector.queue, ['jobId' in outcome ? outcome.jobId : '']);
    const until = Date.now() + 5000;
    while (!lines.some((l) => l.msg === 'job completed') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    const completed = lines.find((l) => l.msg === 'job completed');
    expect(Object.keys((completed?.timings ?? {}) as object).sort()).toEqual(
      [
        'ack',
        'handoffIn',
        'handoffOut',
        'index',
        'parse',
        'progressWrites',
        'publish',
        'stages',
        'threadStart',
        'wait',
      ].sort(),
    );
  }, 30_000);

  describe('corrupt jobs written straight into Redis', () => {
    /** Write a job as a broken producer would: the hash and the wait list, by raw commands. */
    async function writeRawJob(id: string, fields: Record<string, string>): Promise<void> {
      const redis = new Redis(redisUrl);
      try {
        const key = `${QUEUE_PREFIX}:${queueName}`;
        await redis.hset(`${key}:${id}`, { name: 'article', timestamp: String(Date.now()), ...fields });
        await redis.lpush(`${key}:wait`, id);
        // Wakes a worker blocked waiting for jobs, as BullMQ's own add does.
        await redis.zadd(`${key}:marker`, 0, '0');
      } finally {
        redis.disconnect();
      }
    }

    it('fails each with a reason, never leaves one active, and goes on with the good ones', async () => {
      const lines: Array<Record<string, unknown>> = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
      const good = JSON.stringify({
        name: 'ok.txt',
        source: 'Pier reopens\n\nThe pier reopened on Friday.',
        encoding: 'utf8',
      });
      await writeRawJob('raw-null-data', { data: 'null', opts: '{"attempts":3}' });
      await writeRawJob('raw-corrupt-data', { data: '{"name": "half', opts: '{"attempts":3}' });
      await writeRawJob('raw-corrupt-opts', { data: good, opts: '{attempts' });
      await writeRawJob('raw-good', { data: good, opts: '{"attempts":3}' });
      worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger });
      const ids = ['raw-null-data', 'raw-corrupt-data', 'raw-corrupt-opts', 'raw-good'];
      // States, not jobs: BullMQ's own reader (getJob) still throws on the corrupt ones.
      const until = Date.now() + 20_000;
      let states: string[] = [];
      while (Date.now() < until) {
        states = await Promise.all(ids.map((id) => inspector.queue.getJobState(id)));
        if (states.every((state) => state === 'completed' || state === 'failed')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(states).toEqual(['failed', 'failed', 'failed', 'completed']);
      const redis = new Redis(redisUrl);
      const stored = await Promise.all(
        ids.slice(0, 3).map((id) => redis.hmget(`${QUEUE_PREFIX}:${queueName}:${id}`, 'failedReason', 'atm')),
      );
      redis.disconnect();
      expect(stored[0]![0]).toMatch(/invalid job data: \(root\).*\[GALLEY_JOB_INVALID\]/);
      expect(stored[1]![0]).toMatch(
        /job raw-corrupt-data is corrupt in Redis: its data is not valid JSON.*\[GALLEY_JOB_INVALID\]/,
      );
      expect(stored[2]![0]).toMatch(/job raw-corrupt-opts is corrupt in Redis: its opts is not valid JSON/);
      // One attempt each: no retry can repair the data.
      expect(stored.map(([, attempts]) => attempts)).toEqual(['1', '1', '1']);
      expect(await inspector.queue.getJobCounts('active', 'waiting')).toMatchObject({ active: 0, waiting: 0 });
      // `galley status` (and the viewer's queue page) list them, corrupt or not, beside the others.
      const status = await queueStatus(redisUrl, queueName);
      expect(status.failures.map((f) => f.jobId).sort()).toEqual([
        'raw-corrupt-data',
        'raw-corrupt-opts',
        'raw-null-data',
      ]);
      expect(status.failures.find((f) => f.jobId === 'raw-corrupt-data')).toMatchObject({
        name: '(unreadable job data)',
        corrupt: true,
        reason: expect.stringMatching(/corrupt in Redis/),
      });
      // The handlers read the broken jobs without throwing.
      expect(lines.filter((l) => l.msg === 'worker error')).toEqual([]);
      expect(
        lines
          .filter((l) => l.msg === 'job failed')
          .map((l) => l.jobId)
          .sort(),
      ).toEqual(['raw-corrupt-data', 'raw-corrupt-opts', 'raw-null-data']);
    }, 30_000);
  });

  it('refuses a memory limit that is not a whole number of MB', async () => {
    await expect(
      startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger, memoryLimitMb: 0 }),
    ).rejects.toThrow(/memoryLimitMb/);
  });

  it('retries a transient failure with backoff and then succeeds', async () => {
    // A regular file where the output folder should be: publishing fails until it is removed.
    const outDir = path.join(out.dir, 'articles');
    await writeFile(outDir, 'in the way');
    worker = await startWorker({ redisUrl, queueName, outDir, logger: quietLogger });
    let failures = 0;
    worker.worker.on('failed', () => {
      if (++failures === 1) void rm(outDir).then(() => mkdir(outDir));
    });
    const [outcome] = await enqueueArticles([fileInput(path.join(samples, 'harbour-bridge-reopens.txt'))], {
      redisUrl,
      queueName,
      backoffMs: 200,
    });
    const [job] = await waitForJobs(inspector.queue, ['jobId' in outcome ? outcome.jobId : '']);
    expect(await job.getState(), job.failedReason).toBe('completed');
    expect(failures).toBe(1);
    expect(job.attemptsMade).toBe(2);
    expect(await articleFolders(outDir)).toHaveLength(1);
  }, 30_000);

  describe.skipIf(!existsSync(seed))('seed article', () => {
    if (!existsSync(seed)) console.warn(`skipping the seed-article test: ${seed} is absent`);
    it('yields the same document as processArticle', async () => {
      worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger });
      const [outcome] = await enqueueArticles([fileInput(seed)], { redisUrl, queueName });
      const [job] = await waitForJobs(inspector.queue, ['jobId' in outcome ? outcome.jobId : '']);
      expect(await job.getState(), job.failedReason).toBe('completed');
      const result = parseJobResult(job.returnvalue);
      const published = parseArticle(JSON.parse(await readFile(path.join(result.location, 'article.json'), 'utf8')));
      const direct = await processArticle(await readFile(seed), { path: seed });
      expect(comparable(published)).toEqual(comparable(direct));
    }, 30_000);
  });
});

describe('worker and the corpus index', () => {
  const samplesOf = (names: string[]) => names.map((f) => fileInput(path.join(samples, f)));
  async function run(inputs: ReturnType<typeof fileInput>[]): Promise<void> {
    const outcomes = await enqueueArticles(inputs, { redisUrl, queueName });
    const jobs = await waitForJobs(
      inspector.queue,
      outcomes.map((o) => ('jobId' in o ? o.jobId : '')),
    );
    for (const job of jobs) expect(await job.getState(), job.failedReason).toBe('completed');
  }

  it('adds the articles of finished jobs to the index in batches, every one of them by close', async () => {
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger });
    await run(samplesOf(['harbour-bridge-reopens.txt', 'library-late-fees.md', 'river-cleanup-volunteers.html']));
    await worker.close();
    worker = undefined;
    const corpus = await openCorpus({ dataDir: out.dir });
    try {
      expect(await corpus.count()).toBe(3);
    } finally {
      await corpus.close();
    }
    // Nothing is left noted as waiting for the index.
    expect(await readdir(path.join(out.dir, 'corpus.pending'))).toEqual([]);
  }, 60_000);

  it('indexes at start what a worker that died published but had not indexed yet', async () => {
    // Published, acknowledged, not indexed: as a worker killed before its batch was written leaves it.
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger, index: false });
    await run(samplesOf(['school-meals-pilot.txt']));
    await worker.close();
    const [id] = await articleFolders(out.dir);
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    await mkdir(path.join(out.dir, 'corpus.pending'), { recursive: true });
    await writeFile(path.join(out.dir, 'corpus.pending', `${WRITER.split('-')[0]}-${deadPid}`), `${id}\n`);
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger });
    const corpus = await openCorpus({ dataDir: out.dir });
    try {
      expect(await corpus.has(id!)).toBe(true);
    } finally {
      await corpus.close();
    }
    expect(await readdir(path.join(out.dir, 'corpus.pending'))).toEqual([]);
  }, 60_000);
});
