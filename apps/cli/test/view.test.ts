import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '../dist/bin/galley.js');
const viewerFixtures = path.resolve(here, '../../viewer/test/fixtures/articles');

describe('galley view', () => {
  it('serves the data directory until SIGTERM, then exits 0', async () => {
    // A copy: the viewer writes its index (corpus.sqlite) into the folder it serves, and the
    // viewer's own tests expect their fixtures to come with none.
    const fixtures = mkdtempSync(path.join(tmpdir(), 'galley-view-'));
    cpSync(viewerFixtures, fixtures, { recursive: true });
    onTestFinished(() => rmSync(fixtures, { recursive: true, force: true }));
    // --redis wins over a broken REDIS_URL, which is then not even looked at.
    const child = spawn(
      process.execPath,
      [bin, 'view', '--port', '0', '--data', fixtures, '--redis', 'redis://127.0.0.1:1'],
      {
        env: { ...process.env, REDIS_URL: 'http://not-redis' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), 30_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const found = stderr.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    expect(stderr).toContain(`serving ${fixtures}`);
    const page = await (await fetch(url)).text();
    expect(page).toContain('regulator-blocks-harbour-alliance-page-1a2b3c4d5e');
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 40_000);

  it('prints its usage with --help', () => {
    const run = spawnSync(process.execPath, [bin, 'view', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: galley view \[options\]\n/);
    expect(run.stdout).toMatch(/--port PORT +port to listen on; 0 picks a free one \(default: \$PORT, else 3000\)/);
  }, 30_000);

  it('refuses a bad port or Redis URL with exit code 2', () => {
    const port = spawnSync(process.execPath, [bin, 'view', '--port', 'http'], { encoding: 'utf8' });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port must be a number');
    const redis = spawnSync(process.execPath, [bin, 'view', '--redis', 'http://x'], { encoding: 'utf8' });
    expect(redis.status).toBe(2);
    expect(redis.stderr).toContain('--redis: ');
    const variable = spawnSync(process.execPath, [bin, 'view'], {
      encoding: 'utf8',
      env: { ...process.env, REDIS_URL: 'http://x' },
    });
    expect(variable.status).toBe(2);
    expect(variable.stderr).toContain('REDIS_URL: ');
  }, 30_000);

  it('refuses numeric flags and ports out of range with exit code 2 (worker, status)', () => {
    const worker = spawnSync(process.execPath, [bin, 'worker', '--concurrency', 'two'], { encoding: 'utf8' });
    expect(worker.status).toBe(2);
    expect(worker.stderr).toContain('--concurrency must be a whole number ≥ 1 (got "two")');
    expect(worker.stderr).toContain('Usage: galley worker [options]');
    expect(worker.stderr).toMatch(/--concurrency N\|auto +stage threads/);
    const health = spawnSync(process.execPath, [bin, 'worker', '--health-port', '99999'], { encoding: 'utf8' });
    expect(health.status).toBe(2);
    expect(health.stderr).toContain('--health-port must be a number from 0 to 65535 (got "99999")');
    const healthEnv = spawnSync(process.execPath, [bin, 'worker'], {
      encoding: 'utf8',
      env: { ...process.env, GALLEY_HEALTH_PORT: 'web' },
    });
    expect(healthEnv.status).toBe(2);
    expect(healthEnv.stderr).toContain('GALLEY_HEALTH_PORT must be a number from 0 to 65535 (got "web")');
    const status = spawnSync(process.execPath, [bin, 'status', '--failures', '0'], { encoding: 'utf8' });
    expect(status.status).toBe(2);
    expect(status.stderr).toContain('--failures must be a whole number ≥ 1');
  }, 30_000);
});
