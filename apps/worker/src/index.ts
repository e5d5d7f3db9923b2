export { startWorker, PROCESSOR_FILE, type StartWorkerOptions, type WorkerHandle } from './lib/worker.js';
export { processJob, type ProcessJobContext } from './lib/process-job.js';
export type { ProcessorSettings } from './lib/settings.js';
