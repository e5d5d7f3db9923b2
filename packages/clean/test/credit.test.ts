import { describe, expect, it } from 'vitest';
import { isCreditLine, parseCredit, splitCaptionCredit } from '../src/index.js';

describe('picture credits', () => {
  it('splits "X/Y via Getty Images" into the photographer and the agencies', () => {
    expect(parseCredit('Ana Ruiz/Picture Desk/NurPhoto via Getty Images')).toEqual({
      raw: 'Ana Ruiz/Picture Desk/NurPhoto via Getty Images',
      people: ['Ana Ruiz'],
      agencies: ['Picture Desk', 'NurPhoto', 'Getty Images'],
    });
  });

  it('title-cases a photographer written in capitals', () => {
    expect(parseCredit('JOHN MACDOUGALL/AFP via Getty Images').people).toEqual(['John Macdougall']);
  });

  it('reads the agency first in "AP Photo/Name"', () => {
    expect(parseCredit('AP Photo/Evan Park')).toMatchObject({ people: ['Evan Park'], agencies: ['AP Photo'] });
  });

  it('reads a name-shaped segment after a photographer as the outlet', () => {
    expect(parseCredit('Photo: Lee Chan/Harbour Courier')).toMatchObject({
      people: ['Lee Chan'],
      agencies: ['Harbour Courier'],
    });
  });

  it.each([
    '(Igor Petrov/Reuters)',
    'Photo: Jane Smith',
    'Credit: Metropolitan Police',
    '© Alamy',
    'Photograph by Tom Green',
    'Getty Images',
    'Image copyright EPA',
    'REUTERS/Anna Lee',
  ])('recognises the credit line %s', (line) => {
    expect(isCreditLine(line)).toBe(true);
  });

  it.each([
    'He said the decision was final.',
    'The and/or question stayed open',
    'Prices rose 4%/year in the capital',
    'A short line without a credit',
  ])('does not take %s for a credit', (line) => {
    expect(isCreditLine(line)).toBe(false);
  });

  it('separates a caption from its trailing credit', () => {
    expect(splitCaptionCredit('Fans cheer in the square. (Mia Holt/AFP via Getty Images)')).toEqual({
      caption: 'Fans cheer in the square.',
      credit: 'Mia Holt/AFP via Getty Images',
    });
    expect(splitCaptionCredit('The council met on Monday (in private).')).toBeUndefined();
  });
});
