import { Queue, Worker } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import {
  MAX_JOB_SOURCE_BYTES,
  QUEUE_PREFIX,
  type ArticleJobData,
  DEFAULT_QUEUE_NAME,
  validateQueueName,
  blockingConnection,
} from '@galley/queue';
// The check alone: the whole pipeline (the stages, unified) would weigh some 14 MB in this thread.
import { decodeSource } from '@galley/pipeline/decode';
import type { FeedPollJobData, FeedPollerOptions, PollReport } from '@galley/feeds';

/** Options for {@link startFeedPoller}. */
export interface StartFeedPollerOptions extends Omit<FeedPollerOptions, 'logger' | 'check'> {
  /** Redis the feeds and the queue live in. */
  redisUrl: string;
  /** Article queue the feeds' items go to (default `galley-articles`); polls run on `<queue>-feeds`. */
  queueName?: string;
  /**
   * Feeds polled at once (default 8). Each poll waits on the network, not the CPU, and a slow
   * host holds up only its own poll.
   */
  concurrency?: number;
  /** Structured logger (default: pino to standard output). */
  logger?: Logger;
}

/** A running feed poller. */
export interface FeedPollerHandle {
  readonly worker: Worker<FeedPollJobData, PollReport | undefined>;
  /** Stop taking polls, let the running ones finish, close the connections. */
  close(): Promise<void>;
}

/**
 * Start the worker of feed-poll jobs (the job schedulers `galley feeds add` upserts): each job
 * polls one feed and queues its new items as article jobs. It runs in the worker process beside
 * the article worker, on its own queue, so a poll never waits behind an article.
 */
export async function startFeedPoller(options: StartFeedPollerOptions): Promise<FeedPollerHandle> {
  const queueName = validateQueueName(options.queueName ?? DEFAULT_QUEUE_NAME);
  // Loaded here, not at the top: importing the worker package must not load the feed parsers.
  const { FeedPoller, FeedSchedule, FeedStore, feedQueueName } = await import('@galley/feeds');
  const log = options.logger ?? pino({ name: 'galley-feeds' });
  // Options for a single Redis, a client for a Redis Cluster (as the article worker connects).
  const { connection, close: closeConnection } = blockingConnection(options.redisUrl);
  const redis = connection instanceof Cluster ? connection : new Redis(connection);
  redis.on('error', (error: Error) => log.error({ err: error.message }, 'feed store connection error'));
  const store = new FeedStore(redis, queueName);
  const articles = new Queue<ArticleJobData>(queueName, { connection, prefix: QUEUE_PREFIX });
  articles.on('error', (error) => log.error({ err: error.message }, 'article queue error'));
  const schedule = new FeedSchedule(queueName, connection);
  const poller = new FeedPoller(store, articles, {
    ...options,
    logger: log,
    // The stages' own input check, as "galley queue" uses: a page they would refuse is not queued.
    check: (bytes) => void decodeSource(bytes, MAX_JOB_SOURCE_BYTES),
  });
  const worker = new Worker<FeedPollJobData, PollReport | undefined>(
    feedQueueName(queueName),
    async (job) => {
      const config = await store.get(job.data.feedId);
      if (config) return poller.poll(config);
      // The feed was removed while its scheduler still had a job out: stop the scheduler too.
      await schedule.remove(job.data.feedId);
      return undefined;
    },
    { connection, prefix: QUEUE_PREFIX, concurrency: options.concurrency ?? 8, autorun: false },
  );
  worker.on('failed', (job, error) =>
    log.warn({ feedId: job?.data.feedId, reason: error.message }, 'feed poll failed'),
  );
  worker.on('error', (error) => log.error({ err: error.message }, 'feed worker error'));
  void worker.run().catch((error: Error) => log.error({ err: error.message }, 'feed worker stopped'));
  await worker.waitUntilReady();
  log.info({ queue: feedQueueName(queueName) }, 'feed poller ready');
  let closing: Promise<void> | undefined;
  return {
    worker,
    close() {
      closing ??= (async () => {
        await worker.close();
        await Promise.all([articles.close(), schedule.close()]);
        if (redis !== connection) redis.disconnect();
        await closeConnection();
      })();
      return closing;
    },
  };
}
