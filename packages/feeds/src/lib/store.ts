import { createHash, randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { InputError } from '@galley/document';
import { QUEUE_PREFIX } from '@galley/queue';
import { canonicalUrl } from './canonical-url.js';
import type { FeedFormat } from './parse-feed.js';
import { SeenSet } from './seen-set.js';

/** A followed feed as it was added: what to poll and how often. */
export interface FeedConfig {
  /** Stable id: a hash of the feed's canonical URL (adding the same feed again finds it). */
  id: string;
  /** Unique name, used in commands, logs and as the `feed` hint of its articles. */
  name: string;
  url: string;
  /** Polling interval, ms. */
  everyMs: number;
  /** Loopback and private addresses allowed for this feed and its items (`--allow-private-urls`). */
  allowPrivate?: boolean;
  /** When the feed was first added, ISO 8601. */
  addedAt: string;
}

/**
 * What polling has found out about a feed. Written by the poller only, so a concurrent
 * `feeds add` (which writes the config) never overwrites it.
 */
export interface FeedState {
  /** When the last poll ended, ISO 8601. */
  lastPollAt?: string;
  /** What the last poll found, in words: `3 new items`, `not modified`, or the error. */
  lastResult?: string;
  /** Set while the feed is failing: the error in words. Cleared by a good poll. */
  error?: string;
  /** Polls failed in a row. */
  failures: number;
  /** When an item was last queued, ISO 8601. */
  lastNewItemAt?: string;
  /** Items of this feed queued as articles, all time. */
  itemsQueued: number;
  /** Items skipped for good (robots.txt, refused, too large), all time. */
  itemsSkipped: number;
  /** The latest skip or item failure, in words. */
  lastSkip?: string;
  /** Distinct items this feed has carried, all time (queued, duplicates and skipped alike). */
  itemsSeen: number;
  format?: FeedFormat;
  /** The feed's own title. */
  title?: string;
  /** Validators for the next conditional GET. */
  etag?: string;
  lastModified?: string;
  /** SHA-256 of the last body, so an unchanged feed without validators is not parsed again. */
  bodyHash?: string;
  /** No request before this time (a 429 or 503 asked to wait), ISO 8601. */
  retryAfter?: string;
}

/** A feed with its state, as `galley feeds list` and the viewer show it. */
export interface FeedEntry {
  config: FeedConfig;
  state: FeedState;
}

/** Items remembered per feed by default (the newest; the feed's current items are always kept). */
export const DEFAULT_SEEN_PER_FEED = 2000;

/** Buckets of the cross-feed URL claims; each stays a small listpack hash (< 128 fields). */
const CLAIM_BUCKETS = 4096;
const CLAIMS_PER_BUCKET = 120;

/**
 * Claim canonical URLs for a feed, one per key (a bucket) and field: the first feed to claim a
 * URL owns it. Returns 1 per URL this feed owns (claimed now or before), 0 per URL another feed
 * owns. A full bucket forgets its oldest claim (listpack hashes keep insertion order, so the
 * first field is the oldest). ARGV: owner, bucket cap, then one field per key.
 */
const CLAIM_SCRIPT = `
local owned = {}
for i = 1, #KEYS do
  local owner = redis.call('HGET', KEYS[i], ARGV[i + 2])
  if not owner then
    redis.call('HSET', KEYS[i], ARGV[i + 2], ARGV[1])
    if redis.call('HLEN', KEYS[i]) > tonumber(ARGV[2]) then
      redis.call('HDEL', KEYS[i], redis.call('HSCAN', KEYS[i], 0, 'COUNT', 1)[2][1])
    end
    owner = ARGV[1]
  end
  owned[i] = owner == ARGV[1] and 1 or 0
end
return owned
`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Followed feeds in Redis, beside the queue they feed: `{galley}:feeds:<queue>:…` (the queue's
 * hash tag, so a Redis Cluster keeps them in the queue's slot) holds the
 * configs (hash), the states (hash), the name index (hash), one seen-set string per feed and the
 * cross-feed URL claims. The store borrows the connection; the caller closes it.
 */
export class FeedStore {
  readonly #redis: Redis | Cluster;
  readonly #prefix: string;

  constructor(redis: Redis | Cluster, queueName: string) {
    this.#redis = redis;
    this.#prefix = `${QUEUE_PREFIX}:feeds:${queueName}`;
  }

  /** Every Redis key prefix this store writes under (tests and `feeds remove` clean up by it). */
  get prefix(): string {
    return this.#prefix;
  }

  /**
   * Add a feed, or update it when its URL (canonical form) is already followed: the name and
   * interval change, the state and seen items stay, and so does `allowPrivate` unless given. A name taken by another feed is refused.
   */
  async add(
    url: string,
    options: { name?: string; everyMs: number; allowPrivate?: boolean | undefined },
  ): Promise<{ config: FeedConfig; created: boolean }> {
    const canonical = canonicalUrl(url);
    if (!canonical) throw new InputError(`"${url}" is not an http:// or https:// URL`, 'GALLEY_INPUT_INVALID');
    const id = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
    const existing = await this.get(id);
    const name = options.name?.trim() || existing?.name || defaultName(url);
    checkName(name);
    const owner = await this.#redis.hget(this.#key('names'), name);
    if (owner && owner !== id)
      throw new InputError(
        `the name "${name}" is already used by another feed (choose one with --name)`,
        'GALLEY_INPUT_INVALID',
      );
    const config: FeedConfig = {
      id,
      name,
      url,
      everyMs: options.everyMs,
      // A feed once allowed on a private address stays allowed when added again without the flag.
      ...((options.allowPrivate ?? existing?.allowPrivate) ? { allowPrivate: true } : {}),
      addedAt: existing?.addedAt ?? new Date().toISOString(),
    };
    const multi = this.#redis.multi();
    if (existing && existing.name !== name) multi.hdel(this.#key('names'), existing.name);
    multi.hset(this.#key('names'), name, id).hset(this.#key('configs'), id, JSON.stringify(config));
    await multi.exec();
    return { config, created: !existing };
  }

  /** The feed with this id. */
  async get(id: string): Promise<FeedConfig | undefined> {
    const json = await this.#redis.hget(this.#key('configs'), id);
    return json ? (JSON.parse(json) as FeedConfig) : undefined;
  }

  /** The feed with this name, or this URL (any form with the same canonical URL). */
  async find(nameOrUrl: string): Promise<FeedConfig | undefined> {
    const byName = await this.#redis.hget(this.#key('names'), nameOrUrl);
    if (byName) return this.get(byName);
    const canonical = canonicalUrl(nameOrUrl);
    if (!canonical) return undefined;
    return this.get(createHash('sha256').update(canonical).digest('hex').slice(0, 16));
  }

  /** Every feed with its state, by name. */
  async list(): Promise<FeedEntry[]> {
    const [configs, states] = await Promise.all([
      this.#redis.hgetall(this.#key('configs')),
      this.#redis.hgetall(this.#key('states')),
    ]);
    return Object.entries(configs)
      .map(([id, json]) => ({ config: JSON.parse(json) as FeedConfig, state: parseState(states[id]) }))
      .sort((a, b) => a.config.name.localeCompare(b.config.name));
  }

  /** Forget a feed: its config, state and seen items (its claims age out with the buckets). */
  async remove(config: FeedConfig): Promise<void> {
    await this.#redis
      .multi()
      .hdel(this.#key('names'), config.name)
      .hdel(this.#key('configs'), config.id)
      .hdel(this.#key('states'), config.id)
      .del(this.#key(`seen:${config.id}`))
      .exec();
  }

  /** The feed's state (zeros before its first poll). */
  async state(id: string): Promise<FeedState> {
    return parseState(await this.#redis.hget(this.#key('states'), id));
  }

  /** Save a poll's outcome: the state, and the seen set when it changed. */
  async savePoll(id: string, state: FeedState, seen?: Buffer): Promise<void> {
    const multi = this.#redis.multi().hset(this.#key('states'), id, JSON.stringify(state));
    if (seen) multi.set(this.#key(`seen:${id}`), seen);
    await multi.exec();
  }

  /** The feed's seen items. */
  async seen(id: string): Promise<SeenSet> {
    return new SeenSet(await this.#redis.getBuffer(this.#key(`seen:${id}`)));
  }

  /**
   * Claim canonical URLs' fingerprints for a feed, in one round trip. Returns, per key, whether
   * this feed owns the URL (first to claim it, or claimed it before).
   */
  async claim(keys: readonly string[], feedId: string): Promise<boolean[]> {
    if (!keys.length) return [];
    // The bucket takes 12 bits of a fingerprint and the field 48 more: 60 bits in all. The owner
    // is kept as 8 hex digits of its id; two feeds sharing them (1 in 4 billion) would both
    // fetch a story they share, and its content hash would still queue it once.
    const buckets = keys.map((key) =>
      this.#key(`claims:${Buffer.from(key, 'latin1').readUInt16BE(0) % CLAIM_BUCKETS}`),
    );
    const fields = keys.map((key) => Buffer.from(key, 'latin1').subarray(2, 8).toString('base64url'));
    const owned = (await this.#redis.eval(
      CLAIM_SCRIPT,
      keys.length,
      ...buckets,
      feedId.slice(0, 8),
      CLAIMS_PER_BUCKET,
      ...fields,
    )) as number[];
    return owned.map((flag) => flag === 1);
  }

  /**
   * Take the feed's poll lock for `ttlMs`, so two polls of one feed (the scheduler and a
   * `feeds poll`) never run at once. Returns the release function, or `undefined` when held.
   */
  async lock(id: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const token = randomBytes(8).toString('hex');
    const key = this.#key(`lock:${id}`);
    const taken = await this.#redis.set(key, token, 'PX', ttlMs, 'NX');
    if (taken !== 'OK') return undefined;
    return async () => {
      await this.#redis.eval(RELEASE_SCRIPT, 1, key, token);
    };
  }

  #key(name: string): string {
    return `${this.#prefix}:${name}`;
  }
}

function parseState(json: string | null | undefined): FeedState {
  const zero: FeedState = { failures: 0, itemsQueued: 0, itemsSkipped: 0, itemsSeen: 0 };
  return json ? { ...zero, ...(JSON.parse(json) as Partial<FeedState>) } : zero;
}

/** `example.org/world` for https://www.example.org/world/rss.xml: short, readable, usually unique. */
function defaultName(url: string): string {
  const parsed = new URL(url);
  const dir = parsed.pathname
    .replace(/\/[^/]*\.(xml|rss|atom|json)$/i, '')
    .replace(/\/(feed|rss|atom)\/?$/i, '')
    .replace(/\/+$/, '');
  return `${parsed.hostname.replace(/^www\./, '')}${dir}`.slice(0, 100);
}

function checkName(name: string): void {
  if (name.length > 100 || /[\s\p{C}]/u.test(name))
    throw new InputError(
      `invalid feed name "${name}": use up to 100 characters without spaces`,
      'GALLEY_INPUT_INVALID',
    );
}
