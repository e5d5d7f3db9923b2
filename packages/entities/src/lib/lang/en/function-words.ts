import { wordSet } from '../words.js';

/** Words between a subject and its verb that do not break the clause ("he also said", "has told"). */
export const interveners = wordSet(`
  also has have had was is were later then once previously recently further again would will never
  often reportedly simply earlier subsequently repeatedly publicly privately famously bluntly candidly
  flatly last proudly angrily quietly instead now still even finally initially first already did does
  allegedly tearfully jokingly sheepishly
`);

/** Words that open a noun phrase: "the coordinator said", "a spokeswoman for X said". */
export const determiners = wordSet(`the a an its his her their our this that`);

/**
 * Words that cannot be part of a role or title before a name: prepositions, conjunctions,
 * pronouns, determiners, auxiliaries ("told Tim Cook" is not a role "told").
 */
export const nonRoleWords = wordSet(`
  and or but to by with from for of in on at as about against that than when while if after before
  since like via into onto between among under over including whom who where is was are were be been
  not so because the a an his her their its our my your this these those also
`);

/** Words that open an adverbial before a sentence's subject: "In his testimony Tuesday, Vindman said". */
export const adverbialOpeners = wordSet(`
  in on at during after before when while as although though since because if despite for with without
  under over last earlier later meanwhile instead still yet however also then now today yesterday
  according asked speaking
`);

/** Words a title leaves in lower case. */
export const titleSmallWords = wordSet(`a an the of to in on at for and or but nor by with from as s t`);
