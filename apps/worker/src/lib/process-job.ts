import { performance } from 'node:perf_hooks';
import { UnrecoverableError } from 'bullmq';
import { InputError, runPipeline, stageNames } from '@galley/pipeline';
import type { OutputStore } from '@galley/publish';
import { type ArticleJobProgress, type ArticleJobResult, jobSource, parseJobData } from '@galley/queue';

/** What {@link processJob} needs besides the job data. */
export interface ProcessJobContext {
  /** Where the article is published. */
  store: OutputStore;
  /** Time limit for the whole job in ms; checked after every stage. */
  timeLimitMs: number;
  /** Aborted when the worker cancels the job. */
  signal?: AbortSignal;
  /** Called after each stage. */
  onProgress?: (progress: ArticleJobProgress) => void | Promise<void>;
}

/**
 * Process one queued article: validate the job data, run the stages, publish. Failures that a
 * retry cannot fix (bad input, invalid job data, over the time limit) are thrown as
 * `UnrecoverableError`, so BullMQ fails the job at once with the reason; anything else (a full
 * disk, an unwritable output folder) is thrown as is and retried with backoff.
 */
export async function processJob(rawData: unknown, context: ProcessJobContext): Promise<ArticleJobResult> {
  const start = performance.now();
  let data;
  try {
    data = parseJobData(rawData);
  } catch (error) {
    throw new UnrecoverableError((error as Error).message);
  }
  const total = (data.stages ? new Set([...data.stages, 'publish']).size : stageNames.length);
  let done = 0;
  const pending: Array<void | Promise<void>> = [];
  const checkpoint = (): void => {
    if (context.signal?.aborted) throw new UnrecoverableError(`cancelled: ${String(context.signal.reason ?? 'worker closing')}`);
    const elapsed = performance.now() - start;
    // Stages are synchronous code: the limit can only be enforced between them, which is why
    // every stage must stay linear-time on hostile input.
    if (elapsed > context.timeLimitMs) {
      throw new UnrecoverableError(`took longer than the ${duration(context.timeLimitMs)} limit per article (${duration(elapsed)})`);
    }
  };
  let result;
  try {
    checkpoint();
    result = await runPipeline(jobSource(data), {
      ...(data.format ? { format: data.format } : {}),
      ...(data.stages ? { stages: data.stages } : {}),
      ...(data.path ? { path: data.path } : {}),
      ...(data.url ? { url: data.url } : {}),
      onStage: (stage) => {
        pending.push(context.onProgress?.({ stage, done: ++done, total }));
        checkpoint();
      },
    });
  } catch (error) {
    if (error instanceof InputError) throw new UnrecoverableError(error.message);
    throw error;
  }
  await Promise.all(pending);
  checkpoint();
  const { article } = result;
  await context.store.put(article.id, {
    'article.json': `${JSON.stringify(article, null, 2)}\n`,
    'article.md': result.markdown,
    'article.html': result.html,
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

/** `850 ms`, `12.5 s`: what a user reads in a failure reason. */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${+(ms / 1000).toFixed(1)} s`;
}
