import { wordSet } from '../words.js';

/** Small words skipped when reading an organisation's initials or head word. */
export const nameConnectors = wordSet(`of and for the in on at to & de du des la le der die`);

/** Legal-form suffixes: "Google" is "Google LLC". */
export const corporateSuffixes = wordSet(
  `inc corp corporation co company ltd limited llc plc group holdings ag sa gmbh nv bv`,
);

/**
 * Trade words firms are named with, which a name of a person, a work or an event does not end in:
 * "Big Machine Records", "Dick Clark Productions" (not dropped from the name, as a legal form is).
 */
export const tradeWords = wordSet(`records productions studios pictures`);

/**
 * Words that, right after a name (or its possessive), show it is a company and not a person:
 * "Time Warner shares", "Time Warner's board". Only words a person's name is not followed by.
 */
export const companyContextWords = wordSet(
  `shares stock stockholders shareholders subsidiary subsidiaries headquarters employees workforce
  board merger`,
);
