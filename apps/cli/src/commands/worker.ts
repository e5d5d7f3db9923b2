import { parseArgs } from 'node:util';
import { startWorker } from '@galley/worker';
import { corpusOptions, dataDir } from '../lib/env.js';
import { positiveInt, queueEnv } from '../lib/queue-env.js';

export const workerUsage = `galley worker [--concurrency N] [--out DIR] [--time-limit SECONDS] [--memory-limit MB]

Processes queued articles until stopped (Ctrl-C or SIGTERM: active jobs finish first;
a second signal stops at once, and the unfinished jobs go back to the queue).
Each job runs the stages in a worker thread and publishes to <out>/<id>/.
--out defaults to $GALLEY_DATA, else ./data/articles. --concurrency: jobs at once (default 1).
--time-limit: seconds per article; an article over it is stopped and fails (default 60).
--memory-limit: heap MB per article's stage thread; an article over it fails (default 1024).
Each published article is added to the corpus index: <out>/corpus.sqlite, or PostgreSQL
at $DATABASE_URL when it is set (several workers on several machines can share one).
Environment: REDIS_URL, GALLEY_QUEUE, DATABASE_URL, LOG_LEVEL (pino level, default info);
GALLEY_LOCK_MS and GALLEY_STALLED_MS tune crash detection (default 30000 each).
Logs are JSON lines (pino) on standard output.`;

/** `galley worker`: runs until SIGINT/SIGTERM, then returns 0 after a graceful close. */
export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      concurrency: { type: 'string' },
      out: { type: 'string' },
      'time-limit': { type: 'string' },
      'memory-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${workerUsage}\n`);
    return 0;
  }
  const env = queueEnv(workerUsage);
  const timeLimit = positiveInt(values['time-limit'], '--time-limit', workerUsage);
  const memoryLimitMb = positiveInt(values['memory-limit'], '--memory-limit', workerUsage);
  const lockDurationMs = positiveInt(process.env.GALLEY_LOCK_MS, 'GALLEY_LOCK_MS', workerUsage);
  const stalledIntervalMs = positiveInt(process.env.GALLEY_STALLED_MS, 'GALLEY_STALLED_MS', workerUsage);
  const { databaseUrl } = corpusOptions(dataDir(values.out));
  const { pino } = await import('pino');
  const logger = pino({ name: 'galley-worker', level: process.env.LOG_LEVEL || 'info' });
  const handle = await startWorker({
    redisUrl: env.redisUrl,
    queueName: env.queueName,
    outDir: dataDir(values.out),
    ...(databaseUrl ? { databaseUrl } : {}),
    concurrency: positiveInt(values.concurrency, '--concurrency', workerUsage) ?? 1,
    ...(timeLimit ? { timeLimitMs: timeLimit * 1000 } : {}),
    ...(memoryLimitMb ? { memoryLimitMb } : {}),
    ...(lockDurationMs ? { lockDurationMs } : {}),
    ...(stalledIntervalMs ? { stalledIntervalMs } : {}),
    logger,
  });
  await new Promise<void>((resolve) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals): void => {
      signals++;
      logger.info({ signal }, signals === 1 ? 'stopping after the active jobs' : 'stopping now');
      handle.close(signals > 1).then(resolve, (error: Error) => {
        logger.error({ err: error.message }, 'close failed');
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
