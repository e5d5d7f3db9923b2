import { wordSet } from '../words.js';

/** Titles that precede a name but are not part of its identity ("Ms Ellison", "Judge Andrew Kerr"). */
export const personTitles = wordSet(`
  mr mrs ms miss mx dr prof professor sir dame lord lady rev fr judge justice president sen senator rep
  gov governor mayor minister chancellor general gen col colonel capt captain lt sgt sergeant detective
  inspector officer coach prince princess king queen pope bishop archbishop rabbi imam father sister
  chief superintendent prosecutor
`);

/** Titles that say a person's gender. */
export const femaleTitles = wordSet(`mrs ms miss dame lady princess queen sister madam`);
export const maleTitles = wordSet(`mr sir lord prince king father`);

/**
 * Given names by gender beyond the English lists (general knowledge of names common in world
 * news), to match "he" and "she" to people.
 */
export const femaleNameAdditions = wordSet(`
  natalia natalya olga tatiana tatyana irina svetlana elena yelena ekaterina yekaterina anastasia marina
  ludmila lyudmila galina nadezhda oksana yulia daria darya valentina ksenia sofia fatima aisha priya
  lucia carmen isabel hillary kamala ursula giorgia marine christine angela
  kate liz beth becky jen jenny katie meg sue debbie vicky
`);
export const maleNameAdditions = wordSet(`
  boris vladimir aleksei alexei alexey sergei sergey dmitry dmitri ivan igor mikhail nikolai andrei
  andrey yuri oleg pavel viktor maxim kirill anton evgeny yevgeny ilya denis artem volodymyr emmanuel
  olaf rishi keir barack xi narendra recep mohammed muhammad ahmed ali omar hassan carlos jose juan luis
  pedro miguel antonio giuseppe marco luca hans klaus wolfgang pierre jean francois
  tim nick rick rob greg ted tony andy lewis cam jim dave pete phil fred
`);

/** Surname endings that mark gender in Slavic languages (Zalutskaya, Petrova; Sergeev, Navalny). */
export const FEMALE_SURNAME = /(?:ova|eva|ina|aya|ska|yna)$/;
export const MALE_SURNAME = /(?:ov|ev|in|sky|ski|ny|iy)$/;

/**
 * Words before a role that make it another role: "the vice president" is not "the president",
 * nor "the former senator" the one in office.
 */
export const roleQualifiers = wordSet(`vice deputy assistant associate lieutenant former`);
