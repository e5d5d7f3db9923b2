/**
 * The sandboxed processor: BullMQ loads this file in a worker thread (`useWorkerThreads`), so job
 * handling runs off the main thread that renews locks. The stages themselves run in one more
 * thread (`StageRunner`), which this one terminates when an article overruns the time limit.
 * Settings arrive as `workerData` from `startWorker`, not from the environment, so two workers in
 * one process can publish to different places.
 */
import { workerData } from 'node:worker_threads';
import type { SandboxedJob } from 'bullmq';
import { type Corpus, openCorpus } from '@galley/corpus';
import { DirectoryStore } from '@galley/publish';
import type { ArticleJobData, ArticleJobResult } from '@galley/queue';
import { processJob } from './lib/process-job.js';
import { parseProcessorSettings } from './lib/settings.js';
import { StageRunner } from './lib/stage-runner.js';

const settings = parseProcessorSettings(workerData);
const store = new DirectoryStore(settings.outDir);
// Opened on the first article, so a worker with nothing to do holds no database connection.
let corpus: Promise<Corpus> | undefined;
const index = settings.corpus
  ? async (article: Parameters<Corpus['index']>[0]) => {
      corpus ??= openCorpus({ ...settings.corpus, dataDir: settings.outDir }).catch((error: unknown) => {
        corpus = undefined;
        throw error;
      });
      await (await corpus).index(article);
    }
  : undefined;
const runner = new StageRunner({
  memoryLimitMb: settings.memoryLimitMb,
  ...(settings.faultModule ? { faultModule: settings.faultModule } : {}),
});

/** Process one job in the sandbox. */
export default async function processor(
  job: SandboxedJob<ArticleJobData, ArticleJobResult>,
  _token?: string,
  signal?: AbortSignal,
): Promise<ArticleJobResult> {
  return processJob(job.data, {
    store,
    timeLimitMs: settings.timeLimitMs,
    ...(signal ? { signal } : {}),
    onProgress: (progress) => job.updateProgress(progress),
    runStages: (data, options) => runner.run(data, options),
    ...(index ? { index } : {}),
  });
}
