import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startViewer } from '../src/index.js';
import { copyFixtures, mainId, memoryLogger } from './helpers.js';

let data: ReturnType<typeof copyFixtures>;
beforeEach(() => {
  data = copyFixtures();
});
afterEach(() => data.cleanup());

describe('startViewer', () => {
  it('listens on 127.0.0.1 by default, indexes what the folder holds, and closes cleanly', async () => {
    const viewer = await startViewer({ dataDir: data.dir, port: 0, logger: memoryLogger().logger });
    try {
      expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      // It answers at once; the articles it found appear as the start-up indexing goes.
      await expect
        .poll(async () => ((await (await fetch(`${viewer.url}api/version`)).json()) as { articles: number }).articles)
        .toBe(3);
      const res = await fetch(viewer.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`/articles/${mainId}`);
    } finally {
      await viewer.close();
    }
    await expect(fetch(viewer.url)).rejects.toThrow();
  });

  it('fails with EADDRINUSE when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startViewer({ dataDir: data.dir, port, logger: memoryLogger().logger })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      blocker.close();
    }
  });

  it('fails to start, naming the database, when the corpus database cannot be reached', async () => {
    await expect(
      startViewer({
        dataDir: data.dir,
        port: 0,
        databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
        logger: memoryLogger().logger,
      }),
    ).rejects.toThrow(/cannot connect to the corpus database postgres:\/\/nobody@127\.0\.0\.1:1\/none/);
  });

  it('rejects impossible ports', async () => {
    await expect(startViewer({ dataDir: data.dir, port: 70000, logger: memoryLogger().logger })).rejects.toThrow(
      /port must be/,
    );
  });

  // ioredis is CommonJS, so once loaded (by BullMQ or the queue client) it sits in require's cache.
  const loadsRedisClient = (specifier: string): boolean =>
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module';
         await import(${JSON.stringify(specifier)});
         const cached = Object.keys(createRequire(import.meta.url).cache);
         process.stdout.write(String(cached.some((file) => /[\\/]node_modules[\\/]ioredis[\\/]/.test(file))));`,
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' },
    ) === 'true';

  it('starts without loading BullMQ or the Redis client, which only the queue pages need', () => {
    expect(loadsRedisClient('@galley/queue')).toBe(true);
    expect(loadsRedisClient('@galley/viewer')).toBe(false);
  });
});
