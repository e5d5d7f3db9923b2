import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
// The first import loads BullMQ and the parsers, which takes seconds on a busy machine.
it('exports its public API', { timeout: 30_000 }, async () => {
  expect(Object.keys(await import('@galley/feeds')).sort()).toEqual([
    'DEFAULT_SEEN_PER_FEED',
    'FEED_POLL_JOB_NAME',
    'FeedPoller',
    'FeedSchedule',
    'FeedStore',
    'HostLimiter',
    'MIN_INTERVAL_MS',
    'RobotsCache',
    'SeenSet',
    'absoluteUrl',
    'canonicalUrl',
    'feedFormats',
    'feedQueueName',
    'fingerprint',
    'formatBytes',
    'formatInterval',
    'httpGet',
    'parseFeed',
    'parseInterval',
    'parseOpml',
    'refuseEntityDeclarations',
    'retryAfterMs',
    'userAgent',
  ]);
});
