export { default, tagEntities, tagText, type Options } from './lib/entities.js';
export { tokenize, type Token } from './lib/tokenize.js';
export { findNameMentions, type NameMention } from './lib/mentions.js';
