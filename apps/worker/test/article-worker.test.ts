import { once } from 'node:events';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { type ArticleJobData, type ArticleJobResult, QUEUE_PREFIX, workerConnectionOptions } from '@galley/queue';
import { ArticleWorker } from '@galley/worker';
import { inspectQueue, randomQueueName, redisUrl } from './helpers.js';

/**
 * A TCP proxy in front of the test Redis that can lose one reply: the first command whose bytes
 * contain `marker` reaches Redis and runs, then the connection is cut before its reply gets
 * through, as when a Redis or Cluster master goes down between running a command and answering.
 */
async function lossyProxy(target: { host: string; port: number }) {
  let marker: string | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    let cutNextReply = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('data', (chunk: Buffer) => {
      if (marker && chunk.includes(marker)) {
        marker = undefined;
        cutNextReply = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!cutNextReply) return void client.write(chunk);
      client.destroy();
      upstream.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    loseReplyTo(bytes: string) {
      marker = bytes;
    },
    get armed() {
      return marker !== undefined;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

const result = {
  articleId: 'a',
  title: 'A',
  location: '/tmp/a',
  stages: {},
  totalMs: 1,
} as unknown as ArticleJobResult;

let queueName: string;
let inspector: ReturnType<typeof inspectQueue>;
let proxy: Awaited<ReturnType<typeof lossyProxy>>;
let worker: ArticleWorker | undefined;

beforeEach(async () => {
  queueName = randomQueueName();
  inspector = inspectQueue(queueName);
  const { host = '127.0.0.1', port = 6379 } = workerConnectionOptions(redisUrl);
  proxy = await lossyProxy({ host, port });
});

afterEach(async () => {
  await worker?.close(true);
  worker = undefined;
  await proxy.close();
  await inspector.drop();
});

/** An ArticleWorker reaching Redis through the proxy, and what it reported. */
function startWorker(processor: (job: Job<ArticleJobData, ArticleJobResult>) => Promise<ArticleJobResult>) {
  const reported = { completed: [] as string[], failed: [] as string[], errors: [] as string[] };
  worker = new ArticleWorker(queueName, processor, {
    connection: { ...workerConnectionOptions(redisUrl), port: proxy.port },
    prefix: QUEUE_PREFIX,
    lockDuration: 1000,
    stalledInterval: 300,
    maxStalledCount: 2,
  });
  worker.on('completed', (job) => reported.completed.push(String(job.id)));
  worker.on('failed', (job) => reported.failed.push(String(job?.id)));
  worker.on('error', (error) => reported.errors.push(error.message));
  return reported;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('ArticleWorker acknowledgements', () => {
  it('reports a job completed when Redis recorded its acknowledgement but the reply was lost', async () => {
    const job = await inspector.queue.add('article', { name: 'a' } as ArticleJobData, { jobId: 'lost-reply' });
    // The acknowledgement is the one command of the worker that names the completed set.
    proxy.loseReplyTo(`${QUEUE_PREFIX}:${queueName}:completed`);
    let runs = 0;
    const reported = startWorker(async () => {
      runs++;
      return result;
    });
    await until(() => reported.completed.length > 0 || reported.errors.length > 0);
    expect(proxy.armed, 'the reply was lost').toBe(false);
    expect(reported.completed).toEqual([job.id]);
    expect(reported).toMatchObject({ failed: [], errors: [] });
    expect(runs).toBe(1);
    expect(await inspector.queue.getJobState(job.id!)).toBe('completed');
    expect((await inspector.queue.getJob(job.id!))?.returnvalue).toEqual(result);
  }, 30_000);

  it('neither fails nor reports a run whose lock expired; the stalled check runs the job again', async () => {
    const job = await inspector.queue.add('article', { name: 'a' } as ArticleJobData, { jobId: 'lost-lock' });
    const client = await inspector.queue.client;
    let runs = 0;
    const reported = startWorker(async (active) => {
      // The first run outlives its lock, as when Redis was out of reach for longer than it lasts.
      if (++runs === 1) await client.del(`${QUEUE_PREFIX}:${queueName}:${active.id}:lock`);
      return result;
    });
    await until(async () => (await inspector.queue.getJobState(job.id!)) === 'completed');
    await until(() => reported.completed.length > 0);
    expect(runs).toBe(2);
    expect(reported.completed).toEqual([job.id]);
    expect(reported.failed).toEqual([]);
    // One line that says what happened, not BullMQ's "Missing lock" for each script it tried.
    expect(reported.errors).toEqual([
      expect.stringMatching(/job lost-lock lost its lock .* gives it back to the queue/),
    ]);
  }, 30_000);
});
