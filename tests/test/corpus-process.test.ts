import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GALLEY_BIN, runGalley, userFacingProblem } from '../lib/cli.js';
import { type CorpusCase, corpus } from '../lib/corpus.js';
import { tempDir, writeCase } from '../lib/files.js';
import { articleProblems, listPublished } from '../lib/outcome.js';

// Every hostile input through the real command, one process each, killed at its time limit.
describe.skipIf(!existsSync(GALLEY_BIN))('galley process on hostile input', () => {
  let work: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    work = await tempDir('corpus');
  });
  afterAll(async () => {
    await work?.remove();
  });

  it('has at least 25 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
  });

  const cases = corpus.map((c) => [c.knownBug ? `${c.name} (known bug: ${c.knownBug})` : c.name, c] as const);
  const known = cases.filter(([, c]) => c.knownBug);
  const sound = cases.filter(([, c]) => !c.knownBug);

  async function check(testCase: CorpusCase): Promise<void> {
    const file = await writeCase(work.dir, testCase);
    const out = path.join(work.dir, `out-${testCase.name}`);
    const timeoutMs = testCase.timeoutMs ?? 20_000;
    const run = await runGalley(['process', file, '--out', out], { timeoutMs }).finally(() =>
      rm(file, { force: true }),
    );
    expect(run.timedOut, `killed after ${timeoutMs} ms`).toBe(false);
    expect(run.signal).toBeNull();
    expect(userFacingProblem(run.stderr), run.stderr.slice(0, 500)).toBeUndefined();
    const published = await listPublished(out);
    expect(published.partial, 'stray or partial files').toEqual([]);
    if (run.code === 0) {
      expect(testCase.outcome, `expected a refusal matching ${testCase.refusal}`).not.toBe('refused');
      expect(published.ids).toHaveLength(1);
      expect(await articleProblems(path.join(out, published.ids[0]), testCase)).toEqual([]);
    } else {
      expect(run.code, run.stderr).toBe(1);
      expect(testCase.outcome, `expected a document, got: ${run.stderr.trim()}`).not.toBe('document');
      const lines = run.stderr.trim().split('\n');
      expect(lines, 'one line per failed input').toHaveLength(1);
      if (testCase.refusal) expect(lines[0]).toMatch(testCase.refusal);
      expect(published.ids).toEqual([]);
    }
  }

  it.each(sound)('%s', async (_name, testCase) => check(testCase), 180_000);
  it.fails.each(known)('%s', async (_name, testCase) => check(testCase), 180_000);

  it('publishes a hostile title inside the output directory only', async () => {
    expect(existsSync('/tmp/galley-escape')).toBe(false);
  });
});
