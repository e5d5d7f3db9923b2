import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { pino, type Logger } from 'pino';
import {
  type ArticleJobData,
  type ArticleJobResult,
  DEFAULT_QUEUE_NAME,
  workerConnectionOptions,
  parseJobProgress,
  redactUrl,
  validateQueueName,
} from '@galley/queue';
import type { ProcessorSettings } from './settings.js';
import { STAGE_MEMORY_MB } from './stage-runner.js';

/**
 * Test only: names a fault module for the stage thread (see `StageFault`) in a spawned
 * `galley worker`, which has no other way to get one. Read here, in the worker app, and passed
 * down as settings: job data can never reach it.
 */
export const FAULT_MODULE_ENV = 'GALLEY_FAULT_MODULE';

/** The compiled sandboxed processor, next to this module's folder in `dist/`. */
export const PROCESSOR_FILE = fileURLToPath(new URL('../processor.js', import.meta.url));

/** Options for {@link startWorker}. */
export interface StartWorkerOptions {
  /** Redis to take jobs from, e.g. `redis://127.0.0.1:6379`. */
  redisUrl: string;
  /** Folder articles are published to (`<outDir>/<id>/article.{json,md,html}`). */
  outDir: string;
  /** Queue name (default `galley-articles`). */
  queueName?: string;
  /** Jobs processed at once, each in its own worker thread (default 1). */
  concurrency?: number;
  /** Time limit per job in ms; the stage thread is stopped when it overruns (default 60000). */
  timeLimitMs?: number;
  /**
   * Heap cap of each job's stage thread, MB (default 1024). An article that needs more fails
   * with "ran out of memory" instead of taking the worker's memory with it.
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
  /** Structured logger (default: pino to standard output at level `info`). */
  logger?: Logger;
  /**
   * The corpus index each published article is added to: PostgreSQL at this URL, else (default)
   * the SQLite file `<outDir>/corpus.sqlite`.
   */
  databaseUrl?: string;
  /** Add published articles to the corpus index (default true). */
  index?: boolean;
}

/** A running worker. */
export interface WorkerHandle {
  readonly worker: Worker<ArticleJobData, ArticleJobResult>;
  /**
   * Stop taking jobs, let active jobs finish, then close the connections. With `force`, active
   * jobs are abandoned; their locks expire and another worker picks them up, so none is lost.
   */
  close(force?: boolean): Promise<void>;
}

/**
 * Start a worker that runs the Galley stages over queued articles in a sandboxed processor
 * (worker threads). Resolves once it is connected and taking jobs.
 */
export async function startWorker(options: StartWorkerOptions): Promise<WorkerHandle> {
  const queueName = validateQueueName(options.queueName ?? DEFAULT_QUEUE_NAME);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`concurrency must be a whole number ≥ 1 (got ${concurrency})`);
  const memoryLimitMb = options.memoryLimitMb ?? STAGE_MEMORY_MB;
  if (!Number.isInteger(memoryLimitMb) || memoryLimitMb < 1)
    throw new Error(`memoryLimitMb must be a whole number ≥ 1 (got ${memoryLimitMb})`);
  const faultModule = options.faultModule ?? (process.env[FAULT_MODULE_ENV] || undefined);
  const settings: ProcessorSettings = {
    outDir: path.resolve(options.outDir),
    timeLimitMs: options.timeLimitMs ?? 60_000,
    memoryLimitMb,
    ...(faultModule ? { faultModule: path.resolve(faultModule) } : {}),
    ...(options.index !== false ? { corpus: options.databaseUrl ? { databaseUrl: options.databaseUrl } : {} } : {}),
  };
  const log = options.logger ?? pino({ name: 'galley-worker' });
  // Loud on purpose: a worker injecting faults must never pass for a normal one.
  if (settings.faultModule) log.warn({ faultModule: settings.faultModule }, 'fault injection on (test only)');

  const worker = new Worker<ArticleJobData, ArticleJobResult>(queueName, PROCESSOR_FILE, {
    // Options, not a client: the worker owns its connections and closes them in close().
    connection: workerConnectionOptions(options.redisUrl),
    concurrency,
    useWorkerThreads: true,
    workerThreadsOptions: { workerData: settings },
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    autorun: false,
  });
  worker.on('active', (job) =>
    log.info({ jobId: job.id, name: job.data.name, attempt: job.attemptsMade + 1 }, 'job started'),
  );
  worker.on('progress', (job, progress) => {
    const p = parseJobProgress(progress);
    if (p) log.debug({ jobId: job.id, stage: p.stage, done: p.done, total: p.total }, 'stage done');
  });
  worker.on('completed', (job, result) =>
    log.info(
      {
        jobId: job.id,
        name: job.data.name,
        articleId: result.articleId,
        stages: result.stages,
        totalMs: result.totalMs,
        location: result.location,
      },
      'job completed',
    ),
  );
  worker.on('failed', (job, error) => {
    const attempts = job?.opts.attempts ?? 1;
    const final = !job || error.name === 'UnrecoverableError' || job.attemptsMade >= attempts;
    log.warn(
      { jobId: job?.id, name: job?.data.name, attempt: job?.attemptsMade, reason: error.message, willRetry: !final },
      final ? 'job failed' : 'job attempt failed, will retry',
    );
  });
  worker.on('stalled', (jobId) =>
    log.warn({ jobId }, 'job stalled (its worker stopped renewing the lock); it goes back to the queue'),
  );
  worker.on('error', (error) => log.error({ err: error.message }, 'worker error'));

  void worker.run().catch((error: Error) => log.error({ err: error.message }, 'worker stopped'));
  await worker.waitUntilReady();
  log.info(
    {
      queue: queueName,
      redis: redactUrl(options.redisUrl),
      concurrency,
      outDir: settings.outDir,
      timeLimitMs: settings.timeLimitMs,
      memoryLimitMb,
    },
    'worker ready',
  );

  let closing: Promise<void> | undefined;
  return {
    worker,
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
        log.info('worker closed');
      })();
      return closing;
    },
  };
}
