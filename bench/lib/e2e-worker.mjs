// One Galley worker process for the end-to-end bench: `node e2e-worker.mjs <redisUrl> <queue>
// <outDir>`. Tells its parent "ready" over IPC once it takes jobs; on SIGTERM it drains, closes,
// and sends its peak RSS (worker threads included: they share the process).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [redisUrl, queueName, outDir] = process.argv.slice(2);
if (!redisUrl || !queueName || !outDir || !process.send)
  throw new Error('usage (from bench/lib/e2e.mjs only): e2e-worker.mjs <redisUrl> <queue> <outDir>');

const { startWorker } = await import(path.join(repoRoot, 'apps/worker/dist/index.js'));
const handle = await startWorker({ redisUrl, queueName, outDir, concurrency: 1 });
process.send({ type: 'ready', pid: process.pid });
process.once('SIGTERM', async () => {
  await handle.close();
  process.send({ type: 'closed', peakRssMb: +(process.resourceUsage().maxRSS / 1024).toFixed(1) }, () =>
    process.exit(0),
  );
});
