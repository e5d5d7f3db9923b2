import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WORKER_PROCESS_ENV } from '../src/lib/process-env.js';

const root = path.resolve(import.meta.dirname, '../../..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), {
  strict: true,
  uniqueKeys: true,
}) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('runs Redis with AOF, fsync every second, no eviction and a volume', () => {
    const redis = compose.services.redis;
    const args = redis.command?.join(' ');
    expect(args).toContain('--appendonly yes');
    expect(args).toContain('--appendfsync everysec');
    expect(args).toContain('--maxmemory-policy noeviction');
    expect(redis.volumes).toContain('redis-data:/data');
  });

  it('has a worker that can scale: no fixed name, no host ports, Redis and the shared output volume', () => {
    const worker = compose.services.worker;
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.command?.[0]).toBe('worker');
    expect(worker.environment).toMatchObject({ REDIS_URL: 'redis://redis:6379', GALLEY_DATA: '/data/articles' });
    expect(worker.volumes).toContain('articles:/data/articles');
    expect(worker.depends_on?.redis.condition).toBe('service_healthy');
    expect(worker.stop_grace_period).toBeDefined();
  });

  it('has a viewer reading the same volume', () => {
    const viewer = compose.services.viewer;
    expect(viewer.command?.[0]).toBe('view');
    expect(viewer.volumes).toContain('articles:/data/articles:ro');
    expect(viewer.environment?.GALLEY_DATA).toBe('/data/articles');
    expect(Object.keys(compose.volumes).sort()).toEqual(['articles', 'redis-data']);
  });

  it('builds from a Dockerfile whose entry point is the galley CLI', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "apps\/cli\/dist\/bin\/galley\.js"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    // A worker started from the image gets the environment its memory figures assume.
    const env = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    for (const [name, value] of Object.entries(WORKER_PROCESS_ENV))
      expect(env).toMatch(new RegExp(`\\s${name}=${value}\\b`));
    // Every workspace's manifest must be in the dependency layer, or `npm ci` fails in the image.
    for (const group of ['packages', 'apps']) {
      for (const dir of readdirSync(path.join(root, group))) {
        if (!existsSync(path.join(root, group, dir, 'package.json'))) continue;
        expect(dockerfile, `${group}/${dir}`).toContain(`COPY ${group}/${dir}/package.json ${group}/${dir}/`);
      }
    }
  });
});
