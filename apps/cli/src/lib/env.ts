import path from 'node:path';

/**
 * Where published articles live: `--out`/`--data` when given, else `GALLEY_DATA`, else
 * `./data/articles`. The CLI, the worker and the viewer all use this, so they agree by default.
 */
export function dataDir(flag?: string): string {
  return path.resolve(flag || process.env.GALLEY_DATA || 'data/articles');
}

/**
 * Where the corpus index is: PostgreSQL at `DATABASE_URL` when it is set, else the SQLite file
 * beside the published articles (`<data>/corpus.sqlite`).
 */
export function corpusOptions(data: string): { dataDir: string; databaseUrl?: string } {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  return databaseUrl ? { dataDir: data, databaseUrl } : { dataDir: data };
}
