import type { EntityRecord } from '@galley/document';
import {
  FEMALE_SURNAME,
  MALE_SURNAME,
  femaleGivenNameList,
  femaleNameAdditions,
  femaleNouns,
  femaleTitles,
  maleGivenNameList,
  maleNameAdditions,
  maleNouns,
  maleTitles,
} from '../lang/en/index.js';
import type { Gender } from './types.js';

const NAME_SPLIT = /\s+/;
let givenNames: Map<string, Gender> | undefined;

/** Given name → gender, built on first use from the lists (the hand additions win over the English lists). */
function givenNameGender(): Map<string, Gender> {
  if (givenNames) return givenNames;
  givenNames = new Map();
  for (const n of femaleGivenNameList.split(NAME_SPLIT)) if (n) givenNames.set(n, 'female');
  for (const n of maleGivenNameList.split(NAME_SPLIT)) if (n) givenNames.set(n, 'male');
  for (const n of femaleNameAdditions) givenNames.set(n, 'female');
  for (const n of maleNameAdditions) givenNames.set(n, 'male');
  return givenNames;
}

/** The gender a word says: a title ("Ms"), a gendered noun ("spokeswoman") or a pronoun. */
export function genderOfWord(word: string): Gender | undefined {
  const w = word.toLowerCase().replace('.', '');
  if (femaleTitles.has(w) || femaleNouns.has(w) || w === 'she' || w === 'her') return 'female';
  if (maleTitles.has(w) || maleNouns.has(w) || w === 'he' || w === 'him' || w === 'his') return 'male';
  return undefined;
}

/**
 * The one gender check: what a person's names tell (a title in any of its forms, then the given
 * name, then a Slavic surname ending), and whether a title told it (`titled`): a given name or a
 * surname is a guess the text can overrule (the lists give "Claude" to girls only). Undefined when
 * nothing does.
 */
export function genderOfPerson(
  record: EntityRecord,
  surfaces: readonly string[],
): { gender: Gender; titled: boolean } | undefined {
  for (const s of surfaces) {
    const first = s.split(NAME_SPLIT)[0];
    const byTitle =
      first &&
      (femaleTitles.has(first.toLowerCase().replace('.', '')) || maleTitles.has(first.toLowerCase().replace('.', '')));
    if (byTitle) return { gender: genderOfWord(first)!, titled: true };
  }
  const words = record.name.toLowerCase().split(NAME_SPLIT);
  // A name of one word is more often a surname ("Omar" for Ilhan Omar) than a given name.
  const given = words.length > 1 ? givenNameGender().get(words[0]) : undefined;
  if (given) return { gender: given, titled: false };
  const last = words[words.length - 1];
  if (words.length > 1 || surfaces.length) {
    if (FEMALE_SURNAME.test(last)) return { gender: 'female', titled: false };
    if (MALE_SURNAME.test(last)) return { gender: 'male', titled: false };
  }
  return undefined;
}

/** Whether a person can be what a gendered word refers to: `yes`, `no`, or `unknown` when the text does not say. */
export function agrees(known: Gender | undefined, wanted: Gender | undefined): 'yes' | 'no' | 'unknown' {
  if (!wanted || !known) return 'unknown';
  return known === wanted ? 'yes' : 'no';
}
