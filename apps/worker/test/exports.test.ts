import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/worker')).sort()).toEqual([
    'ArticleWorker',
    'FAULT_MODULE_ENV',
    'PROGRESS_AFTER_MS',
    'WORKER_PROCESS_ENV',
    'corruptReason',
    'processJob',
    'resolveConcurrency',
    'startFeedPoller',
    'startWorker',
  ]);
  // Importing the package loads the tagger's model: seconds on a busy machine.
}, 30_000);
