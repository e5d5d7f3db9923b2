import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_REDIS_URL } from '@galley/queue';
import { inspectQueue as inspect } from '@galley/queue/testing';

export { randomQueueName, waitForJobs } from '@galley/queue/testing';

export const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
export const galleyBin = path.resolve(import.meta.dirname, '../dist/bin/galley.js');
export const samplesDir = path.resolve(import.meta.dirname, '../../../samples');

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'galley-cli-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Run `galley <args>` to the end. */
export function runGalley(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [galleyBin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A `galley worker` child process and its log (pino JSON lines). */
export interface WorkerChild {
  child: ChildProcess;
  log(): Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** Start `galley worker` and resolve once it logs "worker ready". */
export async function spawnWorker(args: string[], env: NodeJS.ProcessEnv): Promise<WorkerChild> {
  const child = spawn(process.execPath, [galleyBin, 'worker', ...args], { env: { ...process.env, ...env } });
  let text = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const log = () =>
    text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      text += d;
      if (text.includes('"worker ready"')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready: ${stderr}`)));
  });
  return { child, log, exited };
}

/** A handle on a test queue of the Redis under test; `drop` deletes its keys and closes. */
export const inspectQueue = (name: string): ReturnType<typeof inspect> => inspect(name, redisUrl);

/** Poll until `test` holds or the time runs out. */
export async function until(test: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Check every published article under `root` is whole: each folder has all three files under
 * their final names, article.json parses, and no temporary file is left behind. Returns the ids.
 */
export async function wholeArticles(root: string): Promise<string[]> {
  // Article folders only: the corpus index (corpus.sqlite, and the worker's corpus.pending/) lives beside them.
  const ids = (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('corpus.'))
    .map((e) => e.name)
    .sort();
  for (const id of ids) {
    const files = (await readdir(path.join(root, id))).sort();
    if (files.join(',') !== 'article.html,article.json,article.md')
      throw new Error(`${id}: unexpected files ${files.join(', ')}`);
    const article = JSON.parse(await readFile(path.join(root, id, 'article.json'), 'utf8')) as { id: string };
    if (article.id !== id) throw new Error(`${id}: article.json has id ${article.id}`);
    for (const name of ['article.md', 'article.html']) {
      if (!(await readFile(path.join(root, id, name), 'utf8')).trim()) throw new Error(`${id}/${name} is empty`);
    }
  }
  return ids;
}
