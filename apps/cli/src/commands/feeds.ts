import { readFile } from 'node:fs/promises';
import { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { InputError, UsageError } from '@galley/document';
import { decodeSource } from '@galley/pipeline/decode';
import {
  FeedPoller,
  FeedSchedule,
  FeedStore,
  formatInterval,
  parseInterval,
  parseOpml,
  type FeedConfig,
  type FeedEntry,
} from '@galley/feeds';
import {
  MAX_JOB_SOURCE_BYTES,
  QUEUE_PREFIX,
  connectProducer,
  workerConnectionOptions,
  type ArticleJobData,
} from '@galley/queue';
import { defineCommand } from '../lib/command.js';
import { feedPollerSettings } from '../lib/feed-env.js';
import { queueEnv, type QueueEnv } from '../lib/queue-env.js';
import { styles } from '../lib/style.js';
import { didYouMean } from '../lib/suggest.js';

const ACTIONS = ['add', 'list', 'remove', 'poll', 'import'] as const;
type Action = (typeof ACTIONS)[number];

/** `galley feeds`: exit 0 on success, 1 when a feed could not be added, found or polled. */
export const feedsCommand = defineCommand({
  name: 'feeds',
  operands: 'add URL | list | remove NAME|URL | poll [NAME] | import FILE.opml',
  arity: 'required',
  missing: `give an action: ${ACTIONS.join(', ')}`,
  description: `Follows sources: RSS 2.0, RSS 1.0 (RDF), Atom, JSON Feed, sitemaps, sitemap indexes and
Google News sitemaps. Each feed is stored in Redis beside the queue ($REDIS_URL, $GALLEY_QUEUE)
and polled by a job scheduler that "galley worker" runs; each new item is fetched and queued
as an article with the feed's name and the item's title, date and author as hints.
Items are remembered by GUID and canonical URL (tracking parameters such as utm_* removed),
so nothing is fetched twice, not even a story two feeds carry. Adding a feed again changes
its name or interval; it is never polled twice as often.
Polite by default: conditional GET (a 304 costs nothing), robots.txt for stories, 2 requests
at once and 1 s between requests per host (GALLEY_PER_HOST, GALLEY_HOST_GAP_MS), a 429 or 503
waited out (Retry-After), and a User-Agent naming Galley (GALLEY_CONTACT_URL adds your
contact URL, which site owners appreciate). Feeds over 10 MB, XML declaring entities (XML
bombs) and private addresses (unless --allow-private-urls) are refused.
"list" shows per feed: last poll, last new item, items seen and queued, and what went wrong,
in words. "poll" polls now, here, and prints what each poll found.
Exit status: 0 on success, 1 when a feed could not be added, found or polled, 2 for a usage
mistake.`,
  options: {
    every: {
      type: 'string',
      value: 'INTERVAL',
      help: 'add/import: poll every 15m, 90s, 2h, 1d (default 15m, at least 1m)',
    },
    name: {
      type: 'string',
      value: 'NAME',
      help: "add: the feed's name (default: host and path, e.g. example.org/world)",
    },
    'allow-private-urls': {
      type: 'boolean',
      help: 'add/import: allow loopback and private addresses for these feeds and their stories',
    },
    json: { type: 'boolean', help: 'list: print one JSON array instead of the table' },
  },
  examples: [
    ['galley feeds add https://example.org/rss.xml --every 10m', 'follow a feed, polled every 10 minutes'],
    ['galley feeds add https://example.org/news-sitemap.xml --name example-news', 'a news sitemap, named'],
    ['galley feeds import subscriptions.opml', 'follow every feed of an OPML export'],
    ['galley feeds list', 'what each feed did last'],
    ['galley feeds poll example-news', 'poll one feed now'],
    ['galley feeds remove example-news', 'stop following it'],
  ],
  async run(values, operands) {
    const [word, ...rest] = operands;
    if (!(ACTIONS as readonly string[]).includes(word))
      throw new UsageError(`unknown action "${word}" (known: ${ACTIONS.join(', ')})${didYouMean(word, ACTIONS)}`);
    const action = word as Action;
    const takes: Record<Action, [number, number, string]> = {
      add: [1, 1, 'galley feeds add URL'],
      list: [0, 0, 'galley feeds list'],
      remove: [1, Infinity, 'galley feeds remove NAME|URL...'],
      poll: [0, Infinity, 'galley feeds poll [NAME|URL...]'],
      import: [1, 1, 'galley feeds import FILE.opml'],
    };
    const [min, max, usage] = takes[action];
    if (rest.length < min || rest.length > max) throw new UsageError(`usage: ${usage}`);
    const everyMs = parseEvery(values.every);
    const allowPrivate = values['allow-private-urls'] === true ? true : undefined;
    const settings = action === 'poll' ? feedPollerSettings() : {};
    const env = queueEnv();
    const redis = await connectProducer(env.redisUrl);
    const store = new FeedStore(redis, env.queueName);
    const schedule = new FeedSchedule(env.queueName, workerConnectionOptions(env.redisUrl));
    try {
      switch (action) {
        case 'add':
          await addFeed(store, schedule, rest[0], {
            everyMs,
            allowPrivate,
            ...(values.name ? { name: values.name } : {}),
          });
          return 0;
        case 'import':
          return await importFeeds(store, schedule, rest[0], { everyMs, allowPrivate });
        case 'list':
          printList(await store.list(), values.json === true);
          return 0;
        case 'remove':
          return await removeFeeds(store, schedule, rest);
        case 'poll':
          return await pollFeeds(store, redis, env, rest, settings);
      }
    } finally {
      await schedule.close();
      redis.disconnect();
    }
  },
});

function parseEvery(value: string | undefined): number {
  try {
    return parseInterval(value ?? '15m');
  } catch (error) {
    throw new UsageError(`--every: ${(error as Error).message}`);
  }
}

async function addFeed(
  store: FeedStore,
  schedule: FeedSchedule,
  url: string,
  options: { everyMs: number; allowPrivate?: boolean | undefined; name?: string },
): Promise<FeedConfig> {
  const { config, created } = await store.add(url, options);
  await schedule.upsert(config);
  process.stderr.write(
    `galley: ${created ? 'following' : 'updated'} ${config.name} (${config.url}), polled every ${formatInterval(config.everyMs)}\n`,
  );
  return config;
}

async function importFeeds(
  store: FeedStore,
  schedule: FeedSchedule,
  file: string,
  options: { everyMs: number; allowPrivate?: boolean | undefined },
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`, 'GALLEY_INPUT_NOT_FOUND');
  }
  const feeds = parseOpml(text);
  if (!feeds.length) throw new InputError(`${file} names no feed (no outline with an xmlUrl)`, 'GALLEY_INPUT_EMPTY');
  let refused = 0;
  for (const feed of feeds) {
    try {
      await addFeed(store, schedule, feed.url, options);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      refused++;
      process.stderr.write(`${styles(process.stderr).red('galley:')} ${feed.url}: not added: ${error.message}\n`);
    }
  }
  process.stderr.write(`galley: ${feeds.length - refused} feeds followed from ${file}, ${refused} refused\n`);
  return refused ? 1 : 0;
}

async function removeFeeds(store: FeedStore, schedule: FeedSchedule, names: readonly string[]): Promise<number> {
  let missing = 0;
  for (const name of names) {
    const config = await store.find(name);
    if (!config) {
      missing++;
      const known = (await store.list()).map((entry) => entry.config.name);
      process.stderr.write(
        `${styles(process.stderr).red('galley:')} no feed named "${name}"${didYouMean(name, known)}\n`,
      );
      continue;
    }
    await schedule.remove(config.id);
    await store.remove(config);
    process.stderr.write(`galley: no longer following ${config.name} (${config.url})\n`);
  }
  return missing ? 1 : 0;
}

async function pollFeeds(
  store: FeedStore,
  redis: Redis | Cluster,
  env: QueueEnv,
  names: readonly string[],
  settings: ReturnType<typeof feedPollerSettings>,
): Promise<number> {
  let configs: FeedConfig[];
  if (names.length) {
    configs = [];
    for (const name of names) {
      const config = await store.find(name);
      if (!config)
        throw new InputError(`no feed named "${name}" ("galley feeds list" shows them)`, 'GALLEY_INPUT_NOT_FOUND');
      configs.push(config);
    }
  } else configs = (await store.list()).map((entry) => entry.config);
  if (!configs.length) {
    process.stderr.write('galley: no feeds yet: add one with "galley feeds add URL"\n');
    return 0;
  }
  const articles = new Queue<ArticleJobData>(env.queueName, { connection: redis, prefix: QUEUE_PREFIX });
  const poller = new FeedPoller(store, articles, {
    ...settings,
    check: (bytes) => void decodeSource(bytes, MAX_JOB_SOURCE_BYTES),
  });
  let failed = 0;
  try {
    const style = styles(process.stderr);
    await Promise.all(
      configs.map(async (config) => {
        const report = await poller.poll(config);
        if (report.error) failed++;
        process.stderr.write(`${report.error ? style.red('galley:') : 'galley:'} ${report.feed}: ${report.result}\n`);
      }),
    );
  } finally {
    await articles.close();
  }
  return failed ? 1 : 0;
}

function printList(entries: readonly FeedEntry[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(entries)}\n`);
    return;
  }
  if (!entries.length) {
    process.stdout.write('no feeds yet: add one with "galley feeds add URL"\n');
    return;
  }
  const lines: string[] = [];
  for (const { config, state } of entries) {
    lines.push(
      `${config.name}  ${config.url}  every ${formatInterval(config.everyMs)}`,
      `    last poll ${when(state.lastPollAt)}; last new item ${when(state.lastNewItemAt)}; ` +
        `${state.itemsSeen} items seen, ${state.itemsQueued} queued, ${state.itemsSkipped} skipped`,
      `    ${state.error ? `failing (${state.failures} in a row): ${state.error}` : (state.lastResult ?? 'not polled yet')}`,
    );
    if (state.lastSkip) lines.push(`    last skipped: ${state.lastSkip}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function when(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : 'never';
}
