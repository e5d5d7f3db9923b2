import { expect, it } from 'vitest';

// The public API, pinned: an export cannot vanish (or appear) without this list changing with it.
it('exports its public API', async () => {
  expect(Object.keys(await import('@galley/entities')).sort()).toEqual([
    'PlaceTable',
    'addPlaces',
    'attributeQuotes',
    'contract',
    'default',
    'defaultOptions',
    'defaultPlaces',
    'findNameMentions',
    'findNumericMentions',
    'findQuoteSpans',
    'resolveEntities',
    'slugify',
    'tagText',
    'tokenize',
  ]);
  // Importing the package loads the tagger's model: seconds on a busy machine.
}, 30_000);
