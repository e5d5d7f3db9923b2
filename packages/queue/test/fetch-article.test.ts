import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import {
  DEFAULT_REDIS_URL,
  enqueueArticles,
  fetchArticle,
  isNonPublicAddress,
  QUEUE_PREFIX,
  workerConnectionOptions,
} from '../src/index.js';

const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;

/** A server whose answers a hostile or broken site could send. */
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/bad-bracket') {
      res.writeHead(302, { location: 'http://[::1' });
      res.end();
    } else if (req.url === '/bad-space') {
      res.writeHead(302, { location: 'http://exa mple.com/%%' });
      res.end();
    } else if (req.url === '/latin1') {
      res.writeHead(200, { 'content-type': 'text/html; charset="ISO-8859-1"' });
      res.end(Buffer.from('<html><body><h1>Caf\xe9</h1><p>Na\xefve r\xe9sum\xe9.</p></body></html>', 'latin1'));
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Fine story\n\nIt is fine.');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('fetchArticle against a hostile server', () => {
  it('refuses a redirect to a Location that is no URL, without crashing', async () => {
    for (const path of ['/bad-bracket', '/bad-space']) {
      await expect(fetchArticle(`${base}${path}`, { allowPrivate: true })).rejects.toMatchObject({
        code: 'GALLEY_FETCH_REFUSED',
        message: expect.stringMatching(/redirected to an invalid URL/),
      });
    }
  });

  it('reports the charset the Content-Type header declares', async () => {
    const fetched = await fetchArticle(`${base}/latin1`, { allowPrivate: true });
    expect(fetched).toMatchObject({ format: 'html', charset: 'ISO-8859-1' });
  });

  it('queues the other inputs when one redirects to a bad Location', async () => {
    const queueName = `galley-test-${randomBytes(6).toString('hex')}`;
    const queue = new Queue(queueName, { connection: workerConnectionOptions(redisUrl), prefix: QUEUE_PREFIX });
    try {
      const outcomes = await enqueueArticles([{ url: `${base}/bad-bracket` }, { url: `${base}/fine` }], {
        redisUrl,
        queueName,
        fetch: { allowPrivate: true },
      });
      expect(outcomes[0]).toMatchObject({ status: 'refused', code: 'GALLEY_FETCH_REFUSED' });
      expect(outcomes[0].status === 'refused' && outcomes[0].reason).toMatch(/invalid URL/);
      expect(outcomes[1].status).toBe('queued');
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

describe('isNonPublicAddress', () => {
  it('refuses the IPv6 ranges that embed, tunnel or reserve addresses, in every spelling', () => {
    for (const a of [
      '::',
      '::7f00:1',
      '::127.0.0.1',
      '::a00:1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '0:0:0:0:0:ffff:7f00:1',
      '0000:0000:0000:0000:0000:FFFF:0A00:0001',
      '::ffff:8.8.8.8',
      '::ffff:0:7f00:1',
      '2002:7f00:1::',
      '2002:c0a8:101::1',
      '2001::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '100::1',
      '100::ffff:ffff:ffff:ffff',
      'fec0::1',
      'feff::1',
      '64:ff9b::7f00:1',
    ]) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['2606:4700::1111', '2a00:1450:4001::200e', '2001:4860:4860::8888', '100:0:0:1::1']) {
      expect(isNonPublicAddress(a), a).toBe(false);
    }
  });

  it('refuses a URL written with an embedded private address before connecting', async () => {
    for (const host of ['[::ffff:127.0.0.1]', '[::127.0.0.1]', '[2002:7f00:1::]', '[fec0::1]']) {
      await expect(fetchArticle(`http://${host}/`)).rejects.toMatchObject({ code: 'GALLEY_FETCH_REFUSED' });
    }
  });
});
