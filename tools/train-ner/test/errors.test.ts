import { describe, expect, it } from 'vitest';
import { fromIob } from '@galley/entities/tagger';
import { entityErrors, errorGroup } from '../src/errors.js';

const ORG = 1;

describe('entityErrors', () => {
  const words = ['staff', 'of', 'the', 'CPA', 'met', 'Ray', "'s", 'Pizza', 'and', 'MSN', 'Explorer', 'users'];
  const gold = fromIob(['O', 'O', 'O', 'B-ORG', 'O', 'B-ORG', 'I-ORG', 'I-ORG', 'O', 'O', 'O', 'O']);

  it('names what a missed entity was taken for, a cut boundary and a made-up entity', () => {
    const predicted = fromIob(['O', 'O', 'O', 'B-MISC', 'O', 'B-PER', 'O', 'O', 'O', 'B-ORG', 'I-ORG', 'O']);
    const errors = entityErrors(words, gold, predicted, ORG);
    expect(errors.map(errorGroup)).toEqual(['tagged MISC, capitals', 'boundary PER, title', 'spurious, title']);
    expect(errors[1]).toMatchObject({ text: "Ray 's Pizza", predicted: 'Ray' });
    expect(errors[2].context).toBe("Ray 's Pizza and MSN Explorer users");
  });

  it('finds nothing when the prediction is the gold', () => {
    expect(entityErrors(words, gold, gold, ORG)).toEqual([]);
  });

  it('tells an untagged name and one that overlaps a gold entity of another type', () => {
    const people = ['google', 'hired', 'Tom', 'Smith'];
    const goldPeople = fromIob(['B-ORG', 'O', 'B-PER', 'I-PER']);
    const predicted = fromIob(['O', 'O', 'B-ORG', 'I-ORG']);
    // "Tom Smith" as ORG matches a gold span of another type: it is PER's error, not a spurious ORG.
    expect(entityErrors(people, goldPeople, predicted, ORG).map(errorGroup)).toEqual(['untagged, lower']);
    const cut = fromIob(['O', 'O', 'O', 'B-ORG']);
    expect(entityErrors(people, goldPeople, cut, ORG).map(errorGroup)).toEqual([
      'untagged, lower',
      'spurious-boundary PER, title',
    ]);
  });
});
