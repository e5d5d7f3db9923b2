import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_JOB_SOURCE_BYTES } from '@galley/queue';
import {
  type WorkerChild,
  inspectQueue,
  randomQueueName,
  runGalley,
  samplesDir,
  spawnWorker,
  tempDir,
  wholeArticles,
} from './queue-helpers.js';

let env: NodeJS.ProcessEnv;
let work: Awaited<ReturnType<typeof tempDir>>;
let inspector: ReturnType<typeof inspectQueue>;
let worker: WorkerChild | undefined;

beforeEach(async () => {
  const queueName = randomQueueName();
  work = await tempDir();
  env = { GALLEY_QUEUE: queueName, GALLEY_DATA: path.join(work.dir, 'out') };
  inspector = inspectQueue(queueName);
});

afterEach(async () => {
  if (worker) {
    worker.child.kill('SIGTERM');
    await worker.exited;
    worker = undefined;
  }
  await inspector.drop();
  await work.remove();
});

describe('galley queue and galley status', () => {
  it('queues a folder, waits with progress and a summary, reports duplicates and failures', async () => {
    const inputs = path.join(work.dir, 'in');
    await mkdir(inputs);
    for (const name of ['harbour-bridge-reopens.txt', 'library-late-fees.md', 'river-cleanup-volunteers.html']) {
      await copyFile(path.join(samplesDir, name), path.join(inputs, name));
    }
    await writeFile(path.join(inputs, 'zz-empty.txt'), '  \n\n ');
    worker = await spawnWorker([], env);

    const first = await runGalley(['queue', inputs, '--wait'], env);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain('4 queued, 0 already queued, 0 retried, 0 refused');
    expect(first.stderr).toMatch(/done {3}.*library-late-fees\.md → .*out/);
    expect(first.stderr).toContain('3 done, 1 failed');
    expect(first.stderr).toMatch(/failed: .*zz-empty\.txt: input is empty/);
    expect(await wholeArticles(env.GALLEY_DATA!)).toHaveLength(3);

    const again = await runGalley(['queue', path.join(inputs, 'library-late-fees.md')], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already queued with the same content .*completed\); not queued twice/);

    const status = await runGalley(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/completed\s+3/);
    expect(status.stdout).toMatch(/failed\s+1/);
    expect(status.stdout).toMatch(/zz-empty\.txt {2}\(after 1 attempt\)\n\s+input is empty/);
    const json = JSON.parse((await runGalley(['status', '--json'], env)).stdout) as {
      counts: Record<string, number>;
      failures: unknown[];
    };
    expect(json.counts).toMatchObject({ completed: 3, failed: 1, waiting: 0, active: 0 });
    expect(json.failures).toHaveLength(1);
  }, 90_000);

  it('refuses what it cannot queue, with reasons', async () => {
    const big = path.join(work.dir, 'big.txt');
    await writeFile(big, Buffer.alloc(MAX_JOB_SOURCE_BYTES + 10, 'a'));
    const [tooBig, noRedis, badUrl, missing] = await Promise.all([
      runGalley(['queue', big], env),
      runGalley(['queue', big], { ...env, REDIS_URL: 'redis://127.0.0.1:1' }),
      runGalley(['queue', big], { ...env, REDIS_URL: 'http://127.0.0.1:6379' }),
      runGalley(['queue', path.join(work.dir, 'nope-*.txt'), 'ftp://example.com/a.txt'], env),
    ]);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toMatch(/big\.txt: not queued: 1\.0 MB is over the 1 MB limit for queued articles/);
    expect(noRedis.code).toBe(1);
    expect(noRedis.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*start it with/);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/REDIS_URL: .*the scheme must be redis:\/\//);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope-\*\.txt: no such file, directory or matching glob/);
    expect(missing.stderr).toMatch(/ftp:\/\/example\.com\/a\.txt: not queued: .*only http/);
  }, 60_000);
});
