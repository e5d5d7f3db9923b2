#!/usr/bin/env node
// `npm run bench:corpus`: the corpus index and the viewer at scale. Builds a synthetic corpus of N
// articles (default 1,000,000; see @galley/corpus/testing), indexes it into SQLite and PostgreSQL,
// then starts the viewer on each and times its pages over HTTP. See bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openCorpus } from '@galley/corpus';
import { SyntheticWorld, TEST_POSTGRES_URL, postgresUnavailable, temporaryDatabase } from '@galley/corpus/testing';
import Database from 'better-sqlite3';
import pg from 'pg';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage = `usage: npm run bench:corpus -- [options]

  --articles N       articles in the synthetic corpus (default 1000000)
  --databases LIST   sqlite,postgres (default both; postgres is skipped when it does not answer)
  --batch N          articles per index call (default 2000, as galley reindex)
  --incremental      index with plain index() calls, as workers do, instead of a bulk rebuild
  --reps N           timed requests per route (default 40)
  --dir DIR          work folder parent (default the system temp folder); removed afterwards
  --postgres-url URL use this PostgreSQL database instead of a temporary one and keep it: index into
                     it only when it is empty (same --articles), else time the routes on it as it is
  --viewer FILE      the viewer build to time (default apps/viewer/dist/index.js; for old/new A/B)
  -h, --help         this text

env: GALLEY_BENCH_POSTGRES (admin URL, default ${TEST_POSTGRES_URL})`;

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000000' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    batch: { type: 'string', default: '2000' },
    incremental: { type: 'boolean', default: false },
    reps: { type: 'string', default: '40' },
    dir: { type: 'string' },
    'postgres-url': { type: 'string' },
    viewer: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const count = Number(args.articles);
const batchSize = Number(args.batch);
const reps = Number(args.reps);
if (!Number.isInteger(count) || count < 100) throw new Error('--articles must be a whole number ≥ 100');
const wanted = new Set(args.databases.split(','));
const adminUrl = process.env.GALLEY_BENCH_POSTGRES ?? TEST_POSTGRES_URL;

// About 8 KB per article in SQLite and 12 KB in PostgreSQL at this article size, measured at 100k; twice that to be safe.
const parent = path.resolve(args.dir ?? os.tmpdir());
const free = statfsSync(parent);
const freeBytes = free.bavail * free.bsize;
const needBytes = count * ((wanted.has('sqlite') ? 8 : 0) + (wanted.has('postgres') ? 12 : 0)) * 1024 * 2;
if (freeBytes < needBytes) {
  console.error(
    `bench:corpus: ${(freeBytes / 2 ** 30).toFixed(1)} GiB free in ${parent}, ${(needBytes / 2 ** 30).toFixed(1)} GiB wanted for ${count.toLocaleString('en')} articles; use --articles or --dir`,
  );
  process.exit(2);
}

const workDir = mkdtempSync(path.join(parent, 'galley-bench-corpus-'));
const cleanups = [() => rmSync(workDir, { recursive: true, force: true })];
const cleanup = async () => {
  for (const step of cleanups.reverse()) await step();
};
process.on('SIGINT', () => void cleanup().finally(() => process.exit(130)));

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

try {
  console.log(
    `bench:corpus: ${count.toLocaleString('en')} synthetic articles, node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`,
  );
  const targets = [];
  if (wanted.has('sqlite'))
    targets.push({ name: 'sqlite', corpus: await openCorpus({ dataDir: path.join(workDir, 'sqlite') }) });
  if (wanted.has('postgres')) {
    const missing = await postgresUnavailable(adminUrl);
    if (missing) console.log(`postgres: skipped: ${missing}`);
    else {
      const db = args['postgres-url'] ? { url: args['postgres-url'] } : await temporaryDatabase(adminUrl);
      if (db.drop) cleanups.push(db.drop);
      const corpus = await openCorpus({ databaseUrl: db.url });
      // A kept database already indexed is timed as it is.
      const ready = args['postgres-url'] !== undefined && (await corpus.count()) > 0;
      targets.push({ name: 'postgres', url: db.url, corpus, ready });
    }
  }

  // Index: the same articles, batch by batch, into each database; only the corpus calls are timed.
  // As galley reindex does (rebuildCorpus with bulk): the articles' own rows batch by batch, then
  // counters and search at the end (SQLite and PostgreSQL both have a bulk rebuild).
  const world = new SyntheticWorld();
  const pgTarget = targets.find((t) => t.name === 'postgres');
  const serverCpu = postgresServerCpu(pgTarget ? new URL(pgTarget.url).pathname.slice(1) : '');
  const timed = async (t, work) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    if (t.name === 'postgres') serverCpu.sample();
    await work();
    t.wallMs += performance.now() - wall;
    const used = process.cpuUsage(cpu);
    t.cpuMs += (used.user + used.system) / 1000;
    if (t.name === 'postgres') t.serverCpuMs = (t.serverCpuMs ?? 0) + serverCpu.sample();
  };
  const bulk = (t) => !args.incremental && t.corpus.beginBulk !== undefined;
  const indexing = targets.filter((t) => !t.ready);
  for (const t of targets) {
    Object.assign(t, { wallMs: 0, cpuMs: 0 });
    if (bulk(t) && !t.ready) await timed(t, () => t.corpus.beginBulk());
  }
  const started = performance.now();
  let lastReport = started;
  for (let first = 0; first < count; first += batchSize) {
    const built = [];
    for (let n = first; n < Math.min(count, first + batchSize); n++) built.push(world.article(n));
    // As `galley reindex` gets them, parsed from files: the generator's strings are concatenation
    // ropes, and flattening them inside index() charged the generator's cost to the index rate.
    const batch = JSON.parse(JSON.stringify(built));
    if (!indexing.length) break;
    for (const t of indexing) await timed(t, () => t.corpus.index(batch));
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      const done = first + batch.length;
      console.log(
        `  ${done.toLocaleString('en')} indexed (${((100 * done) / count).toFixed(0)}%) ` +
          targets
            .map(
              (t) =>
                `${t.name} ${Math.round(done / (t.wallMs / 1000))}/s, ${Math.round(done / (t.cpuMs / 1000))} per CPU-s`,
            )
            .join(', '),
      );
    }
  }
  for (const t of indexing)
    if (bulk(t)) {
      const before = { wallMs: t.wallMs, cpuMs: t.cpuMs, serverCpuMs: t.serverCpuMs };
      await timed(t, () => t.corpus.endBulk());
      t.endBulk = { wallMs: t.wallMs - before.wallMs, cpuMs: t.cpuMs - before.cpuMs };
      if (t.serverCpuMs !== undefined) t.endBulk.serverCpuMs = t.serverCpuMs - before.serverCpuMs;
    }
  console.log(`indexing done in ${((performance.now() - started) / 1000).toFixed(0)} s (generation included)`);

  for (const t of targets) {
    await t.corpus.close();
    // Planner statistics, as a database that has been running would have them.
    if (t.name === 'sqlite') {
      const db = new Database(path.join(workDir, 'sqlite', 'corpus.sqlite'));
      db.exec('ANALYZE');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      t.sizeBytes = statSync(path.join(workDir, 'sqlite', 'corpus.sqlite')).size;
    } else {
      const client = new pg.Client({ connectionString: t.url });
      await client.connect();
      await client.query('VACUUM ANALYZE');
      t.sizeBytes = Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
      await client.end();
    }
  }

  const viewerEntry = path.resolve(args.viewer ?? path.join(repoRoot, 'apps/viewer/dist/index.js'));
  if (!existsSync(viewerEntry)) throw new Error(`${viewerEntry} is missing: npm run build first`);
  const sample = {
    articles: [world.article(1), world.article(Math.floor(count / 2)), world.article(count - 1)],
  };
  for (const t of targets) {
    const result = await timeViewer(t, viewerEntry, sample);
    Object.assign(t, result);
  }

  console.log('\n| figure | ' + targets.map((t) => t.name).join(' | ') + ' |');
  console.log('|---|' + targets.map(() => '---|').join(''));
  const row = (label, pick) => console.log(`| ${label} | ${targets.map(pick).join(' | ')} |`);
  row('index rate, articles/s (wall)', (t) => Math.round(count / (t.wallMs / 1000)).toLocaleString('en'));
  row('index rate, articles per CPU-s of this process', (t) =>
    Math.round(count / (t.cpuMs / 1000)).toLocaleString('en'),
  );
  row('of which the end of the bulk rebuild (wall / CPU)', (t) =>
    t.endBulk ? `${(t.endBulk.wallMs / 1000).toFixed(1)} / ${(t.endBulk.cpuMs / 1000).toFixed(1)} s` : 'no bulk',
  );
  row(
    'PostgreSQL server CPU while indexing (the processes of this database, WAL and checkpoints; of which the end)',
    (t) =>
      t.serverCpuMs === undefined
        ? 'n/a'
        : `${(t.serverCpuMs / 1000).toFixed(0)} s (${t.endBulk?.serverCpuMs !== undefined ? (t.endBulk.serverCpuMs / 1000).toFixed(0) : '-'} s)`,
  );
  row('index rate, articles per CPU-s of this process and the server', (t) =>
    t.serverCpuMs === undefined ? 'n/a' : Math.round(count / ((t.cpuMs + t.serverCpuMs) / 1000)).toLocaleString('en'),
  );
  row('database size', (t) => mb(t.sizeBytes));
  row('viewer start-up (spawn → first answer)', (t) => `${t.startupMs.toFixed(0)} ms`);
  row('viewer RSS after the routes (peak)', (t) => `${mb(t.rss)} (${mb(t.peakRss)})`);
  for (const route of Object.keys(targets[0].routes))
    row(`${route} p50 / p95`, (t) => `${t.routes[route].p50.toFixed(1)} / ${t.routes[route].p95.toFixed(1)} ms`);
  console.log(
    `\nmachine: ${os.cpus().length} cores shared with other work, load average now ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await cleanup();
}

/**
 * CPU of the PostgreSQL server's processes that work for \`database\`, read from /proc: its
 * backends and autovacuum workers (their title names it), parallel workers of those backends, and
 * the shared WAL writer, checkpointer and background writer (which other databases' writes wake too:
 * an over-count when the server is shared). Other databases' backends are left out, so a benchmark
 * beside another client of the same server still counts only its own work. \`sample()\` returns the
 * ms used since the previous call; a process that exits between two samples loses its last
 * interval (the bulk end runs without parallel workers for this reason too). Linux only (0 elsewhere).
 */
function postgresServerCpu(database) {
  const tick = 1000 / 100; // USER_HZ
  const shared = /: (checkpointer|background writer|walwriter)\s*$/;
  const ours = (title) => title.split(' ').includes(database);
  let last = new Map();
  const read = () => {
    const now = new Map();
    let names = [];
    try {
      names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
    } catch {
      return now;
    }
    const processes = [];
    for (const pid of names)
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
        const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
        const fields = stat.slice(close + 2).split(' ');
        processes.push({ pid, title, cpu: (Number(fields[11]) + Number(fields[12])) * tick });
      } catch {
        // Gone meanwhile.
      }
    const backends = new Set(processes.filter((p) => ours(p.title)).map((p) => p.pid));
    for (const p of processes) {
      const leader = /parallel worker for PID (\d+)/.exec(p.title)?.[1];
      if (backends.has(p.pid) || shared.test(p.title) || (leader && backends.has(leader))) now.set(p.pid, p.cpu);
    }
    return now;
  };
  last = read();
  return {
    sample() {
      const now = read();
      let ms = 0;
      for (const [pid, cpu] of now) ms += cpu - (last.get(pid) ?? 0);
      last = now;
      return ms;
    },
  };
}

/** Start the viewer on one database in a child process, time start-up and routes, read its RSS. */
async function timeViewer(target, viewerEntry, sample) {
  const script = `
    import { startViewer } from ${JSON.stringify(viewerEntry)};
    import { pino } from 'pino';
    const viewer = await startViewer({ dataDir: ${JSON.stringify(path.join(workDir, 'sqlite'))}, port: 0,
      ${target.url ? `databaseUrl: ${JSON.stringify(target.url)},` : ''} indexExisting: false, logger: pino({ level: 'warn' }) });
    process.stdout.write(viewer.url + '\\n');
    process.on('SIGTERM', () => viewer.close().then(() => process.exit(0)));`;
  const spawned = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.join(repoRoot, 'apps/viewer'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`viewer exited with ${code}`)));
  });
  await (await fetch(`${url}api/version`)).text();
  const startupMs = performance.now() - spawned;

  // What the pages ask: real names, words and sites of this corpus.
  const probe = await openCorpus(target.url ? { databaseUrl: target.url } : { dataDir: path.join(workDir, 'sqlite') });
  const sites = await probe.sites();
  const people = (await probe.entities({ label: 'PERSON' }, { pageSize: 200 })).items;
  const months = (await probe.sources({})).byMonth.map((m) => m.month);
  await probe.close();
  const words = sample.articles.flatMap((a) => a.text.split(/\W+/).filter((w) => w.length > 3)).slice(0, 60);
  const pick = (list, i) => list[i % list.length];
  const routes = {
    'list (/, filters, sort, pages)': (i) =>
      [
        '/',
        `/?page=${1 + (i % 20)}`,
        `/?site=${encodeURIComponent(pick(sites, i).site)}`,
        `/?from=${pick(months, i)}-01&to=${pick(months, i)}-28`,
        '/?sort=oldest',
        '/?sort=processed',
      ][i % 6],
    'search (/?q=)': (i) =>
      i % 3 === 0
        ? `/?q=${encodeURIComponent(pick(words, i))}`
        : i % 3 === 1
          ? `/?q=${encodeURIComponent(pick(people, i * 7).name)}`
          : `/?q=${encodeURIComponent(`${pick(words, i)} ${pick(words, i + 1)}`)}&site=${encodeURIComponent(pick(sites, i).site)}`,
    'entity (/entities/:label/:name)': (i) =>
      `/entities/PERSON/${encodeURIComponent(pick(people, i % 2 ? i : i * 13).key)}`,
    'entities (/entities, month)': (i) => (i % 2 ? '/entities?label=PERSON' : `/entities?month=${pick(months, i)}`),
    'sources (/sources, site, month)': (i) =>
      ['/sources', `/sources?site=${encodeURIComponent(pick(sites, i).site)}`, `/sources?month=${pick(months, i)}`][
        i % 3
      ],
    'places (/places)': () => '/places',
    'export first byte (/export/articles.csv)': (i) =>
      i % 2
        ? '/export/articles.csv'
        : `/export/entity-articles.jsonl?label=PERSON&name=${encodeURIComponent(pick(people, i).key)}`,
  };
  const timings = {};
  for (const [name, route] of Object.entries(routes)) {
    for (let i = 0; i < 3; i++) await request(`${url}${route(i).slice(1)}`, name.startsWith('export'));
    const times = [];
    for (let i = 0; i < reps; i++) times.push(await request(`${url}${route(i).slice(1)}`, name.startsWith('export')));
    times.sort((a, b) => a - b);
    timings[name] = { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
  }
  const status = (await import('node:fs')).readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  const rss = kb('VmRSS');
  const peakRss = kb('VmHWM');
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return { startupMs, routes: timings, rss, peakRss };
}

/** Milliseconds to the whole page, or to the first byte of an export (then the download is cancelled). */
async function request(url, firstByteOnly) {
  const start = performance.now();
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  if (firstByteOnly) {
    const reader = res.body.getReader();
    await reader.read();
    const ms = performance.now() - start;
    await reader.cancel();
    return ms;
  }
  await res.text();
  return performance.now() - start;
}
