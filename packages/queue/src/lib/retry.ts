import type { Job } from 'bullmq';

/**
 * Put a failed job back in the queue with a fresh set of attempts and backoff: it is being asked
 * for again, perhaps after a fix, so the attempts it already used do not count.
 */
export async function retryFailedJob(job: Job): Promise<void> {
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
}
