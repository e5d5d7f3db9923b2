import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openCorpus } from '@galley/corpus';
import { postgresUnavailable, temporaryDatabase } from '@galley/corpus/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type WorkerChild,
  inspectQueue,
  randomQueueName,
  runGalley,
  spawnWorker,
  tempDir,
  wholeArticles,
} from './queue-helpers.js';

const pgMissing = await postgresUnavailable();
if (pgMissing) console.warn(`the PostgreSQL corpus tests of the CLI are skipped: ${pgMissing}`);

const towns = ['Ashford', 'Belmont', 'Carrick', 'Dunmore', 'Elsworth', 'Fairlow', 'Glenrock'];
const people = ['Ana Ferreira', 'Tomas Berg', 'Lena Hoff', 'Omar Said', 'Ruth Okafor', 'Ivo Marek', 'Sara Lind'];

/** Small articles of our own, each different, naming people, towns and a council, with quotes. */
async function writeInputs(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let n = 0; n < count; n++) {
    const town = towns[n % towns.length];
    const person = people[(n * 3) % people.length];
    const other = people[(n * 5 + 1) % people.length];
    await writeFile(
      path.join(dir, `article-${n}.txt`),
      `${town} council votes on plan number ${n}\n\n` +
        `The ${town} Council approved plan number ${n} on Tuesday after a long debate about roads and schools.\n\n` +
        `"We have waited ${n + 2} years for this," said ${person}, who leads the residents' group in ${town}.\n\n` +
        `${other} of the ${town} Chamber of Commerce said the cost was too high. "Nobody asked the shops," ${other.split(' ')[1]} said.\n`,
    );
  }
}

let work: Awaited<ReturnType<typeof tempDir>>;
let env: NodeJS.ProcessEnv;
let inspector: ReturnType<typeof inspectQueue>;
const workers: WorkerChild[] = [];
const drops: Array<() => Promise<void>> = [];

beforeEach(async () => {
  const queueName = randomQueueName();
  work = await tempDir();
  env = { GALLEY_QUEUE: queueName, GALLEY_DATA: path.join(work.dir, 'out') };
  inspector = inspectQueue(queueName);
});

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    worker.child.kill('SIGTERM');
    await worker.exited;
  }
  await inspector.drop();
  for (const drop of drops.splice(0)) await drop();
  await work.remove();
});

describe('the corpus index from the command line', () => {
  it('galley process indexes what it publishes; galley reindex rebuilds it and drops articles whose files are gone', async () => {
    const inputs = path.join(work.dir, 'in');
    await writeInputs(inputs, 4);
    const processed = await runGalley(['process', inputs], env);
    expect(processed.code, processed.stderr).toBe(0);
    const ids = await wholeArticles(env.GALLEY_DATA!);
    const corpus = await openCorpus({ dataDir: env.GALLEY_DATA! });
    try {
      expect(await corpus.count()).toBe(4);
      const before = await corpus.dump();
      await rm(path.join(env.GALLEY_DATA!, ids[0]), { recursive: true });
      const reindex = await runGalley(['reindex'], env);
      expect(reindex.code, reindex.stderr).toBe(0);
      expect(reindex.stderr).toMatch(
        /galley reindex: 3 articles indexed, 0 unreadable skipped, 1 removed, in [\d.]+ s/,
      );
      expect(await corpus.count()).toBe(3);
      const bulk = await corpus.dump();
      expect(bulk.articles).toEqual(before.articles.filter((a) => a.id !== ids[0]));
      // The bulk rebuild (the default) and an incremental one build the same index.
      const incremental = await runGalley(['reindex', '--incremental'], env);
      expect(incremental.code, incremental.stderr).toBe(0);
      expect(await corpus.dump()).toEqual(bulk);
      expect((await corpus.entities({}, { pageSize: 1 })).total).toBeGreaterThan(0);
    } finally {
      await corpus.close();
    }
    const help = await runGalley(['reindex', '--help'], env);
    expect(help.stdout).toMatch(/^Usage: galley reindex \[options\]\n(.*\n)*  +--keep +keep index entries/);
    expect(help.stdout).toMatch(/--incremental +update counters and search after every batch/);
  }, 120_000);

  it.skipIf(pgMissing)(
    'a corpus indexed by two workers into one PostgreSQL equals the one galley reindex builds from the files',
    async () => {
      const live = await temporaryDatabase();
      const rebuilt = await temporaryDatabase();
      drops.push(live.drop, rebuilt.drop);
      const inputs = path.join(work.dir, 'in');
      await writeInputs(inputs, 14);
      const shared = { ...env, DATABASE_URL: live.url };
      workers.push(await spawnWorker([], shared), await spawnWorker([], shared));
      const queued = await runGalley(['queue', inputs, '--wait'], shared);
      expect(queued.code, queued.stderr).toBe(0);
      const completedBy = workers.map((w) => w.log().filter((l) => l.msg === 'job completed').length);
      expect(completedBy.reduce((a, b) => a + b)).toBe(14);
      expect(
        completedBy.every((n) => n > 0),
        `jobs per worker: ${completedBy.join(', ')}`,
      ).toBe(true);

      const reindex = await runGalley(['reindex'], { ...env, DATABASE_URL: rebuilt.url });
      expect(reindex.code, reindex.stderr).toBe(0);
      expect(reindex.stderr).toContain('14 articles indexed');
      const [a, b] = [await openCorpus({ databaseUrl: live.url }), await openCorpus({ databaseUrl: rebuilt.url })];
      try {
        // A worker indexes in batches once a job is acknowledged: the last one within 50 ms.
        for (const until = Date.now() + 10_000; (await a.count()) < 14 && Date.now() < until;)
          await new Promise((resolve) => setTimeout(resolve, 50));
        const [fromWorkers, fromFiles] = [await a.dump(), await b.dump()];
        expect(fromWorkers.count).toBe(14);
        expect(fromWorkers.mentions.length).toBeGreaterThan(14);
        expect(fromWorkers).toEqual(fromFiles);
      } finally {
        await a.close();
        await b.close();
      }
    },
    180_000,
  );
});
