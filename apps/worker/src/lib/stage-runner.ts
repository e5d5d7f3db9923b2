import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UnrecoverableError } from 'bullmq';
import { type Article, type GalleyErrorCode, GalleyError, errorCode, failureReason } from '@galley/document';
import type { ArticleJobData } from '@galley/queue';

/** What the stages produce for one article. */
export interface StagesOutput {
  article: Article;
  markdown: string;
  html: string;
}

/** Messages from the stage thread. */
export type StageReply =
  | { type: 'ready' }
  | { type: 'stage'; stage: string; ms: number }
  | { type: 'done'; output: StagesOutput }
  | { type: 'error'; name: string; message: string; code?: GalleyErrorCode };

/** How to run the stages for one job. */
export interface RunStagesOptions {
  /** Hard limit for the stages, ms. */
  timeLimitMs: number;
  signal?: AbortSignal;
  onStage?: (stage: string, ms: number) => void;
}

/**
 * Test only: the default export of a fault module, which the stage thread calls instead of the
 * stages. `run` runs the real stages; a fault module throws, allocates or loops on the articles it
 * picks and calls `run` for the rest, so tests can see how the worker copes with a broken stage.
 */
export type StageFault = (data: ArticleJobData, run: () => Promise<StagesOutput>) => Promise<StagesOutput>;

/** Options for a {@link StageRunner}. */
export interface StageRunnerOptions {
  /** Heap cap of the stage thread, MB (default {@link STAGE_MEMORY_MB}). */
  memoryLimitMb?: number;
  /**
   * Test only: absolute path of a module whose default export is a {@link StageFault}. It comes
   * from whoever starts the worker, never from a job, so job data cannot turn it on.
   */
  faultModule?: string;
}

/** What the stage thread gets as `workerData`. */
export interface StageThreadData {
  faultModule?: string;
}

/** An error from the stage thread, with its original name (e.g. `InputError`) and Galley code. */
export class StageError extends Error {
  constructor(
    name: string,
    message: string,
    readonly code?: GalleyErrorCode,
  ) {
    super(message);
    this.name = name;
  }
}

/** A failure no retry can fix, its reason carrying the code (see `failureReason`). */
export function unrecoverable(code: GalleyErrorCode, message: string): UnrecoverableError {
  return new UnrecoverableError(failureReason(new GalleyError(code, message)));
}

const STAGE_THREAD = fileURLToPath(new URL('../stage-thread.js', import.meta.url));

/**
 * Default heap cap of the stage thread, MB. An article that needs more is stopped with a reason instead
 * of growing the worker without bound (the largest queued article, 1 MB, needs a few hundred).
 */
export const STAGE_MEMORY_MB = 1024;

/**
 * Runs the stages in a thread of its own and enforces a hard time limit: when the stages
 * overrun, the thread is terminated (a fresh one is started for the next job) and the job fails
 * with `UnrecoverableError`. The limit counts from the moment the thread has the job, so the
 * thread's start-up (loading the stages) is not charged to the first article.
 */
export class StageRunner {
  private thread: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly memoryLimitMb: number;
  private readonly faultModule: string | undefined;

  constructor(options: StageRunnerOptions = {}) {
    this.memoryLimitMb = options.memoryLimitMb ?? STAGE_MEMORY_MB;
    if (!(this.memoryLimitMb > 0)) throw new Error(`memoryLimitMb must be > 0 (got ${this.memoryLimitMb})`);
    this.faultModule = options.faultModule;
  }

  /** Run the stages over one job's article. */
  async run(data: ArticleJobData, options: RunStagesOptions): Promise<StagesOutput> {
    const thread = await this.start();
    return new Promise<StagesOutput>((resolve, reject) => {
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
        options.signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const stop = (code: GalleyErrorCode, reason: string): void => {
        this.discard();
        finish(() => reject(unrecoverable(code, reason)));
      };
      const onMessage = (message: StageReply): void => {
        if (message.type === 'stage') options.onStage?.(message.stage, message.ms);
        else if (message.type === 'done') finish(() => resolve(message.output));
        else if (message.type === 'error')
          finish(() => reject(new StageError(message.name, message.message, errorCode(message))));
      };
      const onError = (error: Error & { code?: string }): void => {
        this.discard();
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          finish(() =>
            reject(
              unrecoverable(
                'GALLEY_MEMORY_LIMIT',
                `ran out of memory (over ${this.memoryLimitMb} MB) on this article; stopped`,
              ),
            ),
          );
        } else finish(() => reject(error));
      };
      const onExit = (code: number): void => {
        this.discard();
        finish(() => reject(new Error(`the stage thread exited (code ${code})`)));
      };
      const onAbort = (): void =>
        stop('GALLEY_CANCELLED', `cancelled: ${String(options.signal?.reason ?? 'worker closing')}`);
      const timer = setTimeout(
        () =>
          stop('GALLEY_TIME_LIMIT', `took longer than the ${duration(options.timeLimitMs)} limit per article; stopped`),
        options.timeLimitMs,
      );
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      thread.postMessage(data);
    });
  }

  /** Stop the thread. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.discard();
    await thread?.terminate();
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const workerData: StageThreadData = this.faultModule ? { faultModule: this.faultModule } : {};
      const thread = new Worker(STAGE_THREAD, {
        workerData,
        resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb },
      });
      this.thread = thread;
      thread.once('message', (message: StageReply) =>
        message.type === 'ready' ? resolve(thread) : reject(new Error('stage thread: unexpected first message')),
      );
      // Only this thread's own failure may discard: by the time a terminated thread reports its
      // exit, a fresh one may already be the current thread.
      const fail = (error: Error): void => {
        if (this.thread === thread) this.discard();
        reject(error);
      };
      thread.once('error', fail);
      // A thread that dies while loading the stages sends neither: without this the job would wait forever.
      thread.once('exit', (code) => fail(new Error(`the stage thread exited (code ${code}) before it was ready`)));
    });
    return this.ready;
  }

  /** Forget the current thread (terminating it), so the next job starts a fresh one. */
  private discard(): void {
    void this.thread?.terminate();
    this.thread = undefined;
    this.ready = undefined;
  }
}

/** `850 ms`, `12.5 s`: what a user reads in a failure reason. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${+(ms / 1000).toFixed(1)} s`;
}
