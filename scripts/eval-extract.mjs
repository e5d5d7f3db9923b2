#!/usr/bin/env node
// `npm run eval:extract`: Galley's article extractor (@galley/html, built to dist) and the
// Readability baseline, in one run, on
// - the Zyte/Scrapinghub article-extraction benchmark (../shared/tools/extraction-eval.mjs:
//   shingle F1/P/R as upstream evaluate.py, pages/s), and
// - trafilatura-dev (../shared/tools/snippet-eval.mjs: must-have / must-not snippets), split by a
//   fixed hash of the page name into a tuning half (80%) and a hold-out (20%) that is not looked at
//   while tuning; both are reported.
// Extra arguments go to both harnesses, e.g. `npm run eval:extract -- --json` or `-- --limit 20`;
// `--only scrapinghub|dev|holdout` runs one set.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.resolve(root, '../shared/tools');
const devData = path.resolve(root, '../shared/benchmarks/extraction/trafilatura-dev');
const extractors = [
  { name: 'galley (@galley/html extractArticle)', module: path.join(root, 'packages/html/dist/extract-adapter.js') },
  { name: 'baseline: @mozilla/readability + linkedom', module: path.join(root, 'scripts/adapters/readability.mjs') },
];

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const passThrough = onlyAt >= 0 ? args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1) : args;

/** Whether a trafilatura-dev page is in the hold-out: a fixed 20% by the hash of its name. */
function isHoldout(id) {
  return createHash('sha256').update(id).digest()[0] % 5 === 0;
}

/** A data directory with one half of trafilatura-dev's gold list and a link to its pages. */
function devHalf(dir, holdout) {
  const gold = JSON.parse(readFileSync(path.join(devData, 'gold.json'), 'utf8'));
  const half = path.join(dir, holdout ? 'holdout' : 'dev');
  mkdirSync(half);
  writeFileSync(path.join(half, 'gold.json'), JSON.stringify(gold.filter((g) => isHoldout(g.id) === holdout)));
  symlinkSync(path.join(devData, 'pages'), path.join(half, 'pages'));
  return half;
}

if (!existsSync(tools)) {
  console.log(`skipped: the benchmark harnesses are not at ${tools}`);
  process.exit(0);
}
const scratch = mkdtempSync(path.join(tmpdir(), 'galley-eval-extract-'));
const sets = [
  { key: 'scrapinghub', label: 'Scrapinghub (shingle F1)', harness: 'extraction-eval.mjs', data: [] },
  ...(existsSync(devData)
    ? [
        {
          key: 'dev',
          label: 'trafilatura-dev, tuning 80%',
          harness: 'snippet-eval.mjs',
          data: ['--data', devHalf(scratch, false)],
        },
        {
          key: 'holdout',
          label: 'trafilatura-dev, hold-out 20%',
          harness: 'snippet-eval.mjs',
          data: ['--data', devHalf(scratch, true)],
        },
      ]
    : []),
].filter((set) => !only || set.key === only);

let failed = false;
try {
  for (const set of sets) {
    console.log(`\n# ${set.label}`);
    for (const { name, module } of extractors) {
      const harness = path.join(tools, set.harness);
      console.log(`\n## ${name}\n$ node ${path.relative(root, harness)} --module ${path.relative(root, module)}`);
      if (!existsSync(module)) {
        console.log(`missing ${module}: run \`npm run build -w @galley/html\` first`);
        failed = true;
        continue;
      }
      const result = spawnSync(process.execPath, [harness, '--module', module, ...set.data, ...passThrough], {
        cwd: root,
        stdio: 'inherit',
      });
      if (result.status !== 0) failed = true;
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
