// End-to-end through Redis: worker processes (one core each where possible, each publishing to
// its own folder as on separate machines) take jobs that `enqueueArticles` adds; throughput and
// queued-to-published latency come from BullMQ's own job timestamps (`timestamp` = added,
// `finishedOn` = published, durable and acknowledged). The per-job profile comes from the
// workers' "job completed" log entries.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { quantile } from './stats.mjs';
import { errorLine } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const WORKER_SCRIPT = path.join(here, 'e2e-worker.mjs');
const READY_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 180_000;
// The first job of a worker loads the pipeline into its stage thread (about a second), and V8
// optimises the hot functions over the next thousands (still compiling after 1,800 jobs: 1.4 ms
// of compiler thread per job): warm-up rounds of this many jobs per worker run until the
// in-process section's warm-up time has passed and each worker has had as many articles as the
// in-process pipeline had before its timed reps, and are not counted.
const WARMUP_ROUND_JOBS_PER_WORKER = 25;

/** Why the end-to-end section cannot run here, or undefined when it can. */
export async function e2eUnavailable(repoRoot, redisUrl) {
  for (const file of ['packages/queue/dist/index.js', 'apps/worker/dist/index.js']) {
    if (!existsSync(path.join(repoRoot, file))) return `${file} is not built`;
  }
  try {
    const queue = await import(path.join(repoRoot, 'packages/queue/dist/index.js'));
    if (typeof queue.enqueueArticles !== 'function') return '@galley/queue has no enqueueArticles';
    const worker = await import(path.join(repoRoot, 'apps/worker/dist/index.js'));
    if (typeof worker.startWorker !== 'function') return '@galley/worker has no startWorker';
    const redis = await queue.connectProducer(redisUrl, 2000);
    redis.disconnect();
  } catch (error) {
    return error.message.split('\n')[0];
  }
  return undefined;
}

/**
 * Bench `workers` worker processes: a burst of `burst` jobs (throughput, and latency when the
 * queue backs up), then `paced` jobs added at `rate` per second (latency at a steady load). Each
 * worker publishes to a folder of its own under `outRoot`, which the caller removes once every
 * run is done (see {@link withOutputRoot}).
 */
export async function benchE2e(
  repoRoot,
  articles,
  { redisUrl, workers, burst, paced, rate, pin, warmupMs, warmupJobs = 0, outRoot },
) {
  const { enqueueArticles, QUEUE_PREFIX, blockingConnection } = await import(
    path.join(repoRoot, 'packages/queue/dist/index.js')
  );
  // Started as the Dockerfile and the README's systemd unit start them.
  const { WORKER_PROCESS_ENV } = await import(path.join(repoRoot, 'apps/worker/dist/index.js'));
  const { Queue } = await import('bullmq');
  const queueName = `galley-bench-${randomUUID().slice(0, 8)}`;
  // One GALLEY_DATA per worker, as on separate machines.
  const outDirs = Array.from({ length: workers }, () => mkdtempSync(path.join(outRoot, `${workers}w-`)));
  const procs = [];
  const connection = blockingConnection(redisUrl);
  const queue = new Queue(queueName, { connection: connection.connection, prefix: QUEUE_PREFIX });
  try {
    for (let i = 0; i < workers; i++)
      procs.push(
        await spawnWorker(redisUrl, queueName, outDirs[i], pin ? workerCore(i) : undefined, WORKER_PROCESS_ENV),
      );
    // The same warm-up as the in-process pipeline gets, in time and in articles per process, so
    // the ratio of the two compares steady states (a worker on a feed runs all day) rather than
    // JIT warm-up: a worker is slower, so 8 s alone gave it half the in-process articles.
    let next = 0;
    const warmupStart = performance.now();
    do {
      const round = distinctJobs(articles, next, WARMUP_ROUND_JOBS_PER_WORKER * workers);
      next += round.length;
      await runPhase(queue, enqueueArticles, round, { redisUrl, queueName });
    } while (performance.now() - warmupStart < warmupMs || next < warmupJobs * workers);
    const warm = await Promise.all(procs.map(cpuSnapshot));
    const burstRun = await runPhase(queue, enqueueArticles, distinctJobs(articles, next, burst), {
      redisUrl,
      queueName,
    });
    const pacedRun = await runPhase(queue, enqueueArticles, distinctJobs(articles, next + burst, paced), {
      redisUrl,
      queueName,
      rate,
    });
    const closed = await Promise.all(procs.map(stopWorker));
    const timings = new Map(closed.flatMap((c) => c.timings ?? []).map((t) => [t.jobId, t]));
    // Load-independent: the workers' CPU per job after the warm-up (the closing included), to set
    // beside the in-process CPU per article.
    const cpuMs = closed.reduce((sum, c, i) => sum + (c.cpuMs ?? 0) - warm[i].cpuMs, 0);
    const measuredJobs = closed.reduce((sum, c, i) => sum + (c.timings?.length ?? 0) - warm[i].jobs, 0);
    return {
      workers,
      queueName,
      warmupJobs: next,
      workerCpuMsPerJob: +(cpuMs / Math.max(1, measuredJobs)).toFixed(2),
      workerThreadsMsPerJob: threadShares(closed, warm, procs, measuredJobs),
      burst: withProfile(burstRun, timings),
      paced: { rate, ...withProfile(pacedRun, timings) },
      workerPeakRssMb: closed.map((c) => c.peakRssMb),
    };
  } finally {
    for (const proc of procs) if (proc.exitCode === null) proc.kill('SIGKILL');
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await connection.close();
  }
}

/**
 * The workers' CPU per job by thread: the main thread (its id is the process id; taskset execs
 * node, so that is `proc.pid` pinned or not), the busiest other thread (the stage thread: nothing
 * else in a worker comes near it) and the rest (V8's compiler and GC helpers, libuv's file-system
 * pool). Undefined where threads cannot be read.
 */
function threadShares(closed, warm, procs, jobs) {
  const sums = { main: 0, stage: 0, rest: 0 };
  for (const [i, c] of closed.entries()) {
    if (!c.threads || !warm[i].threads) return undefined;
    const deltas = Object.entries(c.threads).map(([tid, ms]) => [tid, ms - (warm[i].threads[tid] ?? 0)]);
    const main = deltas.find(([tid]) => Number(tid) === procs[i].pid)?.[1] ?? 0;
    const others = deltas.filter(([tid]) => Number(tid) !== procs[i].pid).map(([, ms]) => ms);
    const stage = Math.max(0, ...others);
    sums.main += main;
    sums.stage += stage;
    sums.rest += others.reduce((a, b) => a + b, 0) - stage;
  }
  return Object.fromEntries(Object.entries(sums).map(([k, ms]) => [k, +(ms / Math.max(1, jobs)).toFixed(2)]));
}

/**
 * Run `body` with a fresh folder for the workers' output, removed afterwards. One folder for all
 * the runs, removed only at the end: on ext4 without a journal (this machine's disk) a new inode
 * is not given a number freed in the last minute or so, and finding one scans past every inode
 * deleted meanwhile, so removing one run's 4,000 files before the next made the next one's file
 * creation cost 3-4× as much CPU (0.17 → 0.60 ms per article folder, measured with sync calls).
 */
export async function withOutputRoot(body) {
  const outRoot = mkdtempSync(path.join(os.tmpdir(), 'galley-bench-'));
  try {
    return await body(outRoot);
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
}

/** The parts of queued → published, in the order a job goes through them. */
export const PROFILE_PARTS = [
  ['wait', 'queued → taken by a worker (Redis, backlog)'],
  ['parse', 'job data validated, source decoded'],
  ['threadStart', 'waiting for the stage thread'],
  ['handoffIn', 'article posted to the stage thread'],
  ['stages', 'the stages in the thread'],
  ['handoffOut', 'document copied back'],
  ['publish', 'files written + fsync + rename'],
  ['index', 'id noted for the next index batch'],
  ['ack', 'acknowledged (moveToCompleted round trip)'],
];

/** A phase's figures with its profile instead of its job ids. */
function withProfile({ ids, ...run }, timings) {
  return { ...run, profile: profile(ids, timings) };
}

/** Median and p95 of each part over the given jobs, ms; progress writes per job. */
function profile(ids, timings) {
  const rows = ids.map((id) => timings.get(id)).filter(Boolean);
  if (rows.length === 0) return undefined;
  const parts = Object.fromEntries(
    PROFILE_PARTS.map(([part]) => {
      const values = rows.map((r) => r[part]).filter((v) => typeof v === 'number');
      return [part, { p50: +quantile(values, 0.5).toFixed(2), p95: +quantile(values, 0.95).toFixed(2) }];
    }),
  );
  return { jobs: rows.length, parts, progressWrites: rows.reduce((n, r) => n + (r.progressWrites ?? 0), 0) };
}

/**
 * Articles cycled to `count` jobs, numbered from `start`. Job ids are content hashes, so each copy
 * gets a distinct tail of spaces and tabs (its number in binary): readers trim it, the published
 * text is unchanged.
 */
function distinctJobs(articles, start, count) {
  const jobs = [];
  for (let i = start; i < start + count; i++) {
    const item = articles[i % articles.length];
    const tail = '\n' + i.toString(2).replace(/0/g, ' ').replace(/1/g, '\t');
    jobs.push({ name: `${item.name}#${i}`, path: item.path, bytes: Buffer.from(item.source + tail) });
  }
  return jobs;
}

async function runPhase(queue, enqueueArticles, jobs, { redisUrl, queueName, rate }) {
  if (jobs.length === 0) return undefined;
  // The queue is fresh and only this bench uses it, so once every job of the phase is added, none
  // left to run means the phase is done: counts, not polling every job (which would take CPU from
  // the workers being measured). Not the completed count, which BullMQ trims to the newest
  // KEEP_COMPLETED jobs, so a long warm-up never reached the expected total.
  const pending = async () => {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'paused');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  };
  const start = Date.now();
  const inputs = jobs.map((job, i) => ({
    name: job.name,
    path: job.path,
    // Pacing lives in read(): the producer adds jobs one after another, each when its time comes.
    read: async () => {
      if (rate) await sleep(start + (i * 1000) / rate - Date.now());
      return job.bytes;
    },
  }));
  const outcomes = await enqueueArticles(inputs, { redisUrl, queueName, attempts: 1 });
  const refused = outcomes.filter((o) => o.status !== 'queued');
  if (refused.length) throw new Error(`${refused.length} jobs not queued, e.g. ${JSON.stringify(refused[0])}`);
  const ids = outcomes.map((o) => o.jobId);
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    if ((await pending()) === 0) {
      const jobsDone = await Promise.all(ids.map((id) => queue.getJob(id)));
      const failedJob = jobsDone.find((j) => !j?.finishedOn || j.failedReason);
      if (failedJob) {
        const failed = jobsDone.filter((j) => !j?.finishedOn || j.failedReason).length;
        throw new Error(`${failed} of ${ids.length} jobs failed, e.g.: ${failedJob?.failedReason ?? 'job missing'}`);
      }
      const done = jobsDone;
      const latencies = done.map((j) => j.finishedOn - j.timestamp);
      const first = Math.min(...done.map((j) => j.timestamp));
      const last = Math.max(...done.map((j) => j.finishedOn));
      const workerMs = done.map((j) => j.returnvalue?.totalMs).filter((x) => typeof x === 'number');
      return {
        ids,
        jobs: ids.length,
        completed: done.length,
        articlesPerSec: +((done.length * 1000) / Math.max(1, last - first)).toFixed(1),
        latencyMs: {
          p50: Math.round(quantile(latencies, 0.5)),
          p95: Math.round(quantile(latencies, 0.95)),
          max: Math.max(...latencies),
        },
        workerJobMs: { p50: +quantile(workerMs, 0.5).toFixed(2), p95: +quantile(workerMs, 0.95).toFixed(2) },
      };
    }
    if (Date.now() > deadline) throw new Error(`jobs still pending after ${DRAIN_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}

/**
 * The core worker `i` is pinned to: round-robin over the machine's cores, starting with the last
 * one, so a single worker does not share core 0 with this process (the producer). The machine's
 * cores, not `os.availableParallelism()`, which is 1 here: this process itself runs pinned to
 * core 0, and counting only that put every worker on core 0 (two workers read as slower than one).
 */
export function workerCore(i, cores = os.cpus().length) {
  return cores - 1 - (i % cores);
}

function spawnWorker(redisUrl, queueName, outDir, core, env) {
  const script = [WORKER_SCRIPT, redisUrl, queueName, outDir, '1'];
  const [command, args] =
    core === undefined ? [process.execPath, script] : ['taskset', ['-c', String(core), process.execPath, ...script]];
  const proc = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, ...env } });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker not ready within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    proc.once('message', (message) => {
      clearTimeout(timer);
      if (message?.type === 'ready') resolve(proc);
      else reject(new Error(`unexpected message from worker: ${JSON.stringify(message)}`));
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before it was ready: ${errorLine(stderr)}`));
    });
  });
}

/** A worker's CPU time so far and the jobs it has logged. */
function cpuSnapshot(proc) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message?.type !== 'cpu') return;
      proc.off('message', onMessage);
      resolve(message);
    };
    proc.on('message', onMessage);
    proc.send({ type: 'cpu' });
  });
}

function stopWorker(proc) {
  return new Promise((resolve) => {
    proc.once('message', (message) => resolve(message));
    proc.once('exit', () => resolve({ peakRssMb: undefined }));
    proc.kill('SIGTERM');
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
