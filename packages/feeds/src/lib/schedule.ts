import { Queue } from 'bullmq';
import type { ConnectionOptions } from 'bullmq';
import { QUEUE_PREFIX, validateQueueName } from '@galley/queue';
import type { FeedConfig } from './store.js';

/** Job name of a feed poll. */
export const FEED_POLL_JOB_NAME = 'feed-poll';

/** Data of a feed-poll job: which feed. */
export interface FeedPollJobData {
  feedId: string;
}

/** The queue of feed polls beside an article queue: `<queue>-feeds`. */
export function feedQueueName(articleQueueName: string): string {
  return validateQueueName(`${articleQueueName}-feeds`);
}

/** Shortest polling interval accepted: more often is not polite to anyone's server. */
export const MIN_INTERVAL_MS = 60_000;

/**
 * Read an interval like `15m`, `90s`, `2h`, `1d` (a bare number is minutes). Throws an Error
 * in words for anything else or anything under a minute.
 */
export function parseInterval(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/i.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not an interval (write 15m, 90s, 2h or 1d)`);
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 'm').toLowerCase() as 's'];
  const ms = Math.round(Number(match[1]) * unit);
  if (ms < MIN_INTERVAL_MS) throw new Error(`"${text}" is too often: poll at most once a minute`);
  return ms;
}

/** `15m`, `2h`, `90s`: an interval the way {@link parseInterval} reads it. */
export function formatInterval(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const)
    if (ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 1000)}s`;
}

/**
 * Job schedulers for feed polls, one per feed, keyed by the feed's id: upserting the same id
 * changes its interval instead of adding a second scheduler.
 */
export class FeedSchedule {
  readonly queue: Queue<FeedPollJobData>;

  constructor(articleQueueName: string, connection: ConnectionOptions) {
    this.queue = new Queue<FeedPollJobData>(feedQueueName(articleQueueName), { connection, prefix: QUEUE_PREFIX });
    this.queue.on('error', () => {
      // Errors surface through the awaited calls; the listener keeps them from being fatal.
    });
  }

  /** Poll the feed every `config.everyMs`, the first time now (BullMQ starts `every` schedulers at once). */
  async upsert(config: FeedConfig): Promise<void> {
    await this.queue.upsertJobScheduler(
      schedulerId(config.id),
      { every: config.everyMs },
      { name: FEED_POLL_JOB_NAME, data: { feedId: config.id }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  /** Stop polling the feed. */
  async remove(id: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(id));
  }

  /** How many schedulers there are (tests: adding a feed twice must leave one). */
  async count(): Promise<number> {
    return (await this.queue.getJobSchedulers()).length;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

function schedulerId(feedId: string): string {
  return `feed-${feedId}`;
}
