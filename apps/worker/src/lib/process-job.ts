import { performance } from 'node:perf_hooks';
import { UnrecoverableError } from 'bullmq';
import {
  type Article,
  GalleyError,
  type StageName,
  errorCode,
  failureReason,
  isPermanentError,
  stageNames,
} from '@galley/document';
import type { PipelineRunner, RunTimings } from '@galley/pipeline/runner';
import { type OutputStore, publishedFiles } from '@galley/publish';
import {
  type ArticleJobData,
  type ArticleJobProgress,
  type ArticleJobResult,
  jobSource,
  parseJobData,
} from '@galley/queue';

/**
 * How long a job runs before it reports progress after each stage, ms. A seed-size article takes
 * a few ms, and a progress write is one more Redis round trip and one more event for every
 * watcher; only an article slow enough for someone to watch it move gets them.
 */
export const PROGRESS_AFTER_MS = 1000;

/** Where one job's time went in the worker, ms (see `npm run bench -- --profile-queue`). */
export interface JobTimings extends RunTimings {
  /** Validating the job data and decoding the source. */
  parse: number;
  /** Writing the files and waiting for them to be durable (fsync). */
  publish: number;
  /** Adding the article to the corpus index (the worker's: noting it for the next batch, see `IndexBatcher`). */
  index: number;
  /** Progress writes made (0 for a job under {@link PROGRESS_AFTER_MS}). */
  progressWrites: number;
}

/** What {@link processJob} needs besides the job data. */
export interface ProcessJobContext {
  /** Where the article is published. */
  store: OutputStore;
  /** Runs the stages in a thread under the time and memory limits. */
  runner: Pick<PipelineRunner, 'run'>;
  /** Time limit for the stages, ms. */
  timeLimitMs: number;
  /** Aborted when the worker cancels the job. */
  signal?: AbortSignal;
  /** Called after each stage once the job has run {@link ProcessJobContext.progressAfterMs}. */
  onProgress?: (progress: ArticleJobProgress) => void | Promise<void>;
  /** Run time before progress is reported, ms (default {@link PROGRESS_AFTER_MS}; 0: every stage). */
  progressAfterMs?: number;
  /**
   * Adds the published article to the corpus index, or makes sure it will be (the worker notes it
   * for a batch); called after its files, so the index never lists a missing article.
   */
  index?: (article: Article) => Promise<void>;
  /** Called when the job succeeded, with where its time went. */
  onTimings?: (timings: JobTimings) => void;
}

/**
 * Process one queued article: validate the job data, run the stages, publish. Failures that a
 * retry cannot fix (bad input, invalid job data, over the time or memory limit) are thrown as
 * `UnrecoverableError`, so BullMQ fails the job at once with the reason; anything else (a full
 * disk, an unwritable output folder) is thrown as is and retried with backoff. It resolves only
 * once the files are durable, so BullMQ acknowledges a job only then.
 */
export async function processJob(rawData: unknown, context: ProcessJobContext): Promise<ArticleJobResult> {
  const start = performance.now();
  let data: ArticleJobData;
  try {
    data = parseJobData(rawData);
  } catch (error) {
    throw unrecoverable(new GalleyError('GALLEY_JOB_INVALID', (error as Error).message));
  }
  const total = data.stages ? new Set([...data.stages, 'publish']).size : stageNames.length;
  const progressAfterMs = context.progressAfterMs ?? PROGRESS_AFTER_MS;
  let progressWrites = 0;
  // Progress is best effort: a failed update must neither crash the worker as an unhandled
  // rejection nor fail an article whose stages succeeded.
  const pending: Array<Promise<unknown>> = [];
  let runTimings: RunTimings | undefined;
  const source = jobSource(data);
  const parsed = performance.now();
  let output: Awaited<ReturnType<PipelineRunner['run']>>;
  try {
    output = await context.runner.run(
      {
        source,
        ...(data.format ? { format: data.format } : {}),
        ...(data.stages ? { stages: data.stages } : {}),
        ...(data.path ? { path: data.path } : {}),
        ...(data.url ? { url: data.url } : {}),
        ...(data.hints ? { hints: data.hints } : {}),
      },
      {
        timeLimitMs: context.timeLimitMs,
        ...(context.signal ? { signal: context.signal } : {}),
        // The thread reports only the stages that end past the threshold: a fast job costs no
        // message for its stages, let alone a progress write.
        ...(context.onProgress
          ? {
              stagesAfterMs: Math.max(0, progressAfterMs - (performance.now() - start)),
              onStage: (stage: StageName, _ms: number, done: number) => {
                progressWrites++;
                pending.push(Promise.resolve(context.onProgress?.({ stage, done, total })).catch(() => undefined));
              },
            }
          : {}),
        onTimings: (timings) => (runTimings = timings),
      },
    );
  } catch (error) {
    // Refused input and limits keep their code across the thread boundary; no retry can change
    // the answer. A cancelled job is not the article's fault, but it is not run again here.
    if (isPermanentError(error) || errorCode(error) === 'GALLEY_CANCELLED') throw unrecoverable(error);
    throw error;
  }
  await Promise.all(pending);
  const { article } = output;
  const published = performance.now();
  await context.store.put(article.id, publishedFiles(output));
  const indexed = performance.now();
  if (context.index)
    await context.index(article).catch((error: Error) => {
      // Retried like a full disk: the files are in place, and the next attempt indexes them.
      throw new Error(`published ${article.id} but could not add it to the corpus index: ${error.message}`);
    });
  const end = performance.now();
  if (context.onTimings && runTimings)
    context.onTimings({
      parse: round(parsed - start),
      threadStart: round(runTimings.threadStart),
      handoffIn: round(runTimings.handoffIn),
      stages: round(runTimings.stages),
      handoffOut: round(runTimings.handoffOut),
      publish: round(indexed - published),
      index: round(end - indexed),
      progressWrites,
    });
  return {
    articleId: article.id,
    title: article.title,
    location: context.store.locate(article.id),
    stages: Object.fromEntries(Object.entries(article.stages).map(([name, timing]) => [name, timing.ms])),
    totalMs: round(end - start),
    sentences: article.sentences.length,
    entities: article.entities.length,
    quotes: article.quotes.length,
  };
}

/** A failure no retry can fix, its reason carrying the code (see `failureReason`). */
function unrecoverable(error: unknown): UnrecoverableError {
  return new UnrecoverableError(failureReason(error));
}

function round(ms: number): number {
  return +ms.toFixed(3);
}
