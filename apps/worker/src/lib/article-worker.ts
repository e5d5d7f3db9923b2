import { type Job, type JobJsonRaw, Worker } from 'bullmq';
import type { ArticleJobData, ArticleJobResult } from '@galley/queue';

/** Why a job's stored fields could not be read, for the jobs {@link ArticleWorker} had to repair. */
const corruptJobs = new WeakMap<object, string>();

/** The fields BullMQ parses as JSON when it reads a job, with what stands in for a corrupt one. */
const JSON_FIELDS = { data: 'null', opts: '{}', progress: '0', stacktrace: '[]' } as const;

/**
 * How BullMQ (5.81) words the answers of its job-moving scripts when the job's lock is not this
 * run's: the lock expired ("Missing lock", code -2), another run holds it ("Lock mismatch", -6),
 * or the job already left the active list (-3). BullMQ gives them as messages only.
 */
const LOST_LOCK = /^(Missing lock for job |Lock mismatch for job |Job .* is not in the active state)/;

/**
 * Thrown in place of BullMQ's error when a run's acknowledgement finds its lock gone: the run's
 * outcome cannot be recorded, and the job is not failed either (see {@link ArticleWorker}).
 */
class LostLockError extends Error {
  override name = 'LostLockError';
}

/**
 * What BullMQ's handleCompleted and handleFailed return when they hand over no next job: they
 * return undefined then, though BullMQ 5.81 types them as returning a job.
 */
const NO_NEXT_JOB = undefined as unknown as Job<ArticleJobData, ArticleJobResult>;

/**
 * A BullMQ worker that survives corrupt jobs and acknowledgements whose reply was lost.
 *
 * Corrupt jobs: a job whose `data` or `opts` is not JSON (written into Redis by hand, by another
 * tool, or by a broken producer) makes BullMQ's own reader throw inside its fetch loop: the job
 * would stay active, stall, be fetched again, and never fail. Here such a job is read with its
 * unreadable fields replaced, and {@link corruptReason} tells the processor to fail it with the
 * reason, so it lands in the failed list where an operator sees it.
 *
 * Lost replies: BullMQ's acknowledgement (the moveToFinished script) is not idempotent. When the
 * connection drops after Redis ran it but before its reply arrived (a Redis or Cluster master
 * restarting, a failover), the command is sent again (ioredis resends unanswered commands after
 * reconnecting, and BullMQ's processJob retries handleCompleted after a connection error), and
 * the second run answers "Missing lock": the first took the lock with it. BullMQ 5.81 takes that
 * for a failure of the job (Worker.processJob → handleFailed → moveToFailed → moveToDelayed,
 * which answers "Missing lock" again and is dropped), so the job sits completed in Redis while
 * the worker never emits `completed`. Here an acknowledgement that answers a lost lock looks at
 * the job: completed, by this very run (same processedOn and start count), it was acknowledged
 * and is reported as such; otherwise the lock really expired, and the job is neither failed nor
 * retried from here, since BullMQ's stalled check already gives it back to the queue.
 */
export class ArticleWorker extends Worker<ArticleJobData, ArticleJobResult> {
  protected override async handleCompleted(
    ...args: Parameters<Worker<ArticleJobData, ArticleJobResult>['handleCompleted']>
  ): ReturnType<Worker<ArticleJobData, ArticleJobResult>['handleCompleted']> {
    try {
      return await super.handleCompleted(...args);
    } catch (error) {
      const [result, job] = args;
      if (!LOST_LOCK.test((error as Error).message)) throw error;
      if (!(await this.completedByThisRun(job))) {
        throw new LostLockError(
          `job ${job.id} lost its lock before its result was recorded (Redis was out of reach for ` +
            `longer than the lock lasts); the stalled check gives it back to the queue`,
        );
      }
      this.emit('completed', job, result, 'active');
      return NO_NEXT_JOB;
    }
  }

  protected override async handleFailed(
    ...args: Parameters<Worker<ArticleJobData, ArticleJobResult>['handleFailed']>
  ): ReturnType<Worker<ArticleJobData, ArticleJobResult>['handleFailed']> {
    // The run lost its lock: failing the job would take it from the run that has it now, or
    // from the stalled check that returns it to the queue.
    if (args[0] instanceof LostLockError) return NO_NEXT_JOB;
    return super.handleFailed(...args);
  }

  /** Whether the job is completed, and by the run that fetched `job` (not by a later run after a stall). */
  private async completedByThisRun(job: Job<ArticleJobData, ArticleJobResult>): Promise<boolean> {
    if (!job.id) return false;
    const client = await this.client;
    // The fields alone: parsing the whole job would read its data, which may be large.
    const [[processedOn, started], completedAt] = await Promise.all([
      client.hmget(this.toKey(job.id), 'processedOn', 'ats'),
      client.zscore(this.keys.completed, job.id),
    ]);
    return completedAt !== null && Number(processedOn) === job.processedOn && Number(started) === job.attemptsStarted;
  }

  protected override createJob(raw: JobJsonRaw, jobId: string): Job<ArticleJobData, ArticleJobResult> {
    try {
      return super.createJob(raw, jobId);
    } catch (error) {
      const fields = Object.entries(JSON_FIELDS).filter(([field]) => !isJson(raw[field as keyof JobJsonRaw]));
      const repaired = { ...raw, ...Object.fromEntries(fields) } as JobJsonRaw;
      const job = super.createJob(repaired, jobId);
      const names = fields.map(([field]) => field).join(' and ') || 'a field';
      corruptJobs.set(
        job,
        `job ${jobId} is corrupt in Redis: its ${names} is not valid JSON (${(error as Error).message})`,
      );
      return job;
    }
  }
}

/** Why a job could not be read from Redis, or undefined for a job read whole. */
export function corruptReason(job: Job): string | undefined {
  return corruptJobs.get(job);
}

function isJson(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  try {
    JSON.parse(String(value));
    return true;
  } catch {
    return false;
  }
}
