// One point of the length-scaling curve, in its own process so its peak RSS is its own:
// `node scaling-child.mjs <times> <reps>` prints one JSON line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { scalingBase, scaledArticle } from './corpus.mjs';
import { countWords, summarize } from './stats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WARMUP_RUNS = 20;
const [times, reps] = process.argv.slice(2).map(Number);
if (!(times >= 1) || !(reps >= 1)) throw new Error('usage: scaling-child.mjs <times ≥ 1> <reps ≥ 1>');

const { processArticle } = await import(path.join(repoRoot, 'packages/pipeline/dist/index.js'));
const base = scalingBase(repoRoot);
const source = scaledArticle(base.source, times);
const options = { path: base.path };

// Warm the JIT on the 1× article, so no length pays for compilation (short runs would look slow).
for (let i = 0; i < WARMUP_RUNS; i++) await processArticle(base.source, options);
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
const article = await processArticle(source, options);
const runs = [];
const cpuRuns = [];
const stageRuns = [];
for (let i = 0; i < reps; i++) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await processArticle(source, options);
  runs.push(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  cpuRuns.push((cpu.user + cpu.system) / 1000);
  stageRuns.push(result.stages ?? {});
}
const stageNames = Object.keys(article.stages ?? {});
process.stdout.write(
  JSON.stringify({
    times,
    base: base.name,
    chars: source.length,
    words: countWords(article.text),
    ms: summarize(runs, 3),
    // CPU time counts only this process, so other work on a shared core does not inflate it.
    cpuMs: summarize(cpuRuns, 3),
    stages: Object.fromEntries(
      stageNames.map((s) => [
        s,
        summarize(
          stageRuns.map((st) => st[s]?.ms ?? 0),
          3,
        ),
      ]),
    ),
    rssBeforeMb: +(rssBefore / 1048576).toFixed(1),
    peakRssMb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
  }) + '\n',
);
