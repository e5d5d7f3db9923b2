import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../src/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sharedDir = path.resolve(repoRoot, '..', 'shared');

/** What bench/golden.mjs exports (a plain script, so it has no type declarations). */
interface GoldenModule {
  UPDATE_COMMAND: string;
  compareGolden(options: {
    runPipeline: typeof runPipeline;
    groups: string[];
    update: boolean;
  }): Promise<{ differences: string[]; covered: number; missing: string[] }>;
}

// A computed specifier keeps TypeScript from looking for declarations of the script.
const goldenScript = path.join(repoRoot, 'bench/golden.mjs');
const golden = (await import(goldenScript)) as GoldenModule;

/** Fail with every difference and the way to re-record when the change of output is intended. */
async function expectGolden(groups: string[]): Promise<void> {
  // UPDATE_FIXTURES=1 re-records instead, as every package's fixture tests do (npm run fixtures:update).
  const update = process.env.UPDATE_FIXTURES === '1';
  const { differences, covered } = await golden.compareGolden({ runPipeline, groups, update });
  expect(covered, `no article of ${groups.join(', ')} found`).toBeGreaterThan(0);
  const message = [
    `${differences.length} golden outputs of ${groups.join(', ')} differ:`,
    ...differences,
    'If the new output is intended (e.g. a retrained tagger model), re-record the golden files with',
    `  ${golden.UPDATE_COMMAND}`,
    'and review the diff of packages/pipeline/test/fixtures/ before committing it.',
  ].join('\n');
  expect(differences, message).toEqual([]);
}

describe('golden outputs (JSON, Markdown and HTML are unchanged)', () => {
  it('matches the recorded outputs of the repo samples', async () => {
    await expectGolden(['samples']);
  }, 60_000);

  const sharedPresent = existsSync(sharedDir);
  if (!sharedPresent) console.log(`golden: skipping the seed and GUM corpus: shared data not found at ${sharedDir}`);
  it.skipIf(!sharedPresent)(
    'matches the recorded outputs of the seed and the GUM news corpus',
    async () => {
      await expectGolden(['seed', 'gum']);
    },
    120_000,
  );
});
