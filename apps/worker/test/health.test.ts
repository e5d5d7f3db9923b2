import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { type WorkerHandle, startWorker } from '@galley/worker';
import { inspectQueue, quietLogger, randomQueueName, redisUrl, tempDir } from './helpers.js';

/**
 * A TCP relay to the Redis under test that can be cut and restored, so the worker loses Redis
 * without any other test losing it.
 */
async function redisRelay(): Promise<{ url: string; cut(): void; restore(): Promise<void>; close(): void }> {
  const target = new URL(redisUrl);
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const cut = (): void => {
    open = false;
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    cut,
    async restore() {
      open = true;
    },
    close() {
      cut();
      server.close();
    },
  };
}

async function probe(worker: WorkerHandle, route: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${worker.health!.port}${route}`);
  return { status: response.status, body: await response.json() };
}

async function until<T>(check: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('answers /ready with 200 while it can take jobs and 503 with the reason while Redis is gone', async () => {
  const relay = await redisRelay();
  cleanups.push(() => relay.close());
  const out = await tempDir();
  cleanups.push(() => out.remove());
  const queueName = randomQueueName();
  cleanups.push(() => inspectQueue(queueName).drop());
  const worker = await startWorker({
    redisUrl: relay.url,
    queueName,
    outDir: out.dir,
    index: false,
    healthPort: 0,
    healthHost: '127.0.0.1',
    logger: quietLogger,
  });
  cleanups.push(() => worker.close(true));

  expect(await probe(worker, '/live')).toEqual({ status: 200, body: { live: true } });
  expect(await probe(worker, '/ready')).toEqual({ status: 200, body: { ready: true } });
  expect((await probe(worker, '/jobs')).status).toBe(404);

  relay.cut();
  const down = await until(
    () => probe(worker, '/ready'),
    (r) => r.status === 503,
  );
  expect(down).toMatchObject({ status: 503, body: { ready: false, reason: expect.stringMatching(/Redis/) } });
  expect((await probe(worker, '/live')).status).toBe(200);

  await relay.restore();
  expect(
    await until(
      () => probe(worker, '/ready'),
      (r) => r.status === 200,
    ),
  ).toEqual({ status: 200, body: { ready: true } });
}, 40_000);

it('refuses a port that is not one, and says which port it could not take', async () => {
  const out = await tempDir();
  cleanups.push(() => out.remove());
  const queueName = randomQueueName();
  const common = { redisUrl, queueName, outDir: out.dir, index: false, logger: quietLogger };
  await expect(startWorker({ ...common, healthPort: 70000 })).rejects.toThrow(/healthPort must be a port number/);
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => void taken.close());
  const { port } = taken.address() as net.AddressInfo;
  await expect(startWorker({ ...common, healthPort: port, healthHost: '127.0.0.1' })).rejects.toThrow(
    new RegExp(`health check on port ${port}`),
  );
  await inspectQueue(queueName).drop();
}, 40_000);
