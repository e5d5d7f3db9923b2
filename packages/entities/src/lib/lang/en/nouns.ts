import { wordSet } from '../words.js';

/** Nouns for a text that speaks for an organisation: "the statement read". */
export const documentNouns = wordSet(`
  statement statements report letter document documents release ruling filing post notice decision
  announcement message website judgment verdict complaint memo email tweet study survey lawsuit
  analysis commentary editorial
`);

/** People who speak for an organisation: "a VKontakte spokesperson said". */
export const spokesNouns = wordSet(`
  spokesperson spokesman spokeswoman spokespeople representative representatives rep official officials
  source sources press office aide aides
`);

/** Nouns that stand for an organisation named before: "the company said", "the agency said". */
export const organisationNouns = wordSet(`
  company firm group agency ministry department union regulator force police court council government
  party organisation organization charity bank club committee commission network platform authority
  watchdog coalition alliance university hospital team airline retailer broadcaster newspaper
  foundation institute board startup manufacturer maker carrier insurer lender operator developer
  publisher association federation label studio league office outlet chain paper magazine tabloid
  radio television station channel
`);

/** Nouns for people that also say their gender: "the spokeswoman", "the actress". */
export const femaleNouns = wordSet(`
  spokeswoman chairwoman congresswoman businesswoman actress woman women girl mother wife daughter sister
  grandmother aunt widow queen princess duchess countess baroness
`);
export const maleNouns = wordSet(`
  spokesman chairman congressman businessman man men boy father husband son brother grandfather
  uncle widower king prince duke count baron
`);

/** Groups a person leads, spoken of with them: "Paganini and his team wrote", "Reyes and her colleagues said". */
export const ledGroupNouns = wordSet(`
  team colleagues coauthors co-authors collaborators researchers lab
`);
