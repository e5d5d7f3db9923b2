/**
 * Redis addresses: parsing, checking and redacting them. Loads no Redis client, so apps that only
 * check an address at start (the viewer) need not load ioredis.
 */

/** Where Redis is unless the caller says otherwise (apps read `REDIS_URL`). */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

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

/** The message for a Redis that does not answer, with the ways to start one. */
export function unreachableMessage(url: string, reason: string): string {
  return (
    `cannot reach Redis at ${redactUrl(url)} (${reason}); start it with ` +
    '"redis-server --appendonly yes" or "docker compose up -d redis", or set REDIS_URL'
  );
}
