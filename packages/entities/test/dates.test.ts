import { describe, expect, it } from 'vitest';
import { findNumericMentions } from '../src/lib/numeric.js';

const tag = (text: string, published?: string) =>
  findNumericMentions(text, published).map((m) => ({
    text: text.slice(m.start, m.end),
    label: m.label,
    value: m.value,
  }));

describe('dates', () => {
  it('normalises day-month and month-day dates, with or without a year', () => {
    expect(tag('It was removed on 19 March at the behest of the regulator.')).toEqual([
      { text: '19 March', label: 'DATE', value: '--03-19' },
    ]);
    expect(tag('Activists marched on May 1, 2013, in the city.')).toEqual([
      { text: 'May 1, 2013', label: 'DATE', value: '2013-05-01' },
    ]);
    expect(tag('The vote is on Tuesday, 4 June 2024.')[0]).toEqual({
      text: 'Tuesday, 4 June 2024',
      label: 'DATE',
      value: '2024-06-04',
    });
  });

  it('takes the missing year from the publication date', () => {
    expect(tag('It was removed on 19 March.', '2021-04-02T10:00:00Z')[0].value).toBe('2021-03-19');
  });

  it('tags bare years only where the context makes them years', () => {
    const text =
      'In 2019, prosecutors acted. The group was founded in 2012 and the law passed in 2013 – 2000 people marched.';
    expect(tag(text).filter((m) => m.label === 'DATE')).toEqual([
      { text: '2019', label: 'DATE', value: '2019' },
      { text: '2012', label: 'DATE', value: '2012' },
      { text: '2013', label: 'DATE', value: '2013' },
    ]);
    expect(tag(text).find((m) => m.text === '2000')?.label).toBe('CARDINAL');
  });

  it('resolves relative dates against the publication date', () => {
    expect(tag('Last year a student was expelled; yesterday he appealed.', '2021-04-02')).toEqual([
      { text: 'Last year', label: 'DATE', value: '2020' },
      { text: 'yesterday', label: 'DATE', value: '2021-04-01' },
    ]);
    expect(tag('Last year a student was expelled.')[0]).toEqual({ text: 'Last year', label: 'DATE', value: undefined });
  });

  it('reads month-year, ISO dates and decades', () => {
    expect(tag('in March 2020, on 2020-03-05, and in the 1990s').map((m) => m.value)).toEqual([
      '2020-03',
      '2020-03-05',
      '199',
    ]);
  });

  it('does not take "May" the verb for a month', () => {
    expect(tag('They may appeal, and May could resign.')).toEqual([]);
  });
});

describe('times, money, percentages and numbers', () => {
  it('normalises clock times', () => {
    expect(
      tag('The rally began at 3pm and ended at 10:30 p.m.; doors opened at 14:05.').map((m) => [
        m.text,
        m.label,
        m.value,
      ]),
    ).toEqual([
      ['3pm', 'TIME', 'T15:00'],
      ['10:30 p.m.', 'TIME', 'T22:30'],
      ['14:05', 'TIME', 'T14:05'],
    ]);
  });

  it('tags amounts, percentages and plain numbers', () => {
    const text =
      'Fines of $1.5 million, 300,000 roubles and €20bn; turnout fell 12.5% (about 4 per cent) among 32,000 followers.';
    expect(tag(text).map((m) => [m.text, m.label])).toEqual([
      ['$1.5 million', 'MONEY'],
      ['300,000 roubles', 'MONEY'],
      ['€20bn', 'MONEY'],
      ['12.5%', 'PERCENT'],
      ['4 per cent', 'PERCENT'],
      ['32,000', 'CARDINAL'],
    ]);
  });

  it('leaves numbers inside words alone', () => {
    expect(tag('COVID-19 and the G20 summit')).toEqual([]);
  });
});
