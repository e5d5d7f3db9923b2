import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Queue, UnrecoverableError, Worker } from 'bullmq';
import {
  DEFAULT_REDIS_URL,
  MAX_JOB_DATA_BYTES,
  QUEUE_PREFIX,
  articleJobId,
  connectProducer,
  enqueueArticles,
  jobSource,
  parseJobData,
  queueStatus,
  workerConnectionOptions,
} from '../src/index.js';
import { inspectQueue, randomQueueName } from '../src/testing.js';

const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
const input = (name: string, bytes: Uint8Array) => ({ name, read: async () => bytes });

let queueName: string;
let queue: Queue;
let drop: () => Promise<void>;

beforeEach(() => {
  queueName = randomQueueName();
  ({ queue, drop } = inspectQueue(queueName, redisUrl));
});

afterEach(() => drop());

/** The job data as Redis holds it: the bytes a cap has to measure. */
async function storedData(jobId: string): Promise<string> {
  const redis = await connectProducer(redisUrl);
  try {
    return (await redis.hget(queue.toKey(jobId), 'data')) ?? '';
  } finally {
    redis.disconnect();
  }
}

/** Run a worker that fails every job at once, until the jobs are failed. */
async function failAll(count: number): Promise<void> {
  const worker = new Worker(
    queueName,
    async () => {
      throw new UnrecoverableError('refused on purpose');
    },
    { connection: workerConnectionOptions(redisUrl), prefix: QUEUE_PREFIX },
  );
  for (let i = 0; i < 200 && (await queue.getFailedCount()) < count; i++) await new Promise((r) => setTimeout(r, 25));
  await worker.close();
}

describe('the job cap measures what Redis stores', () => {
  it('stores a megabyte of control bytes compressed, not escaped six times over', async () => {
    const nul = new Uint8Array(1024 * 1024);
    const [outcome] = await enqueueArticles([input('nul.txt', nul)], { redisUrl, queueName });
    expect(outcome.status).toBe('queued');
    const stored = await storedData(articleJobId(nul));
    expect(stored.length).toBeLessThan(64 * 1024);
    const data = parseJobData(JSON.parse(stored));
    expect(data.encoding).toBe('gzip');
    expect(Buffer.from(jobSource(data) as Uint8Array).equals(Buffer.from(nul))).toBe(true);
  });

  it('refuses an article whose job data would pass the cap, and queues the rest', async () => {
    const noise = randomBytes(1024 * 1024 - 1);
    const outcomes = await enqueueArticles(
      [input('noise.bin', noise), input('ok.txt', Buffer.from('Fine\n\nShort.'))],
      {
        redisUrl,
        queueName,
      },
    );
    expect(outcomes[0]).toMatchObject({ status: 'refused', code: 'GALLEY_INPUT_TOO_LARGE' });
    expect(outcomes[0].status === 'refused' && outcomes[0].reason).toMatch(/job data .* over the 1 MB limit/);
    expect(outcomes[1].status).toBe('queued');
  });

  it('keeps a long article small in Redis and gives it back byte for byte', async () => {
    const text = Buffer.from(`Long story\n\n${'A sentence of the long story goes here. '.repeat(20_000)}`);
    await enqueueArticles([input('long.txt', text)], { redisUrl, queueName });
    const stored = await storedData(articleJobId(text));
    expect(stored.length).toBeLessThan(text.length / 10);
    expect(stored.length).toBeLessThanOrEqual(MAX_JOB_DATA_BYTES);
    expect(Buffer.from(jobSource(parseJobData(JSON.parse(stored))) as Uint8Array).equals(text)).toBe(true);
  });

  it('refuses compressed job data that inflates past the cap (a gzip bomb written into Redis)', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024)).toString('base64');
    expect(() => jobSource({ name: 'bomb', source: bomb, encoding: 'gzip' })).toThrow(
      expect.objectContaining({ code: 'GALLEY_JOB_INVALID' }),
    );
  });
});

describe('pages served in another charset', () => {
  it('queues the text the check decoded with the server’s charset', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
      res.end(Buffer.from('<html><head><meta charset="utf-8"></head><body><h1>Caf\xe9</h1></body></html>', 'latin1'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page`;
    const seen: Array<string | undefined> = [];
    try {
      const [outcome] = await enqueueArticles([{ url }], {
        redisUrl,
        queueName,
        fetch: { allowPrivate: true },
        check: (bytes, hints) => {
          seen.push(hints.charset);
          return new TextDecoder(hints.charset ?? 'utf-8').decode(bytes);
        },
      });
      expect(seen).toEqual(['iso-8859-1']);
      const data = parseJobData((await queue.getJob(outcome.status === 'queued' ? outcome.jobId : ''))?.data);
      // A byte-order mark: the worker's decoder trusts it over the page's own (wrong) meta tag.
      expect(jobSource(data)).toBe('\ufeff<html><head><meta charset="utf-8"></head><body><h1>Café</h1></body></html>');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('queueStatus reads summaries', () => {
  it('lists the other failed jobs when one has corrupt data, and names the corrupt one', async () => {
    await enqueueArticles([input('a.txt', Buffer.from('One\n\nText.')), input('b.txt', Buffer.from('Two\n\nText.'))], {
      redisUrl,
      queueName,
    });
    await failAll(2);
    const corruptId = articleJobId(Buffer.from('Two\n\nText.'));
    const redis = await connectProducer(redisUrl);
    await redis.hset(queue.toKey(corruptId), 'data', '{"name": tru');
    redis.disconnect();
    const status = await queueStatus(redisUrl, queueName);
    expect(status.counts.failed).toBe(2);
    expect(status.failures).toHaveLength(2);
    const byId = new Map(status.failures.map((f) => [f.jobId, f]));
    expect(byId.get(corruptId)).toMatchObject({
      corrupt: true,
      name: '(unreadable job data)',
      reason: 'refused on purpose',
    });
    expect(byId.get(articleJobId(Buffer.from('One\n\nText.')))).toMatchObject({ name: 'a.txt', attemptsMade: 1 });
    expect(byId.get(articleJobId(Buffer.from('One\n\nText.')))?.corrupt).toBeUndefined();
  });

  it('names a failed job from the head of its data, however long its article', async () => {
    const long = Buffer.from(`Long\n\n${randomBytes(300_000).toString('hex')}`);
    await enqueueArticles([input('long "quoted" name.txt', long)], { redisUrl, queueName });
    await failAll(1);
    const status = await queueStatus(redisUrl, queueName);
    expect(status.failures).toMatchObject([{ name: 'long "quoted" name.txt', reason: 'refused on purpose' }]);
  });
});
