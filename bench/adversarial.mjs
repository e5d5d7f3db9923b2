#!/usr/bin/env node
// `npm run bench:adversarial`: every adversarial generator (tests/lib/adversarial.mjs) at 1 MB and
// 5 MB through the built `galley process`, one core, with wall time and peak memory per run, and
// a verdict against the targets of issue 23. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileName, generators } from '../tests/lib/adversarial.mjs';
import { GALLEY } from '../tests/lib/harness.mjs';

const usage = `usage: npm run bench:adversarial -- [options]

  --only NAME[,NAME]  run these generators only
  --sizes MB[,MB]     sizes in MB (default 1,5)
  --timeout S         kill a run after S seconds (default 120)
  --core N            the core each run is pinned to (default 0; pick the least busy one)
  -h, --help          this text`;

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    sizes: { type: 'string', default: '1,5' },
    timeout: { type: 'string', default: '120' },
    core: { type: 'string', default: '0' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}

/** Issue 23: at 1 MB ≤ 5 s and ≤ 512 MB; at 5 MB ≤ 6× the 1 MB figures. */
const TARGET = { seconds: 5, megabytes: 512, growth: 6 };
const MB = 1_000_000;
const sizes = args.sizes.split(',').map(Number);
const timeoutMs = Number(args.timeout) * 1000;
const only = args.only?.split(',');
const chosen = generators.filter((g) => !only || only.includes(g.name));

// One core, as the target says, when taskset is there.
const core = String(Number.parseInt(args.core, 10));
const pinned = spawnSync('taskset', ['-c', core, 'true']).status === 0;
const dir = mkdtempSync(path.join(os.tmpdir(), 'galley-adversarial-'));

/**
 * One run of `galley process` on a generated file: wall seconds, CPU seconds (user and system:
 * on a shared machine the figure that does not grow with the others' load) and peak resident MB
 * as /usr/bin/time reports them, and whether it was processed, refused (with the code) or killed.
 * @param {import('../tests/lib/adversarial.mjs').Generator} generator
 * @param {number} bytes
 */
function measure(generator, bytes) {
  const file = path.join(dir, fileName(generator));
  writeFileSync(file, generator.make(bytes));
  const out = path.join(dir, 'out');
  const command = [
    '/usr/bin/time',
    '-f',
    'galley-bench %e %M %U %S',
    process.execPath,
    GALLEY,
    'process',
    file,
    '--out',
    out,
  ];
  const result = spawnSync(pinned ? 'taskset' : command[0], pinned ? ['-c', core, ...command] : command.slice(1), {
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, NO_COLOR: '1' },
  });
  rmSync(out, { recursive: true, force: true });
  rmSync(file, { force: true });
  const figures = result.stderr.match(/galley-bench ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/);
  if (!figures) return { seconds: timeoutMs / 1000, cpuSeconds: NaN, megabytes: NaN, outcome: 'killed' };
  const code = result.stderr.match(/GALLEY_[A-Z_]+/)?.[0];
  return {
    seconds: Number(figures[1]),
    cpuSeconds: Number(figures[3]) + Number(figures[4]),
    megabytes: Number(figures[2]) / 1024,
    outcome: result.status === 0 ? 'processed' : `refused ${code ?? `(exit ${result.status})`}`,
  };
}

console.log(
  `adversarial inputs through galley process, ${pinned ? `one core (taskset -c ${core})` : 'not pinned'}, ` +
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
console.log(`targets: ≤ ${TARGET.seconds} s and ≤ ${TARGET.megabytes} MB at 1 MB; ≤ ${TARGET.growth}× that at 5 MB\n`);
const header = [
  'generator',
  'format',
  ...sizes.flatMap((s) => [`${s} MB s`, `${s} MB CPU s`, `${s} MB RSS`]),
  'outcome',
  'verdict',
];
const rows = [];
let failures = 0;
for (const generator of chosen) {
  const runs = sizes.map((size) => measure(generator, size * MB));
  const [first, last] = [runs[0], runs[runs.length - 1]];
  const problems = [];
  if (first.outcome === 'killed' || last.outcome === 'killed') problems.push('killed');
  if (first.seconds > TARGET.seconds) problems.push('slow');
  if (first.megabytes > TARGET.megabytes) problems.push('memory');
  if (runs.length > 1 && last.seconds > TARGET.growth * Math.max(first.seconds, 0.5)) problems.push('time growth');
  if (runs.length > 1 && last.megabytes > TARGET.growth * first.megabytes) problems.push('memory growth');
  if (problems.length) failures++;
  const row = [
    generator.name,
    generator.format,
    ...runs.flatMap((r) => [r.seconds.toFixed(2), r.cpuSeconds.toFixed(2), r.megabytes.toFixed(0)]),
    [...new Set(runs.map((r) => r.outcome))].join(' / '),
    problems.length ? `MISSED: ${problems.join(', ')}` : 'ok',
  ];
  rows.push(row);
  console.log(row.join('\t'));
}
rmSync(dir, { recursive: true, force: true });

// The same rows again as a Markdown table, for reports.
console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\n${rows.length - failures} of ${rows.length} generators within the targets`);
process.exit(failures ? 1 : 0);
