// One Galley worker process for the end-to-end bench: `node e2e-worker.mjs <redisUrl> <queue>
// <outDir> [concurrency]`. Tells its parent "ready" over IPC once it takes jobs; on SIGTERM it
// drains, closes, and sends its peak RSS (stage threads included: they share the process) and
// where each job's time went (the worker's "job completed" log entries carry it).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [redisUrl, queueName, outDir, concurrency = '1'] = process.argv.slice(2);
if (!redisUrl || !queueName || !outDir || !process.send)
  throw new Error('usage (from bench/lib/e2e.mjs only): e2e-worker.mjs <redisUrl> <queue> <outDir> [concurrency]');

const { pino } = await import('pino');
const { startWorker } = await import(path.join(repoRoot, 'apps/worker/dist/index.js'));
// The log is the profile's source: the same figures an operator reads in production logs. Its
// lines are parsed after the CPU time is read, so the bench's own work is not charged to the jobs.
const completedLines = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line.includes('"timings"')) completedLines.push(line);
    done();
  },
});
const timings = () =>
  completedLines.flatMap((line) => {
    const entry = JSON.parse(line);
    return entry.timings ? [{ jobId: entry.jobId, ...entry.timings }] : [];
  });
const handle = await startWorker({
  redisUrl,
  queueName,
  outDir,
  concurrency: concurrency === 'auto' ? 'auto' : Number(concurrency),
  logger: pino({ level: 'info' }, sink),
});
const cpuMs = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
};
/**
 * CPU time of each of this process's threads so far, ms by thread id (Linux: the scheduler's own
 * count in /proc, which has no tick rounding); undefined elsewhere. It tells the main thread
 * (Redis, files, index) from the stage thread and from V8's and libuv's helper threads.
 */
const threadCpuMs = () => {
  try {
    return Object.fromEntries(
      readdirSync('/proc/self/task').map((tid) => [
        tid,
        Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6,
      ]),
    );
  } catch {
    return undefined;
  }
};
// A snapshot after the warm-up jobs, so start-up is not charged to the measured jobs.
process.on('message', (message) => {
  if (message?.type === 'cpu')
    process.send({ type: 'cpu', cpuMs: cpuMs(), threads: threadCpuMs(), jobs: completedLines.length });
});
process.send({ type: 'ready', pid: process.pid });
process.once('SIGTERM', async () => {
  // Before closing, which ends the stage threads and takes their counts with them. The bench
  // sends SIGTERM once every job is done, so no job's work is left out.
  const threads = threadCpuMs();
  await handle.close();
  // CPU of the whole process (main thread and stage threads), from start-up to close.
  const cpu = cpuMs();
  process.send(
    {
      type: 'closed',
      peakRssMb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
      cpuMs: cpu,
      threads,
      timings: timings(),
    },
    () => process.exit(0),
  );
});
