import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startViewer } from '../src/index.js';
import { fixturesDir, mainId, memoryLogger } from './helpers.js';

describe('startViewer', () => {
  it('listens on 127.0.0.1 by default and closes cleanly', async () => {
    const viewer = await startViewer({ dataDir: fixturesDir, port: 0, logger: memoryLogger().logger });
    try {
      expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
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
      await expect(startViewer({ dataDir: fixturesDir, port, logger: memoryLogger().logger })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      blocker.close();
    }
  });

  it('rejects impossible ports', async () => {
    await expect(startViewer({ dataDir: fixturesDir, port: 70000, logger: memoryLogger().logger })).rejects.toThrow(
      /port must be/,
    );
  });
});
