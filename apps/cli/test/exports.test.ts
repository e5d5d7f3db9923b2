import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/cli')).sort()).toEqual([
    'collectInputs',
    'colourEnabled',
    'commands',
    'createLogger',
    'dataDir',
    'defineCommand',
    'formatHelp',
    'formatLogLine',
    'formatUsage',
    'main',
    'parseCommandLine',
    'styles',
    'version',
  ]);
  // Importing the package loads the tagger's model: seconds on a busy machine.
}, 30_000);
