import { Queue, QueueEvents } from 'bullmq';
import { blockingConnection, connectProducer } from './connection.js';
import { type ArticleJobProgress, type ArticleJobResult, parseJobProgress, parseJobResult } from './job.js';
import { DEFAULT_QUEUE_NAME, QUEUE_PREFIX, validateQueueName } from './names.js';

/** How a watched job ended. */
export type JobOutcome =
  { jobId: string; ok: true; result: ArticleJobResult } | { jobId: string; ok: false; reason: string };

/** Callbacks for {@link QueueWatcher.waitFor}. */
export interface WaitCallbacks {
  /** A job finished a stage. */
  onProgress?: (jobId: string, progress: ArticleJobProgress) => void;
  /** A job completed or failed for good (after its retries). */
  onFinish?: (outcome: JobOutcome) => void;
}

/** Watches a queue's jobs; open it before adding jobs so that none can finish unseen. */
export interface QueueWatcher {
  /** Resolve once every job has completed or failed for good, in the order given. */
  waitFor(jobIds: readonly string[], callbacks?: WaitCallbacks): Promise<JobOutcome[]>;
  /** Workers connected to the queue now. */
  workerCount(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Open a watcher on a queue: QueueEvents for live progress and outcomes, plus a poll of job
 * states every `pollMs` (default 1000) as the source of truth, so a missed event (a reconnect, a
 * trimmed event stream) cannot make a wait hang. Each poll reads at most `pollBatch` (default 500)
 * unfinished jobs, taking turns through them, so waiting on ten thousand jobs does not put ten
 * thousand reads a second on the Redis the workers need. Throws `RedisUnavailableError` when
 * Redis is down.
 */
export async function watchQueue(options: {
  redisUrl: string;
  queueName?: string;
  pollMs?: number;
  pollBatch?: number;
}): Promise<QueueWatcher> {
  const queueName = validateQueueName(options.queueName ?? DEFAULT_QUEUE_NAME);
  const connection = await connectProducer(options.redisUrl);
  const queue = new Queue(queueName, { connection, prefix: QUEUE_PREFIX });
  // Connection options, not a client, on a single Redis: QueueEvents then owns its blocking
  // connection and closes it without waiting for the blocking read to time out.
  const blocking = blockingConnection(options.redisUrl);
  const events = new QueueEvents(queueName, { connection: blocking.connection, prefix: QUEUE_PREFIX });
  const ignore = (): void => {
    // Connection trouble surfaces through the poll; these listeners keep it from being fatal.
  };
  queue.on('error', ignore);
  events.on('error', ignore);
  await events.waitUntilReady();
  const pollMs = options.pollMs ?? 1000;
  const pollBatch = options.pollBatch ?? 500;

  return {
    workerCount: () => queue.getWorkersCount(),
    async close() {
      await events.close();
      await blocking.close();
      await queue.close();
      connection.disconnect();
    },
    async waitFor(jobIds, callbacks = {}) {
      const wanted = new Set(jobIds);
      const outcomes = new Map<string, JobOutcome>();
      // Ends the wait between polls as soon as events have settled the last job.
      let allSettled = (): void => {};
      const settle = (outcome: JobOutcome): void => {
        if (!wanted.has(outcome.jobId) || outcomes.has(outcome.jobId)) return;
        outcomes.set(outcome.jobId, outcome);
        callbacks.onFinish?.(outcome);
        if (outcomes.size === wanted.size) allSettled();
      };
      const onProgress = ({ jobId, data }: { jobId: string; data: unknown }): void => {
        const progress = parseJobProgress(data);
        if (progress && wanted.has(jobId) && !outcomes.has(jobId)) callbacks.onProgress?.(jobId, progress);
      };
      const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }): void =>
        settle(completed(jobId, returnvalue));
      const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }): void =>
        settle({ jobId, ok: false, reason: failedReason });
      events.on('progress', onProgress);
      events.on('completed', onCompleted);
      events.on('failed', onFailed);
      const check = async (jobId: string): Promise<void> => {
        // State first, then the job: read the other way round, a job finishing in between would
        // look completed but carry no return value yet.
        const state = await queue.getJobState(jobId);
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
        const job = await queue.getJob(jobId);
        if (!job) settle({ jobId, ok: false, reason: 'the job is gone (removed from the queue)' });
        else if (state === 'failed') settle({ jobId, ok: false, reason: job.failedReason });
        else settle(completed(jobId, job.returnvalue));
      };
      try {
        const order = [...wanted];
        let cursor = 0;
        while (outcomes.size < wanted.size) {
          // The next `pollBatch` unfinished jobs after the cursor, wrapping round the list once.
          const batch: string[] = [];
          for (
            let seen = 0;
            seen < order.length && batch.length < pollBatch;
            seen++, cursor = (cursor + 1) % order.length
          ) {
            if (!outcomes.has(order[cursor]!)) batch.push(order[cursor]!);
          }
          await Promise.all(batch.map(check));
          if (outcomes.size < wanted.size) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, pollMs);
              allSettled = () => {
                clearTimeout(timer);
                resolve();
              };
            });
          }
        }
      } finally {
        events.off('progress', onProgress);
        events.off('completed', onCompleted);
        events.off('failed', onFailed);
      }
      return jobIds.map((id) => outcomes.get(id) as JobOutcome);
    },
  };
}

/** A completed job's outcome; a return value that is not a result is reported as a failure. */
function completed(jobId: string, value: unknown): JobOutcome {
  try {
    return { jobId, ok: true, result: parseJobResult(typeof value === 'string' ? JSON.parse(value) : value) };
  } catch (error) {
    return { jobId, ok: false, reason: (error as Error).message };
  }
}
