import { describe, expect, it } from 'vitest';
import type { EntityLabel } from '@galley/document';
import { resolveEntities } from '../src/lib/resolve.js';

/** Canonical name of each mention, in order; mentions given as `[surface, label]` in text order. */
function clusters(text: string, names: Array<[string, EntityLabel]>): string[] {
  let from = 0;
  const mentions = names.map(([surface, label]) => {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`"${surface}" not in text`);
    from = start + surface.length;
    return { start, end: start + surface.length, label };
  });
  const r = resolveEntities(text, mentions, []);
  const byId = new Map(r.entityIndex.map((e) => [e.id, e.name]));
  return r.entities.map((m) => `${text.slice(m.start, m.end)} → ${byId.get(m.entity)}`);
}

describe('alias clusters across an article', () => {
  it('joins "Mr. Ellery", "Ellery" and "Marcus Ellery", whichever comes first', () => {
    const text = 'Mr. Ellery arrived late. Marcus Ellery, the harbour master, spoke first. Ellery left.';
    expect(
      clusters(text, [
        ['Mr. Ellery', 'PERSON'],
        ['Marcus Ellery', 'PERSON'],
        ['Ellery', 'PERSON'],
      ]),
    ).toEqual(['Mr. Ellery → Marcus Ellery', 'Marcus Ellery → Marcus Ellery', 'Ellery → Marcus Ellery']);
  });

  it('reads a middle initial and a generational suffix as the same person, a surname after them too', () => {
    const text =
      'Henry T. Osgood Jr. pleaded guilty. Henry Osgood Jr. will be sentenced in May. Osgood declined to comment.';
    expect(
      clusters(text, [
        ['Henry T. Osgood Jr.', 'PERSON'],
        ['Henry Osgood Jr.', 'PERSON'],
        ['Osgood', 'PERSON'],
      ]),
    ).toEqual([
      'Henry T. Osgood Jr. → Henry T. Osgood Jr.',
      'Henry Osgood Jr. → Henry T. Osgood Jr.',
      'Osgood → Henry T. Osgood Jr.',
    ]);
  });

  it('keeps a son apart from his father of the same name', () => {
    const text = 'Arthur Penhale Jr. spoke after Arthur Penhale did.';
    const got = clusters(text, [
      ['Arthur Penhale Jr.', 'PERSON'],
      ['Arthur Penhale', 'PERSON'],
    ]);
    expect(new Set(got.map((g) => g.split(' → ')[1])).size).toBe(2);
  });

  it('joins an acronym defined in the text, with or without brackets, digits for "for" and "to" included', () => {
    const text =
      'Nurses for Rural Clinics, NRC, wrote to the board. The Council to Protect Fens (CPF) agreed. ' +
      'Later the NRC and the CPF met. Parents 4 Safer Crossings, P4SC, joined them; P4SC paid.';
    expect(
      clusters(text, [
        ['Nurses for Rural Clinics', 'ORG'],
        ['NRC', 'ORG'],
        ['Council to Protect Fens', 'ORG'],
        ['CPF', 'ORG'],
        ['NRC', 'ORG'],
        ['CPF', 'ORG'],
        ['Parents 4 Safer Crossings', 'ORG'],
        ['P4SC', 'ORG'],
        ['P4SC', 'ORG'],
      ]),
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
      clusters(text, [
        ['Alliance of Weavers and Dyers for Fair Trade', 'ORG'],
        ['Alliance', 'ORG'],
      ]),
    ).toEqual([
      'Alliance of Weavers and Dyers for Fair Trade → Alliance of Weavers and Dyers for Fair Trade',
      'Alliance → Alliance of Weavers and Dyers for Fair Trade',
    ]);
  });
});
