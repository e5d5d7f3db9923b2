import { describe, expect, it } from 'vitest';
import { entityHref, entityKey, normaliseName } from '../src/index.js';

describe('normaliseName', () => {
  it('ignores case, accents, spacing, edge punctuation and a leading "the"', () => {
    expect(normaliseName('The  Kremlin')).toBe('kremlin');
    expect(normaliseName('“Zoë Ødegård,”')).toBe('zoe ødegard');
    expect(normaliseName('São Paulo')).toBe(normaliseName('sao paulo'));
  });

  it('keeps names that only start like "the"', () => {
    expect(normaliseName('Theresa May')).toBe('theresa may');
  });

  it('is linear on adversarial input', () => {
    const hostile = `${'.'.repeat(100_000)}x${' '.repeat(100_000)}`;
    expect(normaliseName(hostile)).toBe('x');
  });
});

describe('entityKey and entityHref', () => {
  it('groups by label and normalised name', () => {
    expect(entityKey('ORG', 'The FMA')).toBe(entityKey('ORG', 'fma'));
    expect(entityKey('ORG', 'FMA')).not.toBe(entityKey('PERSON', 'FMA'));
  });

  it('makes URL-safe links', () => {
    expect(entityHref('ORG', 'AT&T / Bell?')).toBe('/entities/ORG/at%26t%20%2F%20bell%3F');
  });
});
