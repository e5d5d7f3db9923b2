import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Article, parseArticle } from '@galley/document';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';

export const fixturesDir = fileURLToPath(new URL('./fixtures/articles', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const sharedDir = path.resolve(repoRoot, '../shared');

export const mainId = 'regulator-blocks-harbour-alliance-page-1a2b3c4d5e';
export const secondId = 'fma-fines-broadcaster-9f8e7d6c5b';
export const hostileId = 'hostile-article-0000000000';

/** A logger that records what the viewer logs, for assertions. */
export function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** A fresh copy of the fixtures in a temporary directory (tests may add or change files). */
export function copyFixtures(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'galley-viewer-'));
  cpSync(fixturesDir, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fixture article, parsed. */
export function fixture(id: string): Article {
  return parseArticle(JSON.parse(readFileSync(path.join(fixturesDir, id, 'article.json'), 'utf8')));
}
