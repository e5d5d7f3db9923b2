import type { JobsOptions, KeepJobs } from 'bullmq';

/** Attempts per job: the first run plus retries of transient failures. */
export const DEFAULT_ATTEMPTS = 3;

/** First retry delay; each further retry waits twice as long (1 s, 2 s, 4 s…). */
export const DEFAULT_BACKOFF_MS = 1000;

/**
 * Completed jobs kept: a day or the latest 1000, whichever is fewer, so `--wait`, `status` and
 * duplicate detection see recent work while Redis does not grow without bound. The published
 * files, not the job, are the record of a finished article.
 */
export const KEEP_COMPLETED: KeepJobs = { age: 24 * 3600, count: 1000 };

/**
 * Failed jobs are kept for a week and at most 10000: they are the dead-letter list that
 * `galley status` shows and an operator retries.
 */
export const KEEP_FAILED: KeepJobs = { age: 7 * 24 * 3600, count: 10000 };

/** Options that change the defaults for the jobs a producer adds. */
export interface JobOptionsOverrides {
  /** Attempts per job (default {@link DEFAULT_ATTEMPTS}). */
  attempts?: number;
  /** First retry delay in ms (default {@link DEFAULT_BACKOFF_MS}). */
  backoffMs?: number;
}

/** The options every article job is added with. */
export function articleJobOptions(overrides: JobOptionsOverrides = {}): JobsOptions {
  const attempts = overrides.attempts ?? DEFAULT_ATTEMPTS;
  const delay = overrides.backoffMs ?? DEFAULT_BACKOFF_MS;
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new Error(`attempts must be a whole number ≥ 1 (got ${attempts})`);
  if (!Number.isFinite(delay) || delay < 0) throw new Error(`backoffMs must be ≥ 0 (got ${delay})`);
  return {
    attempts,
    backoff: { type: 'exponential', delay },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}
