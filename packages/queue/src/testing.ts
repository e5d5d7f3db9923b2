/**
 * Helpers for tests of code that talks to the queue (`@galley/queue/testing`): every test gets a
 * queue of its own and removes it after, so tests never share jobs with each other or with a
 * user's queue on the same Redis.
 */
import { randomBytes } from 'node:crypto';
import { type Job, Queue } from 'bullmq';
import { blockingConnection } from './lib/connection.js';
import { QUEUE_PREFIX } from './lib/names.js';

/** A fresh queue name. */
export function randomQueueName(): string {
  return `galley-test-${randomBytes(6).toString('hex')}`;
}

/** A Queue handle for inspecting a test queue; `drop` deletes the queue's keys and closes. */
export function inspectQueue(name: string, redisUrl: string): { queue: Queue; drop(): Promise<void> } {
  const { connection, close } = blockingConnection(redisUrl);
  const queue = new Queue(name, { connection, prefix: QUEUE_PREFIX });
  return {
    queue,
    async drop() {
      await queue.obliterate({ force: true });
      await queue.close();
      await close();
    },
  };
}

/** Poll until every job is completed or failed; returns the jobs. */
export async function waitForJobs(queue: Queue, ids: readonly string[], timeoutMs = 40_000): Promise<Job[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // States first, jobs after: a job read before it finished would lack its result.
    const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
    if (states.every((s) => s === 'completed' || s === 'failed'))
      return (await Promise.all(ids.map((id) => queue.getJob(id)))) as Job[];
    if (Date.now() > deadline) throw new Error(`jobs not finished after ${timeoutMs} ms: ${states.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
