#!/usr/bin/env node
// `npm run bench`: throughput, per-stage time, the compromise reference, end-to-end through
// Redis, memory and length scaling, in one run on one machine. See bench/README.md.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadCorpus, loadSeed } from './lib/corpus.mjs';
import { benchCompromise, benchPipeline } from './lib/inprocess.mjs';
import { PROFILE_PARTS, benchE2e, e2eUnavailable, withOutputRoot } from './lib/e2e.mjs';
import { scalingChart } from './lib/chart.mjs';
import { formatSpread } from './lib/stats.mjs';
import { errorLine, heading, printComparison, printTable } from './lib/report.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const baselineDir = path.join(benchDir, 'results');

const usage = `usage: npm run bench -- [options]

  --quick            short run (fewer reps, smaller end-to-end runs); what the test uses
  --json             write the figures to <results-dir>/latest.json
  --results-dir DIR  where latest.json and scaling.png go (default bench/results)
  --compare [FILE]   after the run, print what got faster or slower than FILE
                     (default bench/results/baseline.json); flags stages >10% slower
  --save-baseline    also write the figures to bench/results/baseline.json
  --no-e2e           skip the Redis section
  --profile-queue    the queue only: in-process reference, then 1, 2 and 4 worker processes
                     with the per-job breakdown of queued → published (no compromise, no scaling)
  --workers LIST     worker processes to run, comma-separated (default 1,2,4)
  --no-scaling       skip the length-scaling section
  -h, --help         this text

env: REDIS_URL (default redis://127.0.0.1:6379), REDIS_CLUSTER_NODES (host:port,...: a cluster)`;

const TARGETS = {
  seedArticlesPerSec: 150,
  vsCompromise: 5,
  // Issue 21: the queue at the speed of the pipeline.
  oneWorkerVsInProcess: 0.6,
  twoWorkersVsOne: 1.5,
  pacedP95Ms: 100,
  workerRssMb: 200,
  linearSlack: 1.5,
};

const { values: args, positionals } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'results-dir': { type: 'string' },
    compare: { type: 'boolean', default: false },
    'save-baseline': { type: 'boolean', default: false },
    'no-e2e': { type: 'boolean', default: false },
    'no-scaling': { type: 'boolean', default: false },
    'profile-queue': { type: 'boolean', default: false },
    workers: { type: 'string', default: '1,2,4' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: true,
  strict: true,
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}

reexecPinned();
const resultsDir = path.resolve(args['results-dir'] ?? baselineDir);

const plan = args.quick
  ? {
      reps: 3,
      corpusRounds: 2,
      seedRounds: 50,
      warmupMs: 3000,
      scaling: [1, 10, 100],
      scalingWork: 3,
      e2e: { burst: 20, paced: 15, rate: 50 },
    }
  : {
      reps: 7,
      corpusRounds: 4,
      seedRounds: 100,
      warmupMs: 8000,
      scaling: [1, 2, 5, 10, 20, 50, 100],
      scalingWork: 30,
      e2e: { burst: 300, paced: 300, rate: 100 },
    };
const workerCounts = args.workers.split(',').map(Number);
if (workerCounts.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`bench: --workers takes whole numbers ≥ 1, comma-separated (got "${args.workers}")`);
  process.exit(2);
}
const queueOnly = args['profile-queue'];
// The same rule as the apps: a cluster named in REDIS_CLUSTER_NODES wins over REDIS_URL.
const redisUrl = process.env.REDIS_CLUSTER_NODES
  ? `redis-cluster://${process.env.REDIS_CLUSTER_NODES}`
  : (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

const results = {
  schema: 'galley.bench/1',
  date: new Date().toISOString(),
  mode: args.quick ? 'quick' : 'full',
  machine: machineInfo(),
};
await main().catch((error) => {
  console.error(`\nbench: ${error.message}`);
  process.exit(1);
});

async function main() {
  const pipelineEntry = path.join(repoRoot, 'packages/pipeline/dist/index.js');
  if (!existsSync(pipelineEntry)) {
    console.error(
      `bench: ${path.relative(repoRoot, pipelineEntry)} is missing; build it with "npm run build -w @galley/pipeline" (and its stage packages)`,
    );
    process.exit(1);
  }
  const { processArticle } = await import(pipelineEntry);
  const m = results.machine;
  console.log(`galley bench (${results.mode}) ${results.date}`);
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, node ${m.node}, load ${m.loadavg.join(' ')}`);
  console.log(`pinned to one core: ${m.pinned ? 'yes (taskset -c 0)' : `no (${m.pinReason})`}`);
  console.log(
    'note: the machine may be shared with other work; absolute figures are noisy, compare medians from one run',
  );

  const { articles, missing } = loadCorpus(repoRoot);
  if (articles.length === 0) throw new Error('empty corpus: no seed, no samples, no GUM documents');
  const seed = loadSeed(repoRoot);
  const groups = {};
  for (const a of articles) (groups[a.group] ??= []).push(a);
  heading('corpus');
  console.log(
    Object.entries(groups)
      .map(([g, list]) => `${g}: ${list.length}`)
      .join(', ') + (missing.length ? `; missing: ${missing.join(', ')}` : ''),
  );

  // In-process pipeline: the corpus, then the seed alone (the target is for seed-size articles).
  heading(`in-process pipeline (processArticle, clean → publish), ${plan.reps} reps after warm-up`);
  const corpusRun = await benchPipeline(processArticle, articles, {
    reps: plan.reps,
    rounds: plan.corpusRounds,
    warmupMs: plan.warmupMs,
  });
  const seedRun = seed
    ? await benchPipeline(processArticle, [seed], { reps: plan.reps, rounds: plan.seedRounds, warmupMs: plan.warmupMs })
    : undefined;
  const inProcessPeakRssMb = +(process.resourceUsage().maxRSS / 1024).toFixed(1);
  results.corpus = {
    articles: articles.length,
    groups: Object.fromEntries(Object.entries(groups).map(([g, list]) => [g, list.length])),
    words: corpusRun.wordsPerArticle.reduce((a, b) => a + b, 0),
    missing,
  };
  results.inProcess = { corpus: strip(corpusRun), ...(seedRun ? { seed: strip(seedRun) } : {}) };
  printThroughput(`corpus ×${plan.corpusRounds}/rep`, corpusRun);
  if (seedRun) printThroughput(`seed ×${plan.seedRounds}/rep (${seedRun.wordsPerArticle[0]} words)`, seedRun);
  else console.log('seed: skipped (shared fixture absent)');
  printStages(corpusRun, seedRun);

  if (!queueOnly) await runCompromise(articles, seed, corpusRun, seedRun);

  heading('memory');
  results.memory = { inProcessPeakRssMb };
  console.log(`peak RSS in-process (after the pipeline runs, before compromise loads): ${inProcessPeakRssMb} MB`);

  if (!args['no-scaling'] && !queueOnly) await runScaling();
  else results.scaling = { skipped: queueOnly ? '--profile-queue' : '--no-scaling' };
  if (!args['no-e2e']) await runE2e(articles, processArticle, corpusRun.warmupArticles);
  else results.e2e = { skipped: '--no-e2e' };

  printTargets();
  writeOutputs();
}

async function runCompromise(articles, seed, corpusRun, seedRun) {
  // Reference: compromise on the same texts. Markdown/HTML inputs give it our cleaned text,
  // since it reads plain text only.
  heading('reference: compromise (sentences + people/places/organizations, as strings)');
  const nlp = (await import('compromise')).default;
  const plainTexts = articles.map((a, i) => (isPlainText(a) ? a.source : corpusRun.outputs[i].text));
  const compromiseCorpus = benchCompromise(nlp, plainTexts, results.corpus.words, {
    reps: plan.reps,
    warmupMs: plan.warmupMs,
  });
  const compromiseSeed = seed
    ? benchCompromise(nlp, [seed.source], seedRun.wordsPerArticle[0], {
        reps: plan.reps,
        rounds: Math.ceil(plan.seedRounds / 10),
        warmupMs: plan.warmupMs,
      })
    : undefined;
  results.compromise = {
    version: packageVersion('compromise'),
    corpus: compromiseCorpus,
    ...(compromiseSeed ? { seed: compromiseSeed } : {}),
  };
  results.ratio = {
    corpus: +(corpusRun.articlesPerSec.median / compromiseCorpus.articlesPerSec.median).toFixed(2),
    ...(compromiseSeed
      ? { seed: +(seedRun.articlesPerSec.median / compromiseSeed.articlesPerSec.median).toFixed(2) }
      : {}),
  };
  printTable(
    ['run', 'articles/s', 'words/s', 'ms/article', 'articles/cpu-s', 'ours/theirs'],
    [
      [
        'compromise corpus',
        formatSpread(compromiseCorpus.articlesPerSec),
        formatSpread(compromiseCorpus.wordsPerSec, 0),
        compromiseCorpus.msPerArticle.median.toFixed(2),
        formatSpread(compromiseCorpus.cpuArticlesPerSec),
        `${results.ratio.corpus}×`,
      ],
      ...(compromiseSeed
        ? [
            [
              'compromise seed',
              formatSpread(compromiseSeed.articlesPerSec),
              formatSpread(compromiseSeed.wordsPerSec, 0),
              compromiseSeed.msPerArticle.median.toFixed(2),
              formatSpread(compromiseSeed.cpuArticlesPerSec),
              `${results.ratio.seed}×`,
            ],
          ]
        : []),
    ],
  );
  console.log('ours/theirs = our median articles/s over theirs, same texts, same process, same core');
}

function printThroughput(label, run) {
  printTable(
    ['run', 'articles', 'articles/s', 'words/s', 'ms/article', 'articles/cpu-s', 'cpu share'],
    [
      [
        label,
        run.articles,
        formatSpread(run.articlesPerSec),
        formatSpread(run.wordsPerSec, 0),
        formatSpread(run.msPerArticle, 3),
        formatSpread(run.cpuArticlesPerSec),
        `${Math.round(run.cpuShare.median * 100)}%`,
      ],
    ],
  );
}

function printStages(corpusRun, seedRun) {
  console.log(
    "\narticles/cpu-s counts this process's cpu time only; cpu share < 100% means other work took the core and wall figures are inflated",
  );
  console.log(
    'per-stage ms/article (wall, from article.stages), median (min–max) over reps; "outside stages" = reading, decoding, hashing, unified',
  );
  const rows = [];
  const stageEntries = [...Object.keys(corpusRun.stages), 'outside stages'];
  const total = (run) => run.msPerArticle.median;
  for (const name of stageEntries) {
    const c = name === 'outside stages' ? corpusRun.overhead : corpusRun.stages[name];
    const s = seedRun ? (name === 'outside stages' ? seedRun.overhead : seedRun.stages[name]) : undefined;
    rows.push([
      name,
      formatSpread(c, 3),
      `${((c.median / total(corpusRun)) * 100).toFixed(0)}%`,
      ...(s ? [formatSpread(s, 3), `${((s.median / total(seedRun)) * 100).toFixed(0)}%`] : []),
    ]);
  }
  printTable(['stage', 'corpus ms', 'share', ...(seedRun ? ['seed ms', 'share'] : [])], rows);
  const slowest = Object.entries(corpusRun.stages).sort((a, b) => b[1].median - a[1].median)[0];
  if (slowest) console.log(`slowest stage: ${slowest[0]} (${slowest[1].median} ms/article on the corpus)`);
}

async function runScaling() {
  heading('length scaling (seed body repeated; one process per length, so peak RSS is per length)');
  const points = [];
  for (const times of plan.scaling) {
    // About the same words per length: many reps of short articles, a few of long ones.
    const reps = Math.max(args.quick ? 1 : 3, Math.ceil(plan.scalingWork / times));
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', path.join(benchDir, 'lib/scaling-child.mjs'), String(times), String(reps)],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) {
      const reason = `${times}× failed: ${errorLine(child.stderr)}`;
      console.log(`skipped: ${reason}`);
      results.scaling = { skipped: reason };
      return;
    }
    points.push(JSON.parse(child.stdout.trim().split('\n').pop()));
  }
  const base = points[0];
  const perWord = (p) => p.cpuMs.median / p.words;
  const rows = points.map((p) => [
    `${p.times}×`,
    p.words,
    p.ms.median.toFixed(2),
    p.cpuMs.median.toFixed(2),
    (perWord(p) * 1000).toFixed(2),
    (perWord(p) / perWord(base)).toFixed(2),
    ...Object.values(p.stages).map((s) => s.median.toFixed(2)),
    p.peakRssMb,
    (p.peakRssMb - p.rssBeforeMb).toFixed(1),
  ]);
  printTable(
    [
      'length',
      'words',
      'wall ms',
      'cpu ms',
      'cpu ms/1k words',
      'vs 1×',
      ...Object.keys(base.stages).map((s) => `${s} ms`),
      'peak RSS MB',
      'growth MB',
    ],
    rows,
  );
  console.log(
    'stage columns are wall time (article.stages); the growth checks use cpu time, which other work on the core does not inflate',
  );
  const last = points.at(-1);
  // Against the 10× point where there is one: at 1× fixed per-article costs and timer noise weigh
  // more than the per-word cost the check is about.
  const ref = points.find((p) => p.times === 10 && p !== last) ?? base;
  const slope = Math.log(last.cpuMs.median / ref.cpuMs.median) / Math.log(last.words / ref.words);
  const perWordRatio = perWord(last) / perWord(ref);
  const stageGrowth = Object.fromEntries(
    Object.keys(base.stages).map((s) => [
      s,
      +(last.stages[s].median / last.words / (ref.stages[s].median / ref.words)).toFixed(2),
    ]),
  );
  results.scaling = {
    base: base.base,
    points,
    reference: ref.times,
    slope: +slope.toFixed(3),
    perWordRatio: +perWordRatio.toFixed(2),
    stageGrowth,
  };
  console.log(
    `${ref.times}× → ${last.times}×: log–log slope ${slope.toFixed(2)} (1 = linear); cpu time per word at ${last.times}× is ${perWordRatio.toFixed(2)}× that at ${ref.times}×`,
  );
  console.log(
    `per stage, wall time per word at ${last.times}× vs ${ref.times}×: ${Object.entries(stageGrowth)
      .map(([s, g]) => `${s} ${g}×${g > TARGETS.linearSlack ? ' (superlinear?)' : ''}`)
      .join(', ')}`,
  );
  const chartFile = path.join(resultsDir, 'scaling.png');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    chartFile,
    scalingChart(points, {
      title: `GALLEY TIME AND MEMORY VS ARTICLE LENGTH (${base.base.toUpperCase()} ×${plan.scaling.join(', ×')})`,
    }),
  );
  console.log(`chart: ${path.relative(process.cwd(), chartFile)}`);
}

async function runE2e(articles, processArticle, warmupJobs) {
  heading(`end-to-end through Redis (${redisUrl})`);
  const reason = await e2eUnavailable(repoRoot, redisUrl);
  if (reason) {
    console.log(`skipped: ${reason}`);
    results.e2e = { skipped: reason };
    return;
  }
  const runs = [];
  const options = {
    redisUrl,
    ...plan.e2e,
    pin: results.machine.tasksetAvailable,
    warmupMs: plan.warmupMs,
    warmupJobs,
  };
  try {
    await withOutputRoot(async (outRoot) => {
      for (const workers of workerCounts) {
        // One retry: a worker that fails to start is most often a dist/ being rebuilt right then.
        runs.push(
          await benchE2e(repoRoot, articles, { ...options, workers, outRoot }).catch(async (error) => {
            console.log(`retrying once in 5 s: ${error.message}`);
            await new Promise((resolve) => setTimeout(resolve, 5000));
            return benchE2e(repoRoot, articles, { ...options, workers, outRoot });
          }),
        );
      }
    });
  } catch (error) {
    console.log(`skipped: ${error.message}`);
    results.e2e = { skipped: error.message, runs };
    return;
  }
  results.e2e = { runs };
  // The reference again, right after the workers (it is warm: no warm-up). On a shared machine
  // CPU time per article drifts with what else runs (4.9–8.4 ms in one afternoon), so the ratio
  // to the workers' CPU uses the reference on both sides of them.
  results.inProcess.corpusAfterE2e = strip(
    await benchPipeline(processArticle, articles, { reps: plan.reps, rounds: plan.corpusRounds }),
  );
  console.log(
    `burst: all jobs queued at once (${plan.e2e.burst}); paced: ${plan.e2e.paced} jobs at ${plan.e2e.rate}/s. Latency = queued → published (BullMQ timestamp → finishedOn).`,
  );
  console.log(
    'workers are separate processes pinned round-robin to the cores (taskset), each with its own output folder (as on separate machines); each runs the stages in one reused stage thread and acknowledges a job once its article.{json,md,html} are fsynced',
  );
  console.log(
    `warm-up, not counted: ${plan.warmupMs / 1000} s and at least ${warmupJobs} jobs per worker (the in-process warm-up's articles): ${runs
      .map((r) => `${r.workers}w ${r.warmupJobs} jobs`)
      .join(', ')}`,
  );
  const rows = [];
  for (const run of runs) {
    for (const [phase, r] of [
      ['burst', run.burst],
      ['paced', run.paced],
    ]) {
      rows.push([
        `${run.workers} worker${run.workers > 1 ? 's' : ''}`,
        phase,
        r.completed,
        r.articlesPerSec,
        r.latencyMs.p50,
        r.latencyMs.p95,
        r.workerJobMs.p50,
      ]);
    }
  }
  printTable(['workers', 'phase', 'jobs', 'articles/s', 'p50 ms', 'p95 ms', 'job ms p50'], rows);
  const [before, after] = [results.inProcess.corpus, results.inProcess.corpusAfterE2e].map(cpuMsPerArticle);
  console.log(
    `worker CPU per job after warm-up (all its threads): ${runs
      .map((r) => `${r.workers}w ${r.workerCpuMsPerJob} ms`)
      .join(
        ', ',
      )}; in-process ${before.toFixed(2)} ms per article before the workers, ${after.toFixed(2)} ms after. On a busy machine this ratio, not articles/s, says what the queue costs.`,
  );
  const threads = runs.filter((r) => r.workerThreadsMsPerJob);
  if (threads.length)
    console.log(
      `of which, per job by thread: ${threads
        .map(
          ({ workers, workerThreadsMsPerJob: t }) =>
            `${workers}w main ${t.main} ms, stage thread ${t.stage} ms, helpers ${t.rest} ms`,
        )
        .join('; ')} (helpers: V8's compiler and GC threads, libuv's file-system pool)`,
    );
  console.log(
    `peak RSS per worker: ${runs.map((r) => `${r.workers}w: ${r.workerPeakRssMb.map((mb) => `${mb} MB`).join(', ')}`).join('; ')}`,
  );
  results.memory.workerPeakRssMb = Object.fromEntries(runs.map((r) => [`${r.workers}`, r.workerPeakRssMb]));
  printProfile(runs);
}

/** Where a job's time goes between queued and published, per run and phase (median / p95 ms). */
function printProfile(runs) {
  heading("queue profile: where a job's time goes, queued → published (ms, p50 / p95)");
  const phases = runs.flatMap((run) =>
    [
      ['burst', run.burst],
      ['paced', run.paced],
    ]
      .filter(([, r]) => r.profile)
      .map(([phase, r]) => [`${run.workers}w ${phase}`, r]),
  );
  printTable(
    ['part', ...phases.map(([label]) => label), 'what'],
    [
      ...PROFILE_PARTS.map(([part, what]) => [
        part,
        ...phases.map(([, r]) => `${r.profile.parts[part].p50} / ${r.profile.parts[part].p95}`),
        what,
      ]),
      ['queued → published', ...phases.map(([, r]) => `${r.latencyMs.p50} / ${r.latencyMs.p95}`), 'BullMQ timestamps'],
      ['progress writes', ...phases.map(([, r]) => String(r.profile.progressWrites)), "in all the phase's jobs"],
    ],
  );
  console.log(
    'Redis round trips per job: 1 add (producer), 1 moveToCompleted that also fetches the next job, lock renewals every lockDuration/2 (none for a job that short), progress writes only after 1 s',
  );
}

function printTargets() {
  heading('targets');
  const checks = [];
  // The seed run repeats one article, which flatters caches (the tagger memoises word scores);
  // the corpus at seed size (its words/s over the seed's words) is the conservative reading.
  const seed = results.inProcess.seed;
  const seedWords = seed ? seed.words / seed.articles : undefined;
  const seedRate = seed?.articlesPerSec.median;
  const corpusAtSeedSize = seedWords
    ? +(results.inProcess.corpus.wordsPerSec.median / seedWords).toFixed(1)
    : undefined;
  checks.push([
    `≥ ${TARGETS.seedArticlesPerSec} articles/s in-process, one core, seed-size article`,
    seed
      ? `seed ${seedRate}/s, corpus at seed size ${corpusAtSeedSize}/s (per cpu-s: seed ${seed.cpuArticlesPerSec.median})`
      : 'no seed',
    seed ? Math.min(seedRate, corpusAtSeedSize) >= TARGETS.seedArticlesPerSec : undefined,
  ]);
  if (results.ratio) {
    checks.push([
      `≥ ${TARGETS.vsCompromise}× compromise (corpus; seed alone in brackets)`,
      `${results.ratio.corpus}×${results.ratio.seed ? ` (seed ${results.ratio.seed}×)` : ''}`,
      results.ratio.corpus >= TARGETS.vsCompromise,
    ]);
  }
  const one = results.e2e?.runs?.find((r) => r.workers === 1);
  const two = results.e2e?.runs?.find((r) => r.workers === 2);
  const inProcessRate = results.inProcess.corpus.articlesPerSec.median;
  if (one) {
    checks.push([
      `1 worker ≥ ${TARGETS.oneWorkerVsInProcess * 100}% of the in-process rate of one core (corpus, burst)`,
      `${one.burst.articlesPerSec}/s vs ${inProcessRate}/s = ${Math.round((one.burst.articlesPerSec / inProcessRate) * 100)}%`,
      one.burst.articlesPerSec >= TARGETS.oneWorkerVsInProcess * inProcessRate,
    ]);
  }
  if (one?.workerCpuMsPerJob) {
    const inProcessCpuMs = referenceCpuMs();
    const efficiency = inProcessCpuMs / one.workerCpuMsPerJob;
    checks.push([
      `(less load-dependent reading of the same) 1 worker's CPU per job vs in-process CPU per article (mean of before and after the workers)`,
      `${one.workerCpuMsPerJob} ms vs ${inProcessCpuMs.toFixed(2)} ms = ${Math.round(efficiency * 100)}%`,
      efficiency >= TARGETS.oneWorkerVsInProcess,
    ]);
  }
  if (one && two) {
    checks.push([
      `2 workers ≥ ${TARGETS.twoWorkersVsOne}× 1 worker (burst)`,
      `${two.burst.articlesPerSec}/s = ${(two.burst.articlesPerSec / one.burst.articlesPerSec).toFixed(2)}×`,
      two.burst.articlesPerSec >= TARGETS.twoWorkersVsOne * one.burst.articlesPerSec,
    ]);
  }
  if (two) {
    checks.push([
      `p95 ≤ ${TARGETS.pacedP95Ms} ms queued→published, 2 workers, paced ${plan.e2e.rate}/s`,
      `${two.paced.latencyMs.p95} ms`,
      two.paced.latencyMs.p95 <= TARGETS.pacedP95Ms,
    ]);
  }
  const rss = (results.e2e?.runs ?? []).flatMap((r) => r.workerPeakRssMb).filter((mb) => typeof mb === 'number');
  if (rss.length) {
    checks.push([
      `peak RSS per worker ≤ ${TARGETS.workerRssMb} MB`,
      `max ${Math.max(...rss)} MB`,
      Math.max(...rss) <= TARGETS.workerRssMb,
    ]);
  }
  if (!one && !two)
    checks.push(['end-to-end via Redis', `skipped: ${String(results.e2e?.skipped).slice(0, 60)}`, undefined]);
  if (results.scaling?.points) {
    checks.push([
      `linear growth with length (cpu time/word at ${results.scaling.points.at(-1).times}× ≤ ${TARGETS.linearSlack}× that at ${results.scaling.reference}×)`,
      `${results.scaling.perWordRatio}×, slope ${results.scaling.slope}`,
      results.scaling.perWordRatio <= TARGETS.linearSlack,
    ]);
  }
  results.targets = checks.map(([target, measured, met]) => ({ target, measured, met: met ?? null }));
  printTable(
    ['target', 'measured', 'met'],
    checks.map(([t, m, ok]) => [t, m, ok === undefined ? 'n/a' : ok ? 'yes' : 'NO']),
  );
}

function writeOutputs() {
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (args.json) {
    const out = path.join(resultsDir, 'latest.json');
    writeFileSync(out, json);
    console.log(`\nfigures written to ${path.relative(process.cwd(), out)}`);
  }
  if (args['save-baseline']) {
    writeFileSync(path.join(baselineDir, 'baseline.json'), json);
    console.log('baseline written to bench/results/baseline.json');
  }
  if (args.compare) {
    const file = path.resolve(positionals[0] ?? path.join(baselineDir, 'baseline.json'));
    heading(`compared with ${path.relative(process.cwd(), file)}`);
    if (!existsSync(file)) console.log(`no baseline at ${file}; make one with --save-baseline`);
    else printComparison(JSON.parse(readFileSync(file, 'utf8')), results);
  }
}

/**
 * Run again under `taskset -c 0` (one core), unless already done. No forced collections between
 * reps: a forced full GC also throws away optimised code that embeds collected objects (V8's
 * "weak objects" deoptimisation), so the rep after it measures re-optimisation, not the pipeline.
 */
function reexecPinned() {
  if (process.env.GALLEY_BENCH_CHILD) return;
  const env = { ...process.env, GALLEY_BENCH_CHILD: '1' };
  const nodeArgs = [fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  const pinned = os.availableParallelism() === 1;
  const child =
    !pinned && hasTaskset()
      ? spawnSync('taskset', ['-c', '0', process.execPath, ...nodeArgs], { stdio: 'inherit', env })
      : spawnSync(process.execPath, nodeArgs, { stdio: 'inherit', env });
  process.exit(child.status ?? 1);
}

function hasTaskset() {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function machineInfo() {
  const cpus = os.cpus();
  const pinned = os.availableParallelism() === 1;
  const tasksetAvailable = hasTaskset();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    hostname: os.hostname(),
    loadavg: os.loadavg().map((l) => +l.toFixed(2)),
    pinned,
    ...(pinned ? {} : { pinReason: tasksetAvailable ? 'taskset did not pin' : 'taskset not available' }),
    tasksetAvailable,
  };
}

function isPlainText(article) {
  return /\.(txt|text)$/i.test(article.path);
}

function packageVersion(name) {
  return JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** CPU ms per article of an in-process run (its median rep). */
function cpuMsPerArticle(run) {
  return 1000 / run.cpuArticlesPerSec.median;
}

/** The in-process reference's CPU per article: the mean of its runs before and after the workers. */
function referenceCpuMs() {
  const runs = [results.inProcess.corpus, results.inProcess.corpusAfterE2e].filter(Boolean);
  return runs.reduce((sum, run) => sum + cpuMsPerArticle(run), 0) / runs.length;
}

/** A pipeline run without the per-article outputs (kept in memory only for the reference). */
function strip({ outputs: _outputs, wordsPerArticle: _words, ...rest }) {
  return rest;
}
