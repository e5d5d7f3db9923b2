#!/usr/bin/env node
// `npm run load`: a load run of the whole queue path, as an operator would run it. Starts a private
// redis-server (127.0.0.1, AOF on, temp dir), queues N generated articles with `galley queue`,
// runs W `galley worker` processes, and reports throughput, queued→published latency
// (p50/p95/p99), peak RSS per worker, Redis memory before/peak/after, and checks that nothing was
// lost or published twice and that Redis memory falls back once the retention policy trims jobs.
// Not a unit test: `tests/test/load.test.ts` runs a CI-size variant (--n 200).
//
//   npm run load                         # 10,000 articles, 2 workers
//   npm run load -- --n 2000 --workers 3 --concurrency 2 --stages clean,segment --json
//
// Exit code 1 when an article was lost or duplicated, or Redis memory did not come back down.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { GALLEY, census, sleep, startRedis, startWorker, writeArticles } from '../tests/lib/harness.mjs';
import { QUEUE_PREFIX } from '../packages/queue/dist/index.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    workers: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '1' },
    stages: { type: 'string' },
    'timeout-s': { type: 'string' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'node bench/load.mjs [--n 10000] [--workers 2] [--concurrency 1] [--stages LIST] [--timeout-s S] [--json] [--keep]\n',
  );
  process.exit(0);
}
const n = wholeNumber(values.n, '--n');
const workerCount = wholeNumber(values.workers, '--workers');
const concurrency = wholeNumber(values.concurrency, '--concurrency');
const timeoutMs = (values['timeout-s'] ? wholeNumber(values['timeout-s'], '--timeout-s') : Math.max(300, n)) * 1000;
const queue = 'galley-load';
const say = (line) => {
  if (!values.json) process.stderr.write(`${line}\n`);
};

function wholeNumber(value, name) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    process.stderr.write(`load: ${name} must be a whole number ≥ 1 (got "${value}")\n`);
    process.exit(2);
  }
  return number;
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Peak resident set of a live process in bytes (Linux `VmHWM`), or NaN. */
async function peakRss(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

/** Run `galley queue`, timing each "queued as <id>" line as it arrives. */
function produce(inputDir, redisUrl) {
  return new Promise((resolve) => {
    const args = [GALLEY, 'queue', ...(values.stages ? ['--stages', values.stages] : []), inputDir];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, REDIS_URL: redisUrl, GALLEY_QUEUE: queue },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const queuedAt = new Map();
    let pending = '';
    let tail = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      const now = Date.now();
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const id = /queued as (article-[0-9a-f]+)/.exec(line)?.[1];
        if (id) queuedAt.set(id, now);
        else tail = line;
      }
    });
    child.on('close', (code) => resolve({ code, queuedAt, summary: tail }));
  });
}

const work = await mkdtemp(path.join(tmpdir(), 'galley-load-'));
const inputDir = path.join(work, 'in');
const outDir = path.join(work, 'out');
const redis = await startRedis(path.join(work, 'redis'));
const workers = [];
let exitCode = 0;
try {
  say(`load: writing ${n} articles to ${inputDir}`);
  await writeArticles(inputDir, 0, n);
  const baseline = await redis.usedMemory();
  for (let i = 0; i < workerCount; i++) {
    const worker = startWorker({ redisUrl: redis.url, queue, outDir, args: ['--concurrency', String(concurrency)] });
    workers.push(worker);
  }
  await Promise.all(workers.map((w) => w.ready()));
  say(`load: ${workerCount} workers ready (concurrency ${concurrency} each); queueing`);

  let peakRedis = baseline;
  const sampler = setInterval(() => {
    redis.usedMemory().then(
      (m) => {
        if (m > peakRedis) peakRedis = m;
      },
      () => {},
    );
  }, 500);
  const started = Date.now();
  const producer = await produce(inputDir, redis.url);
  const queuedMs = Date.now() - started;
  say(`load: producer exit ${producer.code}: ${producer.summary} in ${(queuedMs / 1000).toFixed(1)} s`);

  const until = started + timeoutMs;
  const finished = () =>
    workers.reduce(
      (sum, w) => sum + w.logs.filter((l) => l.msg === 'job completed' || l.msg === 'job failed').length,
      0,
    );
  let lastReport = 0;
  while (finished() < producer.queuedAt.size && Date.now() < until) {
    await sleep(250);
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      say(`load: ${finished()} / ${producer.queuedAt.size} done`);
    }
  }
  clearInterval(sampler);
  const rss = await Promise.all(workers.map((w) => peakRss(w.child.pid)));

  const completions = workers.flatMap((w) => w.logs.filter((l) => l.msg === 'job completed'));
  const failures = workers.flatMap((w) => w.logs.filter((l) => l.msg === 'job failed'));
  const latencies = completions
    .map((l) => Number(l.time) - (producer.queuedAt.get(String(l.jobId)) ?? NaN))
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  const lastDone = completions.length ? Math.max(...completions.map((l) => Number(l.time))) : Date.now();
  const perJob = new Map();
  for (const l of completions) perJob.set(String(l.jobId), (perJob.get(String(l.jobId)) ?? 0) + 1);
  const published = await census(outDir);

  // Retention: completed jobs beyond the kept count are trimmed as later jobs complete. Let the
  // last trims land, then measure what stays.
  await sleep(1000);
  const after = await redis.usedMemory();
  const retained = Number(await redis.command(['ZCARD', `${QUEUE_PREFIX}:${queue}:completed`]));
  const keys = Number(await redis.command(['DBSIZE']));

  const report = {
    n,
    workers: workerCount,
    concurrency,
    stages: values.stages ?? 'all',
    queuedSeconds: +(queuedMs / 1000).toFixed(2),
    totalSeconds: +((lastDone - started) / 1000).toFixed(2),
    throughputPerSecond: +(completions.length / ((lastDone - started) / 1000)).toFixed(1),
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1),
    },
    peakRssMB: rss.map((b) => +(b / 1048576).toFixed(1)),
    redisMB: {
      baseline: +(baseline / 1048576).toFixed(2),
      peak: +(peakRedis / 1048576).toFixed(2),
      after: +(after / 1048576).toFixed(2),
    },
    retainedCompletedJobs: retained,
    redisKeys: keys,
    accepted: producer.queuedAt.size,
    completed: completions.length,
    failed: failures.length,
    lost: n - published.ids.length,
    processedTwice: [...perJob.values()].filter((count) => count > 1).length,
    partialFiles: published.partial.length,
  };
  // "Near baseline": what is left is the retained window of completed jobs, not the whole run.
  const retainedShare = n > retained ? (after - baseline) / Math.max(1, peakRedis - baseline) : 0;
  const problems = [
    report.lost ? `${report.lost} articles not published` : '',
    report.failed ? `${report.failed} jobs failed (first: ${failures[0]?.reason})` : '',
    report.processedTwice ? `${report.processedTwice} jobs processed twice` : '',
    report.partialFiles ? `${report.partialFiles} partial files (${published.partial.slice(0, 3).join(', ')})` : '',
    published.ids.length !== new Set(published.ids).size ? 'duplicate outputs' : '',
    n > 2 * retained && retainedShare > 0.5
      ? `Redis memory stayed at ${report.redisMB.after} MB of a ${report.redisMB.peak} MB peak (baseline ${report.redisMB.baseline} MB)`
      : '',
  ].filter(Boolean);
  report.problems = problems;
  if (problems.length) exitCode = 1;
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    say(
      `load: ${report.completed}/${n} published in ${report.totalSeconds} s: ${report.throughputPerSecond} articles/s`,
    );
    say(
      `load: queued→published p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms, p99 ${report.latencyMs.p99} ms`,
    );
    say(`load: peak RSS per worker ${report.peakRssMB.join(', ')} MB`);
    say(
      `load: Redis ${report.redisMB.baseline} MB before, ${report.redisMB.peak} MB peak, ${report.redisMB.after} MB after (${retained} completed jobs retained, ${keys} keys)`,
    );
    say(problems.length ? `load: PROBLEMS: ${problems.join('; ')}` : 'load: 0 lost, 0 duplicated, no partial files');
  }
} catch (error) {
  process.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
  exitCode = 1;
} finally {
  for (const w of workers) w.kill('SIGTERM');
  await Promise.race([Promise.all(workers.map((w) => w.exited)), sleep(15_000)]);
  for (const w of workers) w.kill('SIGKILL');
  await redis.stop('SIGTERM');
  if (values.keep) say(`load: kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
process.exitCode = exitCode;
