import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectQueue, randomQueueName, redisUrl, tempDir } from './queue-helpers.js';

// `npm start` (scripts/start.mjs): progress in words, the worker's log lines readable on a
// terminal and JSON when piped, and the viewer's port from --port or PORT.

const root = path.resolve(import.meta.dirname, '../../..');
const start = path.join(root, 'scripts/start.mjs');

let env: NodeJS.ProcessEnv;
let work: Awaited<ReturnType<typeof tempDir>>;
let inspector: ReturnType<typeof inspectQueue>;

beforeEach(async () => {
  const queueName = randomQueueName();
  work = await tempDir();
  env = {
    ...process.env,
    REDIS_URL: redisUrl,
    GALLEY_QUEUE: queueName,
    GALLEY_DATA: path.join(work.dir, 'articles'),
    LOG_LEVEL: 'info',
    NO_COLOR: '1',
  };
  inspector = inspectQueue(queueName);
});

afterEach(async () => {
  await inspector.drop();
  await work.remove();
});

const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('npm start on a terminal skipped: util-linux `script` is not installed');

describe('npm start', { timeout: 120_000 }, () => {
  it('prints progress in words and the worker log as JSON lines when piped', () => {
    const run = spawnSync(process.execPath, [start, '--once'], { env, encoding: 'utf8', timeout: 110_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^start: done {3}samples\/library-late-fees\.md → .* \(\d+ ms\)$/m);
    expect(run.stderr).toMatch(/^start: 4 of 4 samples published to .* in [\d.]+ s$/m);
    const logLines = run.stdout.trim().split('\n');
    expect(logLines.length).toBeGreaterThan(4);
    for (const line of logLines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(logLines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain('job completed');
  });

  it.skipIf(!hasScript)('prints the worker log as readable lines on a terminal', () => {
    const run = spawnSync('script', ['-qec', `'${process.execPath}' '${start}' --once`, '/dev/null'], {
      env: { ...env, TERM: 'xterm' },
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d info {2}job completed {2}.*name=samples\/library-late-fees\.md/m);
    expect(run.stdout).not.toMatch(/^\{"level"/m);
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('serves the viewer on --port, else PORT, and refuses a mistyped option', async () => {
    const refused = spawnSync(process.execPath, [start, '--prot', '8080'], { env, encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^start: unknown argument --prot\n\nUsage: npm start/);

    for (const [args, extra] of [
      [['--port', '0'], { PORT: '1' }],
      [[], { PORT: '0' }],
    ] as const) {
      const child = spawn(process.execPath, [start, ...args], { env: { ...env, ...extra } });
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const found = /start: viewer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
          if (found) resolve(found[1]);
        });
        child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
      });
      expect(url).not.toMatch(/:(1|3000)\/$/);
      expect((await fetch(url)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
