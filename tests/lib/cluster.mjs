// A real Redis Cluster of three masters (no replicas) on free loopback ports, data in a temp
// folder, for the cluster test: `redis-server --cluster-enabled yes` ×3, then `redis-cli
// --cluster create`. Plain JavaScript like the harness it builds on. Every process is ended by pid.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, redisServerArgs, sleep } from './harness.mjs';

const run = promisify(execFile);

/** Whether `redis-cli` is on the PATH too (cluster creation needs it). */
export async function hasRedisCli() {
  return run('redis-cli', ['--version']).then(
    () => true,
    () => false,
  );
}

/** @param {number} port @param {string[]} args */
async function cli(port, args) {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 });
  return stdout;
}

/**
 * Start three masters and join them into one cluster. `nodes` is the `host:port,…` list for
 * `REDIS_CLUSTER_NODES`; `stop(i)`/`start(i)` end and restart master `i` on its port and data;
 * `masterOf(key)` is the index of the master serving a key's slot.
 * @param {string} dir
 */
export async function startRedisCluster(dir) {
  const ports = [];
  const busPorts = [];
  for (let i = 0; i < 3; i++) {
    ports.push(await freePort());
    // The cluster bus port, named explicitly: port + 10000 may be taken or out of range.
    busPorts.push(await freePort());
  }
  /** @type {Array<import('node:child_process').ChildProcess | undefined>} */
  const children = [];
  const start = async (/** @type {number} */ i) => {
    const nodeDir = path.join(dir, `node-${i}`);
    await mkdir(nodeDir, { recursive: true });
    children[i] = spawn(
      'redis-server',
      [
        ...redisServerArgs(ports[i], nodeDir),
        '--cluster-port',
        String(busPorts[i]),
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        '2000',
      ],
      { stdio: 'ignore' },
    );
    for (let tries = 0; tries < 100; tries++) {
      if ((await cli(ports[i], ['ping']).catch(() => '')).trim() === 'PONG') return;
      await sleep(100);
    }
    throw new Error(`redis-server (cluster node ${i}) did not start on port ${ports[i]}`);
  };
  const cluster = {
    ports,
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    start,
    /** @param {number} i @param {NodeJS.Signals} [signal] */
    async stop(i, signal = 'SIGTERM') {
      const child = children[i];
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
    async stopAll() {
      await Promise.all(ports.map((_, i) => cluster.stop(i, 'SIGKILL')));
    },
    /** Resolves once every node reports `cluster_state:ok`. */
    async waitOk(timeoutMs = 30_000) {
      await waitState(ports, 'ok', timeoutMs);
    },
    /**
     * Resolves once the nodes other than master `i` (stopped) report `cluster_state:fail`: they
     * have agreed it is down, and the cluster answers CLUSTERDOWN.
     * @param {number} i
     */
    async waitDown(i, timeoutMs = 30_000) {
      await waitState(
        ports.filter((_, j) => j !== i),
        'fail',
        timeoutMs,
      );
    },
    /** @param {string} key */
    async masterOf(key) {
      const slot = Number((await cli(ports[0], ['cluster', 'keyslot', key])).trim());
      for (const [i, port] of ports.entries()) {
        const nodes = await cli(port, ['cluster', 'nodes']);
        const mine = nodes.split('\n').find((line) => line.includes('myself'));
        const owned = (mine ?? '').split(' ').slice(8);
        if (owned.some((range) => inRange(range, slot))) return i;
      }
      throw new Error(`no master serves slot ${slot}`);
    },
    /** @param {number} i @param {string} pattern */
    async keys(i, pattern) {
      return (await cli(ports[i], ['--scan', '--pattern', pattern])).split('\n').filter(Boolean);
    },
  };
  for (let i = 0; i < 3; i++) await start(i);
  await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-yes'], {
    timeout: 30_000,
  });
  await cluster.waitOk();
  return cluster;
}

/**
 * Resolves once every node on `nodePorts` reports `cluster_state:<state>`.
 * @param {number[]} nodePorts @param {'ok' | 'fail'} state @param {number} timeoutMs
 */
async function waitState(nodePorts, state, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(nodePorts.map((p) => cli(p, ['cluster', 'info']).catch(() => '')));
    if (states.every((s) => s.includes(`cluster_state:${state}`))) return;
    if (Date.now() > until) throw new Error(`cluster not ${state} after ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Whether a `cluster nodes` slot range (`0-5460`, or `42`) holds a slot. */
function inRange(/** @type {string} */ range, /** @type {number} */ slot) {
  const [from, to = from] = range.split('-').map(Number);
  return slot >= from && slot <= to;
}
