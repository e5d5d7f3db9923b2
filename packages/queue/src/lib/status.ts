import { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { connectProducer } from './connection.js';
import type { ArticleJobData } from './job.js';
import { DEFAULT_QUEUE_NAME, JOB_STATES, type JobState, QUEUE_PREFIX, validateQueueName } from './names.js';

/** One job in the dead-letter list. */
export interface FailedJob {
  jobId: string;
  /** The article's name; `(unreadable job data)` when the stored data is not a job of ours. */
  name: string;
  /** Set when the stored job data could not be read: the job is listed, but named as corrupt. */
  corrupt?: true;
  reason: string;
  attemptsMade: number;
  /** When it failed (ms since the epoch). */
  failedAt?: number;
}

/** A snapshot of a queue. */
export interface QueueStatus {
  queueName: string;
  counts: Record<JobState, number>;
  /** Newest failures first. */
  failures: FailedJob[];
}

/** Most characters of a failure reason read: a reason is a sentence, not a stack or an article. */
const MAX_REASON_CHARS = 2000;
/**
 * Largest job data read, whole, for a summary: the name is its first field, and reading it also
 * tells corrupt data. Longer data (an article, compressed) is never read; its job's BullMQ name,
 * which the producer sets to the article's name, stands in.
 */
const DATA_READ_CHARS = 16 * 1024;

/**
 * The newest failed jobs' summaries, read in Redis: the failure fields, the job's name and its
 * data only when short. A failed job still holds its article, and a page that refreshes every few
 * seconds must not move any article, not even into the script: fifty 1 MB HGETs took 140 ms.
 * KEYS[1] the failed set; ARGV: the job key prefix, how many, data and reason lengths.
 */
const failedSummariesScript = `
local ids = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
local out = {}
for i, id in ipairs(ids) do
  local key = ARGV[1] .. id
  local f = redis.call('HMGET', key, 'failedReason', 'attemptsMade', 'atm', 'finishedOn', 'name')
  local size = redis.call('HSTRLEN', key, 'data')
  local data = false
  if size <= tonumber(ARGV[3]) then data = redis.call('HGET', key, 'data') end
  local reason = f[1]
  if reason then reason = string.sub(reason, 1, tonumber(ARGV[4])) end
  out[i] = { id, reason or '', f[2] or f[3] or '0', f[4] or '', data, f[5] or false, size }
end
return out`;

/** Count jobs per state and read the latest failures (`limit`, default 10), over a connection of its own. */
export async function queueStatus(redisUrl: string, queueName = DEFAULT_QUEUE_NAME, limit = 10): Promise<QueueStatus> {
  const name = validateQueueName(queueName);
  const connection = await connectProducer(redisUrl);
  const queue = new Queue<ArticleJobData>(name, { connection, prefix: QUEUE_PREFIX });
  queue.on('error', () => {
    // A dropped connection surfaces through the awaited calls below; unheard, it would be fatal.
  });
  try {
    return await readQueueStatus(connection, queue, limit);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/**
 * {@link queueStatus} over a connection and a queue on it that its caller keeps open (the
 * viewer's queue page, asked every few seconds: a connection and a queue per request cost more
 * than the reads).
 */
export async function readQueueStatus(
  connection: Redis | Cluster,
  queue: Queue<ArticleJobData>,
  limit = 10,
): Promise<QueueStatus> {
  const counts = (await queue.getJobCounts(...JOB_STATES)) as Record<JobState, number>;
  const failures = limit > 0 ? await failedSummaries(connection, queue, limit) : [];
  return { queueName: queue.name, counts, failures };
}

async function failedSummaries(
  redis: Redis | Cluster,
  queue: Queue<ArticleJobData>,
  limit: number,
): Promise<FailedJob[]> {
  const rows = (await redis.eval(
    failedSummariesScript,
    1,
    queue.keys.failed,
    queue.toKey(''),
    limit,
    DATA_READ_CHARS,
    MAX_REASON_CHARS,
  )) as Array<[string, string, string, string, string | null, string | null, number]>;
  return rows.map(([jobId, reason, attempts, finishedOn, data, jobName, size]) => {
    const name = size > DATA_READ_CHARS ? jobName || undefined : data === null ? undefined : nameFromData(data);
    const failedAt = Number(finishedOn);
    return {
      jobId,
      name: name ?? '(unreadable job data)',
      ...(name === undefined ? { corrupt: true as const } : {}),
      reason,
      attemptsMade: Number(attempts) || 0,
      ...(failedAt > 0 ? { failedAt } : {}),
    };
  });
}

/** `{"name":"…"` at the start of stored job data, as the producer writes it. */
const nameAtStart = /^\{\s*"name"\s*:\s*("(?:[^"\\]|\\.)*")/;

/**
 * The article name at the start of stored job data, or `undefined` when the data is not a job of
 * ours (corrupt data, `null`, another producer's job).
 */
function nameFromData(data: string): string | undefined {
  const literal = data.match(nameAtStart)?.[1];
  if (!literal) return undefined;
  try {
    const name: unknown = JSON.parse(literal);
    return typeof name === 'string' && name ? name : undefined;
  } catch {
    return undefined;
  }
}
