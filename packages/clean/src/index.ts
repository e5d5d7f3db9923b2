export { default, clean, cleanTree, type Options } from './lib/clean.js';
