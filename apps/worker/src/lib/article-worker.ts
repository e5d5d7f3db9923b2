import { type Job, type JobJsonRaw, Worker } from 'bullmq';
import type { ArticleJobData, ArticleJobResult } from '@galley/queue';

/** Why a job's stored fields could not be read, for the jobs {@link ArticleWorker} had to repair. */
const corruptJobs = new WeakMap<object, string>();

/** The fields BullMQ parses as JSON when it reads a job, with what stands in for a corrupt one. */
const JSON_FIELDS = { data: 'null', opts: '{}', progress: '0', stacktrace: '[]' } as const;

/**
 * A BullMQ worker that survives corrupt jobs. A job whose `data` or `opts` is not JSON (written
 * into Redis by hand, by another tool, or by a broken producer) makes BullMQ's own reader throw
 * inside its fetch loop: the job would stay active, stall, be fetched again, and never fail. Here
 * such a job is read with its unreadable fields replaced, and {@link corruptReason} tells the
 * processor to fail it with the reason, so it lands in the failed list where an operator sees it.
 */
export class ArticleWorker extends Worker<ArticleJobData, ArticleJobResult> {
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
