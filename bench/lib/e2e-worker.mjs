// One Galley worker process for the end-to-end bench: `node e2e-worker.mjs <redisUrl> <queue>
// <outDir> [concurrency]`. Tells its parent "ready" over IPC once it takes jobs; on SIGTERM it
// drains, closes, and sends its peak RSS (stage threads included: they share the process) and
// where each job's time went (the worker's "job completed" log entries carry it).
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [redisUrl, queueName, outDir, concurrency = '1'] = process.argv.slice(2);
if (!redisUrl || !queueName || !outDir || !process.send)
  throw new Error('usage (from bench/lib/e2e.mjs only): e2e-worker.mjs <redisUrl> <queue> <outDir> [concurrency]');

const { pino } = await import('pino');
const { startWorker } = await import(path.join(repoRoot, 'apps/worker/dist/index.js'));
const timings = [];
// The log is the profile's source: the same figures an operator reads in production logs.
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of chunk.toString().split('\n')) {
      if (!line.includes('"timings"')) continue;
      const entry = JSON.parse(line);
      if (entry.timings) timings.push({ jobId: entry.jobId, ...entry.timings });
    }
    done();
  },
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
// A snapshot after the warm-up jobs, so start-up is not charged to the measured jobs.
process.on('message', (message) => {
  if (message?.type === 'cpu') process.send({ type: 'cpu', cpuMs: cpuMs(), jobs: timings.length });
});
process.send({ type: 'ready', pid: process.pid });
process.once('SIGTERM', async () => {
  await handle.close();
  process.send(
    {
      type: 'closed',
      peakRssMb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
      // CPU of the whole process (main thread and stage threads), from start-up to close.
      cpuMs: cpuMs(),
      timings,
    },
    () => process.exit(0),
  );
});
