import { describe, expect, it } from 'vitest';
import { fixMojibake, normaliseQuotes, repairText } from '../src/index.js';

describe('text repair', () => {
  it('undoes UTF-8 read as Windows-1252', () => {
    expect(fixMojibake('itâ€™s a â€œtestâ€\u009d â€” naÃ¯ve cafÃ©')).toBe('it’s a “test” — naïve café');
  });

  it('leaves real Latin-1 text alone', () => {
    expect(fixMojibake('Âge, À la carte, São Paulo')).toBe('Âge, À la carte, São Paulo');
  });

  it('removes invisible characters and collapses every kind of space', () => {
    expect(repairText(' a\u00a0b\u200bc\u00add\u202ee\u0000f \n\t g\u2003h ')).toBe('a bcdef g h');
  });

  it('leaves quotes alone unless asked', () => {
    expect(repairText('the “law“ and "this"')).toBe('the “law“ and "this"');
    expect(repairText('the “law“ and "this"', { quotes: true })).toBe('the “law” and “this”');
  });

  it('curls straight quotes and apostrophes by position', () => {
    expect(normaliseQuotes(`She said "it's 'fine'" today.`)).toBe('She said “it’s ‘fine’” today.');
  });

  it('runs in linear time on adversarial input', () => {
    const long = 'Ã'.repeat(50_000) + '"'.repeat(50_000) + '\u00a0 '.repeat(50_000);
    expect(repairText(long, { quotes: true }).length).toBeGreaterThan(0);
  });
});
