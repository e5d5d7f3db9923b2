import { describe, expect, it } from 'vitest';
import type { EntityLabel } from '@galley/document';
import { resolveEntities, slugify } from '../src/lib/resolve.js';

/** Mentions given as `[surface, label]` in text order; each surface is found after the previous one. */
function mentionsOf(text: string, names: Array<[string, EntityLabel]>) {
  let from = 0;
  return names.map(([surface, label]) => {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`"${surface}" not in text`);
    from = start + surface.length;
    return { start, end: start + surface.length, label };
  });
}

function resolve(text: string, names: Array<[string, EntityLabel]>) {
  const result = resolveEntities(text, mentionsOf(text, names), []);
  const byId = new Map(result.entityIndex.map((e) => [e.id, e]));
  return {
    ...result,
    /** Canonical name of each mention, in order. */
    names: result.entities.map((m) => `${text.slice(m.start, m.end)} → ${byId.get(m.entity)!.name}`),
  };
}

describe('entity resolution', () => {
  it('links surnames and first names to the full name', () => {
    const text = 'Aleksei Sergeev spoke. Later Sergeev left, and Aleksei returned.';
    const r = resolve(text, [
      ['Aleksei Sergeev', 'PERSON'],
      ['Sergeev', 'PERSON'],
      ['Aleksei', 'PERSON'],
    ]);
    expect(r.names).toEqual([
      'Aleksei Sergeev → Aleksei Sergeev',
      'Sergeev → Aleksei Sergeev',
      'Aleksei → Aleksei Sergeev',
    ]);
    expect(r.entityIndex).toEqual([
      {
        id: 'person-aleksei-sergeev',
        label: 'PERSON',
        name: 'Aleksei Sergeev',
        aliases: ['Sergeev', 'Aleksei'],
        mentions: 3,
      },
    ]);
  });

  it('links a surname the tagger mislabelled, and relabels it', () => {
    const text = 'Anastasia Zalutskaya ruled. Zalutskaya wrote.';
    const r = resolve(text, [
      ['Anastasia Zalutskaya', 'PERSON'],
      ['Zalutskaya', 'ORG'],
    ]);
    expect(new Set(r.entities.map((m) => m.entity)).size).toBe(1);
    expect(r.entities[1].label).toBe('PERSON');
  });

  it('sends a surname two people share to the one the article brought in first', () => {
    // News copy names the relative in full or by first name; the bare surname is the person the
    // story is about, even after the relative was named.
    const text =
      'Ahmed Rami was arrested at school. His father Omar Rami said he would sue. Rami returned to class; Rami smiled.';
    const r = resolve(text, [
      ['Ahmed Rami', 'PERSON'],
      ['Omar Rami', 'PERSON'],
      ['Rami', 'PERSON'],
      ['Rami', 'PERSON'],
    ]);
    expect(r.names).toEqual([
      'Ahmed Rami → Ahmed Rami',
      'Omar Rami → Omar Rami',
      'Rami → Ahmed Rami',
      'Rami → Ahmed Rami',
    ]);
  });

  it('links initials, honorifics and capitalised variants', () => {
    const text = 'Olga Maltseva took it. (OLGA MALTSEVA/AFP) Ms Maltseva and O. Maltseva agreed.';
    const r = resolve(text, [
      ['Olga Maltseva', 'PERSON'],
      ['OLGA MALTSEVA', 'PERSON'],
      ['AFP', 'ORG'],
      ['Ms Maltseva', 'PERSON'],
      ['O. Maltseva', 'PERSON'],
    ]);
    const ids = r.entities.filter((m) => m.label === 'PERSON').map((m) => m.entity);
    expect(new Set(ids)).toEqual(new Set(['person-olga-maltseva']));
    expect(r.entityIndex[0].name).toBe('Olga Maltseva');
  });

  it('reads "X, otherwise known as Y" and "X (Y)" as aliases, even when the tagger missed Y', () => {
    const text =
      'The Federal Service for Supervision of Communications, otherwise known as the Roskomnadzor, acted. ' +
      'The World Health Organization (WHO) warned. Roskomnadzor and the WHO disagreed.';
    const r = resolve(text, [
      ['Federal Service for Supervision of Communications', 'ORG'],
      ['World Health Organization', 'ORG'],
      ['Roskomnadzor', 'ORG'],
      ['WHO', 'ORG'],
    ]);
    expect(r.names).toEqual([
      'Federal Service for Supervision of Communications → Federal Service for Supervision of Communications',
      'Roskomnadzor → Federal Service for Supervision of Communications',
      'World Health Organization → World Health Organization',
      'WHO → World Health Organization',
      'Roskomnadzor → Federal Service for Supervision of Communications',
      'WHO → World Health Organization',
    ]);
  });

  it('links acronyms and short forms of organisations mentioned before or after', () => {
    const text =
      'The Alliance spoke first. Members of the Alliance of Straights and LGBT for Equality met the ' +
      'North Atlantic Treaty Organization and Apple Inc. The Alliance, NATO and Apple agreed.';
    const r = resolve(text, [
      ['Alliance', 'MISC'],
      ['Alliance of Straights and LGBT for Equality', 'ORG'],
      ['North Atlantic Treaty Organization', 'ORG'],
      ['Apple Inc.', 'ORG'],
      ['Alliance', 'ORG'],
      ['NATO', 'ORG'],
      ['Apple', 'ORG'],
    ]);
    expect(r.names.map((n) => n.split(' → ')[1])).toEqual([
      'Alliance of Straights and LGBT for Equality',
      'Alliance of Straights and LGBT for Equality',
      'North Atlantic Treaty Organization',
      'Apple Inc.',
      'Alliance of Straights and LGBT for Equality',
      'North Atlantic Treaty Organization',
      'Apple Inc.',
    ]);
    expect(r.entities[0].label).toBe('ORG');
  });

  it('treats "St. Petersburg" and "St Petersburg" as one place, but not a demonym as its country', () => {
    const text = 'In St. Petersburg and St Petersburg, Russian activists left Russia.';
    const r = resolve(text, [
      ['St. Petersburg', 'LOC'],
      ['St Petersburg', 'LOC'],
      ['Russian', 'MISC'],
      ['Russia', 'LOC'],
    ]);
    expect(r.entityIndex.map((e) => [e.id, e.mentions])).toEqual([
      ['loc-st-petersburg', 2],
      ['misc-russian', 1],
      ['loc-russia', 1],
    ]);
  });

  it('trims possessives, stray quotes and a leading "the" from name spans', () => {
    const text = 'The Alliance’s page and “Sergeev said';
    const r = resolveEntities(
      text,
      [
        { start: 0, end: 14, label: 'ORG' },
        { start: 24, end: 32, label: 'PERSON' },
      ],
      [],
    );
    expect(r.entities.map((m) => text.slice(m.start, m.end))).toEqual(['Alliance', 'Sergeev']);
  });

  it('gives dates one record per value and keeps their values', () => {
    const text = 'On 19 March and again on March 19 it rained; 2019 too.';
    const r = resolveEntities(
      text,
      [],
      [
        { start: 3, end: 11, label: 'DATE', value: '--03-19' },
        { start: 25, end: 33, label: 'DATE', value: '--03-19' },
        { start: 45, end: 49, label: 'DATE', value: '2019' },
      ],
    );
    expect(r.entityIndex).toEqual([
      { id: 'date-03-19', label: 'DATE', name: '19 March', aliases: ['March 19'], mentions: 2 },
      { id: 'date-2019', label: 'DATE', name: '2019', aliases: [], mentions: 1 },
    ]);
    expect(r.entities[1]).toMatchObject({ entity: 'date-03-19', value: '--03-19' });
  });

  it('drops a name the tagger found inside a date', () => {
    const text = 'On 19 March Sergeev spoke.';
    const r = resolveEntities(
      text,
      [
        { start: 6, end: 11, label: 'MISC' },
        { start: 12, end: 19, label: 'PERSON' },
      ],
      [{ start: 3, end: 11, label: 'DATE', value: '--03-19' }],
    );
    expect(r.entities.map((m) => m.label)).toEqual(['DATE', 'PERSON']);
  });

  it('makes unique slug ids', () => {
    expect(slugify('Zoë Ñúñez-Smith & Co.')).toBe('zoe-nunez-smith-co');
    const text = 'Paris Hilton and Paris';
    const r = resolve(text, [
      ['Paris Hilton', 'ORG'],
      ['Paris', 'LOC'],
    ]);
    expect(r.entityIndex.map((e) => e.id)).toEqual(['org-paris-hilton', 'loc-paris']);
  });

  it('rejoins an organisation name the tagger cut at an enumeration comma, and labels by the full name', () => {
    const text =
      'The Federal Service for Supervision of Communications, Information Technology and Mass Media, otherwise known as ' +
      'the Roskomnadzor, acted. Later the Roskomnadzor fined it.';
    const r = resolve(text, [
      ['Federal Service for Supervision of Communications', 'ORG'],
      ['Information Technology and Mass Media', 'LOC'],
      ['Roskomnadzor', 'LOC'],
      ['Roskomnadzor', 'LOC'],
    ]);
    expect(r.entities.map((m) => [text.slice(m.start, m.end), m.label])).toEqual([
      ['Federal Service for Supervision of Communications, Information Technology and Mass Media', 'ORG'],
      ['Roskomnadzor', 'ORG'],
      ['Roskomnadzor', 'ORG'],
    ]);
    expect(new Set(r.entities.map((m) => m.entity)).size).toBe(1);
  });

  it("drops titles from a person's canonical name, keeping the titled form as an alias", () => {
    const text = 'Sen. Margaret Ellison spoke. Ms. Ellison left.';
    const r = resolve(text, [
      ['Sen. Margaret Ellison', 'PERSON'],
      ['Ms. Ellison', 'PERSON'],
    ]);
    expect(r.entityIndex).toEqual([
      {
        id: 'person-margaret-ellison',
        label: 'PERSON',
        name: 'Margaret Ellison',
        aliases: ['Sen. Margaret Ellison', 'Ms. Ellison'],
        mentions: 2,
      },
    ]);
  });
});

describe('alias clusters across an article', () => {
  it('joins "Mr. Ellery", "Ellery" and "Marcus Ellery", whichever comes first', () => {
    const text = 'Mr. Ellery arrived late. Marcus Ellery, the harbour master, spoke first. Ellery left.';
    expect(
      resolve(text, [
        ['Mr. Ellery', 'PERSON'],
        ['Marcus Ellery', 'PERSON'],
        ['Ellery', 'PERSON'],
      ]).names,
    ).toEqual(['Mr. Ellery → Marcus Ellery', 'Marcus Ellery → Marcus Ellery', 'Ellery → Marcus Ellery']);
  });

  it('reads a middle initial and a generational suffix as the same person, a surname after them too', () => {
    const text =
      'Henry T. Osgood Jr. pleaded guilty. Henry Osgood Jr. will be sentenced in May. Osgood declined to comment.';
    expect(
      resolve(text, [
        ['Henry T. Osgood Jr.', 'PERSON'],
        ['Henry Osgood Jr.', 'PERSON'],
        ['Osgood', 'PERSON'],
      ]).names,
    ).toEqual([
      'Henry T. Osgood Jr. → Henry T. Osgood Jr.',
      'Henry Osgood Jr. → Henry T. Osgood Jr.',
      'Osgood → Henry T. Osgood Jr.',
    ]);
  });

  it('keeps a son apart from his father of the same name', () => {
    const text = 'Arthur Penhale Jr. spoke after Arthur Penhale did.';
    const got = resolve(text, [
      ['Arthur Penhale Jr.', 'PERSON'],
      ['Arthur Penhale', 'PERSON'],
    ]).names;
    expect(new Set(got.map((g) => g.split(' → ')[1])).size).toBe(2);
  });

  it('gives a bare surname to the father, not to the son named last', () => {
    const text = 'Arthur Penhale spoke first. Arthur Penhale Jr. spoke next. Penhale left early.';
    expect(
      resolve(text, [
        ['Arthur Penhale', 'PERSON'],
        ['Arthur Penhale Jr.', 'PERSON'],
        ['Penhale', 'PERSON'],
      ]).names,
    ).toEqual([
      'Arthur Penhale → Arthur Penhale',
      'Arthur Penhale Jr. → Arthur Penhale Jr.',
      'Penhale → Arthur Penhale',
    ]);
  });

  it('joins an acronym defined in the text, with or without brackets, digits for "for" and "to" included', () => {
    const text =
      'Nurses for Rural Clinics, NRC, wrote to the board. The Council to Protect Fens (CPF) agreed. ' +
      'Later the NRC and the CPF met. Parents 4 Safer Crossings, P4SC, joined them; P4SC paid.';
    expect(
      resolve(text, [
        ['Nurses for Rural Clinics', 'ORG'],
        ['NRC', 'ORG'],
        ['Council to Protect Fens', 'ORG'],
        ['CPF', 'ORG'],
        ['NRC', 'ORG'],
        ['CPF', 'ORG'],
        ['Parents 4 Safer Crossings', 'ORG'],
        ['P4SC', 'ORG'],
        ['P4SC', 'ORG'],
      ]).names,
    ).toEqual([
      'Nurses for Rural Clinics → Nurses for Rural Clinics',
      'NRC → Nurses for Rural Clinics',
      'Council to Protect Fens → Council to Protect Fens',
      'CPF → Council to Protect Fens',
      'NRC → Nurses for Rural Clinics',
      'CPF → Council to Protect Fens',
      'Parents 4 Safer Crossings → Parents 4 Safer Crossings',
      'P4SC → Parents 4 Safer Crossings',
      'P4SC → Parents 4 Safer Crossings',
    ]);
  });

  it('gives "the Alliance" to the long name it is the head of', () => {
    const text = 'The Alliance of Weavers and Dyers for Fair Trade met. The Alliance said it would appeal.';
    expect(
      resolve(text, [
        ['Alliance of Weavers and Dyers for Fair Trade', 'ORG'],
        ['Alliance', 'ORG'],
      ]).names,
    ).toEqual([
      'Alliance of Weavers and Dyers for Fair Trade → Alliance of Weavers and Dyers for Fair Trade',
      'Alliance → Alliance of Weavers and Dyers for Fair Trade',
    ]);
  });
});
