#!/usr/bin/env node
// `npm run bench:feeds`: 200 feeds of 50 items each, on 200 local hosts, followed with one-minute
// job schedulers and polled by one feed poller (the worker's `startFeedPoller`) against a private
// redis-server. Reports:
//   1. time from adding the feeds until every feed's first 50 items were queued (target: within
//      one polling interval, 60 s);
//   2. Redis memory of the feed store (configs, states, seen sets, cross-feed claims) per 100k
//      seen items, after --rounds rounds in which every feed carries 50 new items (target ≤ 10 MB);
//      the article jobs themselves are the queue's memory, not the store's, and are left out;
//   3. the poller process's CPU while nothing changes (every poll a 304), over --idle-s seconds
//      of one-minute polling (target ≤ 5% of one core).
// The sites run in a child process, so the CPU figure is the poller's alone. The per-host gap is
// 0 here (each site is its own host and gets one feed poll a minute, but 50 stories per round).
//
//   npm run bench:feeds                      # 200 × 50, 10 rounds (100k items), 120 s idle
//   npm run bench:feeds -- --rounds 4 --idle-s 60 --json
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { FeedSchedule, FeedStore } from '@galley/feeds';
import { workerConnectionOptions } from '@galley/queue';
import { startFeedPoller } from '@galley/worker';
import { sleep, startRedis } from '../tests/lib/harness.mjs';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '200' },
    items: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '10' },
    'idle-s': { type: 'string', default: '120' },
    json: { type: 'boolean', default: false },
  },
});
const feeds = Number(values.feeds);
const items = Number(values.items);
const rounds = Number(values.rounds);
const idleMs = Number(values['idle-s']) * 1000;
const INTERVAL_MS = 60_000;
const queueName = 'bench-feeds';
const log = (line) => values.json || process.stderr.write(`${line}\n`);

const dir = await mkdtemp(path.join(tmpdir(), 'galley-bench-feeds-'));
const redisServer = await startRedis(dir);
const sites = spawn(
  process.execPath,
  [fileURLToPath(new URL('lib/feed-sites.mjs', import.meta.url)), String(feeds), String(items)],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const siteLines = createInterface({ input: sites.stdout })[Symbol.asyncIterator]();
const port = Number((await siteLines.next()).value.split(' ')[1]);
const redis = new Redis(redisServer.url);
const store = new FeedStore(redis, queueName);
const schedule = new FeedSchedule(queueName, workerConnectionOptions(redisServer.url));

/** Bytes Redis spends on the feed store's keys (MEMORY USAGE of each). */
async function storeBytes() {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${store.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) total += (await redis.memory('USAGE', key, 'SAMPLES', '0')) ?? 0;
  } while (cursor !== '0');
  return total;
}

/** Wait until every feed was polled after `since` and its last poll queued `expect` items. */
async function allPolled(configs, since, check) {
  for (;;) {
    const states = await Promise.all(configs.map((c) => store.state(c.id)));
    if (states.every((s) => s.lastPollAt && s.lastPollAt > since && check(s))) return states;
    await sleep(200);
  }
}

async function toRound(n) {
  sites.stdin.write(`round ${n}\n`);
  await siteLines.next();
}

const results = { feeds, items, rounds };
try {
  const poller = await startFeedPoller({
    redisUrl: redisServer.url,
    queueName,
    gapMs: 0,
    concurrency: 16,
    logger: pino({ level: 'silent' }),
  });
  const configs = [];
  const firstCpu = process.cpuUsage();
  const start = Date.now();
  const since = new Date(start).toISOString();
  for (let i = 0; i < feeds; i++) {
    const { config } = await store.add(`http://127.0.1.${i + 1}:${port}/feed.xml`, {
      name: `site-${i + 1}`,
      everyMs: INTERVAL_MS,
      allowPrivate: true,
    });
    await schedule.upsert(config);
    configs.push(config);
  }
  await allPolled(configs, since, (s) => s.itemsQueued >= items);
  results.firstRoundSeconds = (Date.now() - start) / 1000;
  const used = process.cpuUsage(firstCpu);
  // CPU time as well as wall time: on a shared machine the wall time depends on the neighbours.
  results.firstRoundCpuSeconds = (used.user + used.system) / 1e6;
  log(
    `round 0: ${feeds * items} items queued ${results.firstRoundSeconds.toFixed(1)} s after the feeds were added ` +
      `(interval 60 s), using ${results.firstRoundCpuSeconds.toFixed(1)} s of the poller's CPU`,
  );

  const baseline = await storeBytes();
  // Further rounds: every feed carries 50 new items. The schedulers are upserted with another
  // interval, which polls at once, instead of waiting a minute per round.
  for (let round = 1; round < rounds; round++) {
    await toRound(round);
    const mark = new Date().toISOString();
    for (const config of configs) await schedule.upsert({ ...config, everyMs: INTERVAL_MS + round * 1000 });
    await allPolled(configs, mark, (s) => s.itemsQueued >= items * (round + 1));
    log(`round ${round}: ${feeds * items * (round + 1)} items seen`);
  }
  const seen = feeds * items * rounds;
  const grown = (await storeBytes()) - baseline;
  const measured = feeds * items * (rounds - 1);
  results.seenItems = seen;
  results.storeBytes = baseline + grown;
  results.mbPer100k = measured ? ((grown / measured) * 100_000) / 1048576 : undefined;
  log(
    `feed store: ${(results.storeBytes / 1048576).toFixed(2)} MB for ${seen} seen items; growth ${results.mbPer100k?.toFixed(2)} MB per 100k seen items (target ≤ 10)`,
  );

  // Idle: back to one-minute schedulers; every poll is now a 304. Skip the first minute, in which
  // the re-upserted schedulers each poll at once, then measure whole intervals.
  for (const config of configs) await schedule.upsert(config);
  await sleep(5_000);
  const beforeIdle = new Date().toISOString();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(idleMs);
  const cpu = process.cpuUsage(cpu0);
  const elapsed = performance.now() - t0;
  const states = await Promise.all(configs.map((c) => store.state(c.id)));
  results.idlePolls = states.filter((s) => s.lastPollAt > beforeIdle).length;
  results.idleResults = [...new Set(states.map((s) => s.lastResult))];
  results.idleCpuPercent = ((cpu.user + cpu.system) / 1000 / elapsed) * 100;
  log(
    `idle: ${results.idleCpuPercent.toFixed(2)}% of one core over ${(elapsed / 1000).toFixed(0)} s (target ≤ 5); last results: ${results.idleResults.join(', ')}`,
  );
  await poller.close();
} finally {
  await schedule.close();
  redis.disconnect();
  sites.stdin.end();
  sites.kill();
  await redisServer.stop();
  await rm(dir, { recursive: true, force: true });
}
if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
const ok = results.firstRoundSeconds <= 60 && results.mbPer100k <= 10 && results.idleCpuPercent <= 5;
// Exit explicitly: everything above is closed, but the sites' output stream reader can keep the
// event loop waiting after the child is gone.
process.exit(ok ? 0 : 1);
