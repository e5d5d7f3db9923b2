import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Article, type GalleyErrorCode, GalleyError, type StageName, errorCode } from '@galley/document';
import type { ProcessOptions } from './pipeline.js';

/**
 * Test only: the environment variable in which the apps (`galley process`, `galley worker`) look
 * for a fault module (see {@link StageFault}). Apps read it and pass it down; job data and
 * article content can never reach it.
 */
export const FAULT_MODULE_ENV = 'GALLEY_FAULT_MODULE';

/** Default time limit per article, ms: far above any real article, low enough to free a slot. */
export const DEFAULT_TIME_LIMIT_MS = 60_000;

/**
 * Default heap cap per article, MB. An article that needs more is stopped with a reason instead
 * of growing the process without bound (the largest accepted article, 5 MB, needs a few hundred).
 */
export const DEFAULT_MEMORY_LIMIT_MB = 1024;

/** One article for a {@link PipelineRunner}: the source and the options `runPipeline` takes. */
export interface PipelineInput extends Pick<
  ProcessOptions,
  'format' | 'stages' | 'path' | 'url' | 'charset' | 'hints'
> {
  /** The article: text as read, or its raw bytes. */
  source: string | Uint8Array;
}

/** What the stages produce for one article (`runPipeline`'s result without the vfile). */
export interface PipelineOutput {
  article: Article;
  markdown: string;
  html: string;
}

/** Where one run's time went, ms: the queue profile reads it. */
export interface RunTimings {
  /** Waiting for the thread (its start-up on the first article or after a stopped one). */
  threadStart: number;
  /** Hand-off of the input to the thread (posting, copying, waking it). */
  handoffIn: number;
  /** The stages in the thread, reading and decoding included. */
  stages: number;
  /** Hand-off of the output back (copying the document and its renderings). */
  handoffOut: number;
}

/** How to run one article. */
export interface RunOptions {
  /** Hard limit for the stages, ms (default {@link DEFAULT_TIME_LIMIT_MS}). */
  timeLimitMs?: number;
  /** Aborting stops the thread and fails the run with `GALLEY_CANCELLED`. */
  signal?: AbortSignal;
  /** Called after each stage, with the stages finished so far in this run (this one included). */
  onStage?: (stage: StageName, ms: number, done: number) => void;
  /**
   * Call {@link RunOptions.onStage} only for stages that finish once the run has taken this long,
   * ms (default 0: every stage). Each call is a message from the thread, which wakes the thread
   * that waits for the article; a caller that reports only slow runs saves them on fast ones.
   */
  stagesAfterMs?: number;
  /** Called once the run succeeded, with where its time went. */
  onTimings?: (timings: RunTimings) => void;
}

/** Options for a {@link PipelineRunner}. */
export interface PipelineRunnerOptions {
  /** Heap cap of the thread, MB (default {@link DEFAULT_MEMORY_LIMIT_MB}). */
  memoryLimitMb?: number;
  /**
   * Test only: absolute path of a module whose default export is a {@link StageFault}. It comes
   * from whoever starts the program, never from an article, so input cannot turn it on.
   */
  faultModule?: string;
}

/**
 * Test only: the default export of a fault module, which the thread calls instead of the stages.
 * `run` runs the real stages; a fault module throws, allocates or loops on the articles it picks
 * and calls `run` for the rest, so tests can see how a program copes with a broken stage.
 */
export type StageFault = (input: PipelineInput, run: () => Promise<PipelineOutput>) => Promise<PipelineOutput>;

/** What the thread gets as `workerData`. */
export interface RunnerThreadData {
  faultModule?: string;
}

/**
 * An article for the thread, with the run time after which it reports stages (`Infinity`: none,
 * when the caller has no `onStage`).
 */
export interface RunnerRequest {
  input: PipelineInput;
  stagesAfterMs: number;
}

/** Messages from the thread. Times are `performance.timeOrigin + performance.now()` there. */
export type RunnerReply =
  | { type: 'ready' }
  | { type: 'stage'; stage: StageName; ms: number; done: number }
  | { type: 'done'; output: PipelineOutput; receivedAt: number; sentAt: number }
  | { type: 'error'; name: string; message: string; code?: GalleyErrorCode };

/** An error from the thread, with its original name (e.g. `InputError`) and Galley code. */
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

/**
 * Young-generation size of the thread, MB. V8's default (16 MB semi-spaces) is sized for a main
 * thread; the stages allocate short-lived objects per article, and 8 MB cut the peak RSS of a
 * thread running the sample corpus from 160 to 137 MB with no measurable CPU cost.
 */
const YOUNG_GENERATION_MB = 8;

const RUNNER_THREAD = fileURLToPath(new URL('./runner-thread.js', import.meta.url));

/** A clock all threads of the process share (each thread's `performance.now()` starts at its own origin). */
export function sharedClock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Runs the stages over one article at a time in a thread of its own, under a hard time limit and
 * a heap cap: stage code is synchronous, so a stage stuck in a slow loop or allocating without end
 * can only be stopped from outside. Over a limit, the thread is terminated (a fresh one starts for
 * the next article) and the run fails with `GALLEY_TIME_LIMIT` or `GALLEY_MEMORY_LIMIT`. The
 * thread is reused between articles, so the stages load once. The limit counts from the moment
 * the thread has the article, so its start-up is not charged to the first one. `galley process`
 * and the worker (one runner per concurrent job) both run articles through this class, so an
 * article gets the same budget and the same refusal everywhere.
 */
export class PipelineRunner {
  private thread: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  readonly memoryLimitMb: number;
  private readonly faultModule: string | undefined;

  constructor(options: PipelineRunnerOptions = {}) {
    this.memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
    if (!Number.isInteger(this.memoryLimitMb) || this.memoryLimitMb < 1)
      throw new Error(`memoryLimitMb must be a whole number ≥ 1 (got ${this.memoryLimitMb})`);
    this.faultModule = options.faultModule;
  }

  /** Run the stages over one article. */
  async run(input: PipelineInput, options: RunOptions = {}): Promise<PipelineOutput> {
    const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    if (!(timeLimitMs > 0)) throw new Error(`timeLimitMs must be > 0 (got ${timeLimitMs})`);
    const asked = sharedClock();
    const thread = await this.start();
    const posted = sharedClock();
    return new Promise<PipelineOutput>((resolve, reject) => {
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
        finish(() => reject(new GalleyError(code, reason)));
      };
      const onMessage = (message: RunnerReply): void => {
        if (message.type === 'stage') options.onStage?.(message.stage, message.ms, message.done);
        else if (message.type === 'done') {
          const received = sharedClock();
          options.onTimings?.({
            threadStart: posted - asked,
            handoffIn: message.receivedAt - posted,
            stages: message.sentAt - message.receivedAt,
            handoffOut: received - message.sentAt,
          });
          finish(() => resolve(message.output));
        } else if (message.type === 'error')
          finish(() => reject(new StageError(message.name, message.message, errorCode(message))));
      };
      const onError = (error: Error & { code?: string }): void => {
        this.discard();
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          finish(() =>
            reject(
              new GalleyError(
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
      const onAbort = (): void => stop('GALLEY_CANCELLED', `cancelled: ${String(options.signal?.reason ?? 'closing')}`);
      const timer = setTimeout(
        () => stop('GALLEY_TIME_LIMIT', `took longer than the ${duration(timeLimitMs)} limit per article; stopped`),
        timeLimitMs,
      );
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const request: RunnerRequest = {
        input,
        stagesAfterMs: options.onStage ? (options.stagesAfterMs ?? 0) : Number.POSITIVE_INFINITY,
      };
      thread.postMessage(request);
    });
  }

  /**
   * Start the thread now rather than on the first article, so the first article does not wait for
   * the stages to load (a worker warms its threads before it takes jobs).
   */
  async warm(): Promise<void> {
    await this.start();
  }

  /** Stop the thread. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.discard();
    await thread?.terminate();
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const workerData: RunnerThreadData = this.faultModule ? { faultModule: this.faultModule } : {};
      const thread = new Worker(RUNNER_THREAD, {
        workerData,
        resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      this.thread = thread;
      thread.once('message', (message: RunnerReply) =>
        message.type === 'ready' ? resolve(thread) : reject(new Error('stage thread: unexpected first message')),
      );
      // Only this thread's own failure may discard: by the time a terminated thread reports its
      // exit, a fresh one may already be the current thread.
      const fail = (error: Error): void => {
        if (this.thread === thread) this.discard();
        reject(error);
      };
      thread.once('error', fail);
      // A thread that dies while loading the stages sends neither: without this the run would wait forever.
      thread.once('exit', (code) => fail(new Error(`the stage thread exited (code ${code}) before it was ready`)));
    });
    return this.ready;
  }

  /** Forget the current thread (terminating it), so the next run starts a fresh one. */
  private discard(): void {
    void this.thread?.terminate();
    this.thread = undefined;
    this.ready = undefined;
  }
}

/** `850 ms`, `12.5 s`: what a user reads in a failure reason. */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${+(ms / 1000).toFixed(1)} s`;
}
