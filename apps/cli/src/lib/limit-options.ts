import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_MS } from '@galley/pipeline/runner';
import type { OptionSpecs, OptionValues } from './command.js';
import { positiveInt } from './numbers.js';

/**
 * The per-article budget, shared by `process` and `worker`: one definition, so an article gets
 * the same limits, the same flags and the same refusal whichever command runs it.
 */
export const limitOptions = {
  'time-limit': {
    type: 'string',
    value: 'SECONDS',
    help: `per article; an article over it is stopped and fails (default ${DEFAULT_TIME_LIMIT_MS / 1000})`,
  },
  'memory-limit': {
    type: 'string',
    value: 'MB',
    help: `heap per article's stage thread; an article over it fails (default ${DEFAULT_MEMORY_LIMIT_MB})`,
  },
} as const satisfies OptionSpecs;

/** The limits {@link limitOptions} ask for, checked; absent ones are left to the defaults. */
export function readLimitOptions(values: OptionValues<typeof limitOptions>): {
  timeLimitMs?: number;
  memoryLimitMb?: number;
} {
  const seconds = positiveInt(values['time-limit'], '--time-limit');
  const memoryLimitMb = positiveInt(values['memory-limit'], '--memory-limit');
  return {
    ...(seconds ? { timeLimitMs: seconds * 1000 } : {}),
    ...(memoryLimitMb ? { memoryLimitMb } : {}),
  };
}
