export { canonicalUrl, absoluteUrl } from './lib/canonical-url.js';
export { parseFeed, feedFormats, type FeedFormat, type FeedItem, type ParsedFeed } from './lib/parse-feed.js';
export { parseOpml, type OpmlFeed } from './lib/opml.js';
export { refuseEntityDeclarations } from './lib/xml-guard.js';
export { httpGet, userAgent, formatBytes, type HttpGetOptions, type HttpAnswer } from './lib/http-get.js';
export { HostLimiter, type HostLimiterOptions } from './lib/host-limiter.js';
export { RobotsCache, type RobotsVerdict, type RequestGate } from './lib/robots.js';
export { SeenSet, fingerprint } from './lib/seen-set.js';
export { FeedStore, DEFAULT_SEEN_PER_FEED, type FeedConfig, type FeedState, type FeedEntry } from './lib/store.js';
export { FeedPoller, retryAfterMs, type FeedPollerOptions, type PollReport } from './lib/poll.js';
export {
  FeedSchedule,
  FEED_POLL_JOB_NAME,
  MIN_INTERVAL_MS,
  feedQueueName,
  parseInterval,
  formatInterval,
  type FeedPollJobData,
} from './lib/schedule.js';
