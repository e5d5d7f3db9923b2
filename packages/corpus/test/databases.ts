import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Corpus, openCorpus } from '../src/index.js';

/** The PostgreSQL server the tests use (a fresh database each, dropped afterwards). */
export const POSTGRES_ADMIN_URL = process.env.GALLEY_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether PostgreSQL answers; the reason when it does not. */
export async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable (${(error as Error).message}); .ci/run starts one`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new, empty PostgreSQL database; `drop()` removes it. */
export async function temporaryDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `galley_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** One kind of database under test: how to open a fresh corpus and clean it up. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<{ corpus: Corpus; cleanup: () => Promise<void> }>;
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async fresh() {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-corpus-'));
    const corpus = await openCorpus({ dataDir: dir });
    return {
      corpus,
      cleanup: async () => {
        await corpus.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresBackend: Backend = {
  name: 'postgres',
  async fresh() {
    const db = await temporaryDatabase();
    const corpus = await openCorpus({ databaseUrl: db.url });
    return {
      corpus,
      cleanup: async () => {
        await corpus.close();
        await db.drop();
      },
    };
  },
};
