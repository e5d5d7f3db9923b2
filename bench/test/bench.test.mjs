// The bench's plumbing, not its speed (speed is judged by reading the bench's output): a quick
// run produces complete figures and a chart, and the comparison flags a slowed stage.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { printComparison } from '../lib/report.mjs';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'galley-bench-test-'));
afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

describe('npm run bench -- --quick', () => {
  it('writes every section of the figures and the scaling chart', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(benchDir, 'bench.mjs'), '--quick', '--json', '--results-dir', resultsDir],
      { encoding: 'utf8', timeout: 600_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('== targets ==');
    const results = JSON.parse(readFileSync(path.join(resultsDir, 'latest.json'), 'utf8'));
    expect(results.schema).toBe('galley.bench/1');
    expect(results.mode).toBe('quick');
    expect(results.inProcess.corpus.articlesPerSec.median).toBeGreaterThan(0);
    expect(Object.keys(results.inProcess.corpus.stages)).toEqual(
      expect.arrayContaining(['clean', 'segment', 'entities', 'publish']),
    );
    expect(results.ratio.corpus).toBeGreaterThan(0);
    expect(results.memory.inProcessPeakRssMb).toBeGreaterThan(0);
    expect(results.scaling.points.map((p) => p.times)).toEqual([1, 10, 100]);
    expect(results.targets.length).toBeGreaterThanOrEqual(3);
    // Redis is optional: either both worker counts ran every job, or the section says why not.
    if (results.e2e.skipped) expect(run.stdout).toContain(`skipped: ${results.e2e.skipped}`);
    else {
      expect(results.e2e.runs.map((r) => r.workers)).toEqual([1, 2, 4]);
      for (const r of results.e2e.runs) {
        expect(r.burst.completed).toBe(r.burst.jobs);
        // The queue profile: where each job's time went, queued → published.
        expect(Object.keys(r.paced.profile.parts)).toEqual(
          expect.arrayContaining(['wait', 'stages', 'publish', 'ack']),
        );
        // Where the worker's CPU went, by thread: the stage thread does most of the work.
        if (process.platform === 'linux') {
          const { main, stage, rest } = r.workerThreadsMsPerJob;
          expect(stage).toBeGreaterThan(0);
          expect(main + stage + rest).toBeGreaterThan(0);
        }
      }
      expect(run.stdout).toContain('== queue profile');
    }
    const png = readFileSync(path.join(resultsDir, 'scaling.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 600_000);
});

describe('--compare', () => {
  const figures = (publishMs, rate) => ({
    date: 'x',
    inProcess: {
      corpus: {
        articlesPerSec: { median: rate },
        wordsPerSec: { median: rate * 500 },
        msPerArticle: { median: 1000 / rate },
        stages: { clean: { median: 1 }, publish: { median: publishMs } },
        overhead: { median: 0.5 },
      },
    },
  });

  it('flags a stage that slowed by more than 10% and nothing else', () => {
    const log = console.log;
    console.log = () => {};
    try {
      expect(printComparison(figures(2, 100), figures(2.5, 90))).toEqual(['in-process corpus: stage publish ms']);
      expect(printComparison(figures(2, 100), figures(2.1, 200))).toEqual([]);
    } finally {
      console.log = log;
    }
  });
});
