import { QUEUE_PREFIX, type QueueStatus, connectProducer, queueStatus, retryFailedJob } from '@galley/queue';
import { Queue } from 'bullmq';

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

/** Read counts and failures; a Redis that does not answer is a snapshot with an error, not a throw. */
export async function readQueue(target: QueueTarget): Promise<QueueSnapshot> {
  try {
    return { ok: true, status: await queueStatus(target.redisUrl, target.queueName, FAILED_JOBS_SHOWN) };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

/** The outcome of a retry request, in words for the page. */
export type RetryOutcome = 'retried' | 'not-found' | 'not-failed' | 'invalid-id' | { error: string };

/** Move one failed job back to waiting (`job.retry()`). */
export async function retryJob(target: QueueTarget, jobId: string): Promise<RetryOutcome> {
  if (!jobIdPattern.test(jobId)) return 'invalid-id';
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
