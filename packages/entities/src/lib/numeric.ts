/** Labels the rule layer produces. */
export type NumericLabel = 'DATE' | 'TIME' | 'MONEY' | 'PERCENT' | 'CARDINAL';

/** A date, time, amount or number found by the rules, with its normalised value when known. */
export interface NumericMention {
  start: number;
  end: number;
  label: NumericLabel;
  /** ISO 8601 for DATE/TIME (partial such as `--03-19` when the year is unknown). */
  value?: string;
}

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[6-9]\\d\\d|20\\d\\d)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const NUMBER = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const SCALE = '(?:\\s?(?:million|billion|trillion|bn|m|k)\\b)?';
const CURRENCY_WORD =
  '(?:dollars?|euros?|pounds?(?: sterling)?|roubles?|rubles?|yen|yuan|rupees?|francs?|' +
  'USD|EUR|GBP|RUB|JPY|CNY|CHF)';
/**
 * Words after which a bare four-digit number is a year ("in 2019", "founded in 2012"); without
 * such context "2000 people" stays a number.
 */
const YEAR_CONTEXT = `(?:${[
  'in',
  'since',
  'by',
  'from',
  'of',
  'until',
  'till',
  'before',
  'after',
  'during',
  'around',
  'circa',
  'early',
  'late',
  'mid',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'between',
  'and',
  'to',
  'through',
  'year',
  'years',
  'season',
  'election',
  'census',
  'budget',
]
  .map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`)
  .join('|')})`;

/**
 * One alternation, tried left to right at each position, so longer forms ("19 March 2019") win
 * over their parts ("19 March", "2019"). The leading look-ahead lets most positions fail at once:
 * every form starts with a digit, a capital, a currency sign or the first two letters of a
 * lower-case relative date or decade ("last", "next", "the"/"this", "today"/"tomorrow",
 * "yesterday"). Every quantifier is bounded or over disjoint classes, so matching stays linear.
 */
const numericPattern = new RegExp(
  '(?=[\\d$£€¥₽A-Z]|la|ne|t[ho]|ye)(?:' +
    [
      `(?<dmy>\\b(?:${WEEKDAY},?\\s)?(?<dmyDay>${DAY})\\s(?:of\\s)?(?<dmyMonth>${MONTH})(?:,?\\s(?<dmyYear>${YEAR}))?(?![\\p{L}\\d]))`,
      `(?<mdy>\\b(?:${WEEKDAY},?\\s)?(?<mdyMonth>${MONTH})\\s(?<mdyDay>${DAY})(?:,?\\s(?<mdyYear>${YEAR}))?(?![\\p{L}\\d]))`,
      `(?<my>\\b(?<myMonth>${MONTH})\\s(?<myYear>${YEAR})(?![\\p{L}\\d]))`,
      `(?<iso>\\b(?<isoDate>${YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01]))(?![\\p{L}\\d]))`,
      `(?<decade>\\b(?:the\\s)?(?<decadeDigits>1[6-9]\\d0|20\\d0)s\\b)`,
      `(?<relative>\\b(?:(?<relWhich>[Ll]ast|[Tt]his|[Nn]ext)\\s(?<relUnit>year|month|week)|(?<relDay>[Yy]esterday|[Tt]oday|[Tt]omorrow))\\b)`,
      `(?<weekday>\\b${WEEKDAY}\\b)`,
      `(?<time>\\b(?<hour>1[0-2]|0?[1-9])(?:[:.](?<minute>[0-5]\\d))?\\s?(?<meridiem>[ap]\\.?m\\.?|[AP]M)(?![\\p{L}\\d])|\\b(?<hour24>[01]?\\d|2[0-3]):(?<minute24>[0-5]\\d)\\b)`,
      `(?<money>(?:US\\$|[$£€¥₽])\\s?${NUMBER}${SCALE}|\\b${NUMBER}${SCALE}\\s${CURRENCY_WORD}\\b)`,
      `(?<percent>\\b${NUMBER}\\s?(?:%|per\\s?cent\\b|percentage points?\\b))`,
      // The digit is checked before the look-behind, which would otherwise run at every word start.
      `(?<year>(?=\\d)(?<=\\b${YEAR_CONTEXT}[\\s-])${YEAR}(?![\\p{L}\\d]|[,.]\\d|%))`,
      `(?<cardinal>(?<![\\p{L}\\d.,-])${NUMBER}${SCALE}(?![\\p{L}\\d]))`,
    ].join('|') +
    ')',
  'gu',
);

const pad = (n: number) => String(n).padStart(2, '0');

/** Month number 1–12 of a month name or abbreviation. */
function monthNumber(name: string): number {
  return monthNames.findIndex((m) => m.startsWith(name.replace('.', '').toLowerCase().slice(0, 3))) + 1;
}

/** ISO date (or `--MM-DD` when no year is known). */
function isoDate(year: number | undefined, month: number, day: number): string {
  return year === undefined ? `--${pad(month)}-${pad(day)}` : `${year}-${pad(month)}-${pad(day)}`;
}

/** The reference date a relative expression counts from: the publication date when valid. */
function referenceDate(published: string | undefined): Date | undefined {
  if (!published) return undefined;
  const date = new Date(published);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Value of "last year", "this month", "yesterday" relative to the publication date. */
function relativeValue(groups: Record<string, string | undefined>, ref: Date | undefined): string | undefined {
  if (!ref) return undefined;
  const year = ref.getUTCFullYear();
  const month = ref.getUTCMonth() + 1;
  if (groups.relDay) {
    const shift = { yesterday: -1, today: 0, tomorrow: 1 }[groups.relDay.toLowerCase()] ?? 0;
    return new Date(ref.getTime() + shift * 86_400_000).toISOString().slice(0, 10);
  }
  const step = { last: -1, this: 0, next: 1 }[(groups.relWhich ?? '').toLowerCase()] ?? 0;
  if (groups.relUnit === 'year') return String(year + step);
  if (groups.relUnit === 'month') {
    const index = year * 12 + (month - 1) + step;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  }
  return undefined;
}

/** Parse the year digits of a match, or fall back to the publication year. */
function yearOf(digits: string | undefined, ref: Date | undefined): number | undefined {
  if (digits) return Number(digits);
  return ref?.getUTCFullYear();
}

/**
 * Dates, times, money, percentages and plain numbers in `text`, by rules (no model), sorted and
 * non-overlapping. `published` (ISO 8601) anchors relative dates and supplies missing years.
 */
export function findNumericMentions(text: string, published?: string): NumericMention[] {
  const ref = referenceDate(published);
  const mentions: NumericMention[] = [];
  numericPattern.lastIndex = 0;
  for (let match = numericPattern.exec(text); match; match = numericPattern.exec(text)) {
    const g = match.groups as Record<string, string | undefined>;
    const start = match.index;
    const end = start + match[0].length;
    let label: NumericLabel = 'DATE';
    let value: string | undefined;
    if (g.dmy) {
      value = isoDate(yearOf(g.dmyYear, ref), monthNumber(g.dmyMonth!), Number.parseInt(g.dmyDay!, 10));
    } else if (g.mdy) {
      // "May 1" needs its day; a bare "May" is the verb as often as the month.
      value = isoDate(yearOf(g.mdyYear, ref), monthNumber(g.mdyMonth!), Number.parseInt(g.mdyDay!, 10));
    } else if (g.my) {
      value = `${g.myYear}-${pad(monthNumber(g.myMonth!))}`;
    } else if (g.iso) {
      value = g.isoDate;
    } else if (g.decade) {
      value = g.decadeDigits!.slice(0, 3);
    } else if (g.relative) {
      value = relativeValue(g, ref);
    } else if (g.weekday) {
      value = undefined;
    } else if (g.time) {
      label = 'TIME';
      let hour = Number(g.hour ?? g.hour24);
      const minute = Number(g.minute ?? g.minute24 ?? 0);
      const pm = g.meridiem?.toLowerCase().startsWith('p');
      if (g.meridiem) hour = (hour % 12) + (pm ? 12 : 0);
      value = `T${pad(hour)}:${pad(minute)}`;
    } else if (g.money) {
      label = 'MONEY';
    } else if (g.percent) {
      label = 'PERCENT';
    } else if (g.year) {
      value = g.year;
    } else {
      label = 'CARDINAL';
    }
    mentions.push(value === undefined ? { start, end, label } : { start, end, label, value });
  }
  return mentions;
}
