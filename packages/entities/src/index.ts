export { default, tagEntities, tagText, type Options } from './lib/entities.js';
