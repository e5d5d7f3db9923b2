import type { QueueStatus, connectProducer } from '@galley/queue';
import { QUEUE_PREFIX } from '@galley/queue/settings';
import type { Queue } from 'bullmq';

/** Where the viewer finds the queue. */
export interface QueueTarget {
  redisUrl: string;
  queueName: string;
}

/** The queue page's view of Redis: a snapshot, or why there is none. */
export type QueueSnapshot = { ok: true; status: QueueStatus } | { ok: false; error: string };

/** How many failed jobs the queue page lists. */
export const FAILED_JOBS_SHOWN = 50;

/** Job ids as BullMQ and `articleJobId` make them; anything else never reaches Redis. */
const jobIdPattern = /^[A-Za-z0-9:._-]{1,200}$/;

/**
 * BullMQ and the queue client, loaded when the viewer first talks to Redis: its reading pages never
 * do, and loading them is most of a second of start-up.
 */
async function redisClient() {
  const [{ connectProducer, readQueueStatus, retryFailedJob }, { Queue }] = await Promise.all([
    import('@galley/queue'),
    import('bullmq'),
  ]);
  return { connectProducer, readQueueStatus, retryFailedJob, Queue };
}

type OpenQueue = { connection: Awaited<ReturnType<typeof connectProducer>>; queue: Queue };

/**
 * The queue page's reads over one connection and one queue, opened on first use and kept: the
 * page refreshes every few seconds, and a connection per request cost more than its reads. After
 * an error the connection is dropped and the next read opens a new one.
 */
export class QueueReader {
  #open: Promise<OpenQueue> | undefined;

  constructor(private readonly target: QueueTarget) {}

  /** Counts and failures; a Redis that does not answer is a snapshot with an error, not a throw. */
  async read(): Promise<QueueSnapshot> {
    const open = (this.#open ??= this.#connect());
    try {
      const { connection, queue } = await open;
      const { readQueueStatus } = await redisClient();
      return { ok: true, status: await readQueueStatus(connection, queue, FAILED_JOBS_SHOWN) };
    } catch (error) {
      await this.#drop(open);
      return { ok: false, error: describe(error) };
    }
  }

  /** Close the connection, if open. */
  async close(): Promise<void> {
    if (this.#open) await this.#drop(this.#open);
  }

  async #connect(): Promise<OpenQueue> {
    const { connectProducer, Queue } = await redisClient();
    const connection = await connectProducer(this.target.redisUrl);
    const queue = new Queue(this.target.queueName, { connection, prefix: QUEUE_PREFIX });
    queue.on('error', () => {
      // A dropped connection surfaces through the next read, which reconnects; unheard, it would be fatal.
    });
    return { connection, queue };
  }

  /** Forget `open` (unless a newer connection replaced it already) and close it. */
  async #drop(open: Promise<OpenQueue>): Promise<void> {
    if (this.#open === open) this.#open = undefined;
    const opened = await open.catch(() => undefined);
    await opened?.queue.close().catch(() => undefined);
    opened?.connection.disconnect();
  }
}

/** The outcome of a retry request, in words for the page. */
export type RetryOutcome = 'retried' | 'not-found' | 'not-failed' | 'invalid-id' | { error: string };

/** Move one failed job back to waiting (`job.retry()`). */
export async function retryJob(target: QueueTarget, jobId: string): Promise<RetryOutcome> {
  if (!jobIdPattern.test(jobId)) return 'invalid-id';
  const { connectProducer, retryFailedJob, Queue } = await redisClient();
  let connection;
  try {
    connection = await connectProducer(target.redisUrl);
  } catch (error) {
    return { error: describe(error) };
  }
  const queue = new Queue(target.queueName, { connection, prefix: QUEUE_PREFIX });
  try {
    const job = await queue.getJob(jobId);
    if (!job) return 'not-found';
    if (!(await job.isFailed())) return 'not-failed';
    await retryFailedJob(job);
    return 'retried';
  } catch (error) {
    return { error: describe(error) };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** A Redis that does not answer says how to start it (`RedisUnavailableError`); the rest as it came. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
