import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REDIS_URL, workerConnectionOptions } from '@galley/queue';
import { randomQueueName } from '@galley/queue/testing';
import { FeedSchedule, formatInterval, parseInterval, retryAfterMs, type FeedConfig } from '../src/index.js';

const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;

describe('parseInterval', () => {
  it('reads 90s, 15m, 2h, 1d and bare minutes, and refuses what is too often or not an interval', () => {
    expect(['90s', '15m', '2h', '1d', '5'].map(parseInterval)).toEqual([
      90_000, 900_000, 7_200_000, 86_400_000, 300_000,
    ]);
    expect(() => parseInterval('10s')).toThrow('"10s" is too often: poll at most once a minute');
    expect(() => parseInterval('soon')).toThrow('"soon" is not an interval (write 15m, 90s, 2h or 1d)');
    expect([900_000, 7_200_000, 90_000].map(formatInterval)).toEqual(['15m', '2h', '90s']);
  });
});

describe('retryAfterMs', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('whenever', now)).toBeUndefined();
  });
});

describe('FeedSchedule', () => {
  let schedule: FeedSchedule;
  beforeEach(() => {
    schedule = new FeedSchedule(randomQueueName(), workerConnectionOptions(redisUrl));
  });
  afterEach(async () => {
    await schedule.queue.obliterate({ force: true });
    await schedule.close();
  });

  it('keeps one scheduler per feed: upserting again changes the interval', async () => {
    const config: FeedConfig = { id: 'abc', name: 'n', url: 'https://x.test/rss', everyMs: 900_000, addedAt: '' };
    await schedule.upsert(config);
    await schedule.upsert({ ...config, everyMs: 300_000 });
    const schedulers = await schedule.queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ every: 300_000 });
    await schedule.remove(config.id);
    expect(await schedule.count()).toBe(0);
  });
});
