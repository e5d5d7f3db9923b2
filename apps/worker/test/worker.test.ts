import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Article, parseArticle } from '@galley/document';
import { processArticle } from '@galley/pipeline';
import { enqueueArticles, parseJobResult } from '@galley/queue';
import { StageRunner, type WorkerHandle, startWorker } from '@galley/worker';
import { inspectQueue, quietLogger, randomQueueName, redisUrl, tempDir, textInput, waitForJobs } from './helpers.js';

/** The article folders in an output folder (the corpus index, corpus.sqlite, sits beside them). */
async function articleFolders(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('corpus.sqlite'));
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
    worker = await startWorker({ redisUrl, queueName, outDir: out.dir, logger: quietLogger });
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

  it('terminates stages that overrun the limit and runs the next article in a fresh thread', async () => {
    const runner = new StageRunner();
    try {
      const data = {
        name: 'a.txt',
        source: 'Pier reopens\n\nThe pier at Ash Cove reopened on Friday.',
        encoding: 'utf8' as const,
      };
      await expect(runner.run(data, { timeLimitMs: 1 })).rejects.toMatchObject({
        name: 'UnrecoverableError',
        message: expect.stringMatching(/limit per article; stopped/),
      });
      const output = await runner.run(data, { timeLimitMs: 30_000 });
      expect(output.article.title).toBe('Pier reopens');
      await expect(runner.run({ ...data, source: '   ' }, { timeLimitMs: 30_000 })).rejects.toMatchObject({
        name: 'InputError',
      });
    } finally {
      await runner.close();
    }
  }, 30_000);

  it('reports a stage that throws and one that exhausts the heap cap, then runs the next article', async () => {
    // Fault modules as the stage thread loads them: plain JavaScript files, chosen by the test.
    const faultModule = path.join(out.dir, 'fault.mjs');
    await writeFile(
      faultModule,
      [
        'export default async (data, run) => {',
        "  if (data.source.includes('THROW')) throw new Error('stage broke');",
        "  if (data.source.includes('HOARD')) { const hoard = []; for (;;) hoard.push({ n: hoard.length }); }",
        '  return run();',
        '};',
      ].join('\n'),
    );
    const runner = new StageRunner({ memoryLimitMb: 64, faultModule });
    try {
      const data = {
        name: 'a.txt',
        source: 'Pier reopens\n\nThe pier at Ash Cove reopened on Friday.',
        encoding: 'utf8' as const,
      };
      await expect(
        runner.run({ ...data, source: `${data.source} THROW` }, { timeLimitMs: 30_000 }),
      ).rejects.toMatchObject({ message: 'stage broke' });
      await expect(
        runner.run({ ...data, source: `${data.source} HOARD` }, { timeLimitMs: 30_000 }),
      ).rejects.toMatchObject({
        name: 'UnrecoverableError',
        message: expect.stringMatching(/ran out of memory \(over 64 MB\)/),
      });
      expect((await runner.run(data, { timeLimitMs: 30_000 })).article.title).toBe('Pier reopens');
    } finally {
      await runner.close();
    }
  }, 30_000);

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
