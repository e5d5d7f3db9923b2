export * from './settings.js';
export {
  PRODUCER_CONNECT_TIMEOUT_MS,
  blockingConnection,
  workerConnectionOptions,
  connectProducer,
} from './lib/connection.js';
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  KEEP_COMPLETED,
  KEEP_FAILED,
  articleJobOptions,
  type JobOptionsOverrides,
} from './lib/job-options.js';
export {
  fetchArticle,
  httpGet,
  formatBytes,
  statusWords,
  isNonPublicAddress,
  publicOnlyLookup,
  formatFromContentType,
  describe as describeFetchFailure,
  type FetchOptions,
  type FetchedArticle,
  type HttpGetOptions,
  type HttpAnswer,
} from './lib/fetch-article.js';
export {
  articleJobData,
  enqueueArticles,
  type ArticleInput,
  type EnqueueOptions,
  type EnqueueOutcome,
} from './lib/producer.js';
export { queueStatus, readQueueStatus, type FailedJob, type QueueStatus } from './lib/status.js';
export { watchQueue, type QueueWatcher, type JobOutcome, type WaitCallbacks } from './lib/watch.js';
export { retryFailedJob } from './lib/retry.js';
// The errors this package throws; they live with every other error code in @galley/document.
export { FetchError, RedisUnavailableError } from '@galley/document';
