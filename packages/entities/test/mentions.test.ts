import { describe, expect, it } from 'vitest';
import { findNameMentions, type NameMention } from '../src/index.js';

/** Mentions of a one-sentence text as "LABEL:text". */
function names(text: string): string[] {
  return findNameMentions(text, [{ start: 0, end: text.length }]).map(
    (m: NameMention) => `${m.label}:${text.slice(m.start, m.end)}`,
  );
}

describe('findNameMentions', () => {
  it('leaves titles outside person spans', () => {
    expect(names('Judge Maria Lopez ruled on Tuesday that the merger could go ahead.')).toContain('PERSON:Maria Lopez');
    expect(names('President Emmanuel Macron said the trip was cancelled.')).toContain('PERSON:Emmanuel Macron');
    expect(names('The ruling by judge Anna Petrova angered activists.')).toContain('PERSON:Anna Petrova');
  });

  it('leaves possessives outside the span, with straight and typographic apostrophes', () => {
    expect(names('Emmanuel Macron’s office in Paris declined to comment.')).toEqual([
      'PERSON:Emmanuel Macron',
      'LOC:Paris',
    ]);
    expect(names("Germany's finance ministry said on Monday that Siemens's results were strong.")).toEqual([
      'LOC:Germany',
      'ORG:Siemens',
    ]);
  });

  it('finds names in ALL CAPS headlines', () => {
    expect(names('BORIS JOHNSON RESIGNS AS BRITISH PRIME MINISTER')).toEqual(['PERSON:BORIS JOHNSON', 'MISC:BRITISH']);
  });

  it('handles typographic quotes, en dashes and no-break spaces', () => {
    const text =
      'The ruling by judge Anna\u00a0Petrova – a former prosecutor – was called “unjust” by Amnesty International in London’s courts.';
    expect(names(text)).toEqual(['PERSON:Anna\u00a0Petrova', 'ORG:Amnesty International', 'LOC:London']);
  });

  it('applies news patterns that settle an organisation across the article', () => {
    const text = 'Users of Zorbix, the country’s biggest social network, complained. Zorbix said it would comply.';
    const sentences = [
      { start: 0, end: 66 },
      { start: 67, end: text.length },
    ];
    const mentions = findNameMentions(text, sentences).map((m) => `${m.label}:${text.slice(m.start, m.end)}`);
    expect(mentions).toEqual(['ORG:Zorbix', 'ORG:Zorbix']);
    // An agency credit is no person, whether the tagger's span takes in "Images" or not.
    const credit = names('Photo by Jane Roe for Getty Images');
    expect(credit.filter((m) => m.includes('Getty'))).toEqual([expect.stringMatching(/^ORG:Getty( Images)?$/)]);
  });

  it('keeps an official name that enumerates its fields whole, but not a list of names', () => {
    expect(names('The Department for Culture, Media and Sport said the plan was sound.')).toContain(
      'ORG:Department for Culture, Media and Sport',
    );
    const list = names('The Board of Trade, Google and Apple met in Geneva.');
    expect(list).toContain('ORG:Google');
    expect(list.some((m) => m.includes('Trade, Google'))).toBe(false);
  });

  it('keeps an official name whole however the tagger cuts its enumeration', () => {
    for (const name of [
      'Ministry of Industry, Trade and Energy',
      'Department of Housing and Urban Development',
      'Commission for Science, Technology and Innovation',
      'Agency for Supervision of Fisheries, Information Technology and Coastal Planning',
    ]) {
      const list = names(`Officials of the ${name} met on Friday in Lagos.`);
      expect(list).toContain(`ORG:${name}`);
      expect(list.filter((m) => m.startsWith('ORG:'))).toHaveLength(1);
    }
  });

  it('keeps lists of separate names apart', () => {
    expect(names('Google, Apple and Microsoft reported higher profits on Thursday.')).toEqual([
      'ORG:Google',
      'ORG:Apple',
      'ORG:Microsoft',
    ]);
    expect(names('France, Germany and Italy signed the treaty in Rome.')).toEqual([
      'LOC:France',
      'LOC:Germany',
      'LOC:Italy',
      'LOC:Rome',
    ]);
    const banks = names('The Bank of England, Barclays and HSBC agreed on the rules.');
    expect(banks).toContain('ORG:Barclays');
    expect(banks.some((m) => m.includes('England, Barclays'))).toBe(false);
    expect(names('The Board of Education, Apple and Amazon signed a deal.')).toEqual([
      'ORG:Board of Education',
      'ORG:Apple',
      'ORG:Amazon',
    ]);
    expect(names('Staff of the Office for Students and Oxford University met.')).toEqual([
      'ORG:Office for Students',
      'ORG:Oxford University',
    ]);
    expect(names('The University of Chicago and Harvard sued.')).toEqual(['ORG:University of Chicago', 'ORG:Harvard']);
  });

  it('uses the whole text as one document and returns sorted, non-overlapping spans', () => {
    const text = 'Alliance members met in Moscow. The Alliance said it would appeal. Sergeev declined to comment.';
    const sentences = [
      { start: 0, end: 31 },
      { start: 32, end: 66 },
      { start: 67, end: text.length },
    ];
    const mentions = findNameMentions(text, sentences);
    for (let i = 1; i < mentions.length; i++) expect(mentions[i].start).toBeGreaterThanOrEqual(mentions[i - 1].end);
    expect(mentions.map((m) => text.slice(m.start, m.end))).toContain('Moscow');
  });

  it('keeps a name from a Title Case headline only when the body writes it so too', () => {
    const title = 'Volunteers Pull Two Tonnes of Rubbish From the Alder River';
    const body = 'Volunteers cleaned the Alder River on Saturday, said Fiona Grant of the local trust.';
    const text = `${title}\n\n${body}`;
    const sentences = [
      { start: 0, end: title.length },
      { start: title.length + 2, end: text.length },
    ];
    const inTitle = findNameMentions(text, sentences)
      .filter((m) => m.end <= title.length)
      .map((m) => text.slice(m.start, m.end));
    expect(inTitle.every((name) => body.includes(name))).toBe(true);
    expect(inTitle).not.toContain('Rubbish From');
  });

  it('rejects sentences outside the text', () => {
    expect(() => findNameMentions('short', [{ start: 0, end: 50 }])).toThrow(RangeError);
  });
});

describe('findNameMentions on a sentence with no end (issue 23)', () => {
  it('tags a sentence of thousands of words in pieces, keeping names and offsets in place', () => {
    const filler = 'and the market went up '.repeat(600);
    const text = `${filler}when Angela Merkel spoke in Berlin ${filler}`;
    const found = names(text);
    expect(found).toEqual(names('when Angela Merkel spoke in Berlin'));
    expect(found.length).toBeGreaterThan(0);
    const [first] = findNameMentions(text, [{ start: 0, end: text.length }]);
    expect(first.start).toBeGreaterThan(2000);
  });
});
