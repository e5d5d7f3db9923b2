#!/usr/bin/env node
// The test command: the lint, format and type checks (tests' own files included), then every workspace's vitest suite through turbo
// (one at a time: the queue and browser tests share Redis and two cores), then one summary line
// from their JSON reports, in which each check counts as one test. Stale reports are removed
// first, so a workspace that did not run is seen as missing.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testWorkspaces } from './test-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0;

const checks = [
  ['lint', () => run('npx', ['eslint', '.'])],
  ['format', () => run('npx', ['prettier', '--check', '--log-level', 'warn', '.'])],
  ['types', () => run('npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only'])],
].map(([name, check]) => {
  const ok = check();
  console.log(
    `${name}: ${ok ? 'clean' : 'FAILED (npm run lint / npm run format / npm run typecheck fixes or explains it)'}`,
  );
  return ok;
});

for (const dir of testWorkspaces()) rmSync(path.join(root, dir, 'test-results.json'), { force: true });
const turbo = run('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)]);
const passedChecks = checks.filter(Boolean).length;
const summary = spawnSync(
  process.execPath,
  [
    path.join(root, 'scripts/test-summary.mjs'),
    `--checks-passed=${passedChecks}`,
    `--checks-failed=${checks.length - passedChecks}`,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exitCode = turbo && summary.status === 0 ? 0 : 1;
