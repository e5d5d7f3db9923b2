import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GALLEY, hasRedisServer } from '../lib/harness.mjs';

const LOAD_SCRIPT = fileURLToPath(new URL('../../bench/load.mjs', import.meta.url));

const ready = hasRedisServer() && existsSync(GALLEY);
if (!ready) console.warn('load test skipped: needs redis-server on PATH and a built apps/cli (npm run build)');

interface LoadReport {
  completed: number;
  lost: number;
  processedTwice: number;
  partialFiles: number;
  problems: string[];
  latencyMs: { p50: number; p95: number; p99: number };
}

// The CI-size run of `npm run load`: correctness only (nothing lost, nothing twice), no speed claims.
describe.skipIf(!ready)('load run, CI size', () => {
  it('queues 200 articles through 2 workers: none lost, none duplicated', async () => {
    // The stages that need no model: this checks the queue, not the tagger.
    const run = spawnSync(
      process.execPath,
      [LOAD_SCRIPT, '--n', '200', '--stages', 'clean,segment', '--json', '--timeout-s', '150'],
      {
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    expect(run.stdout, run.stderr).toMatch(/\{/);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as LoadReport;
    console.info(`load (200): p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms`);
    expect(report.problems).toEqual([]);
    expect(report.completed).toBe(200);
    expect(report.lost).toBe(0);
    expect(report.processedTwice).toBe(0);
    expect(report.partialFiles).toBe(0);
  }, 200_000);
});
