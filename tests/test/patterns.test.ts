import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** Length of every adversarial input. */
const LENGTH = 100_000;

/**
 * Generous: a linear pass over 100k characters takes milliseconds, a quadratic one minutes. The
 * budget only has to tell those apart on a loaded two-core machine.
 */
const STAGE_BUDGET_MS = 10_000;

/**
 * Units that, repeated, make backtracking patterns blow up: long runs of one class followed by a
 * character that makes the match fail at the very end, for each kind of pattern the stages use
 * (sentence ends, abbreviations, initials, quotes, numbers, white space, markup, mojibake).
 */
const units: ReadonlyArray<[string, string]> = [
  ['spaces', ' '],
  ['spaces then x', ' '],
  ['tabs and spaces', '\t '],
  ['newlines', '\n'],
  ['blank lines with spaces', '\n \n'],
  ['no-break spaces', '\u00a0'],
  ['dots', '.'],
  ['dots then x', '.'],
  ['a-dot', 'a.'],
  ['a-dot-space', 'a. '],
  ['capital-dot-space', 'A. '],
  ['capitals', 'A'],
  ['capital words', 'ABC '],
  ['title-case words', 'Abc '],
  ['dotted acronym', 'U.S.'],
  ['abbreviation', 'Mr. '],
  ['exclamations', '!?'],
  ['straight double quotes', '"'],
  ['curly quotes', '\u201c\u201d'],
  ['open curly quotes', '\u201c'],
  ['straight single quotes', "'"],
  ['quote-dot-space', '." '],
  ['dot-quote', '."'],
  ['apostrophe-s', "'s"],
  ['digits', '9'],
  ['digit-comma', '1,'],
  ['digit-dot', '1.'],
  ['dashes', '-'],
  ['em dashes', '\u2014'],
  ['commas', ','],
  ['parentheses', '('],
  ['brackets-link', ']('],
  ['angle brackets', '<'],
  ['html tags', '<p>'],
  ['asterisks', '*'],
  ['underscores', '_'],
  ['hashes', '#'],
  ['backticks', '`'],
  ['ampersand entities', '&amp;'],
  ['mojibake', '\u00c3\u00a9'],
  ['mojibake lead bytes', '\u00c2'],
  ['soft hyphens', '\u00ad'],
  ['zero-width spaces', '\u200b'],
  ['emoji', '\ud83d\ude00'],
  ['combining marks', 'e\u0301'],
  ['colons', ':'],
  ['slashes', '/'],
  ['front-matter fences', '---\n'],
];

interface StageTime {
  stage: string;
  ms: number;
  error?: string;
}

/** Run every stage's plain function over `input` in a worker thread, terminating it at the budget. */
function timeStages(input: string): Promise<{ times: StageTime[]; stuck?: string; error?: string }> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../lib/stage-worker.mjs', import.meta.url), { workerData: { input } });
    const times: StageTime[] = [];
    let current = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: { stuck?: string; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve({ times, ...result });
    };
    worker.on(
      'message',
      (message: { stage?: string; started?: boolean; ms?: number; error?: string; done?: boolean }) => {
        if (message.done) return finish({});
        if (message.started && message.stage) {
          current = message.stage;
          clearTimeout(timer);
          timer = setTimeout(() => finish({ stuck: current }), STAGE_BUDGET_MS);
        } else if (message.stage && message.ms !== undefined) {
          times.push({ stage: message.stage, ms: message.ms, ...(message.error ? { error: message.error } : {}) });
        }
      },
    );
    worker.on('error', (error) => finish({ error: `${current}: ${error.message}` }));
  });
}

describe('every stage is linear on adversarial 100k-character input', () => {
  it.each(units)(
    '%s',
    async (name, unit) => {
      const run = unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
      // "then x" cases end the run with a character that makes a greedy match fail at the last moment.
      const input = name.endsWith('then x') ? `${run}x` : run;
      const result = await timeStages(input);
      const slowest = [...result.times].sort((a, b) => b.ms - a.ms)[0];
      if (slowest) console.info(`${name}: slowest stage ${slowest.stage} ${slowest.ms.toFixed(0)} ms`);
      expect(result.stuck, `stage over ${STAGE_BUDGET_MS} ms`).toBeUndefined();
      expect(result.error, 'worker crashed').toBeUndefined();
      // A refusal with a reason (InputError) is a valid answer; any other error is a bug.
      const crashes = result.times.filter((t) => t.error && !t.error.startsWith('InputError'));
      expect(crashes).toEqual([]);
      expect(result.times.filter((t) => t.ms > STAGE_BUDGET_MS)).toEqual([]);
    },
    20 * STAGE_BUDGET_MS,
  );
});
