// Shared by the fault tests and `npm run load` (bench/load.mjs), hence plain JavaScript with JSDoc
// types: a private redis-server, spawned `galley` workers and producers, generated articles, and
// the published-output census. Everything binds to 127.0.0.1 and every process is ended by pid.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built `galley` command. */
export const GALLEY = fileURLToPath(new URL('../../apps/cli/dist/bin/galley.js', import.meta.url));

/** A port that was free a moment ago on 127.0.0.1. */
/** Whether `redis-server` is on the PATH (the fault and queue tests start their own). */
export function hasRedisServer() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  server.close();
  await once(server, 'close');
  return port;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Arguments of a `redis-server` on 127.0.0.1:`port` that keeps what it acknowledged (AOF, fsync
 * every second) in `dir` and logs there: what the restart tests need of every node they start.
 * @param {number} port
 * @param {string} dir
 */
export function redisServerArgs(port, dir) {
  return [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--logfile',
    path.join(dir, 'redis.log'),
  ];
}

/**
 * A redis-server of our own on 127.0.0.1, data in `dir`, AOF on (fsync every second, no RDB
 * snapshots), as the operating guide recommends. `stop(signal)` ends it (SIGTERM: clean shutdown
 * that flushes the AOF; SIGKILL: a crash); `start()` brings it back on the same port and data.
 * @param {string} dir
 */
export async function startRedis(dir) {
  const port = await freePort();
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  const redis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async start() {
      child = spawn('redis-server', redisServerArgs(port, dir), { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        if (await redis.ping()) return;
        await sleep(100);
      }
      throw new Error(`redis-server did not start on port ${port} (see ${path.join(dir, 'redis.log')})`);
    },
    /** @param {NodeJS.Signals} [signal] */
    async stop(signal = 'SIGTERM') {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
    /** Whether Redis answers PING. */
    async ping() {
      return (await redis.command(['PING']).catch(() => '')) === 'PONG';
    },
    /**
     * One command over a fresh socket in RESP, so the harness needs no client library.
     * Returns the reply as text (bulk strings and integers as their value).
     * @param {string[]} args
     */
    async command(args) {
      const { Socket } = await import('node:net');
      const socket = new Socket();
      socket.setTimeout(2000);
      const reply = new Promise((resolve, reject) => {
        let data = '';
        socket.on('data', (chunk) => {
          data += chunk.toString('utf8');
          const parsed = parseReply(data);
          if (parsed !== undefined) {
            socket.destroy();
            resolve(parsed);
          }
        });
        socket.on('error', reject);
        socket.on('timeout', () => {
          socket.destroy();
          reject(new Error('redis timeout'));
        });
      });
      socket.connect(port, '127.0.0.1', () => {
        socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
      });
      return /** @type {Promise<string>} */ (reply);
    },
    /** `used_memory` in bytes. */
    async usedMemory() {
      const info = await redis.command(['INFO', 'memory']);
      return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
    },
  };
  await mkdir(dir, { recursive: true });
  await redis.start();
  return redis;
}

/** A whole RESP reply of simple string, error, integer or bulk string, or undefined if incomplete. */
function parseReply(data) {
  const end = data.indexOf('\r\n');
  if (end < 0) return undefined;
  const head = data.slice(1, end);
  if (data[0] === '+' || data[0] === ':') return head;
  if (data[0] === '-') throw new Error(head);
  if (data[0] === '$') {
    const length = Number(head);
    if (length < 0) return '';
    const body = Buffer.from(data.slice(end + 2), 'utf8');
    return body.length >= length + 2 ? body.subarray(0, length).toString('utf8') : undefined;
  }
  return data;
}

/**
 * A spawned `galley worker`. Its JSON log lines are kept in `logs`; `exited` resolves with the exit
 * code (or the signal) when it ends.
 * @param {{ redisUrl: string, queue: string, outDir: string, args?: string[], env?: Record<string, string> }} options
 */
export function startWorker(options) {
  const child = spawn(process.execPath, [GALLEY, 'worker', '--out', options.outDir, ...(options.args ?? [])], {
    env: {
      ...process.env,
      REDIS_URL: options.redisUrl,
      GALLEY_QUEUE: options.queue,
      LOG_LEVEL: 'info',
      GALLEY_DEBUG: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {Array<Record<string, unknown>>} */
  const logs = [];
  let stderr = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return {
    child,
    logs,
    get stderr() {
      return stderr;
    },
    exited,
    /** Resolves once the worker logged `worker ready`. */
    async ready(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (!logs.some((l) => l.msg === 'worker ready')) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`worker not ready: ${stderr.slice(0, 500)}`);
        await sleep(50);
      }
    },
    /** Job ids this worker reported completed. */
    completed() {
      return logs.filter((l) => l.msg === 'job completed').map((l) => String(l.jobId));
    },
    /** @param {NodeJS.Signals} signal */
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/**
 * Run `galley <args>` to the end (SIGKILL after `timeoutMs`).
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, timeoutMs?: number }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, timedOut: boolean }>}
 */
export function galley(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GALLEY, ...args], {
      env: { ...process.env, GALLEY_DEBUG: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Job ids the producer reported as accepted ("queued as …" or "queued again (…)"). */
export function acceptedJobIds(stderr) {
  return [...stderr.matchAll(/queued (?:as |again \()(article-[0-9a-f]+)/g)].map((m) => m[1]);
}

const WORDS = [
  'council',
  'river',
  'budget',
  'school',
  'harbour',
  'festival',
  'bridge',
  'library',
  'station',
  'market',
  'museum',
  'clinic',
];
const NAMES = ['Maria Lopez', 'John Okafor', 'Aiko Tanaka', 'Lena Novak', 'Omar Haddad', 'Priya Nair'];
const PLACES = ['Lisbon', 'Nairobi', 'Osaka', 'Krakow', 'Amman', 'Chennai'];

/**
 * A small, unique, plausible news article (title, dateline, quotes, numbers, names), about 1 KB;
 * the same `i` always gives the same text.
 * @param {number} i
 */
export function generateArticle(i) {
  const w = (k) => WORDS[(i * 7 + k) % WORDS.length];
  const name = NAMES[i % NAMES.length];
  const place = PLACES[(i >> 1) % PLACES.length];
  return (
    [
      `${place} ${w(0)} plan number ${i} approved`,
      `${place.toUpperCase()} (Reuters) - The ${w(1)} committee approved plan ${i} on Tuesday, ending a debate that lasted ${(i % 50) + 2} months.`,
      `"We listened to everyone," said ${name}, who chairs the ${w(2)} board. "This is a fair result."`,
      `The plan costs $${(i % 900) + 100} million and covers ${(i % 30) + 3} new ${w(3)} sites. Work starts in March ${2027 + (i % 3)}.`,
      `Critics said the ${w(4)} budget was too small. ${name} disagreed: "It is enough for the first phase."`,
    ].join('\n\n') + '\n'
  );
}

/**
 * Write articles `from`..`to - 1` into `dir` as `article-<i>.txt`.
 * @param {string} dir @param {number} from @param {number} to
 */
export async function writeArticles(dir, from, to) {
  await mkdir(dir, { recursive: true });
  const files = [];
  for (let i = from; i < to; i++) {
    const file = path.join(dir, `article-${String(i).padStart(6, '0')}.txt`);
    await writeFile(file, generateArticle(i));
    files.push(file);
  }
  return files;
}

/**
 * What is published under `outDir`: whole articles (all three files), and anything else (temp
 * files, an article.json missing its renderings) as `partial`.
 * @param {string} outDir
 */
export async function census(outDir) {
  /** @type {string[]} */ const ids = [];
  /** @type {string[]} */ const partial = [];
  if (!existsSync(outDir)) return { ids, partial };
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    // The corpus index (corpus.sqlite and its WAL files, and the workers' lists of articles not
    // indexed yet in corpus.pending/) lives beside the article folders.
    if (entry.name.startsWith('corpus.')) continue;
    if (!entry.isDirectory()) {
      partial.push(entry.name);
      continue;
    }
    const files = await readdir(path.join(outDir, entry.name));
    const whole = ['article.html', 'article.json', 'article.md'].every((f) => files.includes(f));
    for (const f of files)
      if (!['article.html', 'article.json', 'article.md'].includes(f)) partial.push(`${entry.name}/${f}`);
    if (whole) ids.push(entry.name);
    else partial.push(`${entry.name} (incomplete: ${files.join(', ')})`);
  }
  return { ids: ids.sort(), partial };
}

/**
 * Poll until `outDir` holds `count` whole articles or `timeoutMs` passes; returns the census.
 * @param {string} outDir @param {number} count @param {number} timeoutMs
 */
export async function waitForArticles(outDir, count, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let seen = await census(outDir);
  while (seen.ids.length < count && Date.now() < until) {
    await sleep(250);
    seen = await census(outDir);
  }
  return seen;
}

/** The published `text` of one article. @param {string} outDir @param {string} id */
export async function publishedText(outDir, id) {
  return /** @type {{ text: string }} */ (JSON.parse(await readFile(path.join(outDir, id, 'article.json'), 'utf8')))
    .text;
}

export { sleep };
