#!/usr/bin/env node
// The test command: every workspace's vitest suite through turbo (one at a time: the queue and
// browser tests share Redis and two cores), then one summary line from their JSON reports.
// Stale reports are removed first, so a workspace that did not run is seen as missing.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testWorkspaces } from './test-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const dir of testWorkspaces()) rmSync(path.join(root, dir, 'test-results.json'), { force: true });
const turbo = spawnSync('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
const summary = spawnSync(process.execPath, [path.join(root, 'scripts/test-summary.mjs')], { cwd: root, stdio: 'inherit' });
process.exitCode = turbo.status === 0 && summary.status === 0 ? 0 : 1;
