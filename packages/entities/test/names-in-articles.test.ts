import { describe, expect, it } from 'vitest';
import { tagText } from '../src/index.js';

/** Sentence spans: each line, cut after a full stop, question or exclamation mark followed by a space. */
function sentencesOf(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const pattern = /[^\n]+?(?:[.!?](?=\s)|$)/gm;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    if (m[0].trim() !== '') spans.push({ start, end: m.index + m[0].length });
  }
  return spans;
}

/** The named (PERSON/ORG/LOC/MISC) mentions of a text as "LABEL:text". */
function names(text: string) {
  const { entities, entityIndex } = tagText(text, sentencesOf(text));
  const named = entities.filter((e) => ['PERSON', 'ORG', 'LOC', 'MISC'].includes(e.label));
  return { mentions: named.map((e) => `${e.label}:${text.slice(e.start, e.end)}`), named, entityIndex };
}

// Articles written for these tests, in the shapes the issue reports from real pages.
const layoffs = `Brightlane cuts 2,000 jobs as rents fall

JOBS GO AS RENTS FALL

Brightlane said on Monday it would cut 2,000 jobs. A Brightlane spokesperson said the cuts would end by March. Brightlane Inc. has lost money every quarter since 2018.

Maria Castellano, who runs the firm's European arm from Madrid, said staff at Brightlane had been told. Castellano said the offices in Lisbon would stay open. Brightlane's shares fell 4%.

The Rt Hon member for Dunmere asked about Brightlane in Group E of the committee.`;

const premiere = `Harriet Vance was greeted by fans at the premiere in Toronto on Friday.

Vance, 41, plays a detective in the film. "I loved every day of it," Vance said. Critics praised Vance for the role.

STARS ARRIVE

Later Harriet Vance thanked the crew, and the studio said Vance would return for a sequel.`;

describe('names in articles', () => {
  it('gives a company one type in the whole article ("X Inc", "X spokesperson", "at X", "X\'s shares")', () => {
    const { mentions } = names(layoffs);
    const brightlane = mentions.filter((m) => m.endsWith(':Brightlane') || m.endsWith(':Brightlane Inc.'));
    expect(brightlane.length).toBeGreaterThanOrEqual(5);
    expect(new Set(brightlane.map((m) => m.split(':')[0]))).toEqual(new Set(['ORG']));
  });

  it('never turns a person into an organisation later in the article', () => {
    const { mentions } = names(premiere);
    const vance = mentions.filter((m) => m.includes('Vance'));
    expect(vance.length).toBeGreaterThanOrEqual(5);
    expect(new Set(vance.map((m) => m.split(':')[0]))).toEqual(new Set(['PERSON']));
  });

  it('tags nothing in an all-caps subhead that the body does not name', () => {
    for (const [text, subhead] of [
      [layoffs, 'JOBS GO AS RENTS FALL'],
      [premiere, 'STARS ARRIVE'],
    ]) {
      const at = text.indexOf(subhead);
      const { named } = names(text);
      expect(named.filter((e) => e.start < at + subhead.length && e.end > at)).toEqual([]);
    }
  });

  it('takes no single letter and no honorific alone for a name', () => {
    const { mentions } = names(layoffs);
    expect(mentions.filter((m) => m.split(':')[1].replace('.', '').length <= 1)).toEqual([]);
    expect(mentions.filter((m) => /:(Rt|Hon|Rt Hon)$/.test(m))).toEqual([]);
  });

  it('says where a place is when the name is unambiguous', () => {
    const { entityIndex } = names(premiere);
    const toronto = entityIndex.find((r) => r.name === 'Toronto');
    expect(toronto?.label).toBe('LOC');
    expect(toronto?.geo).toMatchObject({ country: 'CA', geonameId: expect.any(Number) });
    expect(Math.round(toronto!.geo!.lat)).toBe(44);
    expect(entityIndex.filter((r) => r.label !== 'LOC').every((r) => r.geo === undefined)).toBe(true);
  });

  it('keeps "the U.S." a place, as the lists keep "the US"', () => {
    const text = 'Two ministers flew in from the U.S. on Sunday. Talks with the U.K. resume in June.';
    const { entityIndex } = names(text);
    expect(
      entityIndex.filter((r) => r.name === 'U.S.' || r.name === 'U.K.').map((r) => [r.name, r.label, r.geo?.country]),
    ).toEqual([
      ['U.S.', 'LOC', 'US'],
      ['U.K.', 'LOC', 'GB'],
    ]);
  });

  it('reads "the" + an unlisted one-word place as an agency, but not after a preposition of place', () => {
    expect(names('The site was blocked in March. Later the Roskomnadzor fined it.').mentions).toContain(
      'ORG:Roskomnadzor',
    );
    expect(names('Soldiers came from the Balkans.').mentions).toEqual(['LOC:Balkans']);
    expect(names('Shipping in the Pacific slowed.').mentions).toEqual(['LOC:Pacific']);
  });

  it('keeps a place a place across the article when "the" stands before it as a modifier', () => {
    // "the X offensive" alone turned every mention of an unlisted town into an agency.
    const text =
      'Fighting went on in Qarvash on Monday. Protests against the Qarvash offensive spread to the north. ' +
      'Most people have left Qarvash since May.';
    expect(names(text).mentions).toEqual(['LOC:Qarvash', 'LOC:Qarvash', 'LOC:Qarvash']);
  });

  it('keeps a person with a first name a person when an apposition names a trade companies have too', () => {
    expect(names('Jane Lorrin, a publisher in Boston, said sales fell.').mentions).toContain('PERSON:Jane Lorrin');
    expect(names('She tracked down David Gamson, a producer she admired.').mentions).toContain('PERSON:David Gamson');
  });

  it('says where a country is, and not when its name is also a US state', () => {
    const text =
      'Talks between Britain and France resumed in Brussels on Monday. ' +
      'A delegation from Georgia arrived on Tuesday.';
    const { entityIndex } = names(text);
    const geo = (name: string) => entityIndex.find((r) => r.name === name && r.label === 'LOC')?.geo;
    expect(geo('Britain')).toMatchObject({ country: 'GB', geonameId: expect.any(Number) });
    expect(geo('France')?.country).toBe('FR');
    expect(geo('France')?.admin1).toBeUndefined();
    expect(entityIndex.find((r) => r.name === 'Georgia')?.geo).toBeUndefined();
  });
});
