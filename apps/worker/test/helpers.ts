import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { DEFAULT_REDIS_URL } from '@galley/queue';
import { inspectQueue as inspect } from '@galley/queue/testing';

export { randomQueueName, waitForJobs } from '@galley/queue/testing';

export const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;

/** A silent logger, so test output shows only the tests. */
export const quietLogger = pino({ level: 'silent' });

/** A temporary folder, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'galley-worker-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A handle on a test queue of the Redis under test; `drop` deletes its keys and closes. */
export const inspectQueue = (name: string): ReturnType<typeof inspect> => inspect(name, redisUrl);

/** An in-memory article input for `enqueueArticles`. */
export function textInput(name: string, text: string | Uint8Array): { name: string; read(): Promise<Uint8Array> } {
  return { name, read: async () => (typeof text === 'string' ? Buffer.from(text) : text) };
}
