import { RedisUnavailableError, describeSystemError } from '@galley/document';
import { Cluster, type ClusterNode, Redis, type RedisOptions } from 'ioredis';

/** Where Redis is unless the caller says otherwise (apps read `REDIS_URL`). */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** How long a producer waits for Redis before giving up, milliseconds. */
export const PRODUCER_CONNECT_TIMEOUT_MS = 3000;

/** Scheme of a Redis Cluster address: `redis-cluster://[user:password@]host:port,host:port`. */
export const CLUSTER_SCHEME = 'redis-cluster:';

/** A parsed Redis Cluster address: the nodes to start from and the credentials for all of them. */
export interface ClusterAddress {
  nodes: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
}

/**
 * The Redis address an app uses, from its environment: `REDIS_CLUSTER_NODES`
 * (`host:port,host:port`), when set, makes it a cluster address whatever `REDIS_URL` says (a
 * password in `REDIS_URL` is kept for the cluster); else `REDIS_URL`; else `fallback`. Pure: the
 * app passes its environment in.
 */
export function redisAddressFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  fallback = DEFAULT_REDIS_URL,
): string {
  const nodes = env.REDIS_CLUSTER_NODES?.trim();
  const url = env.REDIS_URL || fallback;
  if (!nodes) return url;
  let credentials = '';
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) credentials = `${parsed.username}:${parsed.password}@`;
  } catch {
    // REDIS_URL is not used for the address when the cluster is named; a bad one is ignored.
  }
  return validateRedisUrl(`redis-cluster://${credentials}${nodes}`);
}

/**
 * Check a Redis address (`redis://host:port`, `rediss://host:port`, or
 * `redis-cluster://host:port,host:port`) and return it unchanged. Apps call this at start, so a
 * typo fails at once instead of as a connection timeout later.
 */
export function validateRedisUrl(url: string): string {
  if (url.startsWith(`${CLUSTER_SCHEME}//`)) {
    parseClusterAddress(url);
    return url;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `invalid Redis URL "${url}": expected redis://host:port, rediss://host:port or redis-cluster://host:port,host:port`,
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(
      `invalid Redis URL "${redactUrl(url)}": the scheme must be redis://, rediss:// or redis-cluster://`,
    );
  }
  if (!parsed.hostname) throw new Error(`invalid Redis URL "${redactUrl(url)}": no host`);
  return url;
}

/** Parse `redis-cluster://[user:password@]host:port,host:port`; throws with what is wrong. */
export function parseClusterAddress(url: string): ClusterAddress {
  const rest = url.slice(`${CLUSTER_SCHEME}//`.length).replace(/\/$/, '');
  const at = rest.lastIndexOf('@');
  const [user, password] = at >= 0 ? splitOnce(rest.slice(0, at), ':') : ['', ''];
  const list = at >= 0 ? rest.slice(at + 1) : rest;
  const nodes = list
    .split(',')
    .map((node) => node.trim())
    .filter(Boolean)
    .map((node) => {
      const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(node);
      const port = match ? Number(match[2]) : 0;
      if (!match || port < 1 || port > 65535)
        throw new Error(`invalid Redis Cluster node "${node}" in ${redactUrl(url)}: expected host:port`);
      return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
    });
  if (nodes.length === 0) throw new Error(`invalid Redis Cluster address "${redactUrl(url)}": no host:port`);
  return {
    nodes,
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
  };
}

function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

/** Whether an address names a Redis Cluster. */
export function isClusterAddress(url: string): boolean {
  return url.startsWith(`${CLUSTER_SCHEME}//`);
}

/** The URL with any password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  if (isClusterAddress(url)) return url.replace(/\/\/([^@/]*):[^@/]*@/, '//$1:***@');
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

/** The message for a Redis that does not answer, with the ways to start one. */
export function unreachableMessage(url: string, reason: string): string {
  return (
    `cannot reach Redis at ${redactUrl(url)} (${reason}); start it with ` +
    '"redis-server --appendonly yes" or "docker compose up -d redis", or set REDIS_URL'
  );
}
