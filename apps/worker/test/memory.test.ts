import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Runs in a fresh process: what the worker's modules load into its main thread, and how its young
 * generation grows, are properties of a process that loaded nothing else.
 */
function inFreshProcess(script: string): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? 'null');
}

describe('the worker process', () => {
  it('keeps its young generation at the size it has once loaded, however much the main thread allocates', () => {
    const sizes = inFreshProcess(`
      import v8 from 'node:v8';
      await import('@galley/worker');
      const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
      const loaded = newSpace();
      let keep = [];
      for (let i = 0; i < 2_000_000; i++) {
        keep.push({ i, text: 'x' + i });
        if (keep.length > 200_000) keep = [];
      }
      console.log(JSON.stringify({ loaded, churned: newSpace() }));
    `) as { loaded: number; churned: number };
    expect(sizes.churned).toBe(sizes.loaded);
  }, 30_000);

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
