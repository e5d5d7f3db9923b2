export { DEFAULT_QUEUE_NAME, QUEUE_PREFIX, validateQueueName } from './lib/names.js';
export {
  MAX_JOB_SOURCE_BYTES,
  MAX_JOB_DATA_BYTES,
  articleJobDataSchema,
  articleJobResultSchema,
  articleJobProgressSchema,
  parseJobData,
  parseJobResult,
  parseJobProgress,
  jobSource,
  articleJobId,
  type ArticleJobData,
  type ArticleJobResult,
  type ArticleJobProgress,
} from './lib/job.js';
export {
  DEFAULT_REDIS_URL,
  PRODUCER_CONNECT_TIMEOUT_MS,
  CLUSTER_SCHEME,
  redisAddressFromEnv,
  parseClusterAddress,
  isClusterAddress,
  blockingConnection,
  type ClusterAddress,
  validateRedisUrl,
  redactUrl,
  workerConnectionOptions,
  connectProducer,
  unreachableMessage,
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
  checkJobSourceSize,
  enqueueArticles,
  type ArticleInput,
  type EnqueueOptions,
  type EnqueueOutcome,
} from './lib/producer.js';
export {
  queueStatus,
  readQueueStatus,
  JOB_STATES,
  type JobState,
  type FailedJob,
  type QueueStatus,
} from './lib/status.js';
export { watchQueue, type QueueWatcher, type JobOutcome, type WaitCallbacks } from './lib/watch.js';
export { retryFailedJob } from './lib/retry.js';
// The errors this package throws; they live with every other error code in @galley/document.
export { FetchError, RedisUnavailableError } from '@galley/document';
