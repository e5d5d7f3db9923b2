import { RedisUnavailableError, describeSystemError } from '@galley/document';
import { Redis, type RedisOptions } from 'ioredis';

/** Where Redis is unless the caller says otherwise (apps read `REDIS_URL`). */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** How long a producer waits for Redis before giving up, milliseconds. */
export const PRODUCER_CONNECT_TIMEOUT_MS = 3000;

/**
 * Check a Redis URL (`redis://` or `rediss://`, with a host) and return it unchanged. Apps call
 * this at start, so a typo fails at once instead of as a connection timeout later.
 */
export function validateRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`invalid Redis URL "${url}": expected redis://host:port or rediss://host:port`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`invalid Redis URL "${redactUrl(url)}": the scheme must be redis:// or rediss://`);
  }
  if (!parsed.hostname) throw new Error(`invalid Redis URL "${redactUrl(url)}": no host`);
  return url;
}

/** The URL with any password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * ioredis options for a Redis URL, with the settings BullMQ's blocking clients (workers,
 * QueueEvents) require. Hand these, not a client, to BullMQ when it should own the connection:
 * it then closes the connection itself and `close()` returns without waiting out a blocking read.
 */
export function workerConnectionOptions(url: string): RedisOptions {
  const parsed = new URL(validateRedisUrl(url));
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * A producer connection that fails fast: it connects now (with a short timeout) and never queues
 * commands while offline, so `galley queue` reports a down Redis at once instead of hanging.
 * Throws {@link RedisUnavailableError} with the commands that start a Redis.
 */
export async function connectProducer(url: string, timeoutMs = PRODUCER_CONNECT_TIMEOUT_MS): Promise<Redis> {
  const redis = new Redis(validateRedisUrl(url), {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    // Reconnect a few times once connected (a Redis restart), never while first connecting.
    retryStrategy: (times) => (times > 5 ? null : Math.min(times * 200, 1000)),
  });
  let lastError: Error | undefined;
  const onError = (error: Error): void => {
    lastError = error;
  };
  redis.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return redis;
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? (error as Error);
    const reason = describeSystemError(cause) ?? cause.message;
    throw new RedisUnavailableError(unreachableMessage(url, reason));
  } finally {
    clearTimeout(timer);
  }
}

/** The message for a Redis that does not answer, with the ways to start one. */
export function unreachableMessage(url: string, reason: string): string {
  return (
    `cannot reach Redis at ${redactUrl(url)} (${reason}); start it with ` +
    '"redis-server --appendonly yes" or "docker compose up -d redis", or set REDIS_URL'
  );
}
