/** The queue Galley uses unless the caller names another (apps read `GALLEY_QUEUE`). */
export const DEFAULT_QUEUE_NAME = 'galley-articles';

/**
 * Prefix of every Galley queue's Redis keys (BullMQ's default is `bull`). The braces make it a
 * Redis Cluster hash tag: only `galley` is hashed, so all keys of all Galley queues live in one
 * slot, as BullMQ's multi-key scripts require, on a cluster and on a single Redis alike.
 */
export const QUEUE_PREFIX = '{galley}';

/**
 * Check a queue name. BullMQ builds Redis keys as `{galley}:<name>:…`, so a colon would make keys
 * ambiguous; the length cap keeps keys readable.
 */
export function validateQueueName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
    throw new Error(`invalid queue name "${name}": use 1–100 letters, digits, ".", "_" or "-"`);
  }
  return name;
}

/** Job states `galley status` reports, in the order a job moves through them. */
export const JOB_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused'] as const;
export type JobState = (typeof JOB_STATES)[number];
