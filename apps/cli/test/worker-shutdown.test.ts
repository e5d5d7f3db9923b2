import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueArticles } from '@galley/queue';
import {
  type WorkerChild,
  inspectQueue,
  randomQueueName,
  redisUrl,
  samplesDir,
  spawnWorker,
  tempDir,
  until,
  waitForJobs,
  wholeArticles,
} from './queue-helpers.js';

let queueName: string;
let env: NodeJS.ProcessEnv;
let work: Awaited<ReturnType<typeof tempDir>>;
let inspector: ReturnType<typeof inspectQueue>;
const children: WorkerChild[] = [];

beforeEach(async () => {
  queueName = randomQueueName();
  work = await tempDir();
  // Short locks, so a killed worker's job is detected as stalled within seconds.
  env = {
    GALLEY_QUEUE: queueName,
    GALLEY_DATA: path.join(work.dir, 'out'),
    GALLEY_LOCK_MS: '1500',
    GALLEY_STALLED_MS: '500',
  };
  inspector = inspectQueue(queueName);
});

afterEach(async () => {
  for (const worker of children.splice(0)) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await worker.exited;
  }
  await inspector.drop();
  await work.remove();
});

/** `count` distinct articles made from the samples (a numbered note keeps their contents apart). */
async function articles(count: number) {
  const base = await readFile(path.join(samplesDir, 'school-meals-pilot.txt'), 'utf8');
  return Array.from({ length: count }, (_, i) => ({
    name: `meals-${i}.txt`,
    read: async () =>
      Buffer.from(`${base}\nCorrection ${i + 1}: an earlier version of this story misstated a figure.\n`),
  }));
}

async function start(): Promise<WorkerChild> {
  const worker = await spawnWorker([], env);
  children.push(worker);
  return worker;
}

function jobIds(outcomes: Awaited<ReturnType<typeof enqueueArticles>>): string[] {
  return outcomes.map((o) => ('jobId' in o ? o.jobId : ''));
}

/** How many times each job id appears in the workers' logs with a message. */
function tally(workers: WorkerChild[], msg: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of workers.flatMap((w) => w.log())) {
    if (entry.msg === msg) counts.set(String(entry.jobId), (counts.get(String(entry.jobId)) ?? 0) + 1);
  }
  return counts;
}

describe('worker shutdown and crashes', () => {
  // A worker logs a completion after Redis records it, and the line comes through a pipe: the
  // tests wait for the lines before counting them.
  it('SIGTERM finishes the active job; after a restart every job completes exactly once', async () => {
    const first = await start();
    const ids = jobIds(await enqueueArticles(await articles(6), { redisUrl, queueName }));
    await until(async () => (await inspector.queue.getActiveCount()) > 0, 20_000, 'a job to start');
    const active = (await inspector.queue.getActive()).map((job) => job.id);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    for (const id of active) expect(await (await inspector.queue.getJob(id!))?.getState()).toBe('completed');
    expect(await inspector.queue.getActiveCount()).toBe(0);

    const second = await start();
    const jobs = await waitForJobs(inspector.queue, ids);
    for (const job of jobs) expect(await job.getState(), job.failedReason).toBe('completed');
    await until(
      async () => ids.every((id) => tally([first, second], 'job completed').has(id)),
      10_000,
      'the completion logs',
    );
    const completions = tally([first, second], 'job completed');
    expect([...completions.keys()].sort()).toEqual([...ids].sort());
    expect([...completions.values()].every((n) => n === 1)).toBe(true);
    expect([...tally([first, second], 'job started').values()].every((n) => n === 1)).toBe(true);
    expect(await wholeArticles(env.GALLEY_DATA!)).toHaveLength(6);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);

  it('a job whose worker is killed (SIGKILL) is picked up by another worker and completes', async () => {
    const doomed = await start();
    const [id] = jobIds(await enqueueArticles(await articles(1), { redisUrl, queueName }));
    await until(
      async () => (await (await inspector.queue.getJob(id))?.getState()) === 'active',
      20_000,
      'the job to start',
    );
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    expect(await (await inspector.queue.getJob(id))?.getState()).toBe('active');

    const rescuer = await start();
    const [job] = await waitForJobs(inspector.queue, [id]);
    expect(await job.getState(), job.failedReason).toBe('completed');
    await until(async () => tally([rescuer], 'job completed').has(id), 10_000, "the rescuer's completion log");
    expect(tally([rescuer], 'job completed').get(id)).toBe(1);
    expect(tally([doomed], 'job completed').get(id)).toBeUndefined();
    expect(rescuer.log().some((entry) => entry.jobId === id && String(entry.msg).startsWith('job stalled'))).toBe(true);
    expect(await wholeArticles(env.GALLEY_DATA!)).toHaveLength(1);
  }, 60_000);
});
