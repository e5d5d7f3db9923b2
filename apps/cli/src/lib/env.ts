import path from 'node:path';

/**
 * Where published articles live: `--out`/`--data` when given, else `GALLEY_DATA`, else
 * `./data/articles`. The CLI, the worker and the viewer all use this, so they agree by default.
 */
export function dataDir(flag?: string): string {
  return path.resolve(flag || process.env.GALLEY_DATA || 'data/articles');
}
