import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus } from '../lib/corpus.js';
import { tempDir, writeCase } from '../lib/files.js';
import { GALLEY, galley, hasRedisServer, sleep, startRedis, startWorker } from '../lib/harness.mjs';
import { articleProblems } from '../lib/outcome.js';

const ready = hasRedisServer() && existsSync(GALLEY);
if (!ready) console.warn('queue corpus test skipped: needs redis-server on PATH and a built apps/cli (npm run build)');

/** Per-job limit given to the worker; every job must end (either way) well within the wait. */
const TIME_LIMIT_S = 30;

// Cases with a known hang would hold the only worker for good; they are covered by the process test.
const cases = corpus.filter((c) => !c.knownBug);

describe.skipIf(!ready)('hostile input through the queue', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let worker: ReturnType<typeof startWorker>;
  let queueRun: Awaited<ReturnType<typeof galley>>;
  const outDir = (): string => path.join(work.dir, 'out');

  beforeAll(async () => {
    work = await tempDir('queue-corpus');
    redis = await startRedis(path.join(work.dir, 'redis'));
    const files: string[] = [];
    for (const testCase of cases) files.push(await writeCase(path.join(work.dir, 'in'), testCase));
    const env = { REDIS_URL: redis.url, GALLEY_QUEUE: 'corpus' };
    worker = startWorker({
      redisUrl: redis.url,
      queue: 'corpus',
      outDir: outDir(),
      args: ['--time-limit', String(TIME_LIMIT_S)],
    });
    await worker.ready();
    queueRun = await galley(['queue', '--wait', ...files], { env, timeoutMs: 400_000 });
  }, 420_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await worker?.exited;
    await redis?.stop('SIGKILL');
    await work?.remove();
  });

  it('the producer waits to the end and answers for every input', () => {
    expect(queueRun.timedOut).toBe(false);
    expect(queueRun.stderr).not.toMatch(/^\s+at\s/m);
    expect(queueRun.stderr).toMatch(/\d+ done, \d+ failed/);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const file = `${testCase.name}${testCase.ext}`;
    const refusal = queueRun.stderr.split('\n').find((l) => l.includes(`${file}: not queued:`));
    const completed = worker.logs.find((l) => l.msg === 'job completed' && String(l.name).endsWith(file));
    const failed = worker.logs.find((l) => l.msg === 'job failed' && String(l.name).endsWith(file));
    if (refusal) {
      // The producer caps articles at 1 MB (they travel inside the job); larger ones are refused up front.
      expect(testCase.outcome === 'document' && !/limit for queued articles/.test(refusal), refusal).toBe(false);
      return;
    }
    expect(completed || failed, 'the job ended').toBeTruthy();
    if (failed) {
      expect(String(failed.reason)).not.toMatch(/\n\s+at\s/);
      // The heavy cases (long CLI time limits) may meet the worker's per-article limit instead:
      // a clear refusal, which is what the limit is for.
      if ((testCase.timeoutMs ?? 0) > 20_000 && /limit per article/.test(String(failed.reason))) {
        console.info(`${testCase.name}: ${failed.reason}`);
        return;
      }
      expect(testCase.outcome, `expected a document, the job failed: ${failed.reason}`).not.toBe('document');
      if (testCase.refusal) expect(String(failed.reason)).toMatch(testCase.refusal);
    } else {
      expect(testCase.outcome, `expected a refusal matching ${testCase.refusal}`).not.toBe('refused');
      expect(await articleProblems(String(completed?.location), testCase)).toEqual([]);
    }
  });

  it('the worker survived every input', async () => {
    await sleep(100);
    expect(worker.child.exitCode).toBeNull();
  });
});
