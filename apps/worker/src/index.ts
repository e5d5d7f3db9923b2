export { startWorker, resolveConcurrency, type StartWorkerOptions, type WorkerHandle } from './lib/worker.js';
export { WORKER_PROCESS_ENV } from './lib/process-env.js';
// Where a spawned worker looks for a test fault module; the runner that loads it owns the name.
export { FAULT_MODULE_ENV } from '@galley/pipeline/runner';
export { ArticleWorker, corruptReason } from './lib/article-worker.js';
export { processJob, PROGRESS_AFTER_MS, type ProcessJobContext, type JobTimings } from './lib/process-job.js';
export { startFeedPoller, type StartFeedPollerOptions, type FeedPollerHandle } from './lib/feed-poller.js';
