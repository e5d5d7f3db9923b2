import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_JOB_SOURCE_BYTES, enqueueArticles } from '@galley/queue';
import {
  type WorkerChild,
  inspectQueue,
  randomQueueName,
  redisUrl,
  runGalley,
  samplesDir,
  spawnWorker,
  tempDir,
  until,
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
  it('queues a folder, refuses what process refuses, waits with progress and a summary, reports duplicates and failures', async () => {
    const inputs = path.join(work.dir, 'in');
    await mkdir(inputs);
    for (const name of ['harbour-bridge-reopens.txt', 'library-late-fees.md', 'river-cleanup-volunteers.html']) {
      await copyFile(path.join(samplesDir, name), path.join(inputs, name));
    }
    await writeFile(path.join(inputs, 'zz-empty.txt'), '  \n\n ');
    worker = await spawnWorker([], env);

    const first = await runGalley(['queue', inputs, '--wait'], env);
    expect(first.code, first.stderr).toBe(1);
    // The empty file is refused here, as `galley process` refuses it, instead of failing in a worker.
    expect(first.stderr).toMatch(/galley: .*zz-empty\.txt: not queued: input is empty .*\[GALLEY_INPUT_EMPTY\]\n/);
    expect(first.stderr).toContain('3 queued, 0 already queued, 0 retried, 1 refused');
    expect(first.stderr).toMatch(/done {3}.*library-late-fees\.md → .*out/);
    expect(first.stderr).toContain('3 done, 0 failed');
    expect(await wholeArticles(env.GALLEY_DATA!)).toHaveLength(3);
    expect(await inspector.queue.getJobCounts()).toMatchObject({ waiting: 0, failed: 0, completed: 3 });

    // A producer without the check (an older one, or a script) still gets the worker's verdict,
    // with the same code at the end of the failure reason.
    await enqueueArticles([{ name: 'zz-empty.txt', read: async () => Buffer.from('  \n\n ') }], {
      redisUrl,
      queueName: env.GALLEY_QUEUE!,
    });
    await until(async () => (await inspector.queue.getJobCounts()).failed === 1, 30_000, 'the empty job to fail');

    const again = await runGalley(['queue', path.join(inputs, 'library-late-fees.md')], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already queued with the same content .*completed\); not queued twice/);

    const status = await runGalley(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/completed\s+3/);
    expect(status.stdout).toMatch(/failed\s+1/);
    expect(status.stdout).toMatch(/zz-empty\.txt {2}\(after 1 attempt\)\n\s+input is empty .*\[GALLEY_INPUT_EMPTY\]\n/);
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
    expect(tooBig.stderr).toMatch(
      /big\.txt: not queued: 1\.0 MB is over the 1 MB limit for queued articles .*\[GALLEY_INPUT_TOO_LARGE\]/,
    );
    expect(noRedis.code).toBe(1);
    expect(noRedis.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*start it with/);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/REDIS_URL: .*the scheme must be redis:\/\//);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope-\*\.txt: no file matches this pattern \[GALLEY_INPUT_NOT_FOUND\]/);
    expect(missing.stderr).toMatch(
      /not queued: could not fetch ftp:\/\/example\.com\/a\.txt: only http:\/\/ and https:\/\/ URLs are fetched \[GALLEY_FETCH_REFUSED\]/,
    );
  }, 60_000);

  it('refuses a URL it cannot fetch in one sentence, naming it once, and queues nothing', async () => {
    const url = 'https://no-such-host.invalid/story.html';
    const run = await runGalley(['queue', url], env);
    expect(run.code).toBe(1);
    const refusal = run.stderr.split('\n')[0];
    expect(refusal).toMatch(
      /^galley: not queued: could not fetch https:\/\/no-such-host\.invalid\/story\.html: (no such host|the host name could not be looked up .*) \[GALLEY_FETCH_FAILED\]$/,
    );
    expect(refusal.split(url)).toHaveLength(2);
    expect(run.stderr).not.toMatch(/ENOTFOUND|EAI_AGAIN|getaddrinfo/);
    expect(await inspector.queue.getJobCounts()).toMatchObject({ waiting: 0, failed: 0 });
  }, 60_000);

  it('refuses empty, binary and badly encoded files before queueing', async () => {
    const files = {
      'empty.txt': Buffer.from(' \n'),
      'blob.txt': Buffer.from([0, 1, 2, 3, 0, 5]),
      'latin1.txt': Buffer.from('Caf\xe9 reopens\n\nThe caf\xe9 reopened.', 'latin1'),
    };
    for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(work.dir, name), bytes);
    const run = await runGalley(['queue', ...Object.keys(files).map((name) => path.join(work.dir, name))], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/empty\.txt: not queued: input is empty .*\[GALLEY_INPUT_EMPTY\]/);
    expect(run.stderr).toMatch(/blob\.txt: not queued: input looks binary .*\[GALLEY_INPUT_BINARY\]/);
    expect(run.stderr).toMatch(/latin1\.txt: not queued: input is not valid UTF-8 .*\[GALLEY_INPUT_ENCODING\]/);
    expect(run.stderr).toContain('0 queued, 0 already queued, 0 retried, 3 refused');
    expect(await inspector.queue.getJobCounts()).toMatchObject({ waiting: 0, failed: 0 });
  }, 60_000);
});
