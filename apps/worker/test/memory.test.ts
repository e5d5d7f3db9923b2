import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomQueueName, redisUrl } from './helpers.js';

/**
 * Runs in a fresh process: what the worker's modules load into its main thread, and how its young
 * generation grows, are properties of a process that loaded nothing else. The script is a file
 * beside the tests (so it resolves the workspace's packages), not `-e`: a stage thread inherits
 * the process's options, and `--input-type` would fail it.
 */
function inFreshProcess(script: string): unknown {
  const file = path.join(import.meta.dirname, `.fresh-process-${process.pid}-${randomUUID()}.mjs`);
  writeFileSync(file, script);
  try {
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop() ?? 'null');
  } finally {
    rmSync(file, { force: true });
  }
}

describe('the worker process', () => {
  it('keeps its young generation at the size it has once started, however much the main thread allocates', () => {
    // Started for real: starting the stage thread resets V8's flags, which the worker must set again.
    const sizes = inFreshProcess(`
      import v8 from 'node:v8';
      import { mkdtempSync, rmSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import path from 'node:path';
      import { pino } from 'pino';
      const { startWorker } = await import('@galley/worker');
      const outDir = mkdtempSync(path.join(tmpdir(), 'galley-memory-'));
      const worker = await startWorker({
        redisUrl: ${JSON.stringify(redisUrl)},
        queueName: ${JSON.stringify(randomQueueName())},
        outDir,
        logger: pino({ level: 'silent' }),
      });
      const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
      const started = newSpace();
      let keep = [];
      for (let i = 0; i < 2_000_000; i++) {
        keep.push({ i, text: 'x' + i });
        if (keep.length > 200_000) keep = [];
      }
      const churned = newSpace();
      await worker.close();
      rmSync(outDir, { recursive: true, force: true });
      console.log(JSON.stringify({ started, churned }));
    `) as { started: number; churned: number };
    expect(sizes.churned).toBe(sizes.started);
  }, 60_000);

  it('does not load the stages into its main thread (they run in the stage threads)', () => {
    // A resolve hook (run in the hooks' own thread) lists every module the import loads.
    const hooks = [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const resolved = await next(specifier, context);',
      '  appendFileSync(process.env.GALLEY_TEST_MODULES, resolved.url + String.fromCharCode(10));',
      '  return resolved;',
      '}',
    ].join('\n');
    const list = path.join(mkdtempSync(path.join(tmpdir(), 'galley-modules-')), 'modules.txt');
    process.env.GALLEY_TEST_MODULES = list;
    try {
      inFreshProcess(`
        import { register } from 'node:module';
        register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
        await import('@galley/worker');
        console.log('null');
      `);
    } finally {
      delete process.env.GALLEY_TEST_MODULES;
    }
    const modules = readFileSync(list, 'utf8');
    expect(modules).toContain('/packages/pipeline/dist/lib/runner.js');
    const stages = ['clean', 'segment', 'entities'].filter((stage) => modules.includes(`/packages/${stage}/dist/`));
    expect(stages).toEqual([]);
    expect(modules).not.toContain('/node_modules/unified/');
  }, 30_000);
});
