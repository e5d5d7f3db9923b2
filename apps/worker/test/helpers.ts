import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Job, Queue } from 'bullmq';
import { pino } from 'pino';
import { DEFAULT_REDIS_URL, workerConnectionOptions } from '@galley/queue';

export const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;

/** A silent logger, so test output shows only the tests. */
export const quietLogger = pino({ level: 'silent' });

/** A fresh queue name, so tests never share jobs with each other or with a user's queue. */
export function randomQueueName(): string {
  return `galley-test-${randomBytes(6).toString('hex')}`;
}

/** A temporary folder, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'galley-worker-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A Queue handle for inspecting a test queue; `drop` deletes the queue's keys and closes. */
export function inspectQueue(name: string): { queue: Queue; drop(): Promise<void> } {
  const queue = new Queue(name, { connection: workerConnectionOptions(redisUrl) });
  return {
    queue,
    async drop() {
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

/** Poll until every job is completed or failed; returns the jobs. */
export async function waitForJobs(queue: Queue, ids: readonly string[], timeoutMs = 30_000): Promise<Job[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // States first, jobs after: a job read before it finished would lack its result.
    const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
    if (states.every((s) => s === 'completed' || s === 'failed')) return (await Promise.all(ids.map((id) => queue.getJob(id)))) as Job[];
    if (Date.now() > deadline) throw new Error(`jobs not finished after ${timeoutMs} ms: ${states.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An in-memory article input for `enqueueArticles`. */
export function textInput(name: string, text: string | Uint8Array): { name: string; read(): Promise<Uint8Array> } {
  return { name, read: async () => (typeof text === 'string' ? Buffer.from(text) : text) };
}
