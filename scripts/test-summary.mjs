#!/usr/bin/env node
// Adds up the vitest JSON reports that `turbo run test` left in each workspace
// (test-results.json) and prints one plain line, "N passed, N failed, N skipped", so a run that
// executed no test is visible. Exits non-zero when a test failed or no report was found.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces;

/** Workspace folders (relative to the root) that have a `test` script. */
export function testWorkspaces() {
  return workspaces
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [pattern];
      const parent = path.join(root, pattern.slice(0, -2));
      return existsSync(parent) ? readdirSync(parent).map((d) => path.join(pattern.slice(0, -2), d)) : [];
    })
    .filter((dir) => {
      const manifest = path.join(root, dir, 'package.json');
      return existsSync(manifest) && Boolean(JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test);
    });
}

/** The count given as `--NAME=N` on the command line (the test command's lint and format checks). */
function countArgument(name) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) : 0;
}

function summarise() {
  let passed = countArgument('checks-passed');
  let failed = countArgument('checks-failed');
  let skipped = 0;
  let reports = 0;
  const missing = [];
  for (const dir of testWorkspaces()) {
    const report = path.join(root, dir, 'test-results.json');
    if (!existsSync(report)) {
      missing.push(dir);
      continue;
    }
    const r = JSON.parse(readFileSync(report, 'utf8'));
    reports++;
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    if (r.numFailedTests) console.log(`failed in ${dir}: ${r.numFailedTests} test(s)`);
  }
  // A workspace whose tests crashed before writing a report counts as one failure.
  for (const dir of missing) {
    console.log(`no test report from ${dir} (its test run crashed or did not start)`);
    failed++;
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed > 0 || reports === 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) summarise();
