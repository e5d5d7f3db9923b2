export { startWorker, PROCESSOR_FILE, type StartWorkerOptions, type WorkerHandle } from './lib/worker.js';
export { processJob, runStagesHere, type ProcessJobContext, type RunStages } from './lib/process-job.js';
export { StageRunner, StageError, type StagesOutput, type RunStagesOptions } from './lib/stage-runner.js';
export type { ProcessorSettings } from './lib/settings.js';
