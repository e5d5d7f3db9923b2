import { type AddressInfo } from 'node:net';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Queue, UnrecoverableError, Worker } from 'bullmq';
import {
  DEFAULT_REDIS_URL,
  MAX_JOB_SOURCE_BYTES,
  QUEUE_PREFIX,
  RedisUnavailableError,
  articleJobId,
  connectProducer,
  enqueueArticles,
  fetchArticle,
  isNonPublicAddress,
  jobSource,
  parseClusterAddress,
  parseJobData,
  queueStatus,
  redactUrl,
  redisAddressFromEnv,
  validateRedisUrl,
  workerConnectionOptions,
} from '../src/index.js';
import { inspectQueue, randomQueueName } from '../src/testing.js';

const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
const input = (name: string, text: string | Uint8Array) => ({
  name,
  read: async () => (typeof text === 'string' ? Buffer.from(text) : text),
});

let queueName: string;
let queue: Queue;
let drop: () => Promise<void>;

beforeEach(() => {
  queueName = randomQueueName();
  ({ queue, drop } = inspectQueue(queueName, redisUrl));
});

afterEach(() => drop());

describe('enqueueArticles', () => {
  it('queues one job per article with the content-derived id and the article inside', async () => {
    const text = 'Ferry strike ends\n\nFerries to Holm Island resumed on Sunday.';
    const outcomes = await enqueueArticles([input('ferry.txt', text)], { redisUrl, queueName });
    const jobId = articleJobId(Buffer.from(text));
    expect(outcomes).toEqual([{ name: 'ferry.txt', status: 'queued', jobId }]);
    const job = await queue.getJob(jobId);
    const data = parseJobData(job?.data);
    expect(data).toMatchObject({ name: 'ferry.txt', path: 'ferry.txt', encoding: 'utf8' });
    expect(jobSource(data)).toBe(text);
    expect(job?.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 1000 } });
  });

  it('says an article queued twice is a duplicate and keeps one job', async () => {
    const article = input('a.txt', 'Same story\n\nSame words.');
    const outcomes = await enqueueArticles([article, article], { redisUrl, queueName });
    expect(outcomes.map((o) => o.status)).toEqual(['queued', 'duplicate']);
    expect(outcomes[1]).toMatchObject({ state: 'waiting' });
    expect(await queue.getJobCountByTypes('waiting')).toBe(1);
  });

  it('retries a failed article when it is queued again, with a fresh set of attempts', async () => {
    const article = input('a.txt', 'Bad day\n\nIt failed.');
    const [first] = await enqueueArticles([article], { redisUrl, queueName });
    const worker = new Worker(
      queueName,
      async () => {
        throw new UnrecoverableError('nope');
      },
      { connection: workerConnectionOptions(redisUrl), prefix: QUEUE_PREFIX },
    );
    try {
      const jobId = first.status === 'queued' ? first.jobId : '';
      for (let i = 0; i < 100 && (await (await queue.getJob(jobId))?.getState()) !== 'failed'; i++)
        await new Promise((r) => setTimeout(r, 50));
      await worker.close();
      expect(await enqueueArticles([article], { redisUrl, queueName })).toEqual([
        { name: 'a.txt', status: 'retried', jobId },
      ]);
      const job = await queue.getJob(jobId);
      expect(await job?.getState()).toBe('waiting');
      expect(job?.attemptsMade).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('gives the same article with other stages its own job', async () => {
    const bytes = Buffer.from('Story\n\nText.');
    expect(articleJobId(bytes)).not.toBe(articleJobId(bytes, { stages: ['segment'] }));
  });

  it('carries bytes that are not UTF-8 as base64, unchanged', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0x00]);
    await enqueueArticles([input('utf16.txt', bytes)], { redisUrl, queueName });
    const data = parseJobData((await queue.getJob(articleJobId(bytes)))?.data);
    expect(data.encoding).toBe('base64');
    expect(Buffer.from(jobSource(data) as Uint8Array)).toEqual(Buffer.from(bytes));
  });

  it('refuses an article over the size cap and queues the rest', async () => {
    const big = Buffer.alloc(MAX_JOB_SOURCE_BYTES + 1, 'a');
    const outcomes = await enqueueArticles([input('big.txt', big), input('ok.txt', 'Fine\n\nShort.')], {
      redisUrl,
      queueName,
    });
    expect(outcomes[0]).toMatchObject({ status: 'refused' });
    expect(outcomes[0].status === 'refused' && outcomes[0].reason).toMatch(/over the 1 MB limit/);
    expect(outcomes[1].status).toBe('queued');
  });

  it('refuses non-http URLs and private addresses unless allowed', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(Buffer.alloc(2048, 'x'));
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 2000);
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><body><h1>Local news</h1><p>Served locally.</p></body></html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const outcomes = await enqueueArticles([{ url: 'file:///etc/passwd' }, { url: `${base}/story` }], {
        redisUrl,
        queueName,
      });
      expect(outcomes[0]).toMatchObject({ status: 'refused', reason: expect.stringMatching(/only http/) });
      expect(outcomes[1]).toMatchObject({ status: 'refused', reason: expect.stringMatching(/not a public address/) });
      const allowed = await enqueueArticles([{ url: `${base}/story` }], {
        redisUrl,
        queueName,
        fetch: { allowPrivate: true },
      });
      expect(allowed[0].status).toBe('queued');
      const data = parseJobData((await queue.getJob(allowed[0].status === 'queued' ? allowed[0].jobId : ''))?.data);
      expect(data).toMatchObject({ url: `${base}/story`, format: 'html' });
      await expect(fetchArticle(`${base}/big`, { allowPrivate: true, maxBytes: 1024 })).rejects.toThrow(/limit/);
      await expect(fetchArticle(`${base}/slow`, { allowPrivate: true, timeoutMs: 200 })).rejects.toThrow(/time limit/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('fails fast with how to start Redis when it does not answer', async () => {
    const start = Date.now();
    await expect(
      enqueueArticles([input('a.txt', 'x')], { redisUrl: 'redis://127.0.0.1:1', queueName }),
    ).rejects.toThrow(RedisUnavailableError);
    await expect(connectProducer('redis://127.0.0.1:1')).rejects.toThrow(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*redis-server/,
    );
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

describe('queueStatus', () => {
  it('counts jobs per state', async () => {
    await enqueueArticles([input('a.txt', 'One\n\nText.'), input('b.txt', 'Two\n\nText.')], { redisUrl, queueName });
    const status = await queueStatus(redisUrl, queueName);
    expect(status.counts).toMatchObject({ waiting: 2, active: 0, completed: 0, failed: 0 });
    expect(status.failures).toEqual([]);
  });
});

describe('validation', () => {
  it('checks Redis URLs', () => {
    expect(validateRedisUrl('redis://localhost:6379')).toBe('redis://localhost:6379');
    expect(() => validateRedisUrl('http://localhost')).toThrow(/redis:\/\//);
    expect(() => validateRedisUrl('nonsense')).toThrow(/invalid Redis URL/);
    expect(workerConnectionOptions('rediss://u:p%40ss@h:6380/2')).toMatchObject({
      host: 'h',
      port: 6380,
      username: 'u',
      password: 'p@ss',
      db: 2,
      tls: {},
      maxRetriesPerRequest: null,
    });
  });

  it('reads a Redis Cluster address, and REDIS_CLUSTER_NODES wins over REDIS_URL', () => {
    expect(parseClusterAddress('redis-cluster://:s%40cret@10.0.0.1:7000,[::1]:7001')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '::1', port: 7001 },
      ],
      password: 's@cret',
    });
    expect(() => validateRedisUrl('redis-cluster://a:1,b')).toThrow(/invalid Redis Cluster node "b".*host:port/);
    expect(() => validateRedisUrl('redis-cluster://')).toThrow(/no host:port/);
    expect(redactUrl('redis-cluster://u:secret@a:1,b:2')).toBe('redis-cluster://u:***@a:1,b:2');
    expect(redisAddressFromEnv({ REDIS_URL: 'redis://:pw@elsewhere:6379', REDIS_CLUSTER_NODES: 'a:7000,b:7001' })).toBe(
      'redis-cluster://:pw@a:7000,b:7001',
    );
    expect(redisAddressFromEnv({ REDIS_URL: 'redis://x:1' })).toBe('redis://x:1');
    expect(redisAddressFromEnv({})).toBe(DEFAULT_REDIS_URL);
    expect(() => workerConnectionOptions('redis-cluster://a:1')).toThrow(/blockingConnection/);
    expect(QUEUE_PREFIX).toMatch(/^\{[^}]+\}$/);
  });

  it('rejects job data with a list of problems', () => {
    expect(() => parseJobData({ name: '', source: 1, encoding: 'utf8' })).toThrow(
      /invalid job data: name: .*; source:/,
    );
  });

  it('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.1',
      '172.20.0.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ]) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '2606:4700::1111', '8.8.8.8']) expect(isNonPublicAddress(a), a).toBe(false);
  });
});
