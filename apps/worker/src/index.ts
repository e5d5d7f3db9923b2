export {
  startWorker,
  PROCESSOR_FILE,
  FAULT_MODULE_ENV,
  type StartWorkerOptions,
  type WorkerHandle,
} from './lib/worker.js';
export { processJob, runStagesHere, type ProcessJobContext, type RunStages } from './lib/process-job.js';
export {
  StageRunner,
  StageError,
  STAGE_MEMORY_MB,
  type StageFault,
  type StageRunnerOptions,
  type StagesOutput,
  type RunStagesOptions,
} from './lib/stage-runner.js';
export type { ProcessorSettings } from './lib/settings.js';
export { startFeedPoller, type StartFeedPollerOptions, type FeedPollerHandle } from './lib/feed-poller.js';
