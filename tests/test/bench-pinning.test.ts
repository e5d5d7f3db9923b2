import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const E2E = fileURLToPath(new URL('../../bench/lib/e2e.mjs', import.meta.url));
const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
if (!hasTaskset) console.warn('bench pinning test skipped: needs taskset');

// `npm run bench` runs pinned to core 0 and spreads its worker processes over the cores: a
// process pinned to one core sees one core in `os.availableParallelism()`, which once put every
// worker on core 0, so two workers measured slower than one.
describe.skipIf(!hasTaskset || os.cpus().length < 2)('bench worker pinning', () => {
  it('puts two workers on two different cores, the first off core 0, from a process pinned to core 0', () => {
    const run = spawnSync(
      'taskset',
      [
        '-c',
        '0',
        process.execPath,
        '--input-type=module',
        '-e',
        `const { workerCore } = await import(${JSON.stringify(E2E)}); console.log(JSON.stringify([workerCore(0), workerCore(1)]))`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const [first, second] = JSON.parse(run.stdout) as number[];
    expect(first).not.toBe(0);
    expect(second).not.toBe(first);
  });
});
