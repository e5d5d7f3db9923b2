import path from 'node:path';

/**
 * Where published articles live: `--out`/`--data` when given, else `GALLEY_DATA`, else
 * `./data/articles`. The CLI, the worker and the viewer all use this, so they agree by default.
 */
export function dataDir(flag?: string): string {
  return path.resolve(flag || process.env.GALLEY_DATA || 'data/articles');
}

/** Where the data folder came from, for messages: `--out`, `GALLEY_DATA` or the default. */
export function dataDirSource(flag: string | undefined, option: string): string {
  if (flag) return option;
  return process.env.GALLEY_DATA ? 'GALLEY_DATA' : 'the default data folder';
}

/** A path as the user reads it best: relative when under the current folder, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Where the corpus index is: PostgreSQL at `DATABASE_URL` when it is set, else the SQLite file
 * beside the published articles (`<data>/corpus.sqlite`).
 */
export function corpusOptions(data: string): { dataDir: string; databaseUrl?: string } {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  return databaseUrl ? { dataDir: data, databaseUrl } : { dataDir: data };
}
