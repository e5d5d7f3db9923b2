/**
 * The part of `@galley/queue` that loads neither BullMQ nor ioredis (`@galley/queue/settings`):
 * queue names and job states, the job data and its limits, Redis addresses. An app that only
 * checks its settings at start, like the viewer, imports this and loads the Redis client when it
 * first talks to Redis: BullMQ and ioredis take most of a second of CPU to load.
 */
export { DEFAULT_QUEUE_NAME, QUEUE_PREFIX, JOB_STATES, validateQueueName, type JobState } from './lib/names.js';
export {
  MAX_JOB_SOURCE_BYTES,
  MAX_JOB_DATA_BYTES,
  articleJobDataSchema,
  articleJobResultSchema,
  articleJobProgressSchema,
  checkJobSourceSize,
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
  CLUSTER_SCHEME,
  redisAddressFromEnv,
  parseClusterAddress,
  isClusterAddress,
  type ClusterAddress,
  validateRedisUrl,
  redactUrl,
  unreachableMessage,
} from './lib/address.js';
