import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/clean')).sort()).toEqual([
    'classifyBlock',
    'cleanByline',
    'cleanTree',
    'contract',
    'default',
    'defaultOptions',
    'fixMojibake',
    'isCreditLine',
    'normaliseQuotes',
    'parseCredit',
    'repairText',
    'sameText',
    'splitCaptionCredit',
  ]);
});
