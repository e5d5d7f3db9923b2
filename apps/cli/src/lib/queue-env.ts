import { DEFAULT_QUEUE_NAME, DEFAULT_REDIS_URL, validateQueueName, validateRedisUrl } from '@galley/queue';

/** Redis and queue the queue commands use: `REDIS_URL` and `GALLEY_QUEUE`, validated at start. */
export interface QueueEnv {
  redisUrl: string;
  queueName: string;
}

/** Read `REDIS_URL` (default redis://127.0.0.1:6379) and `GALLEY_QUEUE` (default galley-articles). */
export function queueEnv(): QueueEnv {
  return {
    redisUrl: validateRedisUrl(process.env.REDIS_URL || DEFAULT_REDIS_URL),
    queueName: validateQueueName(process.env.GALLEY_QUEUE || DEFAULT_QUEUE_NAME),
  };
}

/** A positive whole number from a flag or variable, or `undefined` when absent. */
export function positiveInt(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a whole number ≥ 1 (got "${value}")`);
  return n;
}
