export { contract, default, defaultOptions, tagText, type Options } from './lib/entities.js';
export { tokenize, type Token } from './lib/tokenize.js';
export { findNameMentions, type NameMention } from './lib/mentions.js';
export { findNumericMentions, type NumericMention, type NumericLabel } from './lib/numeric.js';
export { findQuoteSpans } from './lib/quotes.js';
export { resolveEntities, slugify, type RawMention, type Resolution } from './lib/resolve.js';
export { attributeQuotes, type AttributeOptions } from './lib/speakers.js';
export { addPlaces, defaultPlaces, PlaceTable } from './lib/places.js';
