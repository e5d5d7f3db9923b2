import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/index.js';

// Shared data lives next to the repository (../shared from the repo root) and is never copied in.
const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const benchDir = path.join(shared, 'benchmarks/extraction/scrapinghub');
const harness = path.join(shared, 'tools/extraction-eval.mjs');
if (!existsSync(harness) || !existsSync(benchDir))
  console.warn(`skipping extraction benchmark test: ${benchDir} or its harness is absent`);

describe.skipIf(!existsSync(harness) || !existsSync(benchDir))('extraction benchmark', () => {
  it('scores F1 ≥ 0.955 with precision above Readability’s 0.914', async () => {
    const { loadDataset, loadHtml, shingleMatching, metricsFromTpFpFns } = (await import(harness)) as {
      loadDataset(dir: string): { keys: string[]; truth: Record<string, string> };
      loadHtml(dir: string, id: string): string;
      shingleMatching(t: string, p: string): [number, number, number];
      metricsFromTpFpFns(list: Array<[number, number, number]>): { f1: number; precision: number; recall: number };
    };
    const { keys, truth } = loadDataset(benchDir);
    expect(keys.length).toBe(readdirSync(path.join(benchDir, 'html')).length);
    const scores = keys.map((id) =>
      shingleMatching(
        truth[id],
        extractArticle(loadHtml(benchDir, id))
          .blocks.map((b) => b.text)
          .join('\n\n'),
      ),
    );
    const metrics = metricsFromTpFpFns(scores);
    expect(metrics.f1).toBeGreaterThanOrEqual(0.955);
    expect(metrics.precision).toBeGreaterThan(0.914);
  }, 120_000);
});
