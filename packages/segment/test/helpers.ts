import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Block } from '@galley/document';
import { segmentText } from '../src/index.js';

/** The package folder, the repository root and the shared data beside it. */
export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(packageDir, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const sbdDir = path.join(sharedDir, 'benchmarks/sbd');
export const harness = path.join(sharedDir, 'tools/sbd-eval.mjs');
export const seedDir = path.join(sharedDir, 'fixtures/seed-article');
export const hasShared = existsSync(sbdDir) && existsSync(harness);
export const hasSeed = existsSync(path.join(seedDir, 'expected.json'));

/** Sentences of `text` as strings. */
export function sentences(text: string, blocks?: Block[]): string[] {
  return segmentText(text, blocks).map((s) => text.slice(s.start, s.end));
}
