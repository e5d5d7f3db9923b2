#!/usr/bin/env node
// `npm start`: one command from a fresh checkout to articles in the viewer.
//   1. builds the apps if their dist/ is missing;
//   2. uses Redis at REDIS_URL (default redis://127.0.0.1:6379); when none answers on this
//      machine it starts a private redis-server (data in ./data/redis, AOF on), installing it
//      with apt-get when it can, else `docker compose up -d redis`; failing all, it prints the
//      commands to run;
//   3. runs a worker, queues the articles in samples/, waits for them and prints a summary;
//   4. serves the viewer until Ctrl-C, then closes everything gracefully.
// Options: --port N (the viewer's port; else PORT, else 3000), --once (stop after step 3, exit 0
// when every sample was processed, for CI), --help.
// Environment: REDIS_URL, GALLEY_DATA (default ./data/articles), GALLEY_QUEUE, PORT, LOG_LEVEL
// (the worker's, default warn). The worker's log lines are readable on a terminal, JSON when piped.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const usage = `Usage: npm start [-- --port N] [-- --once]

Runs a worker, queues the articles in samples/, waits for them and serves the viewer.
  --port N   the viewer's port (default: $PORT, else 3000)
  --once     stop after the samples are processed (exit 0 when all were), for CI
Environment: REDIS_URL, GALLEY_DATA, GALLEY_QUEUE, PORT, LOG_LEVEL (worker, default warn).`;
const say = (message) => process.stderr.write(`start: ${message}\n`);
const known = { port: { type: 'string' }, once: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
const {
  values: options,
  tokens,
  positionals,
} = parseArgs({
  options: known,
  strict: false,
  tokens: true,
  allowPositionals: true,
});
const mistake =
  tokens.find((t) => t.kind === 'option' && !Object.hasOwn(known, t.name))?.rawName ??
  (positionals.length ? positionals[0] : undefined);
if (mistake !== undefined || (options.port !== undefined && typeof options.port !== 'string')) {
  say(`${mistake !== undefined ? `unknown argument ${mistake}` : '--port needs a number'}\n\n${usage}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const once = options.once === true;
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const dataDir = path.resolve(root, process.env.GALLEY_DATA || 'data/articles');
const queueName = process.env.GALLEY_QUEUE || 'galley-articles';
const portText = options.port ?? process.env.PORT ?? '3000';
const port = Number(portText);
if (!/^\d{1,5}$/.test(portText) || port > 65535) {
  say(`${options.port ? '--port' : 'PORT'} must be a number from 0 to 65535 (got "${portText}")`);
  process.exit(2);
}
/** A path relative to the repository when it is inside it, else absolute. */
const shown = (file) => (file.startsWith(root + path.sep) ? path.relative(root, file) : file);

/** Run a command to the end with its output shown; true when it exits 0. */
function run(command, args, options = {}) {
  return spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options }).status === 0;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function build() {
  const needed = ['packages/queue/dist/index.js', 'apps/worker/dist/index.js', 'apps/cli/dist/index.js'];
  if (needed.every((file) => existsSync(path.join(root, file)))) return;
  say('building (dist/ is missing): npm run build');
  if (!run('npm', ['run', 'build']))
    throw new Error('the build failed; run "npm ci && npm run build" and read the errors above');
}

build();
const { connectProducer, validateRedisUrl, enqueueArticles, watchQueue } = await import('@galley/queue');
const { startWorker } = await import('@galley/worker');
validateRedisUrl(redisUrl);

async function redisAnswers() {
  try {
    (await connectProducer(redisUrl, 1500)).disconnect();
    return true;
  } catch {
    return false;
  }
}

async function waitForRedis(seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await redisAnswers()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Start Redis when none answers; returns a function that stops what was started. */
async function ensureRedis() {
  if (await redisAnswers()) {
    say(`using Redis at ${redisUrl}`);
    return async () => {};
  }
  const url = new URL(redisUrl);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname);
  const redisPort = url.port || '6379';
  const manual = [
    `  redis-server --port ${redisPort} --appendonly yes        # if Redis is installed`,
    '  sudo apt-get install -y redis-server                    # Debian/Ubuntu',
    '  docker compose up -d redis                              # with Docker',
    'or point REDIS_URL at a Redis you have, then run "npm start" again.',
  ].join('\n');
  if (!local)
    throw new Error(`cannot reach Redis at ${redisUrl}; start it, or unset REDIS_URL to use a local one.\n${manual}`);

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!onPath('redis-server') && isRoot && existsSync('/etc/debian_version') && onPath('apt-get')) {
    say('no Redis answers and redis-server is not installed: installing it with apt-get');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'redis-server'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (onPath('redis-server')) {
    const dir = path.join(root, 'data/redis');
    mkdirSync(dir, { recursive: true });
    say(`starting a private redis-server on port ${redisPort} (data in ${shown(dir)}, AOF on)`);
    const child = spawn(
      'redis-server',
      [
        '--port',
        redisPort,
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        'noeviction',
        '--save',
        '',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    if (await waitForRedis(10)) {
      return async () => {
        child.kill('SIGTERM');
        await exited;
        say('redis-server stopped');
      };
    }
    child.kill('SIGTERM');
    say('the private redis-server did not answer');
  }
  if (onPath('docker') && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0) {
    say('starting Redis with: docker compose up -d redis');
    if (
      run('docker', ['compose', 'up', '-d', 'redis'], { env: { ...process.env, REDIS_PORT: redisPort } }) &&
      (await waitForRedis(30))
    ) {
      return async () => say('Redis keeps running in Docker; stop it with "docker compose stop redis"');
    }
  }
  throw new Error(`no Redis answers at ${redisUrl} and none could be started here. Start one with one of:\n${manual}`);
}

async function startViewerIfBuilt() {
  const entry = path.join(root, 'apps/viewer/dist/index.js');
  if (!existsSync(entry)) {
    say('the viewer is not built (apps/viewer/dist); run "npm run build", then "galley view"');
    return undefined;
  }
  const viewer = await import('@galley/viewer');
  if (typeof viewer.startViewer !== 'function') {
    say('this build of @galley/viewer has no startViewer(); the articles are in ' + dataDir);
    return undefined;
  }
  const running = await viewer.startViewer({ dataDir, redisUrl, queueName, port });
  say(`viewer: ${running.url}`);
  return running;
}

let stopRedis = async () => {};
let worker;
let viewer;
async function shutdown(code) {
  await viewer?.close().catch(() => {});
  await worker?.close().catch(() => {});
  await stopRedis().catch(() => {});
  process.exit(code);
}

try {
  stopRedis = await ensureRedis();
  // The CLI's logger: one readable line per entry on a terminal, JSON lines when piped.
  const { createLogger } = await import('@galley/cli');
  worker = await startWorker({
    redisUrl,
    queueName,
    outDir: dataDir,
    logger: createLogger({ name: 'galley-worker', level: process.env.LOG_LEVEL || 'warn' }),
  });
  const samplesDir = path.join(root, 'samples');
  const files = readdirSync(samplesDir)
    .filter((f) => /\.(txt|md|html)$/.test(f))
    .sort()
    .map((f) => path.join(samplesDir, f));
  const started = Date.now();
  // Watch before queueing, so no sample can finish unseen.
  const watcher = await watchQueue({ redisUrl, queueName, pollMs: 250 });
  let failed = 0;
  let done = 0;
  try {
    const outcomes = await enqueueArticles(
      files.map((file) => ({ name: shown(file), read: () => readFile(file) })),
      { redisUrl, queueName },
    );
    const names = new Map();
    for (const o of outcomes) {
      if (o.status === 'refused') {
        failed++;
        say(`${o.name}: refused: ${o.reason}`);
        continue;
      }
      names.set(o.jobId, o.name);
      say(`${o.name}: ${o.status === 'duplicate' ? `already queued (${o.state})` : o.status}`);
    }
    for (const outcome of await watcher.waitFor([...names.keys()])) {
      const name = names.get(outcome.jobId);
      if (outcome.ok) {
        done++;
        say(`done   ${name} → ${shown(outcome.result.location)} (${Math.round(outcome.result.totalMs)} ms)`);
      } else {
        failed++;
        say(`failed ${name}: ${outcome.reason}`);
      }
    }
  } finally {
    await watcher.close();
  }
  say(
    `${done} of ${files.length} samples published to ${shown(dataDir)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (once) await shutdown(failed ? 1 : 0);
  viewer = await startViewerIfBuilt();
  say(`worker running on queue ${queueName}; queue more with "npx galley queue FILES" — Ctrl-C to stop`);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    say('stopping: active jobs finish first (Ctrl-C again to quit at once)');
    void shutdown(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  say(error.message);
  await shutdown(1);
}
