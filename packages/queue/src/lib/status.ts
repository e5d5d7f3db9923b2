import { Job, Queue } from 'bullmq';
import { connectProducer } from './connection.js';
import type { ArticleJobData } from './job.js';
import { DEFAULT_QUEUE_NAME, QUEUE_PREFIX, validateQueueName } from './names.js';

/** Job states `galley status` reports, in the order a job moves through them. */
export const JOB_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** One job in the dead-letter list. */
export interface FailedJob {
  jobId: string;
  name: string;
  reason: string;
  attemptsMade: number;
  /** When it failed (ms since the epoch). */
  failedAt?: number;
}

/** A snapshot of a queue. */
export interface QueueStatus {
  queueName: string;
  counts: Record<JobState, number>;
  /** Newest failures first. */
  failures: FailedJob[];
}

/** Count jobs per state and read the latest failures (`limit`, default 10). */
export async function queueStatus(redisUrl: string, queueName = DEFAULT_QUEUE_NAME, limit = 10): Promise<QueueStatus> {
  const name = validateQueueName(queueName);
  const connection = await connectProducer(redisUrl);
  const queue = new Queue<ArticleJobData>(name, { connection, prefix: QUEUE_PREFIX });
  queue.on('error', () => {
    // A dropped connection surfaces through the awaited calls below; unheard, it would be fatal.
  });
  try {
    const counts = (await queue.getJobCounts(...JOB_STATES)) as Record<JobState, number>;
    const ids = limit > 0 ? await queue.getRanges(['failed'], 0, limit - 1) : [];
    const failures = (await Promise.all(ids.map((id) => failedJob(queue, id)))).filter(
      (job): job is FailedJob => job !== undefined,
    );
    return { queueName, counts, failures };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/**
 * One failed job, read so that a corrupt one (data or options that are not JSON, written into
 * Redis by something other than Galley) is still listed, from its raw fields, instead of making
 * BullMQ's reader throw and the whole status fail. Undefined when the job is gone.
 */
async function failedJob(queue: Queue<ArticleJobData>, id: string): Promise<FailedJob | undefined> {
  try {
    const job = await Job.fromId(queue, id);
    if (!job) return undefined;
    return {
      jobId: job.id ?? id,
      name: typeof job.data?.name === 'string' ? job.data.name : '(unknown)',
      reason: job.failedReason,
      attemptsMade: job.attemptsMade,
      ...(job.finishedOn ? { failedAt: job.finishedOn } : {}),
    };
  } catch {
    const raw = await (await queue.client).hgetall(queue.toKey(id));
    if (!raw.failedReason && !raw.finishedOn) return undefined;
    return {
      jobId: id,
      name: '(corrupt job data)',
      reason: raw.failedReason ?? '',
      attemptsMade: Number(raw.atm ?? raw.attemptsMade ?? 0),
      ...(raw.finishedOn ? { failedAt: Number(raw.finishedOn) } : {}),
    };
  }
}
