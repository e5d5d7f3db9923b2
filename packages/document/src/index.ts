export * from './lib/schema.js';
export * from './lib/data.js';
export * from './lib/id.js';
