import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type Corpus, openCorpus } from '../src/index.js';
import { postgresUnavailable, temporaryDatabase } from '../src/testing.js';

export { postgresUnavailable, temporaryDatabase };

/** One kind of database under test: how to open a fresh corpus and clean it up. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty corpus; \`open\` opens another connection to it (as another process would). */
  fresh(): Promise<{
    corpus: Corpus;
    open: () => Promise<Corpus>;
    /** The database's indexes by name (on PostgreSQL their definitions and constraints), sorted. */
    indexes: () => Promise<string[]>;
    cleanup: () => Promise<void>;
  }>;
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async fresh() {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-corpus-'));
    const corpus = await openCorpus({ dataDir: dir });
    return {
      corpus,
      open: () => openCorpus({ dataDir: dir }),
      indexes: async () => {
        const db = new Database(corpus.location.where, { readonly: true });
        try {
          return db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
            .pluck()
            .all() as string[];
        } finally {
          db.close();
        }
      },
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
      open: () => openCorpus({ databaseUrl: db.url }),
      indexes: async () => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          return (
            await client.query<{ index: string }>(
              `SELECT indexdef || coalesce(' ' || (SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                 WHERE c.conindid = (quote_ident(i.indexname))::regclass), '') AS index
               FROM pg_indexes i WHERE schemaname = 'public' ORDER BY indexname COLLATE "C"`,
            )
          ).rows.map((r) => r.index);
        } finally {
          await client.end();
        }
      },
      cleanup: async () => {
        await corpus.close();
        await db.drop();
      },
    };
  },
};
