import { Queue } from 'bullmq';
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
    const jobs = limit > 0 ? await queue.getFailed(0, limit - 1) : [];
    const failures = jobs
      .filter((job) => job !== undefined)
      .map((job) => ({
        jobId: job.id ?? '',
        name: typeof job.data?.name === 'string' ? job.data.name : '(unknown)',
        reason: job.failedReason,
        attemptsMade: job.attemptsMade,
        ...(job.finishedOn ? { failedAt: job.finishedOn } : {}),
      }));
    return { queueName, counts, failures };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
