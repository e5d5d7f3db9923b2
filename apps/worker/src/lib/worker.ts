// First, so that the flag is set before the modules below run (see the module).
import { holdYoungGeneration } from './young-generation.js';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import type { Job } from 'bullmq';
import { pino, type Logger } from 'pino';
import { type Corpus, openCorpus } from '@galley/corpus';
import { type Article, GalleyError, failureReason } from '@galley/document';
// The runner alone: the stages load in the stage threads, never in this one.
import {
  DEFAULT_MEMORY_LIMIT_MB,
  DEFAULT_TIME_LIMIT_MS,
  FAULT_MODULE_ENV,
  PipelineRunner,
} from '@galley/pipeline/runner';
import { DirectoryStore } from '@galley/publish';
import {
  type ArticleJobResult,
  DEFAULT_QUEUE_NAME,
  QUEUE_PREFIX,
  blockingConnection,
  parseJobProgress,
  redactUrl,
  validateQueueName,
} from '@galley/queue';
import { UnrecoverableError } from 'bullmq';
import { ArticleWorker, corruptReason } from './article-worker.js';
import { IndexBatcher, repairIndex } from './index-batcher.js';
import { type HealthServer, type Readiness, startHealthServer } from './health.js';
import { type JobTimings, PROGRESS_AFTER_MS, processJob } from './process-job.js';

/** Options for {@link startWorker}. */
export interface StartWorkerOptions {
  /** Redis to take jobs from: `redis://host:port`, or `redis-cluster://host:port,host:port` for a Redis Cluster. */
  redisUrl: string;
  /** Folder articles are published to (`<outDir>/<id>/article.{json,md,html}`). */
  outDir: string;
  /** Queue name (default `galley-articles`). */
  queueName?: string;
  /**
   * Stage threads, i.e. articles whose stages run at once (default 1); `'auto'`: one per core
   * available to this process (`os.availableParallelism()`). Up to twice as many jobs are active,
   * so one job's files are flushed to disk while the next job's stages run.
   */
  concurrency?: number | 'auto';
  /** Time limit per job in ms; the stage thread is stopped when it overruns (default 60000). */
  timeLimitMs?: number;
  /**
   * Heap cap of each stage thread, MB (default 1024). An article that needs more fails with
   * "ran out of memory" instead of taking the worker's memory with it.
   */
  memoryLimitMb?: number;
  /**
   * Test only: absolute path of a module whose default export (a `StageFault`) runs in place of
   * the stages, to make them throw or exhaust memory on chosen articles. Default: the
   * `GALLEY_FAULT_MODULE` environment variable; unset, the stages run as they are.
   */
  faultModule?: string;
  /**
   * How long a job's lock lasts without renewal, ms (default 30000). A worker that dies loses
   * its jobs' locks after this long; the stalled check then gives the jobs to another worker.
   */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs, ms (default 30000). */
  stalledIntervalMs?: number;
  /** Times a job may stall before it fails (default 2: a crash is rarely the job's fault). */
  maxStalledCount?: number;
  /**
   * Run time after which a job reports progress after each stage, ms (default 1000). Faster jobs
   * write none: each write is a Redis round trip and an event for every watcher.
   */
  progressAfterMs?: number;
  /** Structured logger (default: pino to standard output at level `info`). */
  logger?: Logger;
  /**
   * The corpus index each published article is added to: PostgreSQL at this URL, else (default)
   * the SQLite file `<outDir>/corpus.sqlite`.
   */
  databaseUrl?: string;
  /** Add published articles to the corpus index (default true). */
  index?: boolean;
  /**
   * Port of the health server (`GET /live`, `GET /ready`; see the README's "Many machines"); 0
   * picks a free one. Default: no health server.
   */
  healthPort?: number;
  /** Address the health server listens on (default `0.0.0.0`: probes come from outside the container). */
  healthHost?: string;
}

/** How long `/ready` waits for Redis to answer, ms. */
const READY_PING_MS = 2000;
/**
 * SQLite page cache of the worker's corpus connection, MB. A writer touches the newest pages of
 * each table and full-text segment only; the default 32 MB fills over a day's jobs and would take
 * a worker past 200 MB RSS. Indexing 8,000 synthetic articles: 25 MB less RSS, 1–3% more CPU.
 */
const WORKER_CORPUS_CACHE_MB = 8;

/** A running worker. */
export interface WorkerHandle {
  readonly worker: ArticleWorker;
  /** Jobs processed at once (`'auto'` resolved to a number). */
  readonly concurrency: number;
  /** Where the health server listens, when {@link StartWorkerOptions.healthPort} was given. */
  readonly health?: HealthServer['address'];
  /**
   * Stop taking jobs, let active jobs finish, then close the connections. With `force`, active
   * jobs are abandoned; their locks expire and another worker picks them up, so none is lost.
   */
  close(force?: boolean): Promise<void>;
}

/** The concurrency a worker runs at: a whole number ≥ 1, or `'auto'` for the cores available. */
export function resolveConcurrency(value: number | 'auto' | undefined): number {
  if (value === 'auto') return os.availableParallelism();
  const concurrency = value ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`concurrency must be a whole number ≥ 1 or "auto" (got ${concurrency})`);
  return concurrency;
}

/**
 * Start a worker that runs the Galley stages over queued articles. Resolves once it is connected
 * and taking jobs.
 *
 * Threads: the main thread talks to Redis (fetching jobs, renewing locks, acknowledging) and
 * writes the files; each concurrency slot has one stage thread, reused from job to job, which
 * the main thread terminates when an article overruns the time limit or its heap cap. That is
 * the fewest threads that still enforce both limits: stage code is synchronous, so only another
 * thread can stop it, and only a thread has a heap cap of its own.
 */
export async function startWorker(options: StartWorkerOptions): Promise<WorkerHandle> {
  const queueName = validateQueueName(options.queueName ?? DEFAULT_QUEUE_NAME);
  const concurrency = resolveConcurrency(options.concurrency);
  const memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
  if (!Number.isInteger(memoryLimitMb) || memoryLimitMb < 1)
    throw new Error(`memoryLimitMb must be a whole number ≥ 1 (got ${memoryLimitMb})`);
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  if (!(timeLimitMs > 0)) throw new Error(`timeLimitMs must be > 0 (got ${timeLimitMs})`);
  const { healthPort } = options;
  if (healthPort !== undefined && !(Number.isInteger(healthPort) && healthPort >= 0 && healthPort <= 65535))
    throw new Error(`healthPort must be a port number 0–65535 (got ${healthPort})`);
  const faultModule = options.faultModule ?? (process.env[FAULT_MODULE_ENV] || undefined);
  const outDir = path.resolve(options.outDir);
  const log = options.logger ?? pino({ name: 'galley-worker' });
  // Loud on purpose: a worker injecting faults must never pass for a normal one.
  if (faultModule) log.warn({ faultModule: path.resolve(faultModule) }, 'fault injection on (test only)');

  const store = new DirectoryStore(outDir);
  // Opened on the first article, so a worker with nothing to do holds no database connection.
  let corpus: Promise<Corpus> | undefined;
  const corpusOptions = options.databaseUrl ? { databaseUrl: options.databaseUrl } : {};
  const writeIndex = async (articles: Article[]): Promise<void> => {
    corpus ??= openCorpus({ ...corpusOptions, dataDir: outDir, cacheMb: WORKER_CORPUS_CACHE_MB }).catch(
      (error: unknown) => {
        corpus = undefined;
        throw error;
      },
    );
    await (await corpus).index(articles);
  };
  // Published articles reach the index in batches, after their jobs are acknowledged; what a
  // worker that died on this folder published but had not indexed yet is indexed first.
  const batcher = options.index !== false ? new IndexBatcher({ outDir, index: writeIndex, log }) : undefined;
  if (batcher) {
    try {
      const repaired = await repairIndex(outDir, writeIndex, log);
      if (repaired.length)
        log.info({ articles: repaired.length }, 'indexed the articles a stopped worker had left out');
    } catch (error) {
      log.error(
        { err: (error as Error).message },
        'could not index what a stopped worker left out; the next start tries again',
      );
    }
  }
  // One stage thread per slot, each loading the stages once for all the jobs it runs.
  const runners = Array.from(
    { length: concurrency },
    () => new PipelineRunner({ memoryLimitMb, ...(faultModule ? { faultModule: path.resolve(faultModule) } : {}) }),
  );
  const pool = new RunnerPool(runners);
  // Per job, from the end of its processing to the completed event: the acknowledgement's round trip.
  const finishing = new Map<string, { end: number; timings: JobTimings }>();
  const progressAfterMs = options.progressAfterMs ?? PROGRESS_AFTER_MS;

  const processor = async (job: Job, _token?: string, signal?: AbortSignal): Promise<ArticleJobResult> => {
    const corrupt = corruptReason(job);
    if (corrupt) throw new UnrecoverableError(failureReason(new GalleyError('GALLEY_JOB_INVALID', corrupt)));
    let timings: JobTimings | undefined;
    const result = await processJob(job.data, {
      store,
      runner: pool,
      timeLimitMs,
      progressAfterMs,
      ...(signal ? { signal } : {}),
      onProgress: (progress) => job.updateProgress(progress),
      ...(batcher ? { index: (article: Article) => batcher.add(article) } : {}),
      onTimings: (t) => (timings = t),
    });
    if (timings && job.id) finishing.set(job.id, { end: Date.now(), timings });
    return result;
  };

  // Loaded before the first job is taken: a job's time (and its progress threshold) is then the
  // article's, not the start-up's.
  await Promise.all(runners.map((runner) => runner.warm()));
  holdYoungGeneration();

  const { connection, close: closeConnection } = blockingConnection(options.redisUrl);
  const worker = new ArticleWorker(queueName, processor, {
    connection,
    prefix: QUEUE_PREFIX,
    // Two jobs per stage thread: while one job's files are written and flushed (an fsync is a
    // wait of milliseconds to tens of them), the next job's stages run, so the thread never idles
    // on the disk; and the fsyncs of jobs that finish together overlap.
    concurrency: concurrency * 2,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    autorun: false,
  });
  // Job data is untrusted (anything can write into Redis): the handlers read it defensively.
  const jobName = (job: Job | undefined): unknown => (job?.data as { name?: unknown } | null | undefined)?.name;
  worker.on('active', (job) =>
    log.info({ jobId: job.id, name: jobName(job), attempt: job.attemptsMade + 1 }, 'job started'),
  );
  worker.on('progress', (job, progress) => {
    const p = parseJobProgress(progress);
    if (p) log.debug({ jobId: job.id, stage: p.stage, done: p.done, total: p.total }, 'stage done');
  });
  worker.on('completed', (job, result) => {
    const finished = job.id ? finishing.get(job.id) : undefined;
    if (job.id) finishing.delete(job.id);
    log.info(
      {
        jobId: job.id,
        name: jobName(job),
        articleId: result.articleId,
        stages: result.stages,
        totalMs: result.totalMs,
        location: result.location,
        // Where the time went between queued and acknowledged (`npm run bench -- --profile-queue`).
        ...(finished
          ? {
              timings: {
                wait: job.processedOn ? job.processedOn - job.timestamp : undefined,
                ...finished.timings,
                ack: Date.now() - finished.end,
              },
            }
          : {}),
      },
      'job completed',
    );
  });
  worker.on('failed', (job, error) => {
    if (job?.id) finishing.delete(job.id);
    const attempts = job?.opts?.attempts ?? 1;
    const final = !job || error.name === 'UnrecoverableError' || job.attemptsMade >= attempts;
    log.warn(
      { jobId: job?.id, name: jobName(job), attempt: job?.attemptsMade, reason: error.message, willRetry: !final },
      final ? 'job failed' : 'job attempt failed, will retry',
    );
  });
  worker.on('stalled', (jobId) =>
    log.warn({ jobId }, 'job stalled (its worker stopped renewing the lock); it goes back to the queue'),
  );
  worker.on('error', (error) => log.error({ err: error.message }, 'worker error'));

  void worker.run().catch((error: Error) => log.error({ err: error.message }, 'worker stopped'));
  await worker.waitUntilReady();
  let closing: Promise<void> | undefined;
  // Ready means this worker would take a job now: running, not closing, and Redis answering.
  const readiness = async (): Promise<Readiness> => {
    if (closing) return { ready: false, reason: 'closing' };
    if (!worker.isRunning() || worker.isPaused()) return { ready: false, reason: 'not taking jobs' };
    const client = await worker.client;
    if (client.status !== 'ready') return { ready: false, reason: `Redis connection ${client.status}` };
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      // Any read answers; this one goes to the node that holds the queue, also on a Cluster.
      client.hget(`${QUEUE_PREFIX}:${queueName}:meta`, 'version').then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(resolve, READY_PING_MS, false))),
    ]).finally(() => clearTimeout(timer));
    return answered ? { ready: true } : { ready: false, reason: `Redis did not answer within ${READY_PING_MS} ms` };
  };
  let health: HealthServer | undefined;
  if (healthPort !== undefined)
    try {
      health = await startHealthServer(healthPort, options.healthHost ?? '0.0.0.0', readiness);
    } catch (error) {
      await worker.close(true);
      await Promise.all(runners.map((runner) => runner.close()));
      await closeConnection();
      throw new Error(`cannot serve the health check on port ${healthPort}: ${(error as Error).message}`);
    }
  log.info(
    {
      queue: queueName,
      redis: redactUrl(options.redisUrl),
      concurrency,
      outDir,
      timeLimitMs,
      memoryLimitMb,
      ...(health ? { health: `${health.address.address}:${health.address.port}` } : {}),
    },
    'worker ready',
  );

  return {
    worker,
    concurrency,
    ...(health ? { health: health.address } : {}),
    close(force = false) {
      if (force) {
        closing = undefined;
      }
      closing ??= (async () => {
        log.info(
          { force },
          force ? 'closing now; active jobs will be retried elsewhere' : 'closing: finishing active jobs',
        );
        await worker.close(force);
        await health?.close();
        await Promise.all(runners.map((runner) => runner.close()));
        await closeConnection();
        await batcher?.close();
        await (await corpus?.catch(() => undefined))?.close();
        log.info('worker closed');
      })();
      return closing;
    },
  };
}

/**
 * Stage threads lent to jobs one at a time: a job waits for a free thread, runs its stages,
 * and gives the thread back before it publishes, so the next job's stages overlap its disk wait.
 */
class RunnerPool implements Pick<PipelineRunner, 'run'> {
  private readonly idle: PipelineRunner[];
  private readonly waiting: Array<(runner: PipelineRunner) => void> = [];

  constructor(runners: PipelineRunner[]) {
    this.idle = [...runners];
  }

  async run(...[input, options = {}]: Parameters<PipelineRunner['run']>): ReturnType<PipelineRunner['run']> {
    const asked = performance.now();
    const runner = this.idle.pop() ?? (await new Promise<PipelineRunner>((resolve) => this.waiting.push(resolve)));
    const waited = performance.now() - asked;
    try {
      return await runner.run(input, {
        ...options,
        // The wait for a free thread counts as waiting for the thread.
        onTimings: (timings) => options.onTimings?.({ ...timings, threadStart: timings.threadStart + waited }),
      });
    } finally {
      // The run may have started a fresh thread (after one was stopped), which reset V8's flags.
      holdYoungGeneration();
      const next = this.waiting.shift();
      if (next) next(runner);
      else this.idle.push(runner);
    }
  }
}
