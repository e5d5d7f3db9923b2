import { UsageError } from '@galley/document';
import { type WorkerHandle, startFeedPoller, startWorker } from '@galley/worker';
import { defineCommand } from '../lib/command.js';
import { corpusOptions, dataDir } from '../lib/env.js';
import { limitOptions, readLimitOptions } from '../lib/limit-options.js';
import { feedPollerSettings } from '../lib/feed-env.js';
import { createLogger } from '../lib/log.js';
import { portNumber, positiveInt } from '../lib/numbers.js';
import { queueEnv } from '../lib/queue-env.js';

/** `galley worker`: runs until SIGINT/SIGTERM, then returns 0 after a graceful close. */
export const workerCommand = defineCommand({
  name: 'worker',
  operands: '',
  arity: 'none',
  description: `Processes queued articles until stopped (Ctrl-C or SIGTERM: active jobs finish first;
a second signal stops at once, and the unfinished jobs go back to the queue).
Each job runs the stages in a stage thread (one per concurrent job, reused) and publishes to
<out>/<id>/; the job is acknowledged only once its files are on disk (fsync).
Published articles are added to the corpus index in batches, within 50 ms of their jobs:
<out>/corpus.sqlite, or PostgreSQL at $DATABASE_URL when it is set (several workers on several
machines can share one); a worker starting on <out> indexes what a stopped one left out.
Environment: REDIS_URL, REDIS_CLUSTER_NODES (host:port,host:port: a Redis Cluster, whatever
REDIS_URL says), GALLEY_QUEUE, GALLEY_DATA, DATABASE_URL, LOG_LEVEL (pino level, default info);
GALLEY_LOCK_MS and GALLEY_STALLED_MS tune crash detection (default 30000 each);
GALLEY_HEALTH_PORT as --health-port.
The worker also polls the feeds "galley feeds add" follows (GALLEY_CONTACT_URL,
GALLEY_PER_HOST and GALLEY_HOST_GAP_MS: see "galley feeds --help").
Logs go to standard output: one readable line per entry on a terminal, JSON lines (pino)
when piped.`,
  options: {
    concurrency: {
      type: 'string',
      value: 'N|auto',
      help: 'stage threads, one article each at a time; auto: one per core (default 1)',
    },
    out: { type: 'string', value: 'DIR', help: 'publish under DIR (default: $GALLEY_DATA, else ./data/articles)' },
    'health-port': {
      type: 'string',
      value: 'PORT',
      help: 'serve GET /live and GET /ready (200 when taking jobs, else 503) for probes (default: none)',
    },
    'health-host': { type: 'string', value: 'HOST', help: 'address of the health server (default 0.0.0.0)' },
    ...limitOptions,
  },
  examples: [
    ['galley worker', 'process the default queue into ./data/articles'],
    ['galley worker --concurrency auto --out /srv/articles', 'one job per core, published elsewhere'],
    ['REDIS_URL=redis://queue.internal:6379 galley worker', 'a worker on another machine'],
    ['galley worker --health-port 9464', 'with a readiness check at http://<host>:9464/ready'],
  ],
  async run(values) {
    const env = queueEnv();
    const limits = readLimitOptions(values);
    const concurrency =
      values.concurrency === 'auto' ? 'auto' : (positiveInt(values.concurrency, '--concurrency') ?? 1);
    const feedSettings = feedPollerSettings();
    const lockDurationMs = positiveInt(process.env.GALLEY_LOCK_MS, 'GALLEY_LOCK_MS');
    const stalledIntervalMs = positiveInt(process.env.GALLEY_STALLED_MS, 'GALLEY_STALLED_MS');
    const healthPort =
      portNumber(values['health-port'], '--health-port') ??
      portNumber(process.env.GALLEY_HEALTH_PORT, 'GALLEY_HEALTH_PORT');
    const healthHost = values['health-host'];
    if (healthHost === '') throw new UsageError('--health-host must not be empty');
    // The output folder is not checked here: a worker outlives a folder that is missing for a
    // while (a network mount), and its jobs are retried until the folder can be written.
    const outDir = dataDir(values.out);
    const { databaseUrl } = corpusOptions(outDir);
    const logger = createLogger({ name: 'galley-worker' });
    // The feed poller first: "worker ready" then means the whole worker is up, signal handlers
    // included, so a stop right after it is always a graceful one.
    const feeds = await startFeedPoller({ redisUrl: env.redisUrl, queueName: env.queueName, logger, ...feedSettings });
    let handle: WorkerHandle;
    try {
      handle = await startWorker({
        redisUrl: env.redisUrl,
        queueName: env.queueName,
        outDir,
        ...(databaseUrl ? { databaseUrl } : {}),
        concurrency,
        ...limits,
        ...(lockDurationMs ? { lockDurationMs } : {}),
        ...(stalledIntervalMs ? { stalledIntervalMs } : {}),
        ...(healthPort !== undefined ? { healthPort } : {}),
        ...(healthHost ? { healthHost } : {}),
        logger,
      });
    } catch (error) {
      await feeds.close();
      throw error;
    }
    await new Promise<void>((resolve) => {
      let signals = 0;
      const stop = (signal: NodeJS.Signals): void => {
        signals++;
        logger.info({ signal }, signals === 1 ? 'stopping after the active jobs' : 'stopping now');
        Promise.all([feeds.close(), handle.close(signals > 1)]).then(
          () => resolve(),
          (error: Error) => {
            logger.error({ err: error.message }, 'close failed');
            resolve();
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
});
