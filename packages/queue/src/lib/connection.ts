import { RedisUnavailableError, describeSystemError } from '@galley/document';
import { Cluster, type ClusterNode, Redis, type RedisOptions } from 'ioredis';
import { isClusterAddress, parseClusterAddress, unreachableMessage, validateRedisUrl } from './address.js';

/** How long a producer waits for Redis before giving up, milliseconds. */
export const PRODUCER_CONNECT_TIMEOUT_MS = 3000;

/**
 * ioredis options for a Redis URL, with the settings BullMQ's blocking clients (workers,
 * QueueEvents) require. Hand these, not a client, to BullMQ when it should own the connection:
 * it then closes the connection itself and `close()` returns without waiting out a blocking read.
 */
export function workerConnectionOptions(url: string): RedisOptions {
  if (isClusterAddress(url))
    throw new Error('a Redis Cluster needs a client, not options: use blockingConnection() for it');
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
 * How long a worker's commands wait out a cluster that is down (`CLUSTERDOWN`: a master without a
 * replica is restarting), ms. ioredis retries such a command `maxRedirections` times; its default
 * (16 × 100 ms) gives up within two seconds, and a job whose acknowledgement gives up is run again.
 */
const CLUSTER_DOWN_PATIENCE_MS = 60_000;
const CLUSTER_DOWN_RETRY_MS = 500;

/** A Redis Cluster client for an address, with `options` for every node's connection. */
function clusterClient(
  url: string,
  options: RedisOptions,
  clusterOptions: { lazyConnect?: boolean; patient?: boolean } = {},
): Cluster {
  const { nodes, username, password } = parseClusterAddress(url);
  return new Cluster(nodes as ClusterNode[], {
    ...(clusterOptions.lazyConnect ? { lazyConnect: true } : {}),
    redisOptions: { ...options, ...(username ? { username } : {}), ...(password ? { password } : {}) },
    // A restarted master comes back on the same address; keep asking rather than give up.
    clusterRetryStrategy: (times) => Math.min(100 + times * 200, 2000),
    // Workers wait for the cluster to come back; producers keep ioredis' quick failure.
    ...(clusterOptions.patient
      ? {
          retryDelayOnClusterDown: CLUSTER_DOWN_RETRY_MS,
          maxRedirections: CLUSTER_DOWN_PATIENCE_MS / CLUSTER_DOWN_RETRY_MS,
          // No ready check (CLUSTER INFO must say `cluster_state:ok`): a worker's commands wait out
          // a down cluster anyway (above), and with the check, ioredis 5.11's Cluster.connect()
          // called while the cluster is down never settles: the failed check reconnects under a
          // new connect() and leaves the first one pending. BullMQ 5.81 awaits exactly that call
          // when its blocking read outlives its watchdog (Worker.waitForJob → RedisConnection
          // .reconnect), so a worker idle while a master restarted never fetched a job again.
          enableReadyCheck: false,
        }
      : {}),
  });
}

/**
 * What BullMQ takes as `connection` for a worker or QueueEvents (blocking reads), and how to
 * close it after BullMQ. For a single Redis, options: BullMQ owns the connection and closes it
 * without waiting out a blocking read (`close` does nothing). For a cluster, a `Cluster` client,
 * which BullMQ duplicates for its blocking reads and the caller closes.
 */
export function blockingConnection(url: string): { connection: RedisOptions | Cluster; close(): Promise<void> } {
  if (!isClusterAddress(url)) return { connection: workerConnectionOptions(url), close: async () => {} };
  const cluster = clusterClient(url, { maxRetriesPerRequest: null }, { patient: true });
  return {
    connection: cluster,
    close: async () => {
      await cluster.quit().catch(() => cluster.disconnect());
    },
  };
}

/**
 * A producer connection that fails fast: it connects now (with a short timeout) and never queues
 * commands while offline, so `galley queue` reports a down Redis at once instead of hanging.
 * Throws {@link RedisUnavailableError} with the commands that start a Redis.
 */
export async function connectProducer(url: string, timeoutMs = PRODUCER_CONNECT_TIMEOUT_MS): Promise<Redis | Cluster> {
  // Reconnect a few times once connected (a Redis restart), never while first connecting.
  const retryStrategy = (times: number): number | null => (times > 5 ? null : Math.min(times * 200, 1000));
  const redis = isClusterAddress(validateRedisUrl(url))
    ? // A cluster client queues commands while it learns the slots, so its offline queue stays on.
      clusterClient(url, { connectTimeout: timeoutMs, maxRetriesPerRequest: 1 }, { lazyConnect: true })
    : new Redis(url, {
        lazyConnect: true,
        enableOfflineQueue: false,
        connectTimeout: timeoutMs,
        maxRetriesPerRequest: 1,
        retryStrategy,
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
