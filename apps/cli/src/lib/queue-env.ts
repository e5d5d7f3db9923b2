import { UsageError } from '@galley/document';
import {
  DEFAULT_QUEUE_NAME,
  DEFAULT_REDIS_URL,
  redisAddressFromEnv,
  validateQueueName,
  validateRedisUrl,
} from '@galley/queue';

/** Redis and queue the queue commands use, validated at start. */
export interface QueueEnv {
  redisUrl: string;
  queueName: string;
}

/**
 * The Redis and queue to use: a command's `--redis`/`--queue` flags where it has them, else
 * `REDIS_URL` (default redis://127.0.0.1:6379) and `GALLEY_QUEUE` (default galley-articles).
 * `REDIS_CLUSTER_NODES` (`host:port,host:port`), when set, makes the Redis a cluster whatever
 * `REDIS_URL` says; only `--redis` overrides it.
 * Only the values in use are checked, so a flag overrides a broken variable; a bad value is a
 * usage mistake (exit 2) that names where it came from.
 */
export function queueEnv(flags: { redis?: string | undefined; queue?: string | undefined } = {}): QueueEnv {
  return {
    redisUrl:
      !flags.redis && process.env.REDIS_CLUSTER_NODES
        ? checked(() => redisAddressFromEnv(process.env), undefined, 'REDIS_CLUSTER_NODES', '', '--redis')
        : checked(validateRedisUrl, flags.redis, 'REDIS_URL', DEFAULT_REDIS_URL, '--redis'),
    queueName: checked(validateQueueName, flags.queue, 'GALLEY_QUEUE', DEFAULT_QUEUE_NAME, '--queue'),
  };
}

function checked(
  validate: (value: string) => string,
  flag: string | undefined,
  variable: string,
  fallback: string,
  flagName: string,
): string {
  const [value, source] = flag ? [flag, flagName] : [process.env[variable] || fallback, variable];
  try {
    return validate(value);
  } catch (error) {
    throw new UsageError(`${source}: ${(error as Error).message}`);
  }
}
