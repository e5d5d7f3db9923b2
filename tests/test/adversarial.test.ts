import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { errorCode } from '@galley/document';
import { processArticle } from '@galley/pipeline';
// Plain JavaScript, shared with the bench script (bench/adversarial.mjs).
import { type Generator, fileName, generators } from '../lib/adversarial.mjs';

/** Two sizes eight times apart: linear work grows eightfold, quadratic work sixty-four-fold. */
const SMALL = 8 * 1024;
const LARGE = 8 * SMALL;
/**
 * Loose on purpose, and a ratio, never a duration: fixed costs make small inputs relatively
 * slow (ratios under 8), a busy machine adds noise; a quadratic stage would show 64.
 */
const MAX_TIME_RATIO = 32;
/**
 * Times under this are mostly timer and scheduler noise: a small run of 2 ms against a large one
 * of 60 ms says nothing. A stage quadratic at these sizes takes far longer at the large one.
 */
const NOISE_FLOOR_MS = 20;
/** Document size grows with the input: eightfold, give or take what a title or refusal adds. */
const MAX_SIZE_RATIO = 12;

interface Outcome {
  ms: number;
  /** Characters of the document as JSON; 0 when refused. */
  size: number;
  refused?: string;
}

async function run(generator: Generator, bytes: number): Promise<Outcome> {
  const input = generator.make(bytes);
  const start = performance.now();
  try {
    const article = await processArticle(input, { format: generator.format, path: fileName(generator) });
    return { ms: performance.now() - start, size: JSON.stringify(article).length };
  } catch (error) {
    // A refusal with a code and a reason is a bound; anything else is a crash.
    const code = errorCode(error);
    if (!code?.startsWith('GALLEY_INPUT_')) throw error;
    return { ms: performance.now() - start, size: 0, refused: `${code}: ${(error as Error).message}` };
  }
}

/** The faster of a few runs: the one least disturbed by the rest of the machine. */
async function best(generator: Generator, bytes: number): Promise<Outcome> {
  const runs = [await run(generator, bytes), await run(generator, bytes)];
  return runs.sort((a, b) => a.ms - b.ms)[0];
}

describe('every stage is linear on adversarial input (time and size between two sizes)', () => {
  it.each(generators.map((g) => [g.name, g] as const))(
    '%s',
    async (_name, generator) => {
      await run(generator, SMALL); // warm-up: first calls load lexicons and compile patterns
      const small = await best(generator, SMALL);
      const large = await best(generator, LARGE);
      const ratio = large.ms / Math.max(small.ms, NOISE_FLOOR_MS);
      console.info(
        `${generator.name}: ${small.ms.toFixed(0)} ms → ${large.ms.toFixed(0)} ms (×${ratio.toFixed(1)})${large.refused ? `, refused: ${large.refused}` : ''}`,
      );
      expect(ratio, 'time grows faster than the input').toBeLessThan(MAX_TIME_RATIO);
      if (small.size && large.size) expect(large.size / small.size).toBeLessThan(MAX_SIZE_RATIO);
      // Markup the reader will not parse is refused with the way out.
      if (large.refused && generator.format !== 'text' && large.refused.startsWith('GALLEY_INPUT_INVALID'))
        expect(large.refused).toMatch(/--format text/);
    },
    120_000,
  );
});
