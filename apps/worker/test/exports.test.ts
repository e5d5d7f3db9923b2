import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/worker')).sort()).toEqual([
    'FAULT_MODULE_ENV',
    'PROCESSOR_FILE',
    'STAGE_MEMORY_MB',
    'StageError',
    'StageRunner',
    'processJob',
    'runStagesHere',
    'startFeedPoller',
    'startWorker',
  ]);
});
