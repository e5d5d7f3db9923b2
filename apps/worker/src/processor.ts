/**
 * The sandboxed processor: BullMQ loads this file in a worker thread (`useWorkerThreads`), so the
 * CPU-heavy stages run off the main thread and never delay lock renewal. Its settings arrive as
 * `workerData` from `startWorker`, not from the environment, so two workers in one process can
 * publish to different places.
 */
import { workerData } from 'node:worker_threads';
import type { SandboxedJob } from 'bullmq';
import { DirectoryStore } from '@galley/publish';
import type { ArticleJobData, ArticleJobResult } from '@galley/queue';
import { processJob } from './lib/process-job.js';
import { parseProcessorSettings } from './lib/settings.js';

const settings = parseProcessorSettings(workerData);
const store = new DirectoryStore(settings.outDir);

/** Process one job in the sandbox. */
export default async function processor(job: SandboxedJob<ArticleJobData, ArticleJobResult>, _token?: string, signal?: AbortSignal): Promise<ArticleJobResult> {
  return processJob(job.data, {
    store,
    timeLimitMs: settings.timeLimitMs,
    ...(signal ? { signal } : {}),
    onProgress: (progress) => job.updateProgress(progress),
  });
}
