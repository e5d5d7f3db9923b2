import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueArticles } from '@galley/queue';
import { inspectQueue, randomQueueName, redisUrl, runGalley } from './queue-helpers.js';

let queueName: string;
let inspector: ReturnType<typeof inspectQueue>;

beforeEach(() => {
  queueName = randomQueueName();
  inspector = inspectQueue(queueName);
});

afterEach(async () => {
  await inspector.drop();
});

describe('galley status', () => {
  it('counts waiting jobs when no worker runs, and says how to reach Redis when it is down', async () => {
    const text = (n: number) => ({ name: `s${n}.txt`, read: async () => Buffer.from(`Story ${n}\n\nBody ${n}.`) });
    await enqueueArticles([text(1), text(2)], { redisUrl, queueName });
    const [status, down] = await Promise.all([
      runGalley(['status'], { GALLEY_QUEUE: queueName }),
      runGalley(['status'], { GALLEY_QUEUE: queueName, REDIS_URL: 'redis://127.0.0.1:1' }),
    ]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`queue ${queueName}`);
    expect(status.stdout).toMatch(/waiting\s+2\n/);
    expect(status.stdout).not.toContain('latest failures');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/galley status: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 /);
  }, 30_000);
});
