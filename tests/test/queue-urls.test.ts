import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNonPublicAddress } from '@galley/queue';
import { tempDir } from '../lib/files.js';
import { GALLEY, galley, hasRedisServer, startRedis } from '../lib/harness.mjs';

const ready = hasRedisServer() && existsSync(GALLEY);
if (!ready) console.warn('queue URL test skipped: needs redis-server on PATH and a built apps/cli (npm run build)');

/**
 * URLs the producer must refuse by default. Only loopback targets are used over the command, so a
 * regression could at worst reach this machine; private ranges are checked on the pure function.
 */
const refusedUrls = [
  'file:///etc/passwd',
  'ftp://127.0.0.1/a.txt',
  'gopher://127.0.0.1:70/',
  'data://text/plain,hello',
  'http://127.0.0.1/',
  'http://localhost:9/',
  'http://[::1]/',
  'http://2130706433/',
  'http://0x7f.0.0.1/',
  'http://127.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://user:pass@127.0.0.1/',
  'https://127.0.0.1:6379/',
];

describe.skipIf(!ready)('queueing by URL', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    work = await tempDir('urls');
    redis = await startRedis(path.join(work.dir, 'redis'));
  });
  afterAll(async () => {
    await redis?.stop('SIGKILL');
    await work?.remove();
  });

  it.each(refusedUrls)('refuses %s with one line', async (url) => {
    const run = await galley(['queue', url], {
      env: { REDIS_URL: redis.url, GALLEY_QUEUE: 'urls' },
      timeoutMs: 20_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not queued: .*(only http|not a public address|refusing)/);
    expect(run.stderr).not.toMatch(/^\s+at\s/m);
    expect(run.stderr).toMatch(/0 queued/);
  });

  it.each([
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    'fc00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '127.0.0.1',
    '::1',
  ])('treats %s as non-public', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it('treats a public address as public', () => {
    expect(isNonPublicAddress('93.184.216.34')).toBe(false);
  });
});
