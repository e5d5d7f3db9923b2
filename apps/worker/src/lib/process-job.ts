import { performance } from 'node:perf_hooks';
import { UnrecoverableError } from 'bullmq';
import { failureReason, isPermanentError } from '@galley/document';
import { type ProcessOptions, runPipeline, stageNames } from '@galley/pipeline';
import { type OutputStore, publishedFiles } from '@galley/publish';
import {
  type ArticleJobData,
  type ArticleJobProgress,
  type ArticleJobResult,
  jobSource,
  parseJobData,
} from '@galley/queue';
import { type RunStagesOptions, type StagesOutput, duration, unrecoverable } from './stage-runner.js';

/** Runs the stages for one job (in this thread, or in a `StageRunner`'s). */
export type RunStages = (data: ArticleJobData, options: RunStagesOptions) => Promise<StagesOutput>;

/** What {@link processJob} needs besides the job data. */
export interface ProcessJobContext {
  /** Where the article is published. */
  store: OutputStore;
  /** Time limit for the stages, ms. */
  timeLimitMs: number;
  /** Aborted when the worker cancels the job. */
  signal?: AbortSignal;
  /** Called after each stage. */
  onProgress?: (progress: ArticleJobProgress) => void | Promise<void>;
  /**
   * How to run the stages (default {@link runStagesHere}, which can only check the limit between
   * stages; the processor passes a `StageRunner`, which enforces it).
   */
  runStages?: RunStages;
  /** Adds the published article to the corpus index (after its files, so the index never lists a missing article). */
  index?: (article: StagesOutput['article']) => Promise<void>;
}

/**
 * Process one queued article: validate the job data, run the stages, publish. Failures that a
 * retry cannot fix (bad input, invalid job data, over the time limit) are thrown as
 * `UnrecoverableError`, so BullMQ fails the job at once with the reason; anything else (a full
 * disk, an unwritable output folder) is thrown as is and retried with backoff.
 */
export async function processJob(rawData: unknown, context: ProcessJobContext): Promise<ArticleJobResult> {
  const start = performance.now();
  let data: ArticleJobData;
  try {
    data = parseJobData(rawData);
  } catch (error) {
    throw unrecoverable('GALLEY_JOB_INVALID', (error as Error).message);
  }
  const total = data.stages ? new Set([...data.stages, 'publish']).size : stageNames.length;
  let done = 0;
  // Progress is best effort: a failed update must neither crash the thread as an unhandled
  // rejection nor fail an article whose stages succeeded.
  const pending: Array<Promise<unknown>> = [];
  let output: StagesOutput;
  try {
    output = await (context.runStages ?? runStagesHere)(data, {
      timeLimitMs: context.timeLimitMs,
      ...(context.signal ? { signal: context.signal } : {}),
      onStage: (stage) =>
        pending.push(Promise.resolve(context.onProgress?.({ stage, done: ++done, total })).catch(() => undefined)),
    });
  } catch (error) {
    // Refused input keeps its code across the thread boundary; no retry can change the answer.
    if (isPermanentError(error)) throw new UnrecoverableError(failureReason(error));
    throw error;
  }
  await Promise.all(pending);
  const { article } = output;
  await context.store.put(article.id, publishedFiles(output));
  if (context.index)
    await context.index(article).catch((error: Error) => {
      // Retried like a full disk: the files are in place, and the next attempt indexes them.
      throw new Error(`published ${article.id} but could not add it to the corpus index: ${error.message}`);
    });
  return {
    articleId: article.id,
    title: article.title,
    location: context.store.locate(article.id),
    stages: Object.fromEntries(Object.entries(article.stages).map(([name, timing]) => [name, timing.ms])),
    totalMs: +(performance.now() - start).toFixed(3),
    sentences: article.sentences.length,
    entities: article.entities.length,
    quotes: article.quotes.length,
  };
}

/**
 * Run the stages in this thread. Synchronous stage code cannot be interrupted here, so the time
 * limit and cancellation are checked between stages only.
 */
export async function runStagesHere(data: ArticleJobData, options: RunStagesOptions): Promise<StagesOutput> {
  const start = performance.now();
  const checkpoint = (): void => {
    if (options.signal?.aborted)
      throw unrecoverable('GALLEY_CANCELLED', `cancelled: ${String(options.signal.reason ?? 'worker closing')}`);
    const elapsed = performance.now() - start;
    if (elapsed > options.timeLimitMs) {
      throw unrecoverable(
        'GALLEY_TIME_LIMIT',
        `took longer than the ${duration(options.timeLimitMs)} limit per article (${duration(elapsed)})`,
      );
    }
  };
  checkpoint();
  return runJobPipeline(data, (stage, ms) => {
    options.onStage?.(stage, ms);
    checkpoint();
  });
}

/** Run the pipeline over a job's article as the job asks (format, stages, path, URL), reporting each stage. */
export async function runJobPipeline(
  data: ArticleJobData,
  onStage: NonNullable<ProcessOptions['onStage']>,
): Promise<StagesOutput> {
  const { article, markdown, html } = await runPipeline(jobSource(data), {
    ...(data.format ? { format: data.format } : {}),
    ...(data.stages ? { stages: data.stages } : {}),
    ...(data.path ? { path: data.path } : {}),
    ...(data.url ? { url: data.url } : {}),
    ...(data.hints ? { hints: data.hints } : {}),
    onStage,
    // Nothing reads the stage messages in a worker, and each captures a stack trace.
    messages: false,
  });
  return { article, markdown, html };
}
