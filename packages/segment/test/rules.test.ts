import { describe, expect, it } from 'vitest';
import { sentences } from './helpers.js';

describe('stops', () => {
  it('splits at periods, question marks and exclamation marks', () => {
    expect(sentences('The vote is Monday. Who will win? Nobody knows!')).toEqual([
      'The vote is Monday.',
      'Who will win?',
      'Nobody knows!',
    ]);
  });
  it('keeps doubled stops together', () => {
    expect(sentences('Really?! Yes. Wow!! Fine.')).toEqual(['Really?!', 'Yes.', 'Wow!!', 'Fine.']);
  });
  it('splits when no space follows the stop before a capitalised word', () => {
    expect(sentences('The fund closed.Investors lost 2,000.Nobody noticed.')).toEqual([
      'The fund closed.',
      'Investors lost 2,000.',
      'Nobody noticed.',
    ]);
  });
  it('starts informal lower-case sentences but not after a digit', () => {
    expect(sentences('great food. we will be back')).toEqual(['great food.', 'we will be back']);
    expect(sentences('Use version 2. it works')).toEqual(['Use version 2. it works']);
  });
});

describe('abbreviations', () => {
  it('never ends a sentence at a title before a name', () => {
    expect(sentences('Dr. Alvarez met Gen. Okafor and Sen. Brandt at Mt. Hood.')).toHaveLength(1);
  });
  it('ends a sentence after a company abbreviation only before a sentence opener', () => {
    expect(sentences('Shares of Acme Corp. rose. They fell later at Acme Inc. Chief offices.')).toEqual([
      'Shares of Acme Corp. rose.',
      'They fell later at Acme Inc. Chief offices.',
    ]);
    expect(sentences('The deal went to Harlow & Co. It closed on Friday.')).toEqual([
      'The deal went to Harlow & Co.',
      'It closed on Friday.',
    ]);
  });
  it('treats dotted abbreviations like U.S. and a.m. by what follows', () => {
    expect(sentences('She moved to the U.S. Army base. She moved to the U.S. The army followed.')).toEqual([
      'She moved to the U.S. Army base.',
      'She moved to the U.S.',
      'The army followed.',
    ]);
    expect(sentences('We met at 9 a.m. on the pier.')).toHaveLength(1);
  });
  it('keeps months and states with what follows', () => {
    expect(sentences('It opened Jan. 5 in Hartford, Conn. and closed in Sept. last year.')).toHaveLength(1);
    expect(sentences('The plant is in Dayton, Ohio. The mill is in Austin, Tex. The port is busy.')).toEqual([
      'The plant is in Dayton, Ohio.',
      'The mill is in Austin, Tex.',
      'The port is busy.',
    ]);
  });
  it('does not end a sentence at i.e. or e.g.', () => {
    expect(sentences('Bring fruit, e.g. Apples or pears.')).toHaveLength(1);
  });
  it('keeps numbered abbreviations with their number', () => {
    expect(sentences('See No. 4 and p. 12 of Vol. 3 for details.')).toHaveLength(1);
  });
});

describe('initials', () => {
  it('keeps a middle initial with the surname', () => {
    expect(sentences('Mary K. Ortiz won. Then J. R. Hale spoke.')).toEqual([
      'Mary K. Ortiz won.',
      'Then J. R. Hale spoke.',
    ]);
  });
  it('ends a sentence at a capital letter before a sentence opener', () => {
    expect(sentences('The winner was Plan B. The others failed.')).toEqual([
      'The winner was Plan B.',
      'The others failed.',
    ]);
  });
});

describe('numbers', () => {
  it('does not split decimals, and splits after a number that ends a sentence', () => {
    expect(sentences('Prices rose 3.5 percent to $12.75. Analysts were surprised.')).toEqual([
      'Prices rose 3.5 percent to $12.75.',
      'Analysts were surprised.',
    ]);
  });
  it('splits inline numbered and lettered lists', () => {
    expect(sentences('1) Collect the forms 2) Sign them 3) Post them')).toEqual([
      '1) Collect the forms',
      '2) Sign them',
      '3) Post them',
    ]);
    expect(sentences('a. Water b. Bread c. Salt')).toEqual(['a. Water', 'b. Bread', 'c. Salt']);
  });
  it('does not take a year for a list item', () => {
    expect(sentences('1. The plan dates from 2010. 2. It was revised in 2015.')).toEqual([
      '1. The plan dates from 2010.',
      '2. It was revised in 2015.',
    ]);
  });
});

describe('ellipses', () => {
  it('ends a sentence at an ellipsis before a capital', () => {
    expect(sentences('I waited.... Nobody came.')).toEqual(['I waited....', 'Nobody came.']);
    expect(sentences('And then... Silence returned.')).toEqual(['And then...', 'Silence returned.']);
  });
  it('keeps an ellipsis inside a sentence', () => {
    expect(sentences('It was ... well, odd . . . and then it passed.')).toHaveLength(1);
    expect(sentences('"The report [...] was late [...]" (Smith 4).')).toHaveLength(1);
  });
  it('puts a spaced ellipsis after a period at the start of the next sentence', () => {
    expect(sentences('The house was quiet. . . . The dog slept.')).toEqual([
      'The house was quiet.',
      '. . . The dog slept.',
    ]);
  });
});

describe('quotes and brackets after stops', () => {
  it('absorbs closing quotes and brackets into the sentence', () => {
    expect(sentences('He said, “We will win.” Then he left. (It was late.) The end?” she asked.')).toEqual([
      'He said, “We will win.”',
      'Then he left.',
      '(It was late.)',
      'The end?” she asked.',
    ]);
  });
  it('continues after a quotation followed by a lower-case attribution', () => {
    expect(sentences('"Leave now!" she shouted. "Why?" he asked.')).toEqual([
      '"Leave now!" she shouted.',
      '"Why?" he asked.',
    ]);
  });
  it('continues after a bracketed stop followed by lower case', () => {
    expect(sentences('The study (published in May.) was cited.')).toHaveLength(1);
  });
  it('keeps an emoticon with the sentence it closes', () => {
    expect(sentences('Loved it! :) Will come back.')).toEqual(['Loved it! :)', 'Will come back.']);
  });
});

describe('addresses', () => {
  it('never splits inside a URL or an e-mail address', () => {
    expect(
      sentences('Write to press.office@city.gov.uk. Files are at https://data.city.gov.uk/v2/Index.Html. Thanks.'),
    ).toEqual([
      'Write to press.office@city.gov.uk.',
      'Files are at https://data.city.gov.uk/v2/Index.Html.',
      'Thanks.',
    ]);
  });
  it('does not split a domain written with a capital', () => {
    expect(sentences('Posted via Example.Com today.')).toHaveLength(1);
  });
});

describe('blocks and lines', () => {
  it('treats every block boundary as a sentence boundary', () => {
    const text = 'Budget Talks Stall\n\nThe council met on Monday and\n\nit adjourned.';
    expect(
      sentences(text, [
        { type: 'heading', start: 0, end: 18, depth: 2 },
        { type: 'paragraph', start: 20, end: 49 },
        { type: 'paragraph', start: 51, end: 64 },
      ]),
    ).toEqual(['Budget Talks Stall', 'The council met on Monday and', 'it adjourned.']);
  });
  it('does not split at a single line break inside a sentence', () => {
    expect(sentences('The council met on Monday\nand adjourned early.')).toEqual([
      'The council met on Monday\nand adjourned early.',
    ]);
  });
  it('splits after a heading-like line without a stop', () => {
    expect(sentences('Why the vote matters\nThe council decides the budget.')).toEqual([
      'Why the vote matters',
      'The council decides the budget.',
    ]);
  });
  it('splits before list items on their own lines', () => {
    expect(sentences('You will need:\n- a passport\n- two photos')).toEqual([
      'You will need:',
      '- a passport',
      '- two photos',
    ]);
  });
  it('splits after a time stamp line and a date line', () => {
    expect(sentences('Ann Lee 06/02/2001 10:53 AM Please call me.')).toEqual([
      'Ann Lee',
      '06/02/2001 10:53 AM',
      'Please call me.',
    ]);
    expect(sentences('Monday, March 5, 2007 The festival opened.')).toEqual([
      'Monday, March 5, 2007',
      'The festival opened.',
    ]);
  });
  it('ends a salutation before the letter, but not an introductory word before "I"', () => {
    expect(sentences('Hi David, Please send the file.')).toEqual(['Hi David,', 'Please send the file.']);
    expect(sentences('Yesterday, I sent the file.')).toHaveLength(1);
  });
  it('ends a closing formula before the name', () => {
    expect(sentences('See you then. Best regards, Maria')).toEqual(['See you then.', 'Best regards,', 'Maria']);
  });
});

describe('input validation', () => {
  it('rejects text that is not a string and blocks outside the text', () => {
    expect(() => sentences(42 as unknown as string)).toThrow(/text must be a string/);
    expect(() => sentences('short', [{ type: 'paragraph', start: 0, end: 99 }])).toThrow(/blocks\[0\]/);
    expect(() =>
      sentences('ab cd', [
        { type: 'paragraph', start: 3, end: 5 },
        { type: 'paragraph', start: 0, end: 2 },
      ]),
    ).toThrow(/sorted/);
  });
  it('returns no sentences for empty or blank text', () => {
    expect(sentences('')).toEqual([]);
    expect(sentences(' \n\t ')).toEqual([]);
  });
});

describe('hard-wrapped paragraphs', () => {
  it('does not take a short wrapped line inside a paragraph for a heading', () => {
    expect(sentences('Talks resumed with\nJohn Smith on Monday.')).toHaveLength(1);
    expect(sentences('The minister said on Monday that she had met the envoy\nJohn Smith and\nAnna Lee.')).toHaveLength(
      1,
    );
  });
  it('still splits consecutive short lines that open a block', () => {
    expect(sentences('Jane Doe\nHead of Sales\nPlease call me.')).toEqual([
      'Jane Doe',
      'Head of Sales',
      'Please call me.',
    ]);
  });
});
