import path from 'node:path';
import { SqliteCorpus } from './sqlite.js';
import type { Corpus } from './types.js';

/** Where the corpus is: a PostgreSQL URL, else a SQLite file. */
export interface OpenCorpusOptions {
  /** `postgres://…`: use PostgreSQL (several machines can share it). */
  databaseUrl?: string;
  /** The SQLite file when no `databaseUrl` is given. */
  file?: string;
  /** The folder of published articles: the SQLite file defaults to `<dataDir>/corpus.sqlite`. */
  dataDir?: string;
  /** PostgreSQL connections kept open. Default 4. */
  poolSize?: number;
  /** SQLite page cache per connection, MB. Default 32 (the viewer's reads); a writer needs less. */
  cacheMb?: number;
}

/** The SQLite file's name inside a data folder (a file, so it never looks like an article folder). */
export const CORPUS_FILE = 'corpus.sqlite';

/**
 * Open (and create or migrate) the corpus index: PostgreSQL when `databaseUrl` is given, else the
 * SQLite file (`file`, or `corpus.sqlite` in `dataDir`). Resolves once the schema is current;
 * a database that cannot be reached rejects with a message naming it (password hidden).
 */
export async function openCorpus(options: OpenCorpusOptions): Promise<Corpus> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(options.databaseUrl))
      throw new Error('DATABASE_URL must be a postgres:// URL (the SQLite index needs no URL: leave it unset)');
    // The PostgreSQL driver is loaded only for a PostgreSQL corpus: most runs index into SQLite.
    const { PostgresCorpus } = await import('./postgres.js');
    const corpus = new PostgresCorpus({
      databaseUrl: options.databaseUrl,
      ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    });
    try {
      await corpus.ready();
    } catch (error) {
      await corpus.close().catch(() => undefined);
      throw error;
    }
    return corpus;
  }
  const file = options.file ?? (options.dataDir ? path.join(options.dataDir, CORPUS_FILE) : undefined);
  if (!file) throw new TypeError('openCorpus: give databaseUrl, file or dataDir');
  return new SqliteCorpus({ file, ...(options.cacheMb !== undefined ? { cacheMb: options.cacheMb } : {}) });
}
