/**
 * English word lists used by the entities stage, kept apart from the code that uses them (as
 * spaCy keeps `lang/en/` apart from its pipeline components): a newcomer changes what the rules
 * know by editing a list, not a function.
 */
export * from './speech.js';
export * from './function-words.js';
export * from './nouns.js';
export * from './people.js';
export * from './organisations.js';
export * from './given-names.js';
