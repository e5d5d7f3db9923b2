export * from './lib/schema.js';
export * from './lib/data.js';
export * from './lib/id.js';
export * from './lib/errors.js';
export * from './lib/search.js';
export * from './lib/title.js';
