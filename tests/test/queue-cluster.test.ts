import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PREFIX } from '@galley/queue';
import { hasRedisCli, startRedisCluster } from '../lib/cluster.mjs';
import { tempDir } from '../lib/files.js';
import {
  GALLEY,
  acceptedJobIds,
  census,
  galley,
  hasRedisServer,
  sleep,
  startWorker,
  waitForArticles,
  writeArticles,
} from '../lib/harness.mjs';

const ready = hasRedisServer() && (await hasRedisCli()) && existsSync(GALLEY);
if (!ready)
  console.warn(
    'Redis Cluster test skipped: needs redis-server and redis-cli on PATH and a built apps/cli (npm run build)',
  );

const BATCH = 30;
// The queue's keys, not the tagger, are under test: the stages that need no model.
const STAGES = 'clean,segment';

type Cluster = Awaited<ReturnType<typeof startRedisCluster>>;

describe.skipIf(!ready)('queue on a real three-master Redis Cluster', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let cluster: Cluster;
  const workers: Array<ReturnType<typeof startWorker>> = [];

  beforeAll(async () => {
    work = await tempDir('cluster');
    cluster = await startRedisCluster(path.join(work.dir, 'redis'));
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await cluster?.stopAll();
    await work?.remove();
  });

  it('REDIS_CLUSTER_NODES wins over REDIS_URL; a master restarted mid-batch loses nothing', async () => {
    const queue = 'cluster-batch';
    const inDir = path.join(work.dir, 'in');
    const outDir = path.join(work.dir, 'out');
    await writeArticles(inDir, 0, BATCH);
    // A REDIS_URL where nothing listens: every connection must go to the cluster instead.
    const env = { REDIS_CLUSTER_NODES: cluster.nodes, REDIS_URL: 'redis://127.0.0.1:1', GALLEY_QUEUE: queue };
    const queued = await galley(['queue', '--stages', STAGES, inDir], { env, timeoutMs: 60_000 });
    expect(queued.code, queued.stderr).toBe(0);
    const accepted = acceptedJobIds(queued.stderr);
    expect(accepted).toHaveLength(BATCH);

    // Every key of the queue is in the one slot of the hash tag, on the master that serves it.
    const owner = await cluster.masterOf(QUEUE_PREFIX);
    const keys = await cluster.keys(owner, `${QUEUE_PREFIX}:${queue}:*`);
    expect(keys.length).toBeGreaterThan(BATCH);
    for (const other of [0, 1, 2].filter((i) => i !== owner))
      expect(await cluster.keys(other, `${QUEUE_PREFIX}:*`)).toEqual([]);

    const worker = startWorker({
      redisUrl: 'redis://127.0.0.1:1',
      queue,
      outDir,
      env: { REDIS_CLUSTER_NODES: cluster.nodes, GALLEY_LOCK_MS: '5000', GALLEY_STALLED_MS: '2000' },
      args: ['--concurrency', '2'],
    });
    workers.push(worker);
    await worker.ready();
    await waitForArticles(outDir, 3, 60_000);
    // The master holding the queue goes down mid-batch (a clean restart: its AOF is flushed).
    await cluster.stop(owner);
    await sleep(3000);
    await cluster.start(owner);
    await cluster.waitOk();

    const seen = await waitForArticles(outDir, BATCH, 120_000);
    expect(seen.ids).toHaveLength(BATCH);
    expect(seen.partial.filter((f: string) => !f.endsWith('.tmp'))).toEqual([]);
    // Each job acknowledged exactly once, none lost, none twice.
    const until = Date.now() + 30_000;
    while (new Set(worker.completed()).size < BATCH && Date.now() < until) await sleep(200);
    const missing = accepted.filter((id) => !worker.completed().includes(id));
    const about = worker.logs.filter((l) => missing.includes(String(l.jobId)) || l.msg === 'worker error');
    expect(new Set(worker.completed()), JSON.stringify(about).slice(0, 3000)).toEqual(new Set(accepted));
    expect(worker.child.exitCode, 'the worker kept running').toBeNull();

    const status = await galley(['status', '--json'], { env, timeoutMs: 30_000 });
    expect(status.code, status.stderr).toBe(0);
    expect((await census(outDir)).ids).toHaveLength(BATCH);
  }, 300_000);

  it('a worker idle while the master is down takes the jobs queued after it is back', async () => {
    const queue = 'cluster-idle';
    const inDir = path.join(work.dir, 'idle-in');
    const outDir = path.join(work.dir, 'idle-out');
    const env = { REDIS_CLUSTER_NODES: cluster.nodes, GALLEY_QUEUE: queue };
    const worker = startWorker({
      redisUrl: 'redis://127.0.0.1:1',
      queue,
      outDir,
      env: { REDIS_CLUSTER_NODES: cluster.nodes, GALLEY_LOCK_MS: '5000', GALLEY_STALLED_MS: '2000' },
    });
    workers.push(worker);
    await worker.ready();
    const owner = await cluster.masterOf(QUEUE_PREFIX);
    await cluster.stop(owner);
    await cluster.waitDown(owner);
    // Longer than BullMQ's wait for a job (5 s) and its watchdog (1 s more): the worker gives up
    // its blocking read and connects it again while the cluster answers CLUSTERDOWN.
    await sleep(7000);
    await cluster.start(owner);
    await cluster.waitOk();

    await writeArticles(inDir, 0, 3);
    const queued = await galley(['queue', '--stages', STAGES, inDir], { env, timeoutMs: 60_000 });
    expect(queued.code, queued.stderr).toBe(0);
    const accepted = acceptedJobIds(queued.stderr);
    const until = Date.now() + 30_000;
    while (new Set(worker.completed()).size < accepted.length && Date.now() < until) await sleep(200);
    expect(new Set(worker.completed())).toEqual(new Set(accepted));
    expect((await census(outDir)).ids).toHaveLength(3);
  }, 120_000);
});
