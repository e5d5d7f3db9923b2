#!/usr/bin/env node
// `npm run eval:extract`: Galley's article extractor (@galley/clean, built to dist) and the
// Readability baseline on the Zyte/Scrapinghub article-extraction benchmark, with the shared
// harness (../shared/tools/extraction-eval.mjs: shingle F1/P/R as upstream evaluate.py, pages/s).
// Extra arguments go to the harness, e.g. `npm run eval:extract -- --json` or `-- --limit 20`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const harness = path.resolve(root, '../shared/tools/extraction-eval.mjs');
const extractors = [
  { name: 'galley (@galley/clean extractArticle)', module: path.join(root, 'packages/clean/dist/extract-adapter.js') },
  { name: 'baseline: @mozilla/readability + linkedom', module: path.join(root, 'scripts/adapters/readability.mjs') },
];

if (!existsSync(harness)) {
  console.log(`skipped: the benchmark harness is not at ${harness}`);
  process.exit(0);
}
let failed = false;
for (const { name, module } of extractors) {
  console.log(`\n## ${name}\n$ node ${path.relative(root, harness)} --module ${path.relative(root, module)}`);
  if (!existsSync(module)) {
    console.log(`missing ${module}: run \`npm run build -w @galley/clean\` first`);
    failed = true;
    continue;
  }
  const result = spawnSync(process.execPath, [harness, '--module', module, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
